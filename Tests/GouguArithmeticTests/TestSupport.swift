@testable import GouguArithmetic
@_exported import GouguTestSupport

/// A rational from text the test author knows to be valid (big literals).
func q(_ text: String) -> Rational {
    guard let r = Rational(text) else { fatalError("bad test literal \(text)") }
    return r
}

/// 2^k as a rational.
func pow2(_ k: Int) -> Rational {
    var r: Rational = 1
    for _ in 0..<k { r = r * 2 }
    return r
}

extension SplitMix64 {
    /// A random string of `count` decimal digits without leading zero.
    mutating func digits(_ count: Int) -> String {
        var s = String(Int.random(in: 1...9, using: &self))
        for _ in 1..<count { s += String(Int.random(in: 0...9, using: &self)) }
        return s
    }

    /// A word that is often near the edges of the Int64 range.
    mutating func edgyWord() -> Int {
        switch Int.random(in: 0..<6, using: &self) {
        case 0: return Int.random(in: -20...20, using: &self)
        case 1: return Int.max - Int.random(in: 0...3, using: &self)
        case 2: return Int.min + Int.random(in: 0...3, using: &self)
        case 3: return Int.random(in: -(1 << 32)...(1 << 32), using: &self)
        default: return Int.random(in: Int.min...Int.max, using: &self)
        }
    }

    /// A random rational mixing tiny, word-edge and huge (40+ digit) values.
    mutating func rational() -> Rational {
        switch Int.random(in: 0..<5, using: &self) {
        case 0:
            let n = Int.random(in: -30...30, using: &self)
            return Rational(n, Int.random(in: 1...30, using: &self))
        case 1:
            var d = edgyWord()
            if d == 0 { d = 1 }
            return Rational(edgyWord(), d)
        case 2:
            let sign = Bool.random(using: &self) ? "-" : ""
            return q(sign + digits(Int.random(in: 40...60, using: &self)))
        case 3:
            let sign = Bool.random(using: &self) ? "-" : ""
            return q(sign + digits(Int.random(in: 20...50, using: &self)) + "/"
                + digits(Int.random(in: 20...50, using: &self)))
        default:
            return Rational(Int.random(in: -1_000_000...1_000_000, using: &self))
        }
    }

    /// A random value whose numerator and denominator fit in Int64 (any of them, including
    /// `Int64.min` numerators), as (numerator, denominator) with denominator > 0.
    mutating func wordFraction() -> (Int, Int) {
        var d = edgyWord()
        if d == 0 { d = 1 }
        if d < 0 { d = d == .min ? .max : -d }
        return (edgyWord(), d)
    }
}

// MARK: - Int128 oracle
//
// For operands whose parts fit in 64 bits, every sum, difference, product and quotient
// of cross products fits in 128 bits, so Int128 gives an independent exact answer.

func gcd128(_ a: Int128, _ b: Int128) -> Int128 {
    var a = a.magnitude, b = b.magnitude
    while b != 0 { (a, b) = (b, a % b) }
    return Int128(a)
}

/// The canonical text of n/d computed in Int128.
func oracleText(_ n: Int128, _ d: Int128) -> String {
    precondition(d != 0)
    let g = gcd128(n, d)
    var n = n / g, d = d / g
    if d < 0 { n = -n; d = -d }
    return d == 1 ? "\(n)" : "\(n)/\(d)"
}

/// Whether the stored representation is canonical: inline exactly when it fits words,
/// with a positive denominator and coprime parts.
func isCanonicalRepresentation(_ r: Rational) -> Bool {
    switch r.storage {
    case .small(let n, let d):
        return n != .min && d > 0 && gcdMagnitude(n.magnitude, UInt64(d)) == 1 && (n != 0 || d == 1)
    case .big(let box):
        return box.smallParts == nil
    }
}
