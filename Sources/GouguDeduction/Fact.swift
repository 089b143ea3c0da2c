import GouguArithmetic
import GouguLanguage
import GouguProof

/// A fact's index in the store: facts are numbered in the order they are learned.
public typealias FactID = Int

/// Why a fact holds.
public enum Justification: Hashable, Sendable {
    /// Asserted by a construction of the problem (index of the clause).
    case premise(clause: Int)
    /// An instance of a theorem-library rule: its name, the facts matching its premises
    /// (in order), the variable binding, and the side conditions checked on the diagram.
    case rule(name: String, premises: [FactID], binding: [String: Int], sideConditions: [Statement])
    /// Points shown to lie on one line (or circle) by facts that each put some of them on
    /// it, chained through shared points; a restatement of a fact; or a midpoint read off a
    /// line and the certificate of its two equal halves (`certificates`).
    case chain(predicate: Predicate, facts: [FactID], certificates: [AlgebraCertificate] = [])
    /// Exact linear combinations of equations of the tables (angles modulo 180 degrees,
    /// or log-lengths): one certificate per equation the statement means, in order.
    case algebra(certificates: [AlgebraCertificate])
}

extension Justification {
    /// The facts a justification cites, directly.
    public var dependencies: [FactID] {
        switch self {
        case .premise: return []
        case .rule(_, let premises, _, _): return premises
        case .chain(_, let facts, let certificates):
            return Array(Set(facts + certificates.flatMap { $0.terms.flatMap(\.facts) })).sorted()
        case .algebra(let certificates): return Array(Set(certificates.flatMap { $0.terms.flatMap(\.facts) })).sorted()
        }
    }
}

/// Which algebraic table a certificate combines equations of.
public enum AlgebraTable: String, Hashable, Sendable {
    /// Directions of lines modulo 180 degrees (angle chasing).
    case angles
    /// Logarithms of lengths (ratio chasing).
    case ratios
    /// Lengths themselves (distance chasing: equal segments and sums of segments along a line).
    case lengths
    /// Squared lengths (Pythagoras): equal segments, and perpendicular lines ab ⊥ cd as
    /// |ac|² − |ad|² − |bc|² + |bd|² = 0, which is equivalent to the perpendicularity.
    case squares
}

/// One equation of a statement proved in one table: `Σ coefficient × equation` of the terms
/// is that equation (constants modulo 1 in the angle table).
public struct AlgebraCertificate: Hashable, Sendable {
    public var table: AlgebraTable
    public var terms: [AlgebraTerm]
    /// The equation proved, over named variables.
    public var conclusion: Proof.Expression
    /// 1, or k ≥ 2 (angles only) when the terms sum to k times the conclusion: the figure
    /// has the solution of the k that the conclusion states (`FactStore.angleMultiple`).
    public var multiple: Int = 1
}

/// Where an equation of a table comes from: one of the equations a fact's statement means
/// in that table (by position), two pairs of points of one line having one direction
/// (angles), or segment addition |ab| + |bc| = |ac| for b between a and c on a line (lengths;
/// the betweenness is read off the diagram).
public enum EquationSource: Hashable, Sendable {
    case fact(index: Int)
    case line(points: [Int])
    case segmentSum(points: [Int])
    /// The law of sines in triangle a b c (ratio table), equation `index` (0 or 1):
    /// `l(bc) − l(ca) − s(ab,ac) + s(ba,bc) = 0`, then the same for the next pair of sides.
    /// The triangle is non-degenerate in the diagram (a side condition).
    case lawOfSines(points: [Int], index: Int)
}

/// One equation of an algebraic certificate: its coefficient, what it says, and the facts it
/// comes from.
public struct AlgebraTerm: Hashable, Sendable {
    public var coefficient: Rational
    public var equation: String
    public var facts: [FactID]
    /// Which equation of its fact (or which line) it is.
    public var source: EquationSource
    /// The equation itself, `Σ coefficient × variable + constant = 0`, over variables named by
    /// points (the direction of line ab, or log |ab|) and logs of primes.
    public var expression: Proof.Expression
}

/// A fact the engine knows: a statement about points, why it holds, and when it was learned.
public struct Fact: Sendable {
    public let statement: Statement
    public let justification: Justification
    /// The saturation round that derived it (0 for premises).
    public let round: Int

    /// The facts this one is derived from, directly.
    public var dependencies: [FactID] { justification.dependencies }
}
