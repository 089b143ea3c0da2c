import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials

/// A problem in coordinates: every point's coordinates as exact rational functions of
/// parameters, some of which may be algebraic (roots of a quadratic *relation*).
///
/// Points are written in cartesian or isotropic coordinates (`CoordinateSystem`) and
/// placed in the order `PlacementOrder` gives (construction order, or the centre of a
/// circle through three free points first). The facts a construction asserts are given
/// to the newest point they mention, and become polynomial equations in that point's
/// coordinates `X`, `Y` over the earlier points' coordinates. Then:
/// - no equation: the point is free, two parameters (the first point is the origin, and
///   the second, when free, lies on the x-axis, in isotropic coordinates at 1: every
///   predicate is invariant under similarities, so this loses no generality);
/// - one equation: a line is parametrized by one coordinate; a circle through an earlier
///   point by the slope of the chord from it; any other quadratic curve by one free
///   coordinate and the other an algebraic parameter;
/// - two equations: two lines meet at one point (Cramer's rule); a line meets a circle
///   or a quadratic curve at the point Vieta's formula gives when the other intersection
///   is an earlier point, else at an algebraic parameter; two circles are a line (their
///   radical axis) and a circle; two other conics meet at a root of their resultant.
/// More than two equations: two are used, the others are not assumed (so a proof needs
/// fewer hypotheses than the problem states, never more).
///
/// The numeric diagram fixes every parameter's value (in the normalized frame; complex in
/// isotropic coordinates). It is
/// used only to choose (which coordinate to solve for, which earlier point is the other
/// intersection) and to check: every formula must reproduce the diagram, and every
/// polynomial the model divides by (the non-degeneracy conditions) must be nonzero there.
public struct CoordinateModel: Sendable {
    /// One variable of the polynomials: a free parameter or an algebraic one.
    public struct Variable: Sendable {
        /// Its name in the proof text (`x_c`, `t_d`, `y_d`).
        public let name: String
        /// Its value in the diagram (normalized frame).
        public let value: Complex
        /// For an algebraic variable, the polynomial it is a root of (its main variable
        /// is this variable); nil for a free parameter.
        public let relation: Polynomial?
    }

    /// A polynomial the model divides by, or whose root it takes: must not vanish.
    public struct Condition: Sendable {
        public let polynomial: Polynomial
        /// Why it must not vanish, in words.
        public let reason: String
        /// Its value in the diagram.
        public let value: Complex
    }

    /// How one point was placed, for the proof text.
    public struct Placement: Sendable {
        public let point: PointID
        /// In words: `free`, `on the line coll e a c (parameter t_e)`, ...
        public let method: String
        /// The facts that fixed it.
        public let facts: [Statement]
        public let x: RationalFunction
        public let y: RationalFunction
        /// The number of variables once the point was placed: those it introduced are the
        /// ones after the previous placement's count.
        public var variableCount: Int = 0
    }

    public let problem: Problem
    /// The coordinates points are written in.
    public let system: CoordinateSystem
    public private(set) var variables: [Variable] = []
    public private(set) var conditions: [Condition] = []
    public private(set) var placements: [Placement] = []
    /// Facts of the problem the model does not assume (a point had more than two).
    public internal(set) var unusedFacts: [Statement] = []

    /// A point the model computed that is not the problem's (the centre of similitude of
    /// two circles): a point on two lines through it is that point.
    struct VirtualPoint {
        let name: String
        let point: PlanePoint<RationalFunction>
        /// Pairs of points on a line through it by construction, with its direction.
        var linesThrough: [(points: [PointID], direction: PlanePoint<RationalFunction>)]
    }
    var virtualPoints: [VirtualPoint] = []
    /// Each point's coordinates (by index), once placed.
    private(set) var coordinates: [PlanePoint<RationalFunction>?]
    /// The points placed so far, in order.
    private(set) var placed: [PointID] = []
    /// Diagram positions in the normalized frame, in the model's coordinates.
    let frame: [PlanePoint<Complex>]
    /// Largest number of terms a coordinate may have before the model gives up.
    private let termLimit: Int
    /// Polynomials likely to divide both sides of a quotient: the denominators of the
    /// coordinates so far and the non-degeneracy conditions (tried before a gcd).
    private var knownFactors: [Polynomial] = []
    /// Largest quotient (terms above and below) always reduced by a gcd.
    private let gcdTermLimit = 40
    /// Larger quotients are reduced by a gcd when it takes at most this long...
    private let gcdTimeLimit = Duration.milliseconds(200)
    /// ... until the attempts that took too long add up to this much.
    private let gcdTimeBudget = Duration.seconds(1)
    /// Which of those gcds finished in time, in order: recorded when a proof is found, and
    /// replayed when it is checked, so that the check computes exactly what the proof did
    /// whatever the machine's speed or load.
    let gcdTrace: GcdTrace

    /// Why a problem has no coordinate model here.
    public struct Unsupported: Error, CustomStringConvertible {
        public let description: String
    }

    /// Builds the model of `diagram`'s problem; throws `Unsupported` when a construction
    /// has no supported polynomial form, or the formulas disagree with the diagram.
    ///
    /// `gcdReplay`: the decisions of a proof being checked (`gcdDecisions`), taken instead of
    /// timing the gcds.
    public init(diagram: Diagram, system: CoordinateSystem = .cartesian, termLimit: Int = 20_000,
                deadline: Date = .distantFuture, gcdReplay: [Bool]? = nil) throws {
        gcdTrace = GcdTrace(replay: gcdReplay)
        problem = diagram.problem
        self.system = system
        self.termLimit = termLimit
        coordinates = Array(repeating: nil, count: problem.points.count)
        let order = system == .cartesian ? PlacementOrder(constructionOrderOf: problem) : PlacementOrder(centreFirstIn: problem)
        // The normalized frame: the first point at the origin, the second (when free) on
        // the x-axis, in isotropic coordinates at 1.
        let positions = diagram.positions
        let origin = order.points.first.map { positions[$0.index] } ?? Vector2(0, 0)
        var angle = 0.0, scale = 1.0
        if order.points.count > 1, order.facts[order.points[1].index].isEmpty {
            let d = positions[order.points[1].index] - origin
            angle = -atan2(d.y, d.x)
            if system == .isotropic && d.length > 0 { scale = 1 / d.length }
        }
        frame = positions.map { p in
            let v = (p - origin).rotated(by: angle)
            return system.coordinates(of: Vector2(v.x * scale, v.y * scale))
        }
        for point in order.points where coordinates[point.index] == nil {
            guard Date() < deadline else { throw Unsupported(description: "out of time at \(problem.name(of: point))") }
            if let tangents = CoordinateModel.commonTangentCall(creating: point, in: problem) {
                try placeCommonTangents(tangents, facts: order.facts)
            } else {
                try place(point, facts: order.facts[point.index])
            }
        }
    }

    /// The coordinates of a point.
    public func coordinates(of point: PointID) -> (x: RationalFunction, y: RationalFunction) {
        let c = self.point(point)
        return (c.x, c.y)
    }

    /// A placed point's coordinates.
    func point(_ point: PointID) -> PlanePoint<RationalFunction> { coordinates[point.index]! }

    /// The name of variable `v`.
    public func name(of variable: Int) -> String { variables[variable].name }

    /// The value of a polynomial in the diagram.
    public func value(of polynomial: Polynomial) -> Complex { polynomial.evaluate { variables[$0].value } }

    func value(of function: RationalFunction) -> Complex { function.evaluate { variables[$0].value } }

    /// Whether a polynomial is nonzero in the diagram beyond doubt: its value is more
    /// than a millionth of a millionth of the sum of its terms' absolute values.
    func isNonzeroInDiagram(_ polynomial: Polynomial) -> Bool { nonzeroValue(of: polynomial) != nil }

    /// The polynomial's value in the diagram, when it is more than `margin` times the sum
    /// of its terms' absolute values (nonzero beyond doubt).
    func nonzeroValue(of polynomial: Polynomial, margin: Double = 1e-12) -> Complex? {
        let value = value(of: polynomial), scale = polynomial.magnitude { variables[$0].value.length }
        return scale > 0 && value.length > margin * scale ? value : nil
    }

    /// The algebraic variables' relations, lowest variable first.
    var relations: [Polynomial] { variables.compactMap(\.relation) }

    // MARK: - Reduction modulo the relations

    /// A polynomial pseudo-reduced modulo the relations (highest algebraic variable
    /// first): zero exactly when the polynomial vanishes wherever the relations hold and
    /// their leading coefficients do not vanish.
    func reduce(_ polynomial: Polynomial) -> Polynomial {
        relations.reversed().reduce(polynomial) { $0.pseudoRemainder(by: $1).remainder }
    }

    /// The same function with common factors cancelled (not reduced modulo the
    /// relations: that would hide the factors later quotients share).
    func simplify(_ function: RationalFunction) -> RationalFunction {
        function.reduced(knownFactors: knownFactors, gcdTermLimit: gcdTermLimit) { n, d in
            boundedGCD(n, d, within: gcdTimeLimit)
        }
    }

    /// The decisions on gcds of large polynomials, in order (true: reduced).
    public var gcdDecisions: [Bool] { gcdTrace.decisions }

    /// A gcd of polynomials too large to reduce always: computed when it takes at most
    /// `limit` (until the attempts that took too long add up to `gcdTimeBudget`), or as the
    /// replayed trace says. Either way the decision is recorded.
    func boundedGCD(_ a: Polynomial, _ b: Polynomial, within limit: Duration) -> Polynomial? {
        let trace = gcdTrace
        if let replay = trace.replay {
            let reduce = trace.decisions.count < replay.count && replay[trace.decisions.count]
            trace.decisions.append(reduce)
            return reduce ? Polynomial.gcd(a, b) : nil
        }
        guard trace.failed < gcdTimeBudget else {
            trace.decisions.append(false)
            return nil
        }
        let start = ContinuousClock.now
        let g = Polynomial.gcd(a, b, within: limit)
        if g == nil { trace.failed += ContinuousClock.now - start }
        trace.decisions.append(g != nil)
        return g
    }

    /// Whether a function vanishes on the model's configurations: its numerator reduces
    /// to 0 modulo the relations.
    func isZero(_ function: RationalFunction) -> Bool {
        if function.isZero { return true }
        // Far from zero in the diagram (a point of the configurations): not zero, without
        // the reduction (costly on large polynomials). Rounding in the diagram is many
        // orders of magnitude below this margin.
        if nonzeroValue(of: function.numerator, margin: 1e-6) != nil { return false }
        return reduce(function.numerator).isZero
    }

    /// The function with common factors cancelled, or zero when it vanishes on the
    /// model's configurations.
    func normalize(_ function: RationalFunction) -> RationalFunction {
        isZero(function) ? .zero : simplify(function)
    }

    // MARK: - Placing points

    mutating func addVariable(_ name: String, value: Complex, relation: Polynomial? = nil) -> Polynomial {
        variables.append(Variable(name: name, value: value, relation: relation))
        return .variable(variables.count - 1)
    }

    /// Records that `function`'s numerator must not vanish (after checking that it does not
    /// in the diagram), and tries it as a factor of later quotients unless `asFactor` is
    /// false (for a large polynomial no quotient will share).
    mutating func require(_ function: RationalFunction, nonzero reason: String, asFactor: Bool = true) throws {
        guard let value = nonzeroValue(of: function.numerator) else { throw Unsupported(description: "\(reason) vanishes in the diagram") }
        if function.numerator.constantValue == nil {
            conditions.append(Condition(polynomial: function.numerator, reason: reason, value: value))
            if asFactor && !knownFactors.contains(function.numerator) { knownFactors.append(function.numerator) }
        }
    }

    private mutating func place(_ point: PointID, facts: [Statement]) throws {
        let name = problem.name(of: point)
        let equations = try locusEquations(of: point, facts: facts)
        let solution = try solve(point: point, name: name, position: frame[point.index], equations: equations)
        try commit(point, solution)
        unusedFacts += Set(equations.map(\.1)).subtracting(solution.facts).sorted { problem.text(of: $0) < problem.text(of: $1) }
    }

    /// The equations `facts` put `point` on, in its coordinates `X`, `Y` (those of
    /// degree 0 dropped: they do not constrain it).
    func locusEquations(of point: PointID, facts: [Statement]) throws -> [(LocusPolynomial, Statement)] {
        var equations: [(LocusPolynomial, Statement)] = []
        for fact in facts {
            let polynomials: [LocusPolynomial]
            do {
                polynomials = try PredicateEquations.equations(of: fact, in: system) { id in
                    if id == point { return PlanePoint(x: .x, y: .y) }
                    let known = self.point(id)
                    return PlanePoint(x: LocusPolynomial(constant: known.x), y: LocusPolynomial(constant: known.y))
                }
            } catch {
                throw Unsupported(description: "\(problem.text(of: fact)): \(error)")
            }
            for polynomial in polynomials {
                let reduced = polynomial.mapCoefficients { self.normalize($0) }
                if reduced.degree >= 1 { equations.append((reduced, fact)) }
            }
        }
        return equations
    }

    /// Places `point` where `solution` says, after checking it against the diagram.
    mutating func commit(_ point: PointID, _ solution: Solution) throws {
        let name = problem.name(of: point)
        let position = frame[point.index]
        let x = simplify(solution.x), y = simplify(solution.y)
        guard x.numerator.termCount + x.denominator.termCount <= termLimit,
              y.numerator.termCount + y.denominator.termCount <= termLimit
        else { throw Unsupported(description: "the coordinates of \(name) exceed \(termLimit) terms") }
        let vx = value(of: x), vy = value(of: y)
        let tolerance = 1e-6 * (1 + position.x.length + position.y.length)
        guard (vx - position.x).length <= tolerance, (vy - position.y).length <= tolerance else {
            throw Unsupported(description: "the formula for \(name) does not reproduce the diagram: (\(vx), \(vy)) against (\(position.x), \(position.y)) by \(solution.method)")
        }
        coordinates[point.index] = PlanePoint(x: x, y: y)
        placed.append(point)
        for factor in [x.denominator, y.denominator] where factor.constantValue == nil && !knownFactors.contains(factor) {
            knownFactors.append(factor)
        }
        placements.append(Placement(point: point, method: solution.method, facts: solution.facts, x: x, y: y,
                                    variableCount: variables.count))
    }
}

/// The time gcds that ran out of time have taken while a model was built (a reference,
/// so that the model's non-mutating simplification can count; only the thread building
/// the model uses it).
final class GcdTrace: @unchecked Sendable {
    var failed = Duration.zero
    var decisions: [Bool] = []
    let replay: [Bool]?

    init(replay: [Bool]?) { self.replay = replay }
}
