import GouguArithmetic
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials

// Common tangents of two circles (`cc_tangent`, `cc_tangent0`): the points of tangency
// constrain each other (each is on the tangent at the other), so they are placed
// together, through the centre of similitude of the two circles.

extension CoordinateModel {
    /// A call of `cc_tangent x y z i o a w b` (or `cc_tangent0 x y o a w b`): tangents `xy`
    /// (and `zi`) common to the circle with centre `o` through `a` and the one with centre
    /// `w` through `b`.
    struct CommonTangents {
        let call: ConstructionCall
        /// `x y` or `x y z i`: on each tangent, its point on the first circle, then on the second.
        let newPoints: [PointID]
        let centre1: PointID, through1: PointID, centre2: PointID, through2: PointID
    }

    /// The common-tangent call that creates `point`, if one does.
    static func commonTangentCall(creating point: PointID, in problem: Problem) -> CommonTangents? {
        for clause in problem.clauses where clause.points.contains(point) {
            for call in clause.constructions where ["cc_tangent", "cc_tangent0"].contains(call.definition.name) {
                let binding = call.binding
                let newPoints = call.definition.newPoints.compactMap { binding[$0]?.point }
                guard newPoints.contains(point), newPoints.count % 2 == 0,
                      let o = binding["o"]?.point, let a = binding["a"]?.point,
                      let w = binding["w"]?.point, let b = binding["b"]?.point else { continue }
                return CommonTangents(call: call, newPoints: newPoints, centre1: o, through1: a, centre2: w, through2: b)
            }
        }
        return nil
    }

    /// Places the points of common tangents. With `r1`, `r2` the squared radii, `ρ` is the
    /// ratio of the homothety taking the first circle to the second (`ρ² r1 = r2`; its sign
    /// from the diagram, positive for external tangents; rational when `r2/r1` is a square,
    /// else an algebraic parameter) and `k = (ρ·o - w)/(ρ - 1)` its centre (`ρ ≠ 1`). Each
    /// tangent is the line through `k` whose slope is a root of the tangency quadratic (the
    /// line touches the first circle), each its own algebraic parameter; its points of
    /// tangency are the feet of the two centres on it. Those satisfy the construction's
    /// facts identically: the line touches the first circle, so (through the homothety's
    /// centre) the second too, and a foot of a centre on a tangent is the point of contact,
    /// perpendicular to the line. `k` is kept as a virtual point (`virtualPoints`). Facts of
    /// the new points that other constructions assert are listed as not assumed.
    mutating func placeCommonTangents(_ tangents: CommonTangents, facts: [[Statement]]) throws {
        let text = ([tangents.call.definition.name] + tangents.call.arguments.map(problem.text(of:))).joined(separator: " ")
        let (o1, o2) = (point(tangents.centre1), point(tangents.centre2))
        let r1 = normalize(system.squaredLength(point(tangents.through1) - o1))
        let r2 = normalize(system.squaredLength(point(tangents.through2) - o2))
        guard !r1.isZero, !r2.isZero else { throw Unsupported(description: "\(text): a circle of radius zero") }

        // The ratio of the homothety, from the diagram's first tangent.
        let (first, second) = (tangents.newPoints[0], tangents.newPoints[1])
        let u = frame[first.index] - frame[tangents.centre1.index], v = frame[second.index] - frame[tangents.centre2.index]
        let ratioValue = prefersFirst(u.x, over: u.y) ? v.x / u.x : v.y / u.y
        let ratio: RationalFunction
        let tolerance = 1e-6 * (1 + ratioValue.length)
        if let root = squareRoot(of: quotient(r2, r1)),
           let signed = [root, -root].first(where: { (value(of: $0) - ratioValue).length < tolerance }) {
            ratio = signed
        } else {
            ratio = try algebraic("r_\(problem.name(of: first))", value: ratioValue, coefficients: [-r2, .zero, r1],
                                  reason: "the ratio of the radii in \(text)")
        }
        try require(ratio - .one, nonzero: "the radii of the circles of \(text) differ")
        let centre = PlanePoint(x: simplify((ratio * o1.x - o2.x) / (ratio - .one)),
                                y: simplify((ratio * o1.y - o2.y) / (ratio - .one)))

        // The tangents from the centre, by their slopes: the line k + s·v, v = (1, m) (or
        // (m, 1)), touches the first circle when its quadratic in s has a double root,
        // (e·v)² = |v|²(|e|² - r1) with e = k - o (real dot products), a quadratic in m whose
        // two roots are the two tangents.
        let firstRun = frame[second.index] - frame[first.index]
        let alongX = prefersFirst(firstRun.x, over: firstRun.y)
        // With e = k - o = (o - w)/(ρ - 1), the condition times (ρ - 1)² has the small
        // e' = o - w and r1 (ρ - 1)² = r1 + r2 - 2 ρ r1 in place of e and r1.
        let e = o1 - o2
        let shrunk = normalize(sum(r1 * (.one - RationalFunction(2) * ratio), r2))
        let m = Polynomial.variable(variables.count)
        let vSlope = alongX ? PlanePoint(x: RationalFunction.one, y: RationalFunction(m)) : PlanePoint(x: RationalFunction(m), y: RationalFunction.one)
        let lambda = RationalFunction(system == .cartesian ? 1 : 2)  // dot = λ · the real dot product
        let ev = system.dot(e, vSlope)
        let scale = lambda * lambda * system.squaredLength(vSlope)
        // As a quadratic in m (the next variable).
        let simplified = sum(ev * ev - scale * system.squaredLength(e), scale * shrunk)
        let (numerator, denominator) = (simplified.numerator, simplified.denominator)
        guard numerator.mainVariable == m.mainVariable, numerator.degree(in: m.mainVariable) == 2 else {
            throw Unsupported(description: "\(text): the tangents' slopes are not the roots of a quadratic")
        }
        let c = numerator.coefficients(in: m.mainVariable).map { RationalFunction($0, over: denominator) }
        // The tangents pass through the centre by construction (each point of tangency is
        // the centre plus a multiple of the tangent's direction).
        var virtual = VirtualPoint(name: "the centre of similitude of \(text)", point: centre, linesThrough: [])
        defer { virtualPoints.append(virtual) }
        let own = Set(tangents.call.facts)
        for pairStart in stride(from: 0, to: tangents.newPoints.count, by: 2) {
            let (p, q) = (tangents.newPoints[pairStart], tangents.newPoints[pairStart + 1])
            // Each tangent its own root of the slopes' quadratic (the other root by Vieta
            // would be far larger; the branch where both are the same root makes the two
            // tangents one line, which the non-degeneracy conditions of what meets them exclude).
            let run = frame[q.index] - frame[p.index]
            let slopeValue = alongX ? run.y / run.x : run.x / run.y
            let slope = try algebraic("m_\(problem.name(of: p))", value: slopeValue, coefficients: c,
                                      reason: "the tangents from the centre of similitude of \(text)")
            let v = alongX ? PlanePoint(x: RationalFunction.one, y: slope) : PlanePoint(x: slope, y: RationalFunction.one)
            virtual.linesThrough.append((points: [p, q], direction: v))
            let vv = system.dot(v, v)
            try require(vv, nonzero: "the direction of a tangent of \(text) is not isotropic")
            // The points of tangency: the feet of the centres on the tangent.
            for (point, centreOfCircle) in [(p, o1), (q, o2)] {
                let t = simplify(system.dot(centreOfCircle - centre, v) / vv)
                try commit(point, Solution(centre.moved(t, along: v),
                                           method: "the foot of the centre on the tangent of slope m_\(problem.name(of: p)) from the centre of similitude of \(text)",
                                           facts: facts[point.index].filter(own.contains)))
                unusedFacts += facts[point.index].filter { !own.contains($0) }
            }
        }
    }
}

extension CoordinateModel {
    /// `f + g` over their least common denominator (the common factor of the denominators
    /// cancelled first), simplified: far smaller than over the product of the
    /// denominators, so the gcd that simplifies it is far cheaper.
    func sum(_ f: RationalFunction, _ g: RationalFunction) -> RationalFunction {
        guard f.denominator != g.denominator,
              let d = boundedGCD(f.denominator, g.denominator, within: .milliseconds(500)), d.constantValue == nil,
              let fRest = f.denominator.dividedExactly(by: d), let gRest = g.denominator.dividedExactly(by: d) else {
            return simplify(f + g)
        }
        return simplify(RationalFunction(f.numerator * gRest + g.numerator * fRest, over: f.denominator * gRest))
    }

    /// `f / g` with the common factors of the numerators, and of the denominators, cancelled
    /// (two smaller gcds than that of the quotient's numerator and denominator).
    func quotient(_ f: RationalFunction, _ g: RationalFunction) -> RationalFunction {
        func cancelled(_ p: Polynomial, _ q: Polynomial) -> (Polynomial, Polynomial) {
            guard let d = boundedGCD(p, q, within: .milliseconds(500)), d.constantValue == nil,
                  let pd = p.dividedExactly(by: d), let qd = q.dividedExactly(by: d) else { return (p, q) }
            return (pd, qd)
        }
        let (fn, gn) = cancelled(f.numerator, g.numerator)
        let (gd, fd) = cancelled(g.denominator, f.denominator)
        return simplify(RationalFunction(fn * gd, over: gn * fd))
    }
}
