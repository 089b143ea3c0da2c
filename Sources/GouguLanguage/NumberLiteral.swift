/// A number written in a problem or in the theorem library: an integer `60`, a fraction
/// `1/2`, or a rational multiple of pi `1pi/3` (used for angles).
///
/// The value is kept exact, as a reduced fraction, because facts built from it feed the
/// exact algebraic reasoning of the engine.
public struct NumberLiteral: Hashable, Sendable, CustomStringConvertible {
    /// The numerator of the reduced fraction (sign carried here).
    public let numerator: Int
    /// The denominator of the reduced fraction, always positive.
    public let denominator: Int
    /// Whether the literal was written as a multiple of pi (`2pi/3`).
    public let isMultipleOfPi: Bool
    /// The text as written.
    public let text: String

    /// Parses `n`, `-n`, `p/q`, `pi`, `pi/q`, `ppi`, `ppi/q`, and degrees as Newclid writes them
    /// (`45o`, the same as `45`); returns nil for anything else.
    public init?(_ text: String) {
        var body = Substring(text)
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        // Newclid writes degrees with a trailing `o` (`45o`): the same as the plain number.
        if body.hasSuffix("o"), !body.hasSuffix("pio") { body = body.dropLast() }
        var isPi = false
        var numeratorText: Substring
        var denominatorText: Substring?
        if let slash = body.firstIndex(of: "/") {
            numeratorText = body[..<slash]
            denominatorText = body[body.index(after: slash)...]
        } else {
            numeratorText = body
        }
        if numeratorText.hasSuffix("pi") {
            isPi = true
            numeratorText = numeratorText.dropLast(2)
            if numeratorText.isEmpty { numeratorText = "1" }
        }
        guard let n = NumberLiteral.parseDigits(numeratorText) else { return nil }
        var d = 1
        if let denominatorText {
            guard let parsed = NumberLiteral.parseDigits(denominatorText), parsed != 0 else { return nil }
            d = parsed
        }
        let g = NumberLiteral.gcd(n, d)
        self.numerator = (negative ? -n : n) / g
        self.denominator = d / g
        self.isMultipleOfPi = isPi
        self.text = text
    }

    /// The value as a `Double`; multiples of pi are expanded (`1pi/3` is about 1.047).
    public var doubleValue: Double {
        let v = Double(numerator) / Double(denominator)
        return isMultipleOfPi ? v * Double.pi : v
    }

    /// The value read as an angle, in degrees: a plain number is taken as degrees and a
    /// multiple of pi is converted (`1pi/3` is 60).
    public var degrees: Double {
        isMultipleOfPi ? Double(numerator) / Double(denominator) * 180 : Double(numerator) / Double(denominator)
    }

    public var description: String { text }

    private static func parseDigits(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.count <= 18, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }
}
