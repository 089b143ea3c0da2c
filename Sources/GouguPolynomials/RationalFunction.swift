import GouguArithmetic

/// A quotient of polynomials, `numerator / denominator`, with a nonzero denominator.
///
/// Arithmetic does not cancel common factors (that needs a gcd, which costs more than
/// most operations); `reduced()` does, and keeps the denominator's leading number 1.
public struct RationalFunction: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Polynomial
    public let denominator: Polynomial

    /// `numerator / denominator`; the denominator must be nonzero.
    public init(_ numerator: Polynomial, over denominator: Polynomial = .one) {
        if denominator.isZero {
            // Only arithmetic cut short by a deadline produces this; its results are discarded.
            precondition(PolynomialDeadline.expired, "a rational function with denominator 0")
            self.numerator = .zero
            self.denominator = .one
            return
        }
        if let d = denominator.constantValue, d != Rational(1) {
            self.numerator = numerator.scaled(by: d.reciprocal)
            self.denominator = .one
        } else {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public init(_ value: Int) { self.init(Polynomial(value)) }

    public static let zero = RationalFunction(Polynomial.zero)
    public static let one = RationalFunction(Polynomial.one)

    public var isZero: Bool { numerator.isZero }


    /// The same function with common factors of numerator and denominator cancelled:
    /// by trial division by each of `knownFactors` (cheap, and enough when the factors
    /// that can cancel are known, such as earlier denominators), then by the greatest
    /// common divisor when both are at most `gcdTermLimit` terms (the recursive gcd is
    /// exact but slow on large polynomials), or, when `gcdTimeLimit` is given, when the
    /// gcd takes at most that long; or, when `largeGCD` is given, as it says for larger
    /// ones (nil: not reduced). The denominator's leading number becomes 1.
    public func reduced(knownFactors: [Polynomial] = [], gcdTermLimit: Int = .max,
                        gcdTimeLimit: Duration? = nil,
                        largeGCD: ((Polynomial, Polynomial) -> Polynomial?)? = nil) -> RationalFunction {
        if numerator.isZero { return .zero }
        var n = numerator, d = denominator
        for factor in knownFactors where factor.constantValue == nil {
            while d.constantValue == nil, let dq = d.dividedExactly(by: factor), let nq = n.dividedExactly(by: factor) {
                n = nq
                d = dq
            }
        }
        if d.constantValue == nil {
            let g: Polynomial?
            if n.termCount + d.termCount <= gcdTermLimit {
                g = Polynomial.gcd(n, d)
            } else if let largeGCD {
                g = largeGCD(n, d)
            } else if let gcdTimeLimit {
                g = Polynomial.gcd(n, d, within: gcdTimeLimit)
            } else {
                g = nil
            }
            if let g, g.constantValue == nil, let nq = n.dividedExactly(by: g), let dq = d.dividedExactly(by: g) {
                n = nq
                d = dq
            }
        }
        let lead = d.leadingNumber
        return RationalFunction(n.scaled(by: lead.reciprocal), over: d.scaled(by: lead.reciprocal))
    }

    public static func + (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        if lhs.denominator == rhs.denominator {
            return RationalFunction(lhs.numerator + rhs.numerator, over: lhs.denominator)
        }
        return RationalFunction(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
                                over: lhs.denominator * rhs.denominator)
    }

    public static prefix func - (operand: RationalFunction) -> RationalFunction {
        RationalFunction(-operand.numerator, over: operand.denominator)
    }

    public static func - (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction { lhs + (-rhs) }

    public static func * (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction {
        if lhs.isZero || rhs.isZero { return .zero }
        return RationalFunction(lhs.numerator * rhs.numerator, over: lhs.denominator * rhs.denominator)
    }

    /// `lhs / rhs`; `rhs` must be nonzero.
    public static func / (lhs: RationalFunction, rhs: RationalFunction) -> RationalFunction {
        if rhs.isZero {
            precondition(PolynomialDeadline.expired, "division by the zero rational function")
            return .zero
        }
        return RationalFunction(lhs.numerator * rhs.denominator, over: lhs.denominator * rhs.numerator)
    }

    /// The value at a point, with `value(v)` the value of variable `v`.
    public func evaluate<V: EvaluationValue>(_ value: (Int) -> V) -> V {
        numerator.evaluate(value) / denominator.evaluate(value)
    }

    /// The function written out, with `name(v)` the name of variable `v`.
    public func text(naming name: (Int) -> String) -> String {
        let n = numerator.text(naming: name)
        if denominator == .one { return n }
        return "(\(n)) / (\(denominator.text(naming: name)))"
    }

    public var description: String { text { "x\($0)" } }
}
