import GouguArithmetic

/// A sparse affine expression `Σ cᵢ·xᵢ + k` over exact rationals.
///
/// Variables are non-negative `Int` ids chosen by the caller. The representation is
/// canonical: variables strictly increasing, no zero coefficient. So two expressions are
/// `==` (and hash alike) exactly when they are the same affine function.
public struct LinearExpression: Hashable, Sendable, CustomStringConvertible {
    /// The variables with a nonzero coefficient, strictly increasing.
    public private(set) var variables: [Int]
    /// `coefficients[i]` belongs to `variables[i]`; never zero.
    public private(set) var coefficients: [Rational]
    /// The constant term `k`.
    public var constant: Rational

    /// `Σ coefficient·variable + constant`. Terms may come in any order and repeat (repeats
    /// are summed); zero coefficients are dropped.
    ///
    /// - Precondition: every variable is `>= 0`.
    public init(terms: [(variable: Int, coefficient: Rational)], constant: Rational = .zero) {
        self.constant = constant
        var sorted = true
        var previous = -1
        for t in terms {
            precondition(t.variable >= 0, "LinearExpression: negative variable id")
            if t.variable <= previous || t.coefficient.isZero { sorted = false; break }
            previous = t.variable
        }
        if sorted {
            variables = terms.map(\.variable)
            coefficients = terms.map(\.coefficient)
            return
        }
        let ordered = terms.enumerated().sorted {
            ($0.element.variable, $0.offset) < ($1.element.variable, $1.offset)
        }
        variables = []
        coefficients = []
        variables.reserveCapacity(ordered.count)
        coefficients.reserveCapacity(ordered.count)
        var i = 0
        while i < ordered.count {
            let v = ordered[i].element.variable
            var c = ordered[i].element.coefficient
            i += 1
            while i < ordered.count && ordered[i].element.variable == v {
                c += ordered[i].element.coefficient
                i += 1
            }
            if !c.isZero {
                variables.append(v)
                coefficients.append(c)
            }
        }
    }

    /// The expression from a dictionary `variable → coefficient`.
    public init(_ coefficients: [Int: Rational], constant: Rational = .zero) {
        self.init(terms: coefficients.map { (variable: $0.key, coefficient: $0.value) }, constant: constant)
    }

    /// The constant expression `k`.
    public init(constant: Rational) {
        self.variables = []
        self.coefficients = []
        self.constant = constant
    }

    /// Wraps arrays that are already canonical (strictly increasing, no zeros).
    @usableFromInline
    init(canonicalVariables variables: [Int], coefficients: [Rational], constant: Rational) {
        self.variables = variables
        self.coefficients = coefficients
        self.constant = constant
    }

    /// The terms `(variable, coefficient)`, sorted by variable.
    public var terms: [(variable: Int, coefficient: Rational)] {
        zip(variables, coefficients).map { (variable: $0.0, coefficient: $0.1) }
    }

    /// Whether there are no variable terms (the constant may be anything).
    public var isConstant: Bool { variables.isEmpty }

    /// The coefficient of `variable` (zero when absent). O(log n).
    public func coefficient(of variable: Int) -> Rational {
        let i = lowerBound(variables, variable)
        return i < variables.count && variables[i] == variable ? coefficients[i] : .zero
    }

    public var description: String {
        var parts: [String] = []
        for (v, c) in zip(variables, coefficients) { parts.append("\(c)·x\(v)") }
        if !constant.isZero || parts.isEmpty { parts.append(constant.description) }
        return parts.joined(separator: " + ")
    }

    // MARK: Arithmetic (convenience; the system does not use these)

    public static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var v: [Int] = [], c: [Rational] = [], fresh: [Int] = []
        sparseAXPY(lhs.variables, lhs.coefficients, .one, rhs.variables, rhs.coefficients,
                   into: &v, &c, fresh: &fresh, trackFresh: false)
        return LinearExpression(canonicalVariables: v, coefficients: c, constant: lhs.constant + rhs.constant)
    }

    public static prefix func - (operand: LinearExpression) -> LinearExpression {
        LinearExpression(canonicalVariables: operand.variables, coefficients: operand.coefficients.map { -$0 },
                         constant: -operand.constant)
    }

    public static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var v: [Int] = [], c: [Rational] = [], fresh: [Int] = []
        sparseAXPY(lhs.variables, lhs.coefficients, -Rational.one, rhs.variables, rhs.coefficients,
                   into: &v, &c, fresh: &fresh, trackFresh: false)
        return LinearExpression(canonicalVariables: v, coefficients: c, constant: lhs.constant - rhs.constant)
    }

    public static func * (scale: Rational, expression: LinearExpression) -> LinearExpression {
        if scale.isZero { return LinearExpression(constant: .zero) }
        return LinearExpression(canonicalVariables: expression.variables,
                                coefficients: expression.coefficients.map { scale * $0 },
                                constant: scale * expression.constant)
    }
}

/// The index of a premise equation in a ``LinearSystem``. Chosen by the caller; distinct
/// premises must have distinct ids.
public struct EquationID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: EquationID, rhs: EquationID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// A derivation of an equation from premises: `Σ coefficientⱼ · premiseⱼ == target`, where
/// premise `j` is the expression `eⱼ` of the equation `eⱼ = 0`. Coefficients of the variables
/// must match exactly; constants must match exactly over Q, and modulo the modulus in a
/// table with a modulus (where coefficients are moreover integers).
///
/// Canonical: ids strictly increasing, no zero coefficient.
public struct Certificate: Hashable, Sendable, CustomStringConvertible {
    /// Premise ids, strictly increasing.
    public private(set) var ids: [EquationID]
    /// `coefficients[i]` multiplies premise `ids[i]`; never zero.
    public private(set) var coefficients: [Rational]

    /// A certificate from `(id, coefficient)` pairs in any order; repeats are summed, zeros dropped.
    public init(combination: [(id: EquationID, coefficient: Rational)]) {
        let e = LinearExpression(terms: combination.map { (variable: $0.id.rawValue, coefficient: $0.coefficient) })
        ids = e.variables.map(EquationID.init(rawValue:))
        coefficients = e.coefficients
    }

    @usableFromInline
    init(canonicalIDs ids: [Int], coefficients: [Rational]) {
        self.ids = ids.map(EquationID.init(rawValue:))
        self.coefficients = coefficients
    }

    /// The pairs `(premise id, coefficient)`, sorted by id.
    public var combination: [(id: EquationID, coefficient: Rational)] {
        zip(ids, coefficients).map { (id: $0.0, coefficient: $0.1) }
    }

    /// Whether every coefficient is an integer (always so for certificates of a table with a modulus).
    public var isIntegral: Bool { coefficients.allSatisfy(\.isInteger) }

    public var description: String {
        zip(ids, coefficients).map { "\($0.1)·\($0.0)" }.joined(separator: " + ")
    }
}

// MARK: - Sparse kernels

/// The first index `i` with `array[i] >= value` (binary search on a sorted array).
@inlinable
func lowerBound(_ array: [Int], _ value: Int) -> Int {
    var lo = 0, hi = array.count
    while lo < hi {
        let mid = (lo &+ hi) >> 1
        if array[mid] < value { lo = mid &+ 1 } else { hi = mid }
    }
    return lo
}

/// `out = a + s·b` for sorted sparse vectors (`aI`/`aV`, `bI`/`bV`), dropping cancelled
/// entries. `out` is cleared first and its capacity reused. When `trackFresh`, the indices
/// of `b` absent from `a` are appended to `fresh` (the caller indexes columns with them).
///
/// - Complexity: O(|a| + |b|) rational operations; no allocation once `out` is large enough.
@inlinable
func sparseAXPY(_ aI: [Int], _ aV: [Rational], _ s: Rational, _ bI: [Int], _ bV: [Rational],
                into oI: inout [Int], _ oV: inout [Rational], fresh: inout [Int], trackFresh: Bool) {
    oI.removeAll(keepingCapacity: true)
    oV.removeAll(keepingCapacity: true)
    let needed = aI.count + bI.count
    if oI.capacity < needed { oI.reserveCapacity(needed); oV.reserveCapacity(needed) }
    var x = 0, y = 0
    let na = aI.count, nb = bI.count
    while x < na && y < nb {
        let u = aI[x], w = bI[y]
        if u < w {
            oI.append(u); oV.append(aV[x]); x &+= 1
        } else if u > w {
            oI.append(w); oV.append(s * bV[y]); y &+= 1
            if trackFresh { fresh.append(w) }
        } else {
            var c = aV[x]
            c.addProduct(s, bV[y])
            if !c.isZero { oI.append(u); oV.append(c) }
            x &+= 1; y &+= 1
        }
    }
    while x < na { oI.append(aI[x]); oV.append(aV[x]); x &+= 1 }
    while y < nb {
        let w = bI[y]
        oI.append(w); oV.append(s * bV[y]); y &+= 1
        if trackFresh { fresh.append(w) }
    }
}

// MARK: - Floors

extension Rational {
    /// `⌊self⌋`, exact at any size.
    ///
    /// Words: one integer division. GMP values: repeatedly subtract the integer part of the
    /// `Double` approximation (each round removes ~52 bits), then fix the last unit exactly.
    ///
    /// - Precondition: `|self| < 2^1023` (so that its `Double` approximation is finite).
    @usableFromInline
    var floorValue: Rational {
        if let (n, d) = wordParts { return Rational(floorDivide(n, d)) }
        return Rational.floorSlow(self)
    }

    @usableFromInline @inline(never)
    static func floorSlow(_ x: Rational) -> Rational {
        var accumulated = Rational.zero
        var r = x
        while true {
            if let (n, d) = r.wordParts { return accumulated + Rational(floorDivide(n, d)) }
            let approx = Double(r)
            precondition(approx.isFinite, "Rational floor: value out of Double range")
            if approx.magnitude < 0x1p52 {
                var f = Rational(Int(approx.rounded(.down)))
                while f > r { f -= .one }
                while f + .one <= r { f += .one }
                return accumulated + f
            }
            let f = exactInteger(approx.rounded(.towardZero))
            accumulated += f
            r -= f
        }
    }

    /// The integral `Double` `d` as an exact `Rational`.
    static func exactInteger(_ d: Double) -> Rational {
        if d.magnitude < 0x1p62 { return Rational(Int(d)) }
        let mantissa = Int(d.significandBitPattern | (1 << 52))
        var power = Int(d.exponent) - 52
        var result = Rational(d < 0 ? -mantissa : mantissa)
        var base = Rational(2)
        while power > 0 {
            if power & 1 == 1 { result *= base }
            base *= base
            power >>= 1
        }
        return result
    }
}

/// `⌊n / d⌋` for `d > 0`.
@inlinable
func floorDivide(_ n: Int, _ d: Int) -> Int {
    let q = n / d
    return (n % d != 0 && n < 0) ? q - 1 : q
}
