import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials

// Solving one point's equations: the cases of `CoordinateModel`'s documentation.

extension CoordinateModel {
    struct Solution {
        var x: RationalFunction
        var y: RationalFunction
        var method: String
        var facts: [Statement]

        init(x: RationalFunction, y: RationalFunction, method: String, facts: [Statement]) {
            (self.x, self.y, self.method, self.facts) = (x, y, method, facts)
        }

        init(_ point: PlanePoint<RationalFunction>, method: String, facts: [Statement]) {
            self.init(x: point.x, y: point.y, method: method, facts: facts)
        }
    }

    /// Solves a point's equations (see the type's documentation for the cases).
    mutating func solve(point: PointID, name: String, position: PlanePoint<Complex>,
                        equations given: [(LocusPolynomial, Statement)]) throws -> Solution {
        if given.isEmpty { return freePoint(point, name: name, position: position) }
        let equations = try splittingLinePairs(point: point, name: name, position: position, equations: given)
        let lines = equations.filter { $0.0.degree == 1 }
        let quadrics = equations.filter { $0.0.degree == 2 }
        if let solution = try twoLines(lines, position: position) { return solution }
        if let solution = try lineAndCurve(point: point, name: name, position: position, lines: lines, quadrics: quadrics) {
            return solution
        }
        if quadrics.count >= 2, let solution = try twoConics(name: name, position: position, quadrics: quadrics) {
            return solution
        }
        if equations.count >= 2 && lines.count + quadrics.count >= 2 {
            throw Unsupported(description: "\(name): two curves of degree two that do not meet at a point the model can express")
        }
        return try oneLocus(point: point, name: name, position: position, equations: equations)
    }

    /// Two of the lines that meet at one point: at a virtual point on both, else by
    /// Cramer's rule.
    mutating func twoLines(_ lines: [(LocusPolynomial, Statement)], position: PlanePoint<Complex>) throws -> Solution? {
        guard lines.count >= 2 else { return nil }
        let tolerance = 1e-6 * (1 + position.x.length + position.y.length)
        let nearbyVirtualPoints = virtualPoints.filter {
            separation(PlanePoint(x: value(of: $0.point.x), y: value(of: $0.point.y)), position) < tolerance
        }
        for i in lines.indices {
            for j in lines.indices where j > i {
                let (l1, l2) = (lines[i].0, lines[j].0)
                let facts = [lines[i].1, lines[j].1]
                let reason = "the determinant of \(problem.text(of: facts[0])) and \(problem.text(of: facts[1]))"
                for virtual in nearbyVirtualPoints {
                    guard let d1 = direction(of: lines[i], through: virtual),
                          let d2 = direction(of: lines[j], through: virtual) else { continue }
                    let crossing = system.cross(d1, d2)
                    guard isNonzeroInDiagram(crossing.numerator) else { continue }
                    try require(crossing, nonzero: reason, asFactor: false)
                    return Solution(x: virtual.point.x, y: virtual.point.y, method: "\(virtual.name), which is on both lines", facts: facts)
                }
                let det = l1.coefficient(1, 0) * l2.coefficient(0, 1) - l2.coefficient(1, 0) * l1.coefficient(0, 1)
                guard isNonzeroInDiagram(det.numerator), !isZero(det) else { continue }
                try require(det, nonzero: reason)
                let (a1, b1, c1) = (l1.coefficient(1, 0), l1.coefficient(0, 1), l1.coefficient(0, 0))
                let (a2, b2, c2) = (l2.coefficient(1, 0), l2.coefficient(0, 1), l2.coefficient(0, 0))
                return Solution(x: (b1 * c2 - b2 * c1) / det, y: (a2 * c1 - a1 * c2) / det,
                                method: "the intersection of two lines", facts: [lines[i].1, lines[j].1])
            }
        }
        return nil
    }

    /// A direction of a line through a virtual point, when it passes through it: by
    /// construction (its fact is `coll X p q` with `p`, `q` on a line through the point by
    /// construction), or exactly (the line's equation vanishes there).
    func direction(of line: (LocusPolynomial, Statement), through virtual: VirtualPoint) -> PlanePoint<RationalFunction>? {
        let fact = line.1
        if fact.predicate == .coll, fact.points.count == 3,
           let known = virtual.linesThrough.first(where: { Set($0.points) == Set(fact.points.dropFirst()) }) {
            return known.direction
        }
        guard isZero(line.0.value(at: virtual.point)) else { return nil }
        // a X + b Y + c = 0 runs along (b, -a) in either coordinates.
        return PlanePoint(x: line.0.coefficient(0, 1), y: -line.0.coefficient(1, 0))
    }

    /// A line and a curve of degree two (two circles give their radical axis and a circle):
    /// the second intersection besides an earlier point, a double root, or an algebraic
    /// parameter.
    mutating func lineAndCurve(point: PointID, name: String, position: PlanePoint<Complex>,
                               lines: [(LocusPolynomial, Statement)], quadrics: [(LocusPolynomial, Statement)]) throws -> Solution? {
        var lineCurvePairs: [(LocusPolynomial, LocusPolynomial, [Statement])] = []
        for line in lines { for quadric in quadrics { lineCurvePairs.append((line.0, quadric.0, [line.1, quadric.1])) } }
        for i in quadrics.indices {
            for j in quadrics.indices where j > i {
                let (q1, q2) = (quadrics[i].0, quadrics[j].0)
                guard isCircle(q1), isCircle(q2) else { continue }
                let axis = q1 * LocusPolynomial(constant: circleCoefficient(q2)) - q2 * LocusPolynomial(constant: circleCoefficient(q1))
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
                return Solution(base.moved(root, along: direction),
                                method: "the intersection of a line and a curve", facts: facts)
            }
            // The other intersection: an earlier point, or an algebraic parameter.
            let numericOther = -value(of: c[1]) / value(of: c[2]) - s
            let otherPosition = PlanePoint(x: value(of: base.x) + numericOther * value(of: direction.x),
                                           y: value(of: base.y) + numericOther * value(of: direction.y))
            if let earlier = placed.first(where: { separation(frame[$0.index], otherPosition) < 1e-6 * (1 + otherPosition.x.length + otherPosition.y.length) }) {
                let e = self.point(earlier)
                let se = coordinate == 0 ? e.x : e.y
                let onLine = isZero(line.value(at: e))
                let onCurve = isZero(c[2] * se * se + c[1] * se + c[0])
                if onLine && onCurve {
                    try require(c[2], nonzero: "the leading coefficient of \(problem.text(of: facts[1])) along \(problem.text(of: facts[0]))")
                    let root = -c[1] / c[2] - se
                    return Solution(base.moved(root, along: direction),
                                    method: "the second intersection (besides \(problem.name(of: earlier))) of a line and a curve",
                                    facts: facts)
                }
            }
            let count = variables.count
            let root = try algebraic(coordinateName(coordinate, of: name), value: s, coefficients: c,
                                     reason: "\(problem.text(of: facts[1])) along \(problem.text(of: facts[0]))")
            return Solution(base.moved(root, along: direction),
                            method: variables.count > count ? "an intersection of a line and a curve (an algebraic parameter)"
                                                            : "the point where a line touches a curve (a double root)",
                            facts: facts)
        }
        return nil
    }

    /// Two conics (not both circles, such as two angle bisectors): x is an algebraic
    /// parameter, a root of their resultant in y (degree up to four, so every intersection
    /// is covered), and y is rational in x, from the combination of the two that is linear
    /// in y.
    mutating func twoConics(name: String, position: PlanePoint<Complex>, quadrics: [(LocusPolynomial, Statement)]) throws -> Solution? {
        for i in quadrics.indices {
            for j in quadrics.indices where j > i {
                let facts = [quadrics[i].1, quadrics[j].1]
                let index = variables.count
                let x = RationalFunction(Polynomial.variable(index))
                let vertical = (base: PlanePoint(x: x, y: RationalFunction.zero), direction: PlanePoint(x: RationalFunction.zero, y: RationalFunction.one))
                let a = quadrics[i].0.along(base: vertical.base, direction: vertical.direction)
                let b = quadrics[j].0.along(base: vertical.base, direction: vertical.direction)
                guard a.count == 3, b.count == 3 else { continue }
                // Res_y = (a2 b0 - a0 b2)² - (a2 b1 - a1 b2)(a1 b0 - a0 b1).
                let p = a[2] * b[0] - a[0] * b[2], q = a[2] * b[1] - a[1] * b[2], r = a[1] * b[0] - a[0] * b[1]
                let resultant = simplify(p * p - q * r).numerator
                guard resultant.mainVariable == index, resultant.degree(in: index) >= 2 else { continue }
                guard isRoot(position.x, of: resultant) else { continue }
                _ = addVariable(coordinateName(0, of: name), value: position.x, relation: resultant)
                let reason = "\(problem.text(of: facts[0])) and \(problem.text(of: facts[1]))"
                try require(RationalFunction(resultant.leadingCoefficient), nonzero: "the leading coefficient of the resultant of \(reason)")
                // b2·Q1 - a2·Q2 = q' y + p' with q' = b2 a1 - a2 b1 = -q and p' = b2 a0 - a2 b0 = -p.
                guard isNonzeroInDiagram(q.numerator), !isZero(q) else {
                    throw Unsupported(description: "\(name): y is not rational in x on \(reason)")
                }
                try require(q, nonzero: "the coefficient of y in the combination of \(reason)")
                return Solution(x: x, y: -p / q, method: "an intersection of two conics, \(coordinateName(0, of: name)) a root of their resultant", facts: facts)
            }
        }
        return nil
    }

    /// One equation: a one-parameter family (a line, a circle through an earlier point, or
    /// another conic).
    mutating func oneLocus(point: PointID, name: String, position: PlanePoint<Complex>,
                           equations: [(LocusPolynomial, Statement)]) throws -> Solution {
        guard let (equation, fact) = equations.first(where: { $0.0.degree <= 2 }) else {
            throw Unsupported(description: "\(name): an equation of degree above two")
        }
        if equation.degree == 1 {
            let (b, d, coordinate) = try parametrize(equation, reason: problem.text(of: fact))
            let t = addVariable("t_\(name)", value: coordinate == 0 ? position.x : position.y)
            return Solution(b.moved(RationalFunction(t), along: d),
                            method: "on a line, parameter t_\(name)", facts: [fact])
        }
        if isCircle(equation),
           let earlier = placed.first(where: { numericValue(equation, at: frame[$0.index]).length < 1e-6
                                               && separation(frame[$0.index], position) > 1e-6 }),
           isZero(equation.value(at: self.point(earlier))) {
            // The chord from an earlier point of the circle, by its slope.
            let d = position - frame[earlier.index]
            let alongX = prefersFirst(d.x, over: d.y)
            let slope = addVariable("m_\(name)", value: alongX ? d.y / d.x : d.x / d.y)
            let m = RationalFunction(slope)
            let direction = alongX ? PlanePoint(x: RationalFunction.one, y: m) : PlanePoint(x: m, y: RationalFunction.one)
            let e = self.point(earlier)
            let c = equation.along(base: e, direction: direction).map { normalize($0) }
            guard c.count == 3, c[0].isZero else { throw Unsupported(description: "\(name): the circle does not pass through \(problem.name(of: earlier))") }
            try require(c[2], nonzero: "the leading coefficient of \(problem.text(of: fact)) along the chord")
            let root = -c[1] / c[2]
            return Solution(e.moved(root, along: direction),
                            method: "on a circle through \(problem.name(of: earlier)), chord slope m_\(name)", facts: [fact])
        }
        // Any other curve of degree two: x free, y a root.
        let (xName, yName) = (coordinateName(0, of: name), coordinateName(1, of: name))
        let t = addVariable(xName, value: position.x)
        let base = PlanePoint(x: RationalFunction(t), y: RationalFunction.zero)
        let up = PlanePoint(x: RationalFunction.zero, y: RationalFunction.one)
        let c = equation.along(base: base, direction: up).map { normalize($0) }
        if c.count < 3 || c[2].isZero {
            guard c.count >= 2, !c[1].isZero else { throw Unsupported(description: "\(name): the curve has no y") }
            try require(c[1], nonzero: "the coefficient of y in \(problem.text(of: fact))")
            return Solution(x: RationalFunction(t), y: -c[0] / c[1], method: "on a curve, parameter \(xName)", facts: [fact])
        }
        let count = variables.count
        let root = try algebraic(yName, value: position.y, coefficients: c, reason: problem.text(of: fact))
        return Solution(x: RationalFunction(t), y: root,
                        method: "on a curve, parameter \(xName), " + (variables.count > count ? "\(yName) algebraic" : "\(yName) a double root"),
                        facts: [fact])
    }

    mutating func freePoint(_ point: PointID, name: String, position: PlanePoint<Complex>) -> Solution {
        if placed.isEmpty {
            return Solution(x: .zero, y: .zero, method: "free: the origin", facts: [])
        }
        if placed.count == 1 {
            // The frame put the second point on the x-axis (at 1 in isotropic coordinates).
            switch system {
            case .cartesian where position.y.length < 1e-12:
                return Solution(x: RationalFunction(addVariable(coordinateName(0, of: name), value: position.x)), y: .zero,
                                method: "free: on the x-axis", facts: [])
            case .isotropic where separation(position, PlanePoint(x: .one, y: .one)) < 1e-12:
                return Solution(x: .one, y: .one, method: "free: at 1", facts: [])
            default:
                break
            }
        }
        let x = RationalFunction(addVariable(coordinateName(0, of: name), value: position.x))
        let y = RationalFunction(addVariable(coordinateName(1, of: name), value: position.y))
        return Solution(x: x, y: y, method: "free", facts: [])
    }

    /// The name of a point's coordinate (0 or 1) as a variable: `x_c`, `w_c`.
    func coordinateName(_ coordinate: Int, of point: String) -> String {
        let names = system.coordinateNames
        return "\(coordinate == 0 ? names.0 : names.1)_\(point)"
    }

    /// How far apart two diagram positions are (the larger coordinate difference).
    func separation(_ p: PlanePoint<Complex>, _ q: PlanePoint<Complex>) -> Double {
        max((p.x - q.x).length, (p.y - q.y).length)
    }

    /// A new algebraic variable: the root `value` of `c[2] w² + c[1] w + c[0]`.
    /// A double root (the discriminant vanishes on the configurations: a tangent line or
    /// circle) is rational, `-c[1] / (2 c[2])`, and needs no new variable.
    mutating func algebraic(_ name: String, value: Complex, coefficients c: [RationalFunction], reason: String) throws -> RationalFunction {
        guard c.count == 3 else { throw Unsupported(description: "\(name): degree above two") }
        // Coefficients over one denominator have the roots of their numerators' quadratic.
        let c = c.allSatisfy({ $0.isZero || $0.denominator == c[2].denominator }) ? c.map { RationalFunction($0.numerator) } : c
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
        guard isRoot(value, of: relation) else {
            throw Unsupported(description: "\(name) is not a root of its relation in the diagram")
        }
        _ = addVariable(name, value: value, relation: relation)
        try require(RationalFunction(lead), nonzero: "the leading coefficient of the relation of \(name) (\(reason))")
        return wf
    }

    /// Whether `value`, as the next variable (the relation's main one), is a root of
    /// `relation` in the diagram, up to rounding.
    func isRoot(_ value: Complex, of relation: Polynomial) -> Bool {
        let next = variables.count
        let residual = relation.evaluate { $0 == next ? value : variables[$0].value }
        let scale = relation.magnitude { $0 == next ? value.length : variables[$0].value.length }
        return residual.length <= 1e-7 * scale
    }

    /// `line` as `base + s · direction`, with `s` the X coordinate (0) or the Y
    /// coordinate (1), whichever has the larger coefficient in the diagram's numbers.
    mutating func parametrize(_ line: LocusPolynomial, reason: String) throws
        -> (base: PlanePoint<RationalFunction>, direction: PlanePoint<RationalFunction>, coordinate: Int) {
        let a = line.coefficient(1, 0), b = line.coefficient(0, 1), c = line.coefficient(0, 0)
        if prefersFirst(value(of: b), over: value(of: a)) {
            // Y = -(a X + c) / b, X = s.
            try require(b, nonzero: "the coefficient of y in \(reason)")
            return (PlanePoint(x: .zero, y: -c / b), PlanePoint(x: .one, y: -a / b), 0)
        }
        try require(a, nonzero: "the coefficient of x in \(reason)")
        return (PlanePoint(x: -c / a, y: .zero), PlanePoint(x: -b / a, y: .one), 1)
    }

    /// Whether to use `first` rather than `second` as a divisor (or a slope's run): the
    /// larger in cartesian coordinates. In isotropic ones a real direction has `|dz| = |dw|`,
    /// so the larger would be decided by rounding, and a proof text must not depend on it:
    /// `first`, unless it is next to nothing beside `second`.
    func prefersFirst(_ first: Complex, over second: Complex) -> Bool {
        switch system {
        case .cartesian: return first.length >= second.length
        case .isotropic: return first.length > 1e-6 * second.length
        }
    }

    /// The value of a locus polynomial at a diagram position.
    func numericValue(_ q: LocusPolynomial, at p: PlanePoint<Complex>) -> Complex {
        func power(_ base: Complex, _ exponent: Int) -> Complex {
            (0..<exponent).reduce(Complex.one) { product, _ in product * base }
        }
        return q.terms.reduce(Complex.zero) { total, term in
            total + value(of: term.value) * power(p.x, term.key.x) * power(p.y, term.key.y)
        }
    }

    /// Whether a locus is a circle: `a(X² + Y²) + ...` in cartesian coordinates,
    /// `a·ZW + ...` in isotropic ones, `a ≠ 0`.
    func isCircle(_ q: LocusPolynomial) -> Bool {
        guard q.degree == 2, !circleCoefficient(q).isZero else { return false }
        switch system {
        case .cartesian: return isZero(q.coefficient(1, 1)) && isZero(q.coefficient(2, 0) - q.coefficient(0, 2))
        case .isotropic: return isZero(q.coefficient(2, 0)) && isZero(q.coefficient(0, 2))
        }
    }

    /// The coefficient of a circle's quadratic part (`X²` or `ZW`).
    func circleCoefficient(_ q: LocusPolynomial) -> RationalFunction {
        system == .cartesian ? q.coefficient(2, 0) : q.coefficient(1, 1)
    }
}
