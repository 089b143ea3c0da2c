import GouguArithmetic
import GouguLanguage
import GouguPolynomials

/// Numbers with `+`, `-`, `*` in which point coordinates live: rational functions of the
/// parameters, or polynomials in an unknown point's coordinates over them.
protocol CoordinateRing {
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    init(_ constant: Rational)
}

extension RationalFunction: CoordinateRing {
    init(_ constant: Rational) { self.init(Polynomial(constant)) }
}

/// A point's two coordinates in some ring.
struct PlanePoint<R: CoordinateRing> {
    var x: R
    var y: R

    static func - (lhs: PlanePoint, rhs: PlanePoint) -> PlanePoint { PlanePoint(x: lhs.x - rhs.x, y: lhs.y - rhs.y) }
    func dot(_ other: PlanePoint) -> R { x * other.x + y * other.y }
    func cross(_ other: PlanePoint) -> R { x * other.y - y * other.x }
    var squaredLength: R { dot(self) }
}

/// Why a statement has no polynomial form here.
struct UnsupportedStatement: Error, CustomStringConvertible {
    let description: String
}

/// The polynomial equations (each `= 0`) that say a statement holds, over any coordinate
/// ring. Angles are directed and modulo 180 degrees, as in the problem language: two
/// angles are equal exactly when their tangents are, `cross · dot' = dot · cross'`.
enum PredicateEquations {
    /// The equations of `statement`, with `point` giving each point's coordinates.
    static func equations<R: CoordinateRing>(of statement: Statement, point: (PointID) -> PlanePoint<R>) throws -> [R] {
        let p = statement.points.map(point)
        let numbers = statement.arguments.compactMap(\.number)
        func need(_ count: Int, variadic: Bool = false) throws {
            guard variadic ? p.count >= count : p.count == count else {
                throw UnsupportedStatement(description: "\(statement.predicate) with \(p.count) points")
            }
        }
        switch statement.predicate {
        case "coll":
            try need(3, variadic: true)
            return p.dropFirst(2).map { (p[1] - p[0]).cross($0 - p[0]) }
        case "para":
            try need(4)
            return [(p[1] - p[0]).cross(p[3] - p[2])]
        case "perp":
            try need(4)
            return [(p[1] - p[0]).dot(p[3] - p[2])]
        case "cong":
            try need(4)
            return [(p[1] - p[0]).squaredLength - (p[3] - p[2]).squaredLength]
        case "midp":
            try need(3)
            let two = R(Rational(2))
            return [two * p[0].x - p[1].x - p[2].x, two * p[0].y - p[1].y - p[2].y]
        case "circle":
            try need(4)
            let r = (p[1] - p[0]).squaredLength
            return [r - (p[2] - p[0]).squaredLength, r - (p[3] - p[0]).squaredLength]
        case "cyclic":
            try need(4, variadic: true)
            // Concyclic (or collinear): the 4×4 determinant of (|p|², x, y, 1), relative to p0.
            let b = p[1] - p[0], c = p[2] - p[0]
            return p.dropFirst(3).map { q in
                let d = q - p[0]
                return b.squaredLength * c.cross(d) - c.squaredLength * b.cross(d) + d.squaredLength * b.cross(c)
            }
        case "eqangle":
            try need(8)
            let u1 = p[1] - p[0], v1 = p[3] - p[2], u2 = p[5] - p[4], v2 = p[7] - p[6]
            return [u1.cross(v1) * u2.dot(v2) - u1.dot(v1) * u2.cross(v2)]
        case "eqratio":
            try need(8)
            return [(p[1] - p[0]).squaredLength * (p[7] - p[6]).squaredLength
                    - (p[3] - p[2]).squaredLength * (p[5] - p[4]).squaredLength]
        case "rconst":
            try need(4)
            guard let r = numbers.first, !r.isMultipleOfPi else { break }
            let ratio = Rational(r.numerator, r.denominator)
            return [(p[1] - p[0]).squaredLength - R(ratio * ratio) * (p[3] - p[2]).squaredLength]
        case "aconst":
            try need(4)
            guard let angle = numbers.first else { break }
            let u = p[1] - p[0], v = p[3] - p[2]
            // Only angles with a rational tangent (or none) have a rational equation.
            var degrees = angle.degrees.truncatingRemainder(dividingBy: 180)
            if degrees < 0 { degrees += 180 }
            switch degrees {
            case 0: return [u.cross(v)]
            case 90: return [u.dot(v)]
            case 45: return [u.cross(v) - u.dot(v)]
            case 135: return [u.cross(v) + u.dot(v)]
            default: break
            }
        default:
            break
        }
        throw UnsupportedStatement(description: "no polynomial form for \(statement.predicate)"
                                   + (numbers.isEmpty ? "" : " with \(numbers.map(\.text).joined(separator: " "))"))
    }
}

extension PlanePoint: Sendable where R: Sendable {}
