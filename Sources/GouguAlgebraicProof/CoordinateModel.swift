import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials

/// A problem in coordinates: every point's coordinates as exact rational functions of
/// parameters, some of which may be algebraic (roots of a quadratic *relation*).
///
/// Points are placed in construction order. The facts a construction asserts are given
/// to the newest point they mention, and become polynomial equations in that point's
/// coordinates `X`, `Y` over the earlier points' coordinates. Then:
/// - no equation: the point is free, two parameters (the first point is the origin, and
///   the second, when free, lies on the x-axis: every predicate is invariant under
///   translations and rotations, so this loses no generality);
/// - one equation: a line is parametrized by one coordinate; a circle through an earlier
///   point by the slope of the chord from it; any other quadratic curve by one free
///   coordinate and the other an algebraic parameter;
/// - two equations: two lines meet at one point (Cramer's rule); a line meets a circle
///   or a quadratic curve at the point Vieta's formula gives when the other intersection
///   is an earlier point, else at an algebraic parameter; two circles are a line (their
///   radical axis) and a circle.
/// More than two equations: two are used, the others are not assumed (so a proof needs
/// fewer hypotheses than the problem states, never more).
///
/// The numeric diagram fixes every parameter's value (in the normalized frame). It is
/// used only to choose (which coordinate to solve for, which earlier point is the other
/// intersection) and to check: every formula must reproduce the diagram, and every
/// polynomial the model divides by (the non-degeneracy conditions) must be nonzero there.
public struct CoordinateModel: Sendable {
    /// One variable of the polynomials: a free parameter or an algebraic one.
    public struct Variable: Sendable {
        /// Its name in the proof text (`x_c`, `t_d`, `y_d`).
        public let name: String
        /// Its value in the diagram (normalized frame).
        public let value: Double
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
        public let value: Double
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
    }

    public let problem: Problem
    public private(set) var variables: [Variable] = []
    public private(set) var conditions: [Condition] = []
    public private(set) var placements: [Placement] = []
    /// Facts of the problem the model does not assume (a point had more than two).
    public private(set) var unusedFacts: [Statement] = []

    private var coordinates: [PlanePoint<RationalFunction>] = []
    /// Diagram positions in the normalized frame.
    private let frame: [Vector2]
    /// Largest number of terms a coordinate may have before the model gives up.
    private let termLimit: Int
    /// Polynomials likely to divide both sides of a quotient: the denominators of the
    /// coordinates so far and the non-degeneracy conditions (tried before a gcd).
    private var knownFactors: [Polynomial] = []
    /// Largest quotient (terms above and below) reduced by a gcd.
    private let gcdTermLimit = 40

    /// Why a problem has no coordinate model here.
    public struct Unsupported: Error, CustomStringConvertible {
        public let description: String
    }

    /// Builds the model of `diagram`'s problem; throws `Unsupported` when a construction
    /// has no supported polynomial form, or the formulas disagree with the diagram.
    public init(diagram: Diagram, termLimit: Int = 20_000, deadline: Date = .distantFuture) throws {
        problem = diagram.problem
        self.termLimit = termLimit
        let facts = CoordinateModel.factsByPoint(problem)
        // The normalized frame: point 0 at the origin, point 1 (when free) on the x-axis.
        let origin = diagram.positions.first ?? Vector2(0, 0)
        var angle = 0.0
        if diagram.positions.count > 1, facts[1].isEmpty {
            let d = diagram.positions[1] - origin
            angle = -atan2(d.y, d.x)
        }
        frame = diagram.positions.map { ($0 - origin).rotated(by: angle) }
        for index in problem.points.indices {
            guard Date() < deadline else { throw Unsupported(description: "out of time at \(problem.name(of: PointID(index)))") }
            try place(PointID(index), facts: facts[index])
        }
    }

    /// The coordinates of a point.
    public func coordinates(of point: PointID) -> (x: RationalFunction, y: RationalFunction) {
        (coordinates[point.index].x, coordinates[point.index].y)
    }

    /// The name of variable `v`.
    public func name(of variable: Int) -> String { variables[variable].name }

    /// The value of a polynomial in the diagram.
    public func value(of polynomial: Polynomial) -> Double { polynomial.evaluate { variables[$0].value } }

    func value(of function: RationalFunction) -> Double { function.evaluate { variables[$0].value } }

    /// Whether a polynomial is nonzero in the diagram beyond doubt: its value is more
    /// than a millionth of a millionth of the sum of its terms' absolute values.
    func isNonzeroInDiagram(_ polynomial: Polynomial) -> Bool {
        let value = value(of: polynomial), scale = polynomial.magnitude { variables[$0].value }
        return scale > 0 && abs(value) > 1e-12 * scale
    }

    /// The algebraic variables' relations, lowest variable first.
    var relations: [Polynomial] { variables.compactMap(\.relation) }

    // MARK: - Reduction modulo the relations

    /// A polynomial reduced modulo the relations (highest algebraic variable first), with
    /// the product of leading-coefficient powers it was multiplied by.
    func reduce(_ polynomial: Polynomial) -> (reduced: Polynomial, multiplier: Polynomial) {
        var p = polynomial, multiplier = Polynomial.one
        for relation in relations.reversed() {
            let (r, e) = p.pseudoRemainder(by: relation)
            if e > 0 { multiplier *= relation.leadingCoefficient.power(e) }
            p = r
        }
        return (p, multiplier)
    }

    /// The same function with common factors cancelled (not reduced modulo the
    /// relations: that would hide the factors later quotients share).
    func simplify(_ function: RationalFunction) -> RationalFunction {
        function.reduced(knownFactors: knownFactors, gcdTermLimit: gcdTermLimit)
    }

    /// Whether a function vanishes on the model's configurations: its numerator reduces
    /// to 0 modulo the relations.
    func isZero(_ function: RationalFunction) -> Bool {
        function.isZero || reduce(function.numerator).reduced.isZero
    }

    /// The function with common factors cancelled, or zero when it vanishes on the
    /// model's configurations.
    func normalize(_ function: RationalFunction) -> RationalFunction {
        isZero(function) ? .zero : simplify(function)
    }

    // MARK: - Placing points

    /// The problem's facts, each given to the newest point it mentions.
    static func factsByPoint(_ problem: Problem) -> [[Statement]] {
        var facts = [[Statement]](repeating: [], count: problem.points.count)
        for fact in problem.premises {
            guard let newest = fact.points.max() else { continue }
            facts[newest.index].append(fact)
        }
        return facts
    }

    private mutating func addVariable(_ name: String, value: Double, relation: Polynomial? = nil) -> Polynomial {
        variables.append(Variable(name: name, value: value, relation: relation))
        return .variable(variables.count - 1)
    }

    private mutating func require(_ function: RationalFunction, nonzero reason: String) throws {
        let value = value(of: function.numerator)
        guard isNonzeroInDiagram(function.numerator) else { throw Unsupported(description: "\(reason) vanishes in the diagram") }
        if function.numerator.constantValue == nil {
            conditions.append(Condition(polynomial: function.numerator, reason: reason, value: value))
            if !knownFactors.contains(function.numerator) { knownFactors.append(function.numerator) }
        }
    }

    private mutating func place(_ point: PointID, facts: [Statement]) throws {
        let name = problem.name(of: point)
        let position = frame[point.index]
        var equations: [(LocusPolynomial, Statement)] = []
        for fact in facts {
            let polynomials: [LocusPolynomial]
            do {
                polynomials = try PredicateEquations.equations(of: fact) { id in
                    id == point ? PlanePoint(x: .x, y: .y)
                                : PlanePoint(x: LocusPolynomial(constant: coordinates[id.index].x),
                                             y: LocusPolynomial(constant: coordinates[id.index].y))
                }
            } catch {
                throw Unsupported(description: "\(problem.text(of: fact)): \(error)")
            }
            for polynomial in polynomials {
                let reduced = polynomial.mapCoefficients { self.normalize($0) }
                if reduced.degree >= 1 { equations.append((reduced, fact)) }
            }
        }
        let solution = try solve(point: point, name: name, position: position, equations: equations)
        let x = simplify(solution.x), y = simplify(solution.y)
        guard x.numerator.termCount + x.denominator.termCount <= termLimit,
              y.numerator.termCount + y.denominator.termCount <= termLimit
        else { throw Unsupported(description: "the coordinates of \(name) exceed \(termLimit) terms") }
        let vx = value(of: x), vy = value(of: y)
        let tolerance = 1e-6 * (1 + abs(position.x) + abs(position.y))
        guard abs(vx - position.x) <= tolerance, abs(vy - position.y) <= tolerance else {
            throw Unsupported(description: "the formula for \(name) does not reproduce the diagram: (\(vx), \(vy)) against (\(position.x), \(position.y)) by \(solution.method)")
        }
        coordinates.append(PlanePoint(x: x, y: y))
        for factor in [x.denominator, y.denominator] where factor.constantValue == nil && !knownFactors.contains(factor) {
            knownFactors.append(factor)
        }
        placements.append(Placement(point: point, method: solution.method, facts: solution.facts, x: x, y: y))
        unusedFacts += Set(equations.map(\.1)).subtracting(solution.facts).sorted { problem.text(of: $0) < problem.text(of: $1) }
    }

    private struct Solution {
        var x: RationalFunction
        var y: RationalFunction
        var method: String
        var facts: [Statement]
    }

    private func numeric(_ f: RationalFunction) -> Double { value(of: f) }


    private mutating func solve(point: PointID, name: String, position: Vector2,
                                equations: [(LocusPolynomial, Statement)]) throws -> Solution {
        let lines = equations.filter { $0.0.degree == 1 }
        let quadrics = equations.filter { $0.0.degree == 2 }
        if equations.isEmpty { return freePoint(point, name: name, position: position) }

        // Two lines that meet.
        for i in lines.indices {
            for j in lines.indices where j > i {
                let (l1, l2) = (lines[i].0, lines[j].0)
                let det = l1.coefficient(1, 0) * l2.coefficient(0, 1) - l2.coefficient(1, 0) * l1.coefficient(0, 1)
                guard isNonzeroInDiagram(det.numerator), !isZero(det) else { continue }
                try require(det, nonzero: "the determinant of \(problem.text(of: lines[i].1)) and \(problem.text(of: lines[j].1))")
                let (a1, b1, c1) = (l1.coefficient(1, 0), l1.coefficient(0, 1), l1.coefficient(0, 0))
                let (a2, b2, c2) = (l2.coefficient(1, 0), l2.coefficient(0, 1), l2.coefficient(0, 0))
                return Solution(x: (b1 * c2 - b2 * c1) / det, y: (a2 * c1 - a1 * c2) / det,
                                method: "the intersection of two lines", facts: [lines[i].1, lines[j].1])
            }
        }
        // A line and a curve of degree two; two circles give their radical axis.
        var lineCurvePairs: [(LocusPolynomial, LocusPolynomial, [Statement])] = []
        for line in lines { for quadric in quadrics { lineCurvePairs.append((line.0, quadric.0, [line.1, quadric.1])) } }
        for i in quadrics.indices {
            for j in quadrics.indices where j > i {
                let (q1, q2) = (quadrics[i].0, quadrics[j].0)
                guard isCircle(q1), isCircle(q2) else { continue }
                let axis = q1 * LocusPolynomial(constant: q2.coefficient(2, 0)) - q2 * LocusPolynomial(constant: q1.coefficient(2, 0))
                let reducedAxis = axis.mapCoefficients { self.normalize($0) }
                if reducedAxis.degree == 1 { lineCurvePairs.append((reducedAxis, q1, [quadrics[i].1, quadrics[j].1])) }
            }
        }
        for (line, curve, facts) in lineCurvePairs {
            let (base, direction, coordinate) = try parametrize(line, reason: problem.text(of: facts[0]))
            let c = curve.along(base: base, direction: direction).map { normalize($0) }
            let s = coordinate == 0 ? position.x : position.y
            if c.count < 3 || c[2].isZero {
                guard c.count >= 2, !c[1].isZero else { continue }
                try require(c[1], nonzero: "the slope of \(problem.text(of: facts[1])) along \(problem.text(of: facts[0]))")
                let root = -c[0] / c[1]
                return Solution(x: base.x + root * direction.x, y: base.y + root * direction.y,
                                method: "the intersection of a line and a curve", facts: facts)
            }
            // The other intersection: an earlier point, or an algebraic parameter.
            let numericOther = -numeric(c[1]) / numeric(c[2]) - s
            let otherPosition = Vector2(numeric(base.x) + numericOther * numeric(direction.x),
                                        numeric(base.y) + numericOther * numeric(direction.y))
            if let earlier = frame[..<point.index].indices.first(where: { (frame[$0] - otherPosition).length < 1e-6 * (1 + otherPosition.length) }) {
                let e = coordinates[earlier]
                let se = coordinate == 0 ? e.x : e.y
                let onLine = isZero(evaluate(line, at: e))
                let onCurve = isZero(c[2] * se * se + c[1] * se + c[0])
                if onLine && onCurve {
                    try require(c[2], nonzero: "the leading coefficient of \(problem.text(of: facts[1])) along \(problem.text(of: facts[0]))")
                    let root = -c[1] / c[2] - se
                    return Solution(x: base.x + root * direction.x, y: base.y + root * direction.y,
                                    method: "the second intersection (besides \(problem.name(of: PointID(earlier)))) of a line and a curve",
                                    facts: facts)
                }
            }
            let count = variables.count
            let root = try algebraic(coordinate == 0 ? "x_\(name)" : "y_\(name)", value: s, coefficients: c,
                                     reason: "\(problem.text(of: facts[1])) along \(problem.text(of: facts[0]))")
            return Solution(x: base.x + root * direction.x, y: base.y + root * direction.y,
                            method: variables.count > count ? "an intersection of a line and a curve (an algebraic parameter)"
                                                            : "the point where a line touches a curve (a double root)",
                            facts: facts)
        }
        if equations.count >= 2 && lines.count + quadrics.count >= 2 {
            throw Unsupported(description: "\(name): two curves of degree two that are not both circles")
        }
        // One equation: a one-parameter family.
        guard let (equation, fact) = equations.first(where: { $0.0.degree <= 2 }) else {
            throw Unsupported(description: "\(name): an equation of degree above two")
        }
        if equation.degree == 1 {
            let (b, d, coordinate) = try parametrize(equation, reason: problem.text(of: fact))
            let t = addVariable("t_\(name)", value: coordinate == 0 ? position.x : position.y)
            return Solution(x: b.x + RationalFunction(t) * d.x, y: b.y + RationalFunction(t) * d.y,
                            method: "on a line, parameter t_\(name)", facts: [fact])
        }
        if isCircle(equation),
           let earlier = frame[..<point.index].indices.first(where: { abs(numericValue(equation, at: frame[$0])) < 1e-6
                                                                      && (frame[$0] - position).length > 1e-6 }),
           isZero(evaluate(equation, at: coordinates[earlier])) {
            // The chord from an earlier point of the circle, by its slope.
            let d = position - frame[earlier]
            let alongX = abs(d.x) >= abs(d.y)
            let slope = addVariable("m_\(name)", value: alongX ? d.y / d.x : d.x / d.y)
            let m = RationalFunction(slope)
            let direction = alongX ? PlanePoint(x: RationalFunction.one, y: m) : PlanePoint(x: m, y: RationalFunction.one)
            let e = coordinates[earlier]
            let c = equation.along(base: e, direction: direction).map { normalize($0) }
            guard c.count == 3, c[0].isZero else { throw Unsupported(description: "\(name): the circle does not pass through \(problem.name(of: PointID(earlier)))") }
            try require(c[2], nonzero: "the leading coefficient of \(problem.text(of: fact)) along the chord")
            let root = -c[1] / c[2]
            return Solution(x: e.x + root * direction.x, y: e.y + root * direction.y,
                            method: "on a circle through \(problem.name(of: PointID(earlier))), chord slope m_\(name)", facts: [fact])
        }
        // Any other curve of degree two: x free, y a root.
        let t = addVariable("x_\(name)", value: position.x)
        let base = PlanePoint(x: RationalFunction(t), y: RationalFunction.zero)
        let up = PlanePoint(x: RationalFunction.zero, y: RationalFunction.one)
        let c = equation.along(base: base, direction: up).map { normalize($0) }
        if c.count < 3 || c[2].isZero {
            guard c.count >= 2, !c[1].isZero else { throw Unsupported(description: "\(name): the curve has no y") }
            try require(c[1], nonzero: "the coefficient of y in \(problem.text(of: fact))")
            return Solution(x: RationalFunction(t), y: -c[0] / c[1], method: "on a curve, parameter x_\(name)", facts: [fact])
        }
        let count = variables.count
        let root = try algebraic("y_\(name)", value: position.y, coefficients: c, reason: problem.text(of: fact))
        return Solution(x: RationalFunction(t), y: root,
                        method: "on a curve, parameter x_\(name), " + (variables.count > count ? "y_\(name) algebraic" : "y_\(name) a double root"),
                        facts: [fact])
    }

    private mutating func freePoint(_ point: PointID, name: String, position: Vector2) -> Solution {
        if point.index == 0 {
            return Solution(x: .zero, y: .zero, method: "free: the origin", facts: [])
        }
        let x = RationalFunction(addVariable("x_\(name)", value: position.x))
        if point.index == 1 && abs(position.y) < 1e-12 {
            return Solution(x: x, y: .zero, method: "free: on the x-axis", facts: [])
        }
        let y = RationalFunction(addVariable("y_\(name)", value: position.y))
        return Solution(x: x, y: y, method: "free", facts: [])
    }

    /// A new algebraic variable: the root `value` of `c[2] w² + c[1] w + c[0]`.
    /// A double root (the discriminant vanishes on the configurations: a tangent line or
    /// circle) is rational, `-c[1] / (2 c[2])`, and needs no new variable.
    private mutating func algebraic(_ name: String, value: Double, coefficients c: [RationalFunction], reason: String) throws -> RationalFunction {
        guard c.count == 3 else { throw Unsupported(description: "\(name): degree above two") }
        let discriminant = c[1] * c[1] - RationalFunction(4) * c[0] * c[2]
        if isZero(discriminant) {
            try require(c[2], nonzero: "the leading coefficient of \(reason)")
            return simplify(-c[1] / (RationalFunction(2) * c[2]))
        }
        let w = Polynomial.variable(variables.count)
        let wf = RationalFunction(w)
        let sum = c[2] * wf * wf + c[1] * wf + c[0]
        let relation = sum.numerator
        guard relation.mainVariable == variables.count, relation.degree(in: variables.count) == 2 else {
            throw Unsupported(description: "\(name): the relation is not quadratic")
        }
        let lead = relation.leadingCoefficient
        let residual = relation.evaluate { $0 == variables.count ? value : variables[$0].value }
        let scale = relation.magnitude { $0 == variables.count ? value : variables[$0].value }
        guard abs(residual) <= 1e-7 * scale else {
            throw Unsupported(description: "\(name) is not a root of its relation in the diagram")
        }
        _ = addVariable(name, value: value, relation: relation)
        try require(RationalFunction(lead), nonzero: "the leading coefficient of the relation of \(name) (\(reason))")
        return wf
    }

    /// `line` as `base + s · direction`, with `s` the X coordinate (0) or the Y
    /// coordinate (1), whichever has the larger coefficient in the diagram's numbers.
    private mutating func parametrize(_ line: LocusPolynomial, reason: String) throws
        -> (base: PlanePoint<RationalFunction>, direction: PlanePoint<RationalFunction>, coordinate: Int) {
        let a = line.coefficient(1, 0), b = line.coefficient(0, 1), c = line.coefficient(0, 0)
        if abs(numeric(b)) >= abs(numeric(a)) {
            // Y = -(a X + c) / b, X = s.
            try require(b, nonzero: "the coefficient of y in \(reason)")
            return (PlanePoint(x: .zero, y: -c / b), PlanePoint(x: .one, y: -a / b), 0)
        }
        try require(a, nonzero: "the coefficient of x in \(reason)")
        return (PlanePoint(x: -c / a, y: .zero), PlanePoint(x: -b / a, y: .one), 1)
    }

    /// The value of a locus polynomial at a diagram position.
    private func numericValue(_ q: LocusPolynomial, at p: Vector2) -> Double {
        q.terms.reduce(0.0) { total, term in
            total + numeric(term.value) * pow(p.x, Double(term.key.x)) * pow(p.y, Double(term.key.y))
        }
    }

    private func isCircle(_ q: LocusPolynomial) -> Bool {
        guard q.degree == 2, isZero(q.coefficient(1, 1)) else { return false }
        return isZero(q.coefficient(2, 0) - q.coefficient(0, 2)) && !q.coefficient(2, 0).isZero
    }

    private func evaluate(_ q: LocusPolynomial, at p: PlanePoint<RationalFunction>) -> RationalFunction {
        var total = RationalFunction.zero
        for (m, c) in q.terms {
            var term = c
            for _ in 0..<m.x { term = term * p.x }
            for _ in 0..<m.y { term = term * p.y }
            total = total + term
        }
        return total
    }
}
