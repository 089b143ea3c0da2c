/// A complex number in double precision: the value of a parameter in a diagram when
/// points are written in isotropic coordinates (`z = x + iy`, `w = x - iy`), where a
/// real point has complex coordinates.
public struct Complex: Hashable, Sendable, CustomStringConvertible {
    public var real: Double
    public var imaginary: Double

    public init(_ real: Double, _ imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }

    /// The real number `real`.
    public init(_ real: Double) { self.init(real, 0) }

    public static let zero = Complex(0)
    public static let one = Complex(1)
    public static let i = Complex(0, 1)

    /// The absolute value, `|c|`.
    public var length: Double { (real * real + imaginary * imaginary).squareRoot() }

    public var conjugate: Complex { Complex(real, -imaginary) }

    public static func + (a: Complex, b: Complex) -> Complex { Complex(a.real + b.real, a.imaginary + b.imaginary) }
    public static func - (a: Complex, b: Complex) -> Complex { Complex(a.real - b.real, a.imaginary - b.imaginary) }
    public static prefix func - (a: Complex) -> Complex { Complex(-a.real, -a.imaginary) }
    public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.real * b.real - a.imaginary * b.imaginary, a.real * b.imaginary + a.imaginary * b.real)
    }
    public static func / (a: Complex, b: Complex) -> Complex {
        let d = b.real * b.real + b.imaginary * b.imaginary
        return Complex((a.real * b.real + a.imaginary * b.imaginary) / d, (a.imaginary * b.real - a.real * b.imaginary) / d)
    }

    public var description: String {
        imaginary == 0 ? "\(real)" : "\(real)\(imaginary < 0 ? "-" : "+")\(abs(imaginary))i"
    }
}

/// A number a polynomial can be evaluated at: `Double`, or `Complex` for isotropic
/// coordinates.
public protocol EvaluationValue {
    init(_ real: Double)
    static func + (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
}

extension Double: EvaluationValue {}
extension Complex: EvaluationValue {}
