import GouguArithmetic
import GouguLanguage

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
    /// it, chained through shared points.
    case chain(predicate: String, facts: [FactID])
    /// An exact linear combination of equations of a table (angles modulo 180 degrees,
    /// or log-lengths), each equation coming from the facts listed with it.
    case algebra(table: AlgebraTable, terms: [AlgebraTerm])
}

extension Justification {
    /// The facts a justification cites, directly.
    public var dependencies: [FactID] {
        switch self {
        case .premise: return []
        case .rule(_, let premises, _, _): return premises
        case .chain(_, let facts): return facts
        case .algebra(_, let terms): return Array(Set(terms.flatMap(\.facts))).sorted()
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
}

/// One equation of an algebraic certificate: its coefficient, what it says, and the facts it
/// comes from.
public struct AlgebraTerm: Hashable, Sendable {
    public var coefficient: Rational
    public var equation: String
    public var facts: [FactID]
    /// The equation itself, `Σ coefficient × variable + constant = 0`, over variables named by
    /// points (the direction of line ab, or log |ab|) and logs of primes.
    public var expression: SymbolicExpression
}

/// A linear expression of an algebraic table with its variables named, so that a reader
/// (a proof checker) can use it without knowing the engine's variable numbering.
public struct SymbolicExpression: Hashable, Sendable, Codable {
    /// One term: a coefficient times the variable of a pair of points (line direction in
    /// the angle table, log-length in the ratio table) or the logarithm of a prime.
    public struct Term: Hashable, Sendable, Codable {
        public var coefficient: String
        public var points: [String]?
        public var logPrime: Int?
    }

    public var terms: [Term]
    /// The constant: in turns of 180 degrees (angle table) or 0 (ratio table).
    public var constant: String
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
