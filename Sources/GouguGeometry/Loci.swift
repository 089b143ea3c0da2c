#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line, by a point on it and a unit direction.
public struct Line: Sendable, Hashable {
    public var point: Vector2
    public var direction: Vector2

    /// The line through `point` with `direction` (normalised here); nil when the
    /// direction is too short to define a line.
    public init?(point: Vector2, direction: Vector2) {
        let length = direction.length
        guard length > Geometry.degenerateLength, point.isFinite, length.isFinite else { return nil }
        self.point = point
        self.direction = direction / length
    }

    /// The line through two points; nil when they (nearly) coincide.
    public init?(through a: Vector2, _ b: Vector2) {
        self.init(point: a, direction: b - a)
    }

    /// The distance from `p` to the line.
    public func distance(to p: Vector2) -> Double { abs(direction.cross(p - point)) }

    /// The point of the line nearest to `p`.
    public func projection(of p: Vector2) -> Vector2 { point + direction * direction.dot(p - point) }
}

/// A circle, by centre and radius.
public struct Circle: Sendable, Hashable {
    public var center: Vector2
    public var radius: Double

    public init?(center: Vector2, radius: Double) {
        guard radius > Geometry.degenerateLength, radius.isFinite, center.isFinite else { return nil }
        self.center = center
        self.radius = radius
    }

    /// The circle through three points; nil when they are (nearly) collinear.
    public init?(through a: Vector2, _ b: Vector2, _ c: Vector2) {
        let ab = b - a, ac = c - a
        let d = 2 * ab.cross(ac)
        guard abs(d) > Geometry.degenerateLength * (ab.length + ac.length) else { return nil }
        let center = a + Vector2(
            ac.y * ab.dot(ab) - ab.y * ac.dot(ac),
            ab.x * ac.dot(ac) - ac.x * ab.dot(ab)
        ) / d
        self.init(center: center, radius: center.distance(to: a))
    }

    /// The distance from `p` to the circle.
    public func distance(to p: Vector2) -> Double { abs(center.distance(to: p) - radius) }

    /// The point of the circle nearest to `p`.
    public func projection(of p: Vector2) -> Vector2 {
        let d = p - center
        return d.length > Geometry.degenerateLength ? center + d.normalized * radius : center + Vector2(radius, 0)
    }
}

/// A one-parameter family of positions for a point: where a construction puts it.
public enum Locus: Sendable, Hashable {
    case line(Line)
    /// The half-line from `line.point` in `line.direction`, without its origin.
    case ray(Line)
    case circle(Circle)

    /// The distance from `p` to the locus.
    public func distance(to p: Vector2) -> Double {
        switch self {
        case .line(let l): return l.distance(to: p)
        case .ray(let l):
            let t = l.direction.dot(p - l.point)
            return t >= 0 ? l.distance(to: p) : p.distance(to: l.point)
        case .circle(let c): return c.distance(to: p)
        }
    }

    /// The point of the locus nearest to `p`.
    public func projection(of p: Vector2) -> Vector2 {
        switch self {
        case .line(let l): return l.projection(of: p)
        case .ray(let l):
            let t = max(l.direction.dot(p - l.point), Geometry.minimumSeparation)
            return l.point + l.direction * t
        case .circle(let c): return c.projection(of: p)
        }
    }

    /// A random point of the locus, near `center` at the scale `scale`.
    func sample(near center: Vector2, scale: Double, using rng: inout SeededGenerator) -> Vector2 {
        switch self {
        case .line(let l):
            let base = l.projection(of: center)
            return base + l.direction * rng.uniform(-scale...scale)
        case .ray(let l):
            return l.point + l.direction * rng.uniform(0.2 * scale...1.5 * scale)
        case .circle(let c):
            return c.center + Vector2.unit(angle: rng.uniform(0...(2 * Double.pi))) * c.radius
        }
    }

    /// The underlying line of a ray, for intersections.
    var asLineOrCircle: Locus {
        if case .ray(let l) = self { return .line(l) }
        return self
    }

    /// Where two loci meet: none, one or two points. Tangencies and (nearly) parallel
    /// lines count as degenerate and give no point, so that the builder resamples.
    public func intersections(with other: Locus) -> [Vector2] {
        let found: [Vector2]
        switch (asLineOrCircle, other.asLineOrCircle) {
        case (.line(let l), .line(let m)):
            found = Geometry.intersect(l, m).map { [$0] } ?? []
        case (.line(let l), .circle(let c)), (.circle(let c), .line(let l)):
            found = Geometry.intersect(l, c)
        case (.circle(let c), .circle(let d)):
            found = Geometry.intersect(c, d)
        default:
            found = []
        }
        // A ray keeps only the points on its side of the origin.
        return found.filter { p in
            for locus in [self, other] {
                if case .ray(let l) = locus, l.direction.dot(p - l.point) <= Geometry.minimumSeparation { return false }
            }
            return true
        }
    }
}

/// Numeric tolerances and primitive intersections.
public enum Geometry {
    /// Below this length, a vector defines no direction.
    public static let degenerateLength = 1e-9
    /// Two points of a diagram closer than this are taken to coincide, which the
    /// builder treats as a degenerate sample.
    public static let minimumSeparation = 1e-3
    /// A newly placed point nearer than this (times the figure's scale) to an existing
    /// point makes the sample degenerate: the figure would show two points as one, and
    /// facts about the pair would be decided by rounding.
    public static let distinctPointSeparation = 1e-2
    /// Two lines whose directions differ by less than this sine are taken as parallel
    /// when they must meet.
    public static let minimumCrossingSine = 1e-3
    /// A line and a circle, or two circles, whose squared half-chord is within this
    /// fraction of the squared radius touch: they meet in one point. Random samples land
    /// this close with negligible probability; constructions tangent by theorem land here.
    public static let tangencyTolerance = 1e-9
    /// The tolerance of numeric fact checks, relative to the diagram's unit scale.
    public static let tolerance = 1e-7

    static func intersect(_ l: Line, _ m: Line) -> Vector2? {
        let denominator = l.direction.cross(m.direction)
        guard abs(denominator) > minimumCrossingSine else { return nil }
        let t = (m.point - l.point).cross(m.direction) / denominator
        return l.point + l.direction * t
    }

    static func intersect(_ l: Line, _ c: Circle) -> [Vector2] {
        let foot = l.projection(of: c.center)
        let d = foot.distance(to: c.center)
        let h2 = c.radius * c.radius - d * d
        // A tangency (to rounding) is one point: constructions may be tangent by theorem.
        let tangency = tangencyTolerance * c.radius * c.radius
        guard h2 > -tangency else { return [] }
        guard h2 > tangency else { return [foot] }
        let h = h2.squareRoot()
        return [foot - l.direction * h, foot + l.direction * h]
    }

    static func intersect(_ c: Circle, _ d: Circle) -> [Vector2] {
        let delta = d.center - c.center
        let distance = delta.length
        guard distance > minimumSeparation else { return [] }
        let a = (c.radius * c.radius - d.radius * d.radius + distance * distance) / (2 * distance)
        let h2 = c.radius * c.radius - a * a
        let tangency = tangencyTolerance * c.radius * c.radius
        let base = c.center + delta * (a / distance)
        guard h2 > -tangency else { return [] }
        guard h2 > tangency else { return [base] }
        let h = h2.squareRoot()
        let offset = delta.perpendicular * (h / distance)
        return [base + offset, base - offset]
    }
}
