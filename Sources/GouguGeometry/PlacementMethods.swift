#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a placement method gives: a locus to sample or intersect, or points outright.
public enum PlacementValue: Sendable {
    case locus(Locus)
    case points([Vector2])
}

/// The numeric vocabulary of `place` lines in `TheoremLibrary/constructions.txt`: each
/// method turns the positions of given points (and numbers) into a locus or into points.
///
/// A method returns nil when its input is degenerate (coincident points, parallel lines
/// that must meet): the diagram builder then resamples.
public struct PlacementMethod: Sendable {
    /// The name used in the library.
    public let name: String
    /// How many point arguments it takes.
    public let pointArity: Int
    /// How many number arguments it takes (after the points).
    public let numberArity: Int
    /// How many points it fixes; 0 for a locus.
    public let producedPoints: Int
    let evaluate: @Sendable (_ points: [Vector2], _ numbers: [Double], _ rng: inout SeededGenerator) -> PlacementValue?
    /// The other locus the construction's asserted facts equally allow, for a method that
    /// picks one of two by convention (the internal bisector, where the facts, angles
    /// modulo pi, say "a bisector"). A configuration may take it instead.
    let alternative: (@Sendable (_ points: [Vector2]) -> Locus?)?
    /// The other points the construction's asserted facts equally allow, for a point
    /// method that picks one of two solutions by convention (which of the two common
    /// tangents of two circles comes first). A configuration may take them instead.
    let alternativePoints: (@Sendable (_ points: [Vector2]) -> [Vector2]?)?

    init(name: String, pointArity: Int, numberArity: Int, producedPoints: Int,
         alternative: (@Sendable ([Vector2]) -> Locus?)? = nil,
         alternativePoints: (@Sendable ([Vector2]) -> [Vector2]?)? = nil,
         evaluate: @escaping @Sendable ([Vector2], [Double], inout SeededGenerator) -> PlacementValue?) {
        self.name = name
        self.pointArity = pointArity
        self.numberArity = numberArity
        self.producedPoints = producedPoints
        self.alternative = alternative
        self.alternativePoints = alternativePoints
        self.evaluate = evaluate
    }

    /// The method with this name, if the vocabulary has it.
    public static func named(_ name: String) -> PlacementMethod? { all[name] }

    /// Every method, by name.
    public static let all: [String: PlacementMethod] = {
        var methods: [String: PlacementMethod] = [:]
        for m in loci + pointMethods { methods[m.name] = m }
        return methods
    }()

    // MARK: Loci

    private static func locus(_ name: String, _ arity: Int, numbers: Int = 0,
                              _ body: @escaping @Sendable ([Vector2], [Double]) -> Locus?) -> PlacementMethod {
        PlacementMethod(name: name, pointArity: arity, numberArity: numbers, producedPoints: 0) { p, n, _ in
            body(p, n).map(PlacementValue.locus)
        }
    }

    private static func line(_ point: Vector2, _ direction: Vector2) -> Locus? {
        Line(point: point, direction: direction).map(Locus.line)
    }

    static let loci: [PlacementMethod] = [
        locus("line", 2) { p, _ in Line(through: p[0], p[1]).map(Locus.line) },
        locus("opray", 2) { p, _ in Line(point: p[0], direction: p[0] - p[1]).map(Locus.ray) },
        locus("pline", 3) { p, _ in line(p[0], p[2] - p[1]) },
        locus("tline", 3) { p, _ in line(p[0], (p[2] - p[1]).perpendicular) },
        locus("bline", 2) { p, _ in line((p[0] + p[1]) / 2, (p[1] - p[0]).perpendicular) },
        locus("circle", 2) { p, _ in Circle(center: p[0], radius: p[0].distance(to: p[1])).map(Locus.circle) },
        locus("circum", 3) { p, _ in Circle(through: p[0], p[1], p[2]).map(Locus.circle) },
        locus("diameter", 2) { p, _ in Circle(center: (p[0] + p[1]) / 2, radius: p[0].distance(to: p[1]) / 2).map(Locus.circle) },
        locus("radiuscircle", 3) { p, _ in Circle(center: p[0], radius: p[1].distance(to: p[2])).map(Locus.circle) },
        locus("scaledcircle", 2, numbers: 1) { p, n in Circle(center: p[0], radius: p[0].distance(to: p[1]) * n[0]).map(Locus.circle) },
        // The internal bisector of angle abc, through b; the external one is the alternative.
        PlacementMethod(name: "bisector", pointArity: 3, numberArity: 0, producedPoints: 0, alternative: { p in
            let u = p[0] - p[1], v = p[2] - p[1]
            guard u.length > Geometry.degenerateLength, v.length > Geometry.degenerateLength else { return nil }
            return line(p[1], u.normalized - v.normalized)
        }) { p, _, _ in
            let u = p[0] - p[1], v = p[2] - p[1]
            guard u.length > Geometry.degenerateLength, v.length > Geometry.degenerateLength else { return nil }
            return line(p[1], u.normalized + v.normalized).map(PlacementValue.locus)
        },
        // The reflection of line ba in line bc, through b.
        locus("anglemirror", 3) { p, _ in
            let u = p[0] - p[1], v = p[2] - p[1]
            guard u.length > Geometry.degenerateLength, v.length > Geometry.degenerateLength else { return nil }
            let (un, vn) = (u.normalized, v.normalized)
            return line(p[1], vn * (2 * un.dot(vn)) - un)
        },
        // The line through a with angle(ax, ab) = angle(dc, de).
        locus("angleline", 5) { p, _ in
            let a = p[0], b = p[1], c = p[2], d = p[3], e = p[4]
            let direction = (b - a).angle - ((e - d).angle - (c - d).angle)
            return line(a, Vector2.unit(angle: direction))
        },
        // The points x with angle(xa, xb) = angle(pq, rs): a circle through a and b.
        locus("anglecircle", 6) { p, _ in
            let a = p[0], b = p[1]
            let theta = (p[5] - p[4]).angle - (p[3] - p[2]).angle
            guard abs(sin(theta)) > Geometry.minimumCrossingSine else { return nil }
            // One point of the locus: from a in any direction phi, from b at phi + theta.
            let phi = (b - a).angle + Double.pi / 2
            guard let l = Line(point: a, direction: Vector2.unit(angle: phi)),
                  let m = Line(point: b, direction: Vector2.unit(angle: phi + theta)),
                  let x = Geometry.intersect(l, m) else { return nil }
            return Circle(through: a, b, x).map(Locus.circle)
        },
        // The line through b with angle(bx, ba) = y degrees.
        // The points x with xa : xc = ef : gh: the perpendicular bisector of ac when the
        // ratio is 1, else the Apollonius circle on the points dividing ac in that ratio.
        locus("ratiolocus", 6) { p, _ in
            let (a, c) = (p[0], p[1])
            let denominator = p[4].distance(to: p[5])
            guard denominator > Geometry.degenerateLength else { return nil }
            let k = p[2].distance(to: p[3]) / denominator
            guard k > Geometry.degenerateLength, k.isFinite else { return nil }
            if abs(k - 1) < 1e-9 { return line((a + c) / 2, (c - a).perpendicular) }
            let inner = a + (c - a) * (k / (1 + k))
            let outer = a + (c - a) * (k / (k - 1))
            return Circle(center: (inner + outer) / 2, radius: inner.distance(to: outer) / 2).map(Locus.circle)
        },
        locus("fixedangle", 2, numbers: 1) { p, n in
            line(p[1], Vector2.unit(angle: (p[0] - p[1]).angle - n[0] * Double.pi / 180))
        },
    ]

    // MARK: Points

    private static func point(_ name: String, _ arity: Int, produces: Int = 1,
                              alternative: (@Sendable ([Vector2]) -> [Vector2]?)? = nil,
                              _ body: @escaping @Sendable ([Vector2], inout SeededGenerator) -> [Vector2]?) -> PlacementMethod {
        PlacementMethod(name: name, pointArity: arity, numberArity: 0, producedPoints: produces,
                        alternativePoints: alternative.map { other in
                            { @Sendable p in other(p).flatMap { $0.count == produces && $0.allSatisfy(\.isFinite) ? $0 : nil } }
                        }) { p, _, rng in
            guard let points = body(p, &rng), points.count == produces, points.allSatisfy(\.isFinite) else { return nil }
            return .points(points)
        }
    }

    static func foot(_ p: Vector2, _ a: Vector2, _ b: Vector2) -> Vector2? {
        Line(through: a, b)?.projection(of: p)
    }

    /// The point with barycentric weights `w` on triangle abc.
    static func barycentric(_ p: [Vector2], _ w: (Double, Double, Double)) -> [Vector2]? {
        let total = w.0 + w.1 + w.2
        guard abs(total) > Geometry.degenerateLength else { return nil }
        return [(p[0] * w.0 + p[1] * w.1 + p[2] * w.2) / total]
    }

    static func sides(_ p: [Vector2]) -> (a: Double, b: Double, c: Double) {
        (p[1].distance(to: p[2]), p[2].distance(to: p[0]), p[0].distance(to: p[1]))
    }

    static let pointMethods: [PlacementMethod] = [
        point("midpoint", 2) { p, _ in [(p[0] + p[1]) / 2] },
        // The reflection of a in the point b.
        point("pointmirror", 2) { p, _ in [p[1] * 2 - p[0]] },
        // The reflection of a in line bc.
        point("linemirror", 3) { p, _ in foot(p[0], p[1], p[2]).map { [$0 * 2 - p[0]] } },
        point("foot", 3) { p, _ in foot(p[0], p[1], p[2]).map { [$0] } },
        point("circumcenter", 3) { p, _ in Circle(through: p[0], p[1], p[2]).map { [$0.center] } },
        point("orthocenter", 3) { p, _ in
            guard let l = Line(point: p[0], direction: (p[2] - p[1]).perpendicular),
                  let m = Line(point: p[1], direction: (p[0] - p[2]).perpendicular) else { return nil }
            return Geometry.intersect(l, m).map { [$0] }
        },
        point("incenter", 3) { p, _ in let s = sides(p); return barycentric(p, (s.a, s.b, s.c)) },
        // The excentre opposite a.
        point("excenter", 3) { p, _ in let s = sides(p); return barycentric(p, (-s.a, s.b, s.c)) },
        point("centroid", 3) { p, _ in [(p[0] + p[1] + p[2]) / 3] },
        // a + c - b: the fourth vertex of parallelogram abcx.
        point("translate", 3) { p, _ in [p[0] + p[2] - p[1]] },
        // b turned a quarter turn about a, counterclockwise or clockwise.
        point("rotate90", 2) { p, _ in [p[0] + (p[1] - p[0]).perpendicular] },
        point("rotate270", 2) { p, _ in [p[0] - (p[1] - p[0]).perpendicular] },
        // c reflected in the perpendicular bisector of ab.
        point("isotrapezoid", 3) { p, _ in
            guard let axis = Line(through: p[0], p[1]) else { return nil }
            let middle = (p[0] + p[1]) / 2
            return [p[2] - axis.direction * (2 * axis.direction.dot(p[2] - middle))]
        },
        // x with angle(ab, ax) = angle(cx, cb): pick the common angle at random.
        point("eqangle2", 3) { p, rng in
            let theta = rng.uniform(0.25...(Double.pi - 0.25))
            guard let l = Line(point: p[0], direction: Vector2.unit(angle: (p[1] - p[0]).angle + theta)),
                  let m = Line(point: p[2], direction: Vector2.unit(angle: (p[1] - p[2]).angle - theta)) else { return nil }
            return Geometry.intersect(l, m).map { [$0] }
        },
        // A point strictly inside segment ab, drawn at random (away from the ends).
        point("insegment", 2) { p, rng in
            guard p[0].distance(to: p[1]) > Geometry.degenerateLength else { return nil }
            return [p[0] + (p[1] - p[0]) * rng.uniform(0.15...0.85)]
        },
        // A point c making triangle abc acute, drawn at random: its foot on ab falls inside
        // the segment (acute at a and b) and it lies outside the circle on diameter ab
        // (acute at c), with a margin so that no angle is nearly right.
        point("acuteapex", 2) { p, rng in
            let (a, b) = (p[0], p[1])
            let length = a.distance(to: b)
            guard length > Geometry.degenerateLength else { return nil }
            let t = rng.uniform(0.2...0.8)
            let height = length * ((t * (1 - t)).squareRoot() * 1.2 + rng.uniform(0.05...0.8))
            let side: Double = rng.uniform(0...1) < 0.5 ? 1 : -1
            return [a + (b - a) * t + (b - a).perpendicular / length * (height * side)]
        },
        point("trisegment", 2, produces: 2) { p, _ in
            [p[0] + (p[1] - p[0]) / 3, p[0] + (p[1] - p[0]) * (2.0 / 3)]
        },
        // The rays from b trisecting angle abc, met with line ac.
        point("trisect", 3, produces: 2) { p, _ in
            let a = p[0], b = p[1], c = p[2]
            var delta = (c - b).angle - (a - b).angle
            while delta > Double.pi { delta -= 2 * Double.pi }
            while delta <= -Double.pi { delta += 2 * Double.pi }
            guard let side = Line(through: a, c) else { return nil }
            var result: [Vector2] = []
            for k in [1.0, 2.0] {
                guard let ray = Line(point: b, direction: Vector2.unit(angle: (a - b).angle + delta * k / 3)),
                      let x = Geometry.intersect(ray, side) else { return nil }
                result.append(x)
            }
            return result
        },
        // Which of the two common tangents comes first is a convention (Newclid's); the
        // facts asserted say "a common tangent", so a configuration may take the other.
        point("externaltangent", 4, produces: 2, alternative: { p in externalTangents(p).map { Array($0.suffix(2)) } }) { p, _ in
            externalTangents(p).map { Array($0.prefix(2)) }
        },
        point("externaltangents", 4, produces: 4, alternative: { p in externalTangents(p).map { Array($0.suffix(2) + $0.prefix(2)) } }) { p, _ in
            externalTangents(p)
        },
        point("twolinesonecircle", 4, produces: 4) { p, _ in twoLinesOneCircle(p) },
        // y the midpoint of ab; x the second point where line dy meets circle (c, cb).
        point("e5128", 4, produces: 2) { p, _ in
            let a = p[0], b = p[1], c = p[2], d = p[3]
            let y = (a + b) / 2
            guard let l = Line(through: d, y), let circle = Circle(center: c, radius: c.distance(to: b)) else { return nil }
            let far = Geometry.intersect(l, circle).max { $0.distance(to: d) < $1.distance(to: d) }
            guard let x = far, x.distance(to: d) > Geometry.minimumSeparation else { return nil }
            return [x, y]
        },
        // x on line ab and y on line ac with z the midpoint of xy.
        point("midpointchord", 4, produces: 2) { p, _ in
            let a = p[0], b = p[1], c = p[2], z = p[3]
            let denominator = (b - a).cross(c - a)
            guard abs(denominator) > Geometry.degenerateLength else { return nil }
            let s = 2 * (z - a).cross(c - a) / denominator
            let x = a + (b - a) * s
            return [x, z * 2 - x]
        },
    ]

    /// The touch points of the two external common tangents of circles (o, |oa|) and
    /// (w, |wb|): [x, y, z, i] with xy the first tangent and zi the second.
    ///
    /// The first tangent is Newclid's (its `sketch_cc_tangent`): the one on the left of the
    /// line from the centre of the larger circle to the centre of the smaller one (of the
    /// line from o to w when the radii are equal).
    static func externalTangents(_ p: [Vector2]) -> [Vector2]? {
        let o = p[0], w = p[2]
        let r1 = o.distance(to: p[1]), r2 = w.distance(to: p[3])
        let d = w - o
        let distance = d.length
        // A tangent line n.p = k touches both circles on the same side: n.(w - o) = r2 - r1.
        guard distance > Geometry.minimumSeparation, abs(r2 - r1) < distance * (1 - 1e-6) else { return nil }
        let cosAlpha = (r1 - r2) / distance
        let sinAlpha = (1 - cosAlpha * cosAlpha).squareRoot()
        let u = d / distance
        var points: [Vector2] = []
        // u.perpendicular is u turned counterclockwise: sign +1 is the tangent on the left
        // of o -> w, the first unless w's circle is the larger.
        let leftFirst = !(r2 > r1 * (1 + 1e-9))
        for sign in leftFirst ? [1.0, -1.0] : [-1.0, 1.0] {
            let n = u * cosAlpha + u.perpendicular * (sign * sinAlpha)
            points += [o + n * r1, w + n * r2]
        }
        return points
    }

    /// The circle touching lines ca and cb and, from inside, the circle with centre o
    /// through a: [x on ca, y on cb, z on the big circle, i its centre].
    static func twoLinesOneCircle(_ p: [Vector2]) -> [Vector2]? {
        let a = p[0], b = p[1], c = p[2], o = p[3]
        let big = o.distance(to: a)
        let ua = a - c, ub = b - c
        guard ua.length > Geometry.degenerateLength, ub.length > Geometry.degenerateLength else { return nil }
        let bisector = ua.normalized + ub.normalized
        guard bisector.length > Geometry.degenerateLength else { return nil }
        let u = bisector.normalized
        let s = abs(u.cross(ua.normalized))  // sine of the half angle at c
        // i = c + t u has radius t s, and |o - i| = big - t s.
        let v = o - c
        let qa = 1 - s * s, qb = -2 * (u.dot(v) - big * s), qc = v.dot(v) - big * big
        let discriminant = qb * qb - 4 * qa * qc
        guard abs(qa) > Geometry.degenerateLength, discriminant > 0 else { return nil }
        let roots = [(-qb - discriminant.squareRoot()) / (2 * qa), (-qb + discriminant.squareRoot()) / (2 * qa)]
        guard let t = roots.filter({ $0 > Geometry.minimumSeparation && big - $0 * s > Geometry.minimumSeparation }).min() else { return nil }
        let i = c + u * t
        guard let x = foot(i, c, a), let y = foot(i, c, b), (i - o).length > Geometry.degenerateLength else { return nil }
        let z = o + (i - o).normalized * big
        return [x, y, z, i]
    }
}
