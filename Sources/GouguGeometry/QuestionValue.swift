#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import GouguLanguage

extension Question {
    /// The largest denominator a value is looked for with: 60 (angles such as 180/7°,
    /// ratios such as 3/2).
    public static let maximumDenominator = 60

    /// The value measured in `diagram` (degrees in [0, 180) for an angle, the ratio for a
    /// ratio), and the statement of the rational value with the smallest denominator (at most
    /// `maximumDenominator`) that it equals to within rounding, if there is one.
    ///
    /// The measured value only suggests the answer: the statement is a goal to prove, and
    /// the answer is reported only with a checked proof of it.
    public func candidate(in diagram: Diagram) -> (measured: Double, answer: Statement?) {
        let p = points.map { diagram.positions[$0.index] }
        switch kind {
        case .angle:
            let u = p[1] - p[0], v = p[3] - p[2]
            var degrees = (atan2(u.y, u.x) - atan2(v.y, v.x)) * 180 / Double.pi
            degrees = degrees.truncatingRemainder(dividingBy: 180)
            if degrees < 0 { degrees += 180 }
            guard let value = Self.rational(near: degrees, tolerance: 1e-6) else { return (degrees, nil) }
            return (degrees, answer(value))
        case .ratio:
            let cd = p[2].distance(to: p[3])
            guard cd > Geometry.tolerance else { return (.nan, nil) }
            let ratio = p[0].distance(to: p[1]) / cd
            guard let value = Self.rational(near: ratio, tolerance: 1e-7 * max(1, ratio)) else { return (ratio, nil) }
            return (ratio, answer(value))
        }
    }

    /// The fraction with the smallest denominator within `tolerance` of `x`.
    static func rational(near x: Double, tolerance: Double) -> (numerator: Int, denominator: Int)? {
        guard x.isFinite, abs(x) < 1e6 else { return nil }
        for q in 1...maximumDenominator {
            let p = (x * Double(q)).rounded()
            if abs(x - p / Double(q)) < tolerance { return (Int(p), q) }
        }
        return nil
    }
}
