import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials

/// Checks a proof by coordinates from its certificate, without the coordinate prover: it
/// shares with it only the polynomial arithmetic (`GouguPolynomials`) and the predicates'
/// polynomial meaning (`PredicateEquations`).
///
/// A valid certificate establishes: every configuration of the problem close enough to the
/// diagram (every placement of its points, near the diagram's up to a similarity, at which
/// the premises hold) satisfies the goal; hence, the equations being polynomial, so does
/// every configuration of each irreducible component of the configuration space through
/// the diagram. The checker verifies, in this order:
/// 1. structure: the placements name each point of the problem once; a point's coordinates
///    use only the variables of points placed before it or by it; each algebraic
///    variable's relation has it as its highest variable;
/// 2. the diagram: every premise and the goal hold in it (numerically), the goal is not
///    degenerate, and the certificate's goal is the problem's;
/// 3. the values: each relation vanishes at the stated values, its leading coefficient and
///    its derivative in its variable do not (a simple root: the variable is locally an
///    analytic function of the earlier ones); every coordinate's denominator and every
///    listed condition is nonzero there; and the coordinates there are the diagram's
///    positions moved by one orientation-preserving similarity (the family of
///    configurations passes through the diagram);
/// 4. the family's dimension: the points, taken in order and grouped into the shortest runs
///    that close, get as many independent directions from their own free variables (the
///    rank of the coordinates' Jacobian there) as their assumed equations leave them
///    (twice the number of points, less the rank of the equations' Jacobian in their
///    coordinates), the first point's `(0, 0)` and the second's place on the x-axis (or at
///    1) counting as equations (any configuration can be moved there by a similarity, and
///    every predicate is invariant under those). So the family covers every configuration
///    near the diagram, and no point is put in a special position;
/// 5. exactness: each premise's equations (except those listed as not assumed), then the
///    goal's, have numerators that pseudo-reduce to zero modulo the relations (highest
///    variable first), so they hold identically on the family.
public struct CoordinateChecker: Sendable {
    /// What checking a certificate found.
    public enum Outcome: Sendable, Equatable {
        case valid
        /// Why the certificate is rejected.
        case invalid(String)
        /// The check stopped at its deadline or on cancellation before it could decide.
        case unfinished(String)
    }

    /// When to stop (polynomial arithmetic stops then too).
    public var deadline: ContinuousClock.Instant?
    /// Another thread may cancel the check (a memory budget watched from outside).
    public var cancellation: CancellationFlag?

    public init(deadline: ContinuousClock.Instant? = nil, cancellation: CancellationFlag? = nil) {
        self.deadline = deadline
        self.cancellation = cancellation
    }

    /// Checks `certificate` as a proof of `problem`'s goal; `diagram` must be a diagram of
    /// `problem` (built from the certificate's seed and configuration).
    public func check(_ certificate: CoordinateCertificate, for problem: Problem, on diagram: Diagram) -> Outcome {
        let outcome: Outcome = PolynomialDeadline.$cancellation.withValue(cancellation) {
            PolynomialDeadline.$current.withValue(deadline) {
                do {
                    var run = try Run(certificate, problem: problem, diagram: diagram)
                    try run.check()
                    return .valid
                } catch let rejection as Rejection {
                    return .invalid(rejection.reason)
                } catch {
                    return .invalid("\(error)")
                }
            }
        }
        // Arithmetic after the deadline or a cancellation is meaningless: discard the verdict.
        if cancellation?.isCancelled == true { return .unfinished("the check was cancelled (its memory budget ran out)") }
        if let deadline, ContinuousClock.now >= deadline { return .unfinished("the check ran out of time") }
        return outcome
    }
}

/// Why a certificate is rejected.
struct Rejection: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// One check: the certificate resolved against the problem.
private struct Run {
    let certificate: CoordinateCertificate
    let problem: Problem
    let diagram: Diagram
    let system: CoordinateSystem
    let variables: [CoordinateCertificate.Variable]
    /// The variables' values, and their lengths (read at every term of an evaluation).
    let numbers: [Complex]
    let lengths: [Double]
    /// The placements' points, in order, and each point's rank in that order.
    let order: [PointID]
    var rank: [Int]
    /// Each placement's first and past-the-end variable numbers.
    var owned: [Range<Int>] = []
    /// Coordinates by point index.
    var coordinates: [PlanePoint<RationalFunction>]
    /// Coordinate values at the stated variable values, by point index.
    var values: [PlanePoint<Complex>] = []

    /// Rounding margin: a value is nonzero beyond doubt when above this times its terms' size.
    static let margin = 1e-10

    init(_ certificate: CoordinateCertificate, problem: Problem, diagram: Diagram) throws {
        self.certificate = certificate
        self.problem = problem
        self.diagram = diagram
        system = certificate.system
        variables = certificate.variables
        numbers = variables.map(\.value)
        lengths = numbers.map(\.length)
        guard certificate.problemName == problem.name else {
            throw Rejection("the certificate is of problem '\(Quoted(certificate.problemName))', not '\(Quoted(problem.name))'")
        }
        guard diagram.problem.points.map(\.name) == problem.points.map(\.name) else { throw Rejection("the diagram is of another problem") }
        var order: [PointID] = []
        var seen = Set<PointID>()
        for (i, placement) in certificate.placements.enumerated() {
            guard let point = problem.point(named: placement.point) else {
                throw Rejection("points[\(i)]: '\(Quoted(placement.point))' is no point of the problem")
            }
            guard seen.insert(point).inserted else { throw Rejection("points[\(i)]: \(placement.point) is placed twice") }
            order.append(point)
        }
        if let missing = problem.points.indices.map(PointID.init).first(where: { !seen.contains($0) }) {
            throw Rejection("\(problem.name(of: missing)) is not placed")
        }
        self.order = order
        rank = Array(repeating: 0, count: problem.points.count)
        for (position, point) in order.enumerated() { rank[point.index] = position }
        coordinates = Array(repeating: PlanePoint(x: .zero, y: .zero), count: problem.points.count)
        var start = 0
        for (i, placement) in certificate.placements.enumerated() {
            owned.append(start..<(start + placement.variables.count))
            start += placement.variables.count
            coordinates[order[i].index] = PlanePoint(x: placement.x, y: placement.y)
        }
    }

    func name(_ point: PointID) -> String { problem.name(of: point) }

    func value(_ p: Polynomial) -> Complex {
        let numbers = numbers
        return p.evaluate { numbers[$0] }
    }

    func size(_ p: Polynomial) -> Double {
        let lengths = lengths
        return p.magnitude { lengths[$0] }
    }

    func isNonzero(_ p: Polynomial) -> Bool {
        let s = size(p)
        return s > 0 && value(p).length > Self.margin * s
    }

    mutating func check() throws {
        try checkStructure()
        try checkDiagram()
        try checkValues()
        let facts = try factEquations()
        try checkDimension(facts)
        try checkExactness(facts)
    }

    // MARK: 1. Structure

    func checkStructure() throws {
        for (i, placement) in certificate.placements.enumerated() {
            let limit = owned[i].upperBound
            for (axis, f) in [("x", placement.x), ("y", placement.y)] {
                let highest = max(f.numerator.mainVariable, f.denominator.mainVariable)
                guard highest < limit else {
                    throw Rejection("\(placement.point): its \(axis) uses \(variables[highest].name), a variable of a later point")
                }
            }
            for (k, condition) in certificate.conditions.enumerated() where condition.polynomial.mainVariable >= variables.count {
                throw Rejection("non_degeneracy[\(k)] names a variable that is not introduced")
            }
            for index in owned[i] {
                guard let relation = variables[index].relation else { continue }
                guard relation.mainVariable == index else {
                    throw Rejection("\(variables[index].name): its relation is not a polynomial whose highest variable is \(variables[index].name)")
                }
            }
        }
    }

    // MARK: 2. The diagram

    func checkDiagram() throws {
        for fact in problem.premises where !diagram.holds(fact) {
            throw Rejection("the premise \(problem.text(of: fact)) does not hold in the diagram")
        }
        guard let goal = problem.goal else { throw Rejection("the problem states no goal") }
        guard certificate.goal == problem.text(of: goal) else {
            throw Rejection("the certificate proves '\(Quoted(certificate.goal))', the problem's goal is \(problem.text(of: goal))")
        }
        guard !goal.isDegenerate else { throw Rejection("the goal \(problem.text(of: goal)) is degenerate") }
        guard diagram.holds(goal) else { throw Rejection("the goal \(problem.text(of: goal)) is false in the diagram") }
    }

    // MARK: 3. The values

    mutating func checkValues() throws {
        for (index, variable) in variables.enumerated() {
            guard let relation = variable.relation else { continue }
            let residual = value(relation).length
            guard residual <= 1e-7 * max(size(relation), .leastNormalMagnitude) else {
                throw Rejection("\(variable.name) = \(variable.value) is not a root of its relation")
            }
            guard isNonzero(relation.leadingCoefficient) else {
                throw Rejection("the leading coefficient of the relation of \(variable.name) vanishes in the diagram")
            }
            guard isNonzero(relation.derivative(in: index)) else {
                throw Rejection("\(variable.name) is a multiple root of its relation in the diagram")
            }
        }
        for (i, condition) in certificate.conditions.enumerated() where !isNonzero(condition.polynomial) {
            throw Rejection("non_degeneracy[\(i)] (\(condition.reason)) vanishes in the diagram")
        }
        values = Array(repeating: PlanePoint(x: .zero, y: .zero), count: problem.points.count)
        for point in order {
            let c = coordinates[point.index]
            for (axis, f) in [("x", c.x), ("y", c.y)] where !isNonzero(f.denominator) {
                throw Rejection("the denominator of \(name(point))'s \(axis) vanishes in the diagram")
            }
            let numbers = numbers
            values[point.index] = PlanePoint(x: c.x.evaluate { numbers[$0] }, y: c.y.evaluate { numbers[$0] })
        }
        try checkSimilarity()
    }

    /// The coordinates' values are the diagram's positions moved by one similarity
    /// `p ↦ a·p + b` (complex numbers; `a ≠ 0`).
    func checkSimilarity() throws {
        func complex(_ v: Vector2) -> Complex { Complex(v.x, v.y) }
        // The point as a complex number, from its coordinates' values.
        func number(_ p: PlanePoint<Complex>) -> Complex { system == .cartesian ? p.x + Complex.i * p.y : p.x }
        let d = order.map { complex(diagram.position(of: $0)) }
        let f = order.map { number(values[$0.index]) }
        let extent = d.map { ($0 - d[0]).length }.max() ?? 0
        guard let second = d.indices.first(where: { ($0 > 0) && (d[$0] - d[0]).length > 1e-9 * (1 + extent) }) else {
            throw Rejection("the diagram's points all coincide")
        }
        let a = (f[second] - f[0]) / (d[second] - d[0])
        let b = f[0] - a * d[0]
        guard a.length > 1e-9 else { throw Rejection("the coordinates put \(name(order[0])) and \(name(order[second])) at one place") }
        for (k, point) in order.enumerated() {
            let e = a * d[k] + b
            let expected = system == .cartesian ? PlanePoint(x: Complex(e.real), y: Complex(e.imaginary)) : PlanePoint(x: e, y: e.conjugate)
            let v = values[point.index]
            let tolerance = 1e-6 * (1 + expected.x.length + expected.y.length)
            guard (v.x - expected.x).length <= tolerance, (v.y - expected.y).length <= tolerance else {
                throw Rejection("the coordinates of \(name(point)) do not reproduce the diagram: (\(v.x), \(v.y)) where the diagram, moved as the other points are, has (\(expected.x), \(expected.y))")
            }
        }
    }

    // MARK: The facts' equations

    /// One equation of a premise.
    struct FactEquation {
        let fact: Statement
        let index: Int
        /// The newest point (in placement order) it can depend on; nil for none.
        let newest: PointID?
        /// Whether the certificate says it is not assumed.
        let excused: Bool
    }

    func factEquations() throws -> [FactEquation] {
        var excuses: [String: Set<Int>?] = [:]
        let premises = problem.premises
        let texts = Set(premises.map(problem.text(of:)))
        for (i, entry) in certificate.notAssumed.enumerated() {
            guard texts.contains(entry.fact) else {
                throw Rejection("not_assumed[\(i)]: '\(Quoted(entry.fact))' is no premise of the problem")
            }
            if let list = entry.equations {
                if case .some(.some(let known)) = excuses[entry.fact] { excuses[entry.fact] = known.union(list) }
                else if excuses[entry.fact] == nil { excuses[entry.fact] = .some(Set(list)) }
            } else {
                excuses[entry.fact] = .some(nil)
            }
        }
        var result: [FactEquation] = []
        for fact in premises {
            let text = problem.text(of: fact)
            let excused: Set<Int>?? = excuses[text]
            let supports: [Support]
            do {
                supports = try PredicateEquations.equations(of: fact, in: system) { PlanePoint(x: Support(points: [$0.index]), y: Support(points: [$0.index])) }
            } catch {
                guard case .some(.none) = excused else {
                    throw Rejection("the premise \(text) has no polynomial form (\(error)) and is not listed as not assumed")
                }
                continue
            }
            if case .some(.some(let list)) = excused, let bad = list.first(where: { $0 < 1 || $0 > supports.count }) {
                throw Rejection("not assumed: \(text) has no equation \(bad)")
            }
            for (k, support) in supports.enumerated() {
                let isExcused: Bool
                switch excused {
                case .none: isExcused = false
                case .some(.none): isExcused = true
                case .some(.some(let list)): isExcused = list.contains(k + 1)
                }
                let newest = support.points.max { rank[$0] < rank[$1] }.map(PointID.init)
                result.append(FactEquation(fact: fact, index: k, newest: newest, excused: isExcused))
            }
        }
        return result
    }

    // MARK: 4. The family's dimension

    /// The gradient of one equation of `fact` in the coordinates of `points` (two entries a
    /// point, x then y), at the coordinates' values.
    func gradient(of fact: Statement, equation k: Int, in points: [PointID]) throws -> [Complex] {
        var row: [Complex] = []
        for point in points {
            for axis in 0..<2 {
                let equations = try PredicateEquations.equations(of: fact, in: system) { id -> PlanePoint<Dual> in
                    let v = values[id.index]
                    let seeded = id == point
                    return PlanePoint(x: Dual(value: v.x, tangent: seeded && axis == 0 ? .one : .zero),
                                      y: Dual(value: v.y, tangent: seeded && axis == 1 ? .one : .zero))
                }
                row.append(equations[k].cleanTangent)
            }
        }
        return row
    }

    /// The coordinates' derivatives (all points', by point index then axis) along a free
    /// variable, the algebraic variables following it by implicit differentiation.
    func derivatives(along free: Int) throws -> [Complex] {
        var tangent = [Complex](repeating: .zero, count: variables.count)
        tangent[free] = .one
        for index in (free + 1)..<max(free + 1, variables.count) {
            guard let relation = variables[index].relation else { continue }
            // R(v, a(v)) = 0: a' = -(∂R/∂v · v') / (∂R/∂a).
            let numbers = numbers, known = tangent
            let along = relation.evaluate { Dual(value: numbers[$0], tangent: $0 == index ? .zero : known[$0]) }
            let separant = relation.derivative(in: index).evaluate { numbers[$0] }
            tangent[index] = Complex.zero - along.cleanTangent / separant
        }
        var result: [Complex] = []
        for point in problem.points.indices {
            let c = coordinates[point]
            for f in [c.x, c.y] {
                let numbers = numbers, known = tangent
                result.append(f.evaluate { Dual(value: numbers[$0], tangent: known[$0]) }.cleanTangent)
            }
        }
        return result
    }

    func checkDimension(_ facts: [FactEquation]) throws {
        // The gauge: the first point at the origin, the second (elsewhere in the diagram) on
        // the x-axis, or at 1: equations any configuration satisfies once moved by a similarity.
        var gauge: [PointID: [Int]] = [:]
        let first = order[0]
        let c0 = coordinates[first.index]
        if c0.x.isZero && c0.y.isZero && order.count > 1 {
            gauge[first] = [0, 1]
            let second = order[1]
            let c1 = coordinates[second.index]
            let apart = Self.separation(diagram.position(of: first), diagram.position(of: second))
            if apart {
                switch system {
                case .cartesian where c1.y.isZero:
                    gauge[second] = c1.x == .one ? [0, 1] : [1]
                case .isotropic where c1.x == .one && c1.y == .one:
                    gauge[second] = [0, 1]
                default:
                    break
                }
            }
        }
        let assumed = facts.filter { !$0.excused && $0.newest != nil }
        var freeDerivatives: [Int: [Complex]] = [:]
        for (index, variable) in variables.enumerated() where variable.relation == nil {
            freeDerivatives[index] = try derivatives(along: index)
        }
        var start = 0
        while start < order.count {
            var end = start
            while true {
                let block = Array(order[start...end])
                let members = Set(block)
                // The equations' Jacobian in the block's coordinates.
                var rows: [[Complex]] = []
                for equation in assumed where members.contains(equation.newest!) {
                    rows.append(try gradient(of: equation.fact, equation: equation.index, in: block))
                }
                for (j, point) in block.enumerated() {
                    for axis in gauge[point] ?? [] {
                        var row = [Complex](repeating: .zero, count: 2 * block.count)
                        row[2 * j + axis] = .one
                        rows.append(row)
                    }
                }
                let freedom = 2 * block.count - numericRank(rows)
                // The family's Jacobian in the block's own free variables.
                let own = (owned[start].lowerBound..<owned[end].upperBound).filter { variables[$0].relation == nil }
                let columns = own.map { v in block.flatMap { p in [freeDerivatives[v]![2 * p.index], freeDerivatives[v]![2 * p.index + 1]] } }
                let directions = columns.isEmpty ? 0 : numericRank(columns)
                if directions >= freedom { break }
                // A point where two curves touch: its equations' Jacobian is singular there,
                // yet it is the only point they share.
                if block.count == 1, columns.isEmpty, freedom == 1,
                   try isTouchingPoint(block[0], equations: assumed.filter { $0.newest == block[0] }) { break }
                end += 1
                guard end < order.count else {
                    let names = block.map(name).joined(separator: ", ")
                    throw Rejection("the family is too small: \(names) get \(directions) independent directions from their own variables, where their assumed facts leave them \(freedom) (a special position)")
                }
            }
            start = end + 1
        }
    }

    /// Whether `point`, given no variable of its own, is the only point its equations allow
    /// although their Jacobian in its coordinates has rank 1 there: two of them are distinct
    /// circles or lines (`c·|P|² + linear`, written `c·z·w + linear` in isotropic
    /// coordinates), and they touch at every configuration of the family, which the
    /// discriminant of their common points, zero modulo the relations, shows. Two distinct
    /// such curves share at most two points, so a double one is the only one; the family of
    /// the earlier points covers every configuration near the diagram, so near it the point
    /// is where the curves touch, which the coordinates (checked to satisfy the equations)
    /// give.
    func isTouchingPoint(_ point: PointID, equations: [FactEquation]) throws -> Bool {
        let (xVariable, yVariable) = (variables.count, variables.count + 1)
        let unknown = PlanePoint(x: RationalFunction(Polynomial.variable(xVariable)), y: RationalFunction(Polynomial.variable(yVariable)))
        var curves: [Curve] = []
        for equation in equations {
            let all = try PredicateEquations.equations(of: equation.fact, in: system) { $0 == point ? unknown : coordinates[$0.index] }
            guard let curve = Curve(all[equation.index].numerator, x: xVariable, y: yVariable, system: system) else { return false }
            curves.append(curve)
        }
        // Two curves not proportional in the diagram, one of them a circle.
        for (i, first) in curves.enumerated() {
            for second in curves[(i + 1)...] {
                let (f, g) = isNonzero(first.c) ? (first, second) : (second, first)
                guard isNonzero(f.c), !areProportional(f, g) else { continue }
                return touches(f, g)
            }
        }
        return false
    }

    /// Whether two curves' coefficient vectors are proportional in the diagram.
    func areProportional(_ f: Curve, _ g: Curve) -> Bool {
        let (u, v) = (f.parts.map(value), g.parts.map(value))
        let scale = (u + v).map(\.length).max() ?? 0
        for i in 0..<4 {
            for j in (i + 1)..<4 where (u[i] * v[j] - u[j] * v[i]).length > 1e-7 * scale * scale { return false }
        }
        return true
    }

    /// Whether the circle `f` and the curve `g` meet in a double point on the whole family:
    /// their radical line `ℓ = c_g·f − c_f·g` cut with `f` gives a quadratic whose
    /// discriminant reduces to zero modulo the relations (and whose leading coefficient is
    /// nonzero in the diagram).
    func touches(_ f: Curve, _ g: Curve) -> Bool {
        // ℓ = αX + βY + γ.
        let alpha = g.c * f.a - f.c * g.a, beta = g.c * f.b - f.c * g.b, gamma = g.c * f.d - f.c * g.d
        // Solve ℓ for the coordinate with the larger coefficient in the diagram, and
        // substitute: for Y = −(αX + γ)/β, β²·f is A·X² + B·X + C.
        let solvesY = value(beta).length >= value(alpha).length
        let (s, t) = solvesY ? (beta, alpha) : (alpha, beta)        // ℓ = t·U + s·V + γ, V solved
        let (fu, fv) = solvesY ? (f.a, f.b) : (f.b, f.a)
        guard isNonzero(s) else { return false }
        let a, b, c: Polynomial
        switch system {
        case .cartesian:
            // β²(U² + V²) = β²U² + (tU + γ)².
            a = f.c * (s * s + t * t)
            b = f.c * (Polynomial(2) * t * gamma) + fu * s * s - fv * s * t
            c = f.c * gamma * gamma - fv * s * gamma + f.d * s * s
        case .isotropic:
            // β²·U·V = −β·U·(tU + γ).
            a = Polynomial(0) - f.c * s * t
            b = Polynomial(0) - f.c * s * gamma + fu * s * s - fv * s * t
            c = f.d * s * s - fv * s * gamma
        }
        guard isNonzero(a) else { return false }
        return reduce(b * b - Polynomial(4) * a * c).isZero
    }

    static func separation(_ p: Vector2, _ q: Vector2) -> Bool {
        (p - q).length > 1e-9 * (1 + p.length + q.length)
    }

    // MARK: 5. Exactness

    /// The numerator's pseudo-remainder modulo the relations, highest variable first.
    func reduce(_ p: Polynomial) -> Polynomial {
        variables.indices.reversed().reduce(p) { r, index in
            guard let relation = variables[index].relation, !r.isZero else { return r }
            return r.pseudoRemainder(by: relation).remainder
        }
    }

    /// Whether an equation's numerator (over denominators nonzero in the diagram: checked)
    /// vanishes on the family.
    func vanishes(_ f: OverDenominators) -> Bool {
        let n = f.numerator
        if n.isZero { return true }
        // Far from zero in the diagram: not zero, without the costly reduction.
        if value(n).length > 1e-6 * size(n) { return false }
        return reduce(n).isZero
    }

    func checkExactness(_ facts: [FactEquation]) throws {
        let table = Denominators()
        let over = coordinates.map { PlanePoint(x: OverDenominators($0.x, table: table), y: OverDenominators($0.y, table: table)) }
        let point: (PointID) -> PlanePoint<OverDenominators> = { over[$0.index] }
        var cache: [Statement: [OverDenominators]] = [:]
        for equation in facts where !equation.excused {
            let equations: [OverDenominators]
            if let known = cache[equation.fact] { equations = known } else {
                equations = try PredicateEquations.equations(of: equation.fact, in: system, point: point)
                cache[equation.fact] = equations
            }
            guard vanishes(equations[equation.index]) else {
                throw Rejection("the premise \(problem.text(of: equation.fact))"
                                + (equations.count > 1 ? " (equation \(equation.index + 1))" : "")
                                + " does not hold for the coordinates and is not listed as not assumed")
            }
            if PolynomialDeadline.expired { return }
        }
        let goal = problem.goal!
        let equations: [OverDenominators]
        do {
            equations = try PredicateEquations.equations(of: goal, in: system, point: point)
        } catch {
            throw Rejection("the goal has no polynomial form: \(error)")
        }
        for (k, equation) in equations.enumerated() where !vanishes(equation) {
            throw Rejection("the goal's numerator" + (equations.count > 1 ? " (equation \(k + 1))" : "") + " does not reduce to 0 modulo the relations")
        }
    }
}

/// An equation `c·|P|² + a·X + b·Y + d` of an unknown point `P = (X, Y)` (in isotropic
/// coordinates `c·X·Y + a·X + b·Y + d`), with coefficients in the parameters: a circle, or
/// a line when `c` is zero.
struct Curve {
    var c, a, b, d: Polynomial
    var parts: [Polynomial] { [c, a, b, d] }

    /// The curve of `numerator` (a polynomial in the parameters and the variables `x` and
    /// `y`, higher than every parameter), or nil when it has another shape.
    init?(_ numerator: Polynomial, x: Int, y: Int, system: CoordinateSystem) {
        let inY = numerator.coefficients(in: y)
        func inX(_ p: Polynomial) -> [Polynomial] { p.coefficients(in: x) }
        func coefficient(_ list: [Polynomial], _ k: Int) -> Polynomial { k < list.count ? list[k] : Polynomial(0) }
        func free(_ p: Polynomial) -> Bool { p.mainVariable < x }
        switch system {
        case .cartesian:
            guard inY.count <= 3 else { return nil }
            let y0 = inX(coefficient(inY, 0)), y1 = inX(coefficient(inY, 1)), y2 = inX(coefficient(inY, 2))
            guard y0.count <= 3, y1.count <= 1, y2.count <= 1 else { return nil }
            let square = coefficient(y2, 0)
            guard (coefficient(y0, 2) - square).isZero else { return nil }
            (c, a, b, d) = (square, coefficient(y0, 1), coefficient(y1, 0), coefficient(y0, 0))
        case .isotropic:
            guard inY.count <= 2 else { return nil }
            let y0 = inX(coefficient(inY, 0)), y1 = inX(coefficient(inY, 1))
            guard y0.count <= 2, y1.count <= 2 else { return nil }
            (c, a, b, d) = (coefficient(y1, 1), coefficient(y0, 1), coefficient(y1, 0), coefficient(y0, 0))
        }
        guard parts.allSatisfy(free) else { return nil }
    }
}
