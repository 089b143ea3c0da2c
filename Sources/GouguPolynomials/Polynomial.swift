import GouguArithmetic

/// A polynomial in numbered variables with exact rational coefficients, stored
/// recursively: either a constant, or a polynomial in its *main variable* (the
/// highest-numbered variable it contains) whose coefficients are polynomials in lower
/// variables.
///
/// The recursive form makes the operations coordinate proofs need natural: the
/// coefficients and degree in the main variable, pseudo-remainders, contents and
/// greatest common divisors. Values are canonical (no trailing zero coefficients, a
/// polynomial of degree 0 in its main variable is stored as its constant coefficient),
/// so `==` is equality of polynomials.
public struct Polynomial: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline
    enum Node: Hashable, Sendable {
        case constant(Rational)
        /// `coefficients[i]` multiplies `variable^i`; at least two, the last nonzero,
        /// every one free of `variable` and of higher variables.
        case univariate(variable: Int, coefficients: [Polynomial])
    }

    @usableFromInline
    let node: Node

    init(node: Node) { self.node = node }

    /// The constant polynomial `value`.
    public init(_ value: Rational) { node = .constant(value) }

    /// The constant polynomial `value`.
    public init(_ value: Int) { node = .constant(Rational(value)) }

    public static let zero = Polynomial(0)
    public static let one = Polynomial(1)

    /// The polynomial `x_index`.
    public static func variable(_ index: Int) -> Polynomial {
        precondition(index >= 0, "variables are numbered from 0")
        return Polynomial(node: .univariate(variable: index, coefficients: [.zero, .one]))
    }

    /// The polynomial `Σ coefficients[i] · x_variable^i`, whose coefficients must be free
    /// of `x_variable` and of higher variables.
    static func make(_ variable: Int, _ coefficients: [Polynomial]) -> Polynomial {
        var coefficients = coefficients
        while let last = coefficients.last, last.isZero { coefficients.removeLast() }
        switch coefficients.count {
        case 0: return .zero
        case 1: return coefficients[0]
        default: return Polynomial(node: .univariate(variable: variable, coefficients: coefficients))
        }
    }

    // MARK: - Structure

    public var isZero: Bool {
        if case .constant(let c) = node { return c.isZero }
        return false
    }

    /// The value, when the polynomial is a constant.
    public var constantValue: Rational? {
        if case .constant(let c) = node { return c }
        return nil
    }

    /// The highest-numbered variable present; -1 for a constant.
    public var mainVariable: Int {
        if case .univariate(let v, _) = node { return v }
        return -1
    }

    /// The coefficients in the main variable, lowest degree first (`[self]` for a constant).
    var mainCoefficients: [Polynomial] {
        switch node {
        case .constant: return [self]
        case .univariate(_, let c): return c
        }
    }

    /// The coefficients in `variable`, lowest degree first. `variable` must be the main
    /// variable or higher.
    public func coefficients(in variable: Int) -> [Polynomial] {
        precondition(variable >= mainVariable)
        return variable == mainVariable ? mainCoefficients : [self]
    }

    /// The degree in `variable`.
    public func degree(in variable: Int) -> Int {
        switch node {
        case .constant: return 0
        case .univariate(let v, let c):
            if v == variable { return c.count - 1 }
            if v < variable { return 0 }
            return c.map { $0.degree(in: variable) }.max() ?? 0
        }
    }

    /// The number of nonzero terms when written out in full.
    public var termCount: Int {
        switch node {
        case .constant(let c): return c.isZero ? 0 : 1
        case .univariate(_, let c): return c.reduce(0) { $0 + $1.termCount }
        }
    }

    /// The coefficient of the leading term in the recursive order (the main variable's
    /// leading coefficient, recursively): the number that fixes a polynomial's scale.
    public var leadingNumber: Rational {
        switch node {
        case .constant(let c): return c
        case .univariate(_, let c): return c.last!.leadingNumber
        }
    }

    /// The coefficient of the highest power of the main variable (the polynomial itself
    /// when it is a constant).
    public var leadingCoefficient: Polynomial { mainCoefficients.last! }

    // MARK: - Arithmetic

    public static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        if case .constant(let a) = lhs.node, case .constant(let b) = rhs.node { return Polynomial(a + b) }
        let va = lhs.mainVariable, vb = rhs.mainVariable
        if va > vb {
            var c = lhs.mainCoefficients
            c[0] = c[0] + rhs
            return make(va, c)
        }
        if vb > va { return rhs + lhs }
        let a = lhs.mainCoefficients, b = rhs.mainCoefficients
        var c = [Polynomial]()
        c.reserveCapacity(max(a.count, b.count))
        for i in 0..<max(a.count, b.count) {
            c.append(i < a.count ? (i < b.count ? a[i] + b[i] : a[i]) : b[i])
        }
        return make(va, c)
    }

    public static prefix func - (operand: Polynomial) -> Polynomial {
        switch operand.node {
        case .constant(let c): return Polynomial(-c)
        case .univariate(let v, let c): return Polynomial(node: .univariate(variable: v, coefficients: c.map { -$0 }))
        }
    }

    public static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial { lhs + (-rhs) }

    public static func * (lhs: Polynomial, rhs: Polynomial) -> Polynomial { product(lhs, rhs, dense: true) }

    /// The product; large ones by the dense flat form (`denseProduct`) when `dense`, else
    /// (and for the rest) by recursion on the coefficients.
    static func product(_ lhs: Polynomial, _ rhs: Polynomial, dense: Bool) -> Polynomial {
        if case .constant(let a) = lhs.node, case .constant(let b) = rhs.node { return Polynomial(a * b) }
        if lhs.isZero || rhs.isZero { return .zero }
        let va = lhs.mainVariable, vb = rhs.mainVariable
        if va > vb { return make(va, lhs.mainCoefficients.map { product($0, rhs, dense: dense) }) }
        if vb > va { return product(rhs, lhs, dense: dense) }
        if PolynomialDeadline.expired { return .zero }
        if dense, let p = denseProduct(lhs, rhs) { return p }
        let a = lhs.mainCoefficients, b = rhs.mainCoefficients
        var c = [Polynomial](repeating: .zero, count: a.count + b.count - 1)
        for i in a.indices where !a[i].isZero {
            for j in b.indices where !b[j].isZero {
                c[i + j] = c[i + j] + product(a[i], b[j], dense: dense)
            }
        }
        return make(va, c)
    }

    public static func += (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs + rhs }
    public static func -= (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs - rhs }
    public static func *= (lhs: inout Polynomial, rhs: Polynomial) { lhs = lhs * rhs }

    /// The polynomial times a number.
    public func scaled(by factor: Rational) -> Polynomial {
        if factor.isZero { return .zero }
        switch node {
        case .constant(let c): return Polynomial(c * factor)
        case .univariate(let v, let c):
            return Polynomial(node: .univariate(variable: v, coefficients: c.map { $0.scaled(by: factor) }))
        }
    }

    /// The `exponent`-th power (`exponent >= 0`).
    public func power(_ exponent: Int) -> Polynomial {
        precondition(exponent >= 0)
        var result = Polynomial.one, base = self, e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= base }
            e >>= 1
            if e > 0 { base *= base }
        }
        return result
    }

    /// The polynomial times `x_variable^exponent`, for `variable` at least the main one.
    func shifted(in variable: Int, by exponent: Int) -> Polynomial {
        if exponent == 0 || isZero { return self }
        let c = coefficients(in: variable)
        return Polynomial.make(variable, Array(repeating: .zero, count: exponent) + c)
    }

    // MARK: - Evaluation

    /// The value at a point, with `value(v)` the value of variable `v` (real or complex).
    @inlinable
    public func evaluate<V: EvaluationValue>(_ value: (Int) -> V) -> V {
        switch node {
        case .constant(let c): return V(Double(c))
        case .univariate(let v, let c):
            let x = value(v)
            var result = V(0)
            for coefficient in c.reversed() { result = result * x + coefficient.evaluate(value) }
            return result
        }
    }

    /// The sum of the terms' absolute values at a point: the scale against which
    /// `evaluate` can be told apart from zero despite rounding.
    public func magnitude(_ value: (Int) -> Double) -> Double {
        switch node {
        case .constant(let c): return abs(Double(c))
        case .univariate(let v, let c):
            let x = abs(value(v))
            var result = 0.0
            for coefficient in c.reversed() { result = result * x + coefficient.magnitude(value) }
            return result
        }
    }

    // MARK: - Text

    /// The polynomial written out, with `name(v)` the name of variable `v`.
    public func text(naming name: (Int) -> String) -> String {
        var terms: [(Rational, String)] = []
        collectTerms(monomial: "", naming: name, into: &terms)
        guard !terms.isEmpty else { return "0" }
        var out = ""
        for (index, (coefficient, monomial)) in terms.enumerated() {
            let negative = coefficient.signum() < 0
            let magnitude = coefficient.magnitude
            if index == 0 { out += negative ? "-" : "" } else { out += negative ? " - " : " + " }
            if monomial.isEmpty { out += "\(magnitude)" }
            else if magnitude == Rational(1) { out += monomial }
            else { out += "\(magnitude)*\(monomial)" }
        }
        return out
    }

    private func collectTerms(monomial: String, naming name: (Int) -> String, into terms: inout [(Rational, String)]) {
        switch node {
        case .constant(let c):
            if !c.isZero { terms.append((c, monomial)) }
        case .univariate(let v, let c):
            for i in c.indices.reversed() where !c[i].isZero {
                let power = i == 0 ? "" : (i == 1 ? name(v) : "\(name(v))^\(i)")
                let joined = [monomial, power].filter { !$0.isEmpty }.joined(separator: "*")
                c[i].collectTerms(monomial: joined, naming: name, into: &terms)
            }
        }
    }

    public var description: String { text { "x\($0)" } }
}

/// A time limit for polynomial arithmetic, for callers that must stop on time.
///
/// Inside `PolynomialDeadline.$current.withValue(instant) { ... }`, once `instant` has
/// passed, products, pseudo-remainders and gcds return at once with meaningless values
/// (zero, or one for a gcd). A caller must therefore check `expired` after such a block
/// and discard everything computed in it when the deadline has passed: the checks are
/// monotone, so a block that finished before the deadline computed exactly.
///
/// A `CancellationFlag` set in `cancellation` stops the arithmetic the same way when
/// another thread cancels it (a memory budget watched from outside, say).
public enum PolynomialDeadline {
    @TaskLocal public static var current: ContinuousClock.Instant?
    @TaskLocal public static var cancellation: CancellationFlag?

    /// Whether the current deadline has passed or the computation was cancelled.
    @inline(__always)
    public static var expired: Bool {
        if let cancellation, cancellation.isCancelled { return true }
        guard let deadline = current else { return false }
        return ContinuousClock.now >= deadline
    }
}


extension Polynomial: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}
