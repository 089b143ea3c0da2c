#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import GouguLanguage

/// The numeric meaning of every predicate: whether a statement holds at given coordinates.
///
/// Checks are tolerant (`Geometry.tolerance`, relative to a diagram of unit scale) because
/// coordinates are floating point; a statement whose lines or segments degenerate (two
/// equal points where a direction is needed) does not hold.
public enum NumericFacts {
    /// Whether `statement` holds when its points are at `position(point)`.
    ///
    /// - Precondition: the statement has the arity its predicate takes (the parser
    ///   guarantees it).
    public static func holds(_ statement: Statement, at position: (PointID) -> Vector2) -> Bool {
        holds(statement.predicate, at: statement.arguments.map { $0.point.map(position) ?? .zero },
              numbers: statement.arguments.compactMap(\.number))
    }

    /// Whether `predicate` holds of points at `p` and its numbers: `holds(_:at:)` without
    /// building a statement, for callers that test many tuples of one figure.
    ///
    /// - Precondition: as for `holds(_:at:)`; `p` has one position per argument in the
    ///   statement's order (the numbers come last in every predicate that has one).
    public static func holds(_ predicate: Predicate, at p: [Vector2], numbers: [NumberLiteral] = []) -> Bool {
        let tol = Geometry.tolerance
        switch predicate {
        case .coll: return collinear(p)
        case .ncoll: return !collinear(p)
        case .cyclic: return concyclic(p)
        case .para: return crossSine(p[0], p[1], p[2], p[3]).map { abs($0) < tol } ?? false
        case .npara: return crossSine(p[0], p[1], p[2], p[3]).map { abs($0) > tol } ?? false
        case .perp: return dotCosine(p[0], p[1], p[2], p[3]).map { abs($0) < tol } ?? false
        case .nperp: return dotCosine(p[0], p[1], p[2], p[3]).map { abs($0) > tol } ?? false
        case .cong: return abs(p[0].distance(to: p[1]) - p[2].distance(to: p[3])) < tol
        case .ncong: return abs(p[0].distance(to: p[1]) - p[2].distance(to: p[3])) > tol
        case .midp: return p[0].distance(to: (p[1] + p[2]) / 2) < tol && p[1].distance(to: p[2]) > tol
        case .circle:
            let r = p[0].distance(to: p[1])
            return r > tol && abs(p[0].distance(to: p[2]) - r) < tol && abs(p[0].distance(to: p[3]) - r) < tol
        case .eqangle, .eqangle6:
            guard let a = direction(p[0], p[1]), let b = direction(p[2], p[3]),
                  let c = direction(p[4], p[5]), let d = direction(p[6], p[7]) else { return false }
            return abs(sin((b - a) - (d - c))) < tol
        case .eqratio, .eqratio6:
            return equalRatios(p[0].distance(to: p[1]), p[2].distance(to: p[3]), p[4].distance(to: p[5]), p[6].distance(to: p[7]))
        case .eqratio3:
            // m on ac, n on bd: ma : mc = nb : nd.
            let (a, b, c, d, m, n) = (p[0], p[1], p[2], p[3], p[4], p[5])
            return equalRatios(m.distance(to: a), m.distance(to: c), n.distance(to: b), n.distance(to: d))
        case .simtri: return similar(p, reflected: false, congruent: false)
        case .simtri2: return similar(p, reflected: true, congruent: false)
        case .contri: return similar(p, reflected: false, congruent: true)
        case .contri2: return similar(p, reflected: true, congruent: true)
        case .simtriEither: return similar(p, reflected: false, congruent: false) || similar(p, reflected: true, congruent: false)
        case .contriEither: return similar(p, reflected: false, congruent: true) || similar(p, reflected: true, congruent: true)
        case .aconst:
            guard let a = direction(p[0], p[1]), let b = direction(p[2], p[3]), let t = numbers.first else { return false }
            return abs(sin((b - a) - t.degrees * Double.pi / 180)) < tol
        case .rconst:
            guard let r = numbers.first, r.doubleValue > 0 else { return false }
            let (ab, cd) = (p[0].distance(to: p[1]), p[2].distance(to: p[3]))
            return cd > tol && abs(ab - r.doubleValue * cd) < tol * max(1, cd)
        case .sameside:
            // a lies between b and c (negative product) exactly when x lies between y and z.
            let first = (p[0] - p[1]).dot(p[0] - p[2]), second = (p[3] - p[4]).dot(p[3] - p[5])
            return abs(first) > tol && abs(second) > tol && (first > 0) == (second > 0)
        case .sameclock, .oppclock:
            let first = (p[1] - p[0]).cross(p[2] - p[0]), second = (p[4] - p[3]).cross(p[5] - p[3])
            guard abs(first) > tol, abs(second) > tol else { return false }
            return ((first > 0) == (second > 0)) == (predicate == .sameclock)
        case .diff: return p[0].distance(to: p[1]) > tol
        }
    }

    /// The direction angle of line ab, or nil when a and b coincide.
    static func direction(_ a: Vector2, _ b: Vector2) -> Double? {
        let d = b - a
        return d.length > Geometry.tolerance ? d.angle : nil
    }

    /// sin of the angle between ab and cd, or nil when either degenerates.
    static func crossSine(_ a: Vector2, _ b: Vector2, _ c: Vector2, _ d: Vector2) -> Double? {
        let u = b - a, v = d - c
        guard u.length > Geometry.tolerance, v.length > Geometry.tolerance else { return nil }
        return u.normalized.cross(v.normalized)
    }

    /// cos of the angle between ab and cd, or nil when either degenerates.
    static func dotCosine(_ a: Vector2, _ b: Vector2, _ c: Vector2, _ d: Vector2) -> Double? {
        let u = b - a, v = d - c
        guard u.length > Geometry.tolerance, v.length > Geometry.tolerance else { return nil }
        return u.normalized.dot(v.normalized)
    }

    static func collinear(_ p: [Vector2]) -> Bool {
        // Measure against the line through the first point and the one farthest from it.
        guard let far = p.max(by: { $0.distance(to: p[0]) < $1.distance(to: p[0]) }),
              let line = Line(through: p[0], far), far.distance(to: p[0]) > Geometry.tolerance else { return true }
        return p.allSatisfy { line.distance(to: $0) < Geometry.tolerance }
    }

    static func concyclic(_ p: [Vector2]) -> Bool {
        // Any three points that are not collinear fix the circle.
        for i in 0..<p.count {
            for j in (i + 1)..<p.count {
                for k in (j + 1)..<p.count {
                    if let circle = Circle(through: p[i], p[j], p[k]), !collinear([p[i], p[j], p[k]]) {
                        return p.allSatisfy { circle.distance(to: $0) < Geometry.tolerance }
                    }
                }
            }
        }
        return false
    }

    static func equalRatios(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Bool {
        guard b > Geometry.tolerance, d > Geometry.tolerance else { return false }
        return abs(a * d - b * c) < Geometry.tolerance * max(1, b * d)
    }

    /// Triangles p[0..2] and p[3..5] as complex numbers: (b-a)/(c-a) equal (same
    /// orientation) or conjugate (opposite orientation).
    static func similar(_ p: [Vector2], reflected: Bool, congruent: Bool) -> Bool {
        let u = p[1] - p[0], v = p[2] - p[0], s = p[4] - p[3], t = p[5] - p[3]
        guard u.length > Geometry.tolerance, v.length > Geometry.tolerance,
              s.length > Geometry.tolerance, t.length > Geometry.tolerance,
              abs(u.cross(v)) > Geometry.tolerance else { return false }
        // u/v as a complex number: (u * conj v) / |v|^2.
        let first = Vector2(u.dot(v), v.cross(u)) / v.dot(v)
        var second = Vector2(s.dot(t), t.cross(s)) / t.dot(t)
        if reflected { second.y = -second.y }
        guard (first - second).length < Geometry.tolerance else { return false }
        return !congruent || abs(u.length - s.length) < Geometry.tolerance
    }
}
