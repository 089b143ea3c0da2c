/// A point or vector of the plane. Diagrams use `Double`: they decide nothing a proof
/// relies on, they only filter candidate facts and check side conditions.
public typealias Vector2 = SIMD2<Double>

extension SIMD2 where Scalar == Double {
    /// The dot product.
    @inlinable public func dot(_ other: Vector2) -> Double { x * other.x + y * other.y }
    /// The z-component of the cross product: positive when `other` is counterclockwise.
    @inlinable public func cross(_ other: Vector2) -> Double { x * other.y - y * other.x }
    /// The Euclidean length.
    @inlinable public var length: Double { (x * x + y * y).squareRoot() }
    /// This vector scaled to length 1 (undefined for the zero vector).
    @inlinable public var normalized: Vector2 { self / length }
    /// This vector turned a quarter turn counterclockwise.
    @inlinable public var perpendicular: Vector2 { Vector2(-y, x) }
    /// The distance to another point.
    @inlinable public func distance(to other: Vector2) -> Double { (self - other).length }
    /// This vector turned counterclockwise by `angle` radians.
    @inlinable public func rotated(by angle: Double) -> Vector2 {
        let (s, c) = (sin(angle), cos(angle))
        return Vector2(c * x - s * y, s * x + c * y)
    }
    /// The direction angle in radians, in (-pi, pi].
    @inlinable public var angle: Double { atan2(y, x) }
    /// Whether both coordinates are finite.
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }
    /// The unit vector at `angle` radians from the x-axis.
    @inlinable public static func unit(angle: Double) -> Vector2 { Vector2(cos(angle), sin(angle)) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SIMD2 where Scalar == Double {
    /// The centre of the circle through three points; nil when twice the cross product of
    /// b - a and c - a is within `tolerance` of zero (the points are collinear).
    public static func circumcenter(_ a: Vector2, _ b: Vector2, _ c: Vector2, tolerance: Double) -> Vector2? {
        let (u, v) = (b - a, c - a)
        let d = 2 * u.cross(v)
        guard abs(d) > tolerance else { return nil }
        let (uu, vv) = (u.dot(u), v.dot(v))
        return a + Vector2(v.y * uu - u.y * vv, u.x * vv - v.x * uu) / d
    }
}
