import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials

/// Numbers with `+`, `-`, `*` in which point coordinates live: rational functions of the
/// parameters, or polynomials in an unknown point's coordinates over them.
public protocol CoordinateRing {
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    init(_ constant: Rational)
}

extension RationalFunction: CoordinateRing {
    public init(_ constant: Rational) { self.init(Polynomial(constant)) }
}

extension Complex: CoordinateRing {
    public init(_ constant: Rational) { self.init(Double(constant)) }
}

/// A point's two coordinates in some ring: `(x, y)` in cartesian coordinates, `(z, w)`
/// in isotropic ones.
public struct PlanePoint<R: CoordinateRing> {
    public var x: R
    public var y: R

    public init(x: R, y: R) { self.x = x; self.y = y }

    public static func - (lhs: PlanePoint, rhs: PlanePoint) -> PlanePoint { PlanePoint(x: lhs.x - rhs.x, y: lhs.y - rhs.y) }

    /// The point `self + t · direction`.
    public func moved(_ t: R, along direction: PlanePoint) -> PlanePoint {
        PlanePoint(x: x + t * direction.x, y: y + t * direction.y)
    }
}

/// The coordinates a proof by coordinates writes points in.
public enum CoordinateSystem: String, Sendable, CaseIterable {
    /// `(x, y)`, the usual ones. A point on a circle has coordinates of degree two in
    /// its parameter.
    case cartesian
    /// `(z, w) = (x + iy, x - iy)`, the complex number of the point and its conjugate,
    /// taken as independent variables. A circle is `(z - c)(w - c̄) = r²`, so a point on
    /// it has coordinates of degree one in its parameter, and every supported statement
    /// still has an equation with rational coefficients (lengths are `z·w`; the dot and
    /// cross products of two vectors are `z w' + w z'` and `w z' - z w'`, twice and `2i`
    /// times the usual ones, scales that every equation below carries uniformly).
    /// Diagram values are complex numbers; a polynomial identity in `z` and `w` holds in
    /// particular when `w` is the conjugate of `z`.
    case isotropic

    /// The names of the two coordinates.
    public var coordinateNames: (String, String) { self == .cartesian ? ("x", "y") : ("z", "w") }

    /// The dot product of two vectors (up to a constant factor).
    public func dot<R>(_ u: PlanePoint<R>, _ v: PlanePoint<R>) -> R {
        self == .cartesian ? u.x * v.x + u.y * v.y : u.x * v.y + u.y * v.x
    }

    /// The cross product `u × v` (up to a constant factor).
    public func cross<R>(_ u: PlanePoint<R>, _ v: PlanePoint<R>) -> R {
        self == .cartesian ? u.x * v.y - u.y * v.x : u.y * v.x - u.x * v.y
    }

    /// The squared length of a vector (exactly).
    public func squaredLength<R>(_ u: PlanePoint<R>) -> R {
        self == .cartesian ? u.x * u.x + u.y * u.y : u.x * u.y
    }

    /// A diagram position in these coordinates.
    public func coordinates(of position: Vector2) -> PlanePoint<Complex> {
        self == .cartesian ? PlanePoint(x: Complex(position.x), y: Complex(position.y))
                           : PlanePoint(x: Complex(position.x, position.y), y: Complex(position.x, -position.y))
    }
}

/// Why a statement has no polynomial form here.
public struct UnsupportedStatement: Error, CustomStringConvertible {
    public let description: String
}

/// The polynomial equations (each `= 0`) that say a statement holds, over any coordinate
/// ring. Angles are directed and modulo 180 degrees, as in the problem language: two
/// angles are equal exactly when their tangents are, `cross · dot' = dot · cross'`.
public enum PredicateEquations {
    /// The equations of `statement` in coordinates of `system`, with `point` giving each
    /// point's coordinates.
    public static func equations<R: CoordinateRing>(of statement: Statement, in system: CoordinateSystem,
                                             point: (PointID) -> PlanePoint<R>) throws -> [R] {
        let p = statement.points.map(point)
        let numbers = statement.arguments.compactMap(\.number)
        func need(_ count: Int, variadic: Bool = false) throws {
            guard variadic ? p.count >= count : p.count == count else {
                throw UnsupportedStatement(description: "\(statement.predicate) with \(p.count) points")
            }
        }
        func dot(_ u: PlanePoint<R>, _ v: PlanePoint<R>) -> R { system.dot(u, v) }
        func cross(_ u: PlanePoint<R>, _ v: PlanePoint<R>) -> R { system.cross(u, v) }
        func squaredLength(_ u: PlanePoint<R>) -> R { system.squaredLength(u) }
        switch statement.predicate {
        case .coll:
            try need(3, variadic: true)
            return p.dropFirst(2).map { cross(p[1] - p[0], $0 - p[0]) }
        case .para:
            try need(4)
            return [cross(p[1] - p[0], p[3] - p[2])]
        case .perp:
            try need(4)
            return [dot(p[1] - p[0], p[3] - p[2])]
        case .cong:
            try need(4)
            return [squaredLength(p[1] - p[0]) - squaredLength(p[3] - p[2])]
        case .midp:
            try need(3)
            let two = R(Rational(2))
            return [two * p[0].x - p[1].x - p[2].x, two * p[0].y - p[1].y - p[2].y]
        case .circle:
            try need(4)
            let r = squaredLength(p[1] - p[0])
            return [r - squaredLength(p[2] - p[0]), r - squaredLength(p[3] - p[0])]
        case .cyclic:
            try need(4, variadic: true)
            // Concyclic (or collinear): the 4×4 determinant of (|p|², x, y, 1), relative to p0.
            let b = p[1] - p[0], c = p[2] - p[0]
            return p.dropFirst(3).map { q in
                let d = q - p[0]
                return squaredLength(b) * cross(c, d) - squaredLength(c) * cross(b, d) + squaredLength(d) * cross(b, c)
            }
        case .eqangle:
            try need(8)
            let u1 = p[1] - p[0], v1 = p[3] - p[2], u2 = p[5] - p[4], v2 = p[7] - p[6]
            return [cross(u1, v1) * dot(u2, v2) - dot(u1, v1) * cross(u2, v2)]
        case .eqratio:
            try need(8)
            return [squaredLength(p[1] - p[0]) * squaredLength(p[7] - p[6])
                    - squaredLength(p[3] - p[2]) * squaredLength(p[5] - p[4])]
        case .rconst:
            try need(4)
            guard let r = numbers.first, !r.isMultipleOfPi else { break }
            let ratio = Rational(r.numerator, r.denominator)
            return [squaredLength(p[1] - p[0]) - R(ratio * ratio) * squaredLength(p[3] - p[2])]
        case .aconst:
            try need(4)
            guard let angle = numbers.first else { break }
            let u = p[1] - p[0], v = p[3] - p[2]
            // Only angles with a rational tangent (or none) have a rational equation.
            var degrees = angle.degrees.truncatingRemainder(dividingBy: 180)
            if degrees < 0 { degrees += 180 }
            switch degrees {
            case 0: return [cross(u, v)]
            case 90: return [dot(u, v)]
            // In isotropic coordinates the cross product carries a factor i the dot
            // product does not: tan = ±1 has no equation over the rationals there.
            case 45 where system == .cartesian: return [cross(u, v) - dot(u, v)]
            case 135 where system == .cartesian: return [cross(u, v) + dot(u, v)]
            default: break
            }
        case .eqangle6, .eqratio6, .eqratio3, .simtri, .simtri2, .contri, .contri2, .sameside, .sameclock, .oppclock,
             .ncong, .diff, .ncoll, .npara, .nperp, .simtriEither, .contriEither:
            break
        }
        throw UnsupportedStatement(description: "no polynomial form for \(statement.predicate)"
                                   + (numbers.isEmpty ? "" : " with \(numbers.map(\.text).joined(separator: " "))")
                                   + (system == .isotropic ? " in isotropic coordinates" : ""))
    }
}

extension PlanePoint: Sendable where R: Sendable {}
