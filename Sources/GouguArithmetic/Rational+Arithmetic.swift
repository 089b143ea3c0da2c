// Field operations. Each operator is an `@inlinable` fast path on two inline values using
// overflow-reporting word arithmetic; any overflow (or a big operand) falls through to an
// `@inline(never)` GMP slow path in BigRational.swift. The fast paths return `nil` rather
// than trap, so the split is: "words, if the exact answer provably fits" / "GMP otherwise".

extension Rational {
    // MARK: Word kernels

    /// `a/b + c/d` for canonical inline operands, or `nil` if some step overflows.
    ///
    /// Uses Henrici's formulation (Knuth, TAOCP 4.5.1): with `g = gcd(b, d)`, the sum is
    /// `t/(b/g · d/g2)` where `t = a·(d/g) + c·(b/g)` and `g2 = gcd(t, g)`, already in lowest
    /// terms, so the words stay as small as the answer allows.
    ///
    /// Kept out of line (the operators inline only the integer case) so that `+` stays
    /// small enough to inline everywhere; the call is cheap next to the GCDs here.
    @usableFromInline @inline(never)
    static func addWords(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
        if b == d {
            let (s, o) = a.addingReportingOverflow(c)
            if o { return nil }
            if b == 1 { return s == .min ? nil : Rational(small: s, 1) }
            let g = Int64(truncatingIfNeeded: gcdMagnitude(s.magnitude, UInt64(b)))
            let n = s / g  // g >= 1; only s == .min with g == 1 gives .min, rejected below
            return n == .min ? nil : Rational(small: n, b / g)
        }
        if b == 1 || d == 1 {
            // Integer plus fraction: (a·d + c)/d is in lowest terms, since
            // gcd(a·d + c, d) = gcd(c, d) = 1 (and symmetrically).
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (t, o3) = ad.addingReportingOverflow(cb)
            if o1 || o2 || o3 || t == .min { return nil }
            return Rational(small: t, b == 1 ? d : b)
        }
        let g = Int64(truncatingIfNeeded: gcdMagnitude(UInt64(b), UInt64(d)))
        if g == 1 {
            // Coprime denominators: (ad + cb)/(bd) is already in lowest terms.
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (t, o3) = ad.addingReportingOverflow(cb)
            let (bd, o4) = b.multipliedReportingOverflow(by: d)
            if o1 || o2 || o3 || o4 || t == .min { return nil }
            return Rational(small: t, bd)
        }
        let bg = b / g, dg = d / g
        let (adg, o1) = a.multipliedReportingOverflow(by: dg)
        let (cbg, o2) = c.multipliedReportingOverflow(by: bg)
        let (t, o3) = adg.addingReportingOverflow(cbg)
        if o1 || o2 || o3 { return nil }
        if t == 0 { return .zero }
        let g2 = Int64(truncatingIfNeeded: gcdMagnitude(t.magnitude, UInt64(g)))
        let n = t / g2
        let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
        if o4 || n == .min { return nil }
        return Rational(small: n, den)
    }

    /// `a/b · c/d` for canonical inline operands, or `nil` if some step overflows.
    /// Out of line for the same reason as `addWords`.
    ///
    /// Cross-cancels first (`gcd(a, d)`, `gcd(c, b)`), which both keeps the words small and
    /// leaves the product in lowest terms.
    @usableFromInline @inline(never)
    static func multiplyWords(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
        if a == 0 || c == 0 { return .zero }
        if b == 1 && d == 1 {
            let (p, o) = a.multipliedReportingOverflow(by: c)
            return o || p == .min ? nil : Rational(small: p, 1)
        }
        // a, c != .min, so their magnitudes and these gcds fit in Int64. A denominator of
        // 1 (integer times fraction) needs no gcd on its side.
        let g1 = d == 1 ? 1 : Int64(truncatingIfNeeded: gcdMagnitude(a.magnitude, UInt64(d)))
        let g2 = b == 1 ? 1 : Int64(truncatingIfNeeded: gcdMagnitude(c.magnitude, UInt64(b)))
        // Most gcds of unrelated words are 1; skipping those divisions is worth a branch.
        let (a1, d1) = g1 == 1 ? (a, d) : (a / g1, d / g1)
        let (c1, b1) = g2 == 1 ? (c, b) : (c / g2, b / g2)
        let (n, o1) = a1.multipliedReportingOverflow(by: c1)
        let (den, o2) = b1.multipliedReportingOverflow(by: d1)
        return o1 || o2 || n == .min ? nil : Rational(small: n, den)
    }

    /// `(a/b) / (c/d)` for canonical inline operands with `c != 0`, or `nil` on overflow.
    @usableFromInline
    static func divideWords(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational? {
        // d/c with the sign moved up: c != .min and d <= Int64.max, so both negations fit.
        c < 0 ? multiplyWords(a, b, -d, -c) : multiplyWords(a, b, d, c)
    }

    /// `a + c` for inline integers, or `nil` on overflow (including a result of
    /// `Int64.min`, which is not an inline numerator).
    @inlinable @inline(__always)
    static func addIntegers(_ a: Int64, _ c: Int64) -> Rational? {
        let (s, o) = a.addingReportingOverflow(c)
        return o || s == .min ? nil : Rational(small: s, 1)
    }

    /// `a · c` for inline integers, or `nil` on overflow (including `Int64.min`).
    @inlinable @inline(__always)
    static func multiplyIntegers(_ a: Int64, _ c: Int64) -> Rational? {
        let (p, o) = a.multipliedReportingOverflow(by: c)
        return o || p == .min ? nil : Rational(small: p, 1)
    }

    // MARK: Operators

    /// The sum.
    ///
    /// - Complexity: O(1) word operations when operands and result fit in words;
    ///   otherwise GMP's O(M(n)) for n-limb operands.
    @inlinable
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = b == 1 && d == 1 ? addIntegers(a, c) : addWords(a, b, c, d) {
            return r
        }
        return binarySlow(lhs, rhs, .add)
    }

    /// The difference.
    ///
    /// - Complexity: as for `+`.
    @inlinable
    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        // Inline numerators are never Int64.min, so `-c` cannot trap.
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = b == 1 && d == 1 ? addIntegers(a, -c) : addWords(a, b, -c, d) {
            return r
        }
        return binarySlow(lhs, rhs, .subtract)
    }

    /// The product.
    ///
    /// - Complexity: as for `+`.
    @inlinable
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = b == 1 && d == 1 ? multiplyIntegers(a, c) : multiplyWords(a, b, c, d) {
            return r
        }
        return binarySlow(lhs, rhs, .multiply)
    }

    /// The quotient.
    ///
    /// - Precondition: `rhs` is not zero. Use ``dividing(_:)`` to get an error instead.
    /// - Complexity: as for `+`.
    @inlinable
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(!rhs.isZero, "Rational division by zero")
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = divideWords(a, b, c, d) {
            return r
        }
        return binarySlow(lhs, rhs, .divide)
    }

    /// The quotient, or ``RationalError/divisionByZero`` when `divisor` is zero.
    @inlinable
    public func dividing(_ divisor: Rational) throws(RationalError) -> Rational {
        if divisor.isZero { throw .divisionByZero }
        return self / divisor
    }

    /// The negation.
    @inlinable
    public static prefix func - (operand: Rational) -> Rational {
        if case .small(let n, let d) = operand.storage {
            return Rational(small: -n, d)  // n != .min
        }
        return negateSlow(operand)
    }

    /// `1 / self`.
    ///
    /// - Precondition: `self` is not zero.
    @inlinable
    public var reciprocal: Rational {
        precondition(!isZero, "reciprocal of zero")
        if case .small(let n, let d) = storage {
            // n != .min and d <= Int64.max, so both negations fit; gcd is still 1.
            return n < 0 ? Rational(small: -d, -n) : Rational(small: d, n)
        }
        return Rational.reciprocalSlow(self)
    }

    // MARK: Compound assignment

    /// Adds `rhs` to `self`, in place when `self` owns a GMP value no one else shares.
    @inlinable
    public static func += (lhs: inout Rational, rhs: Rational) {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = b == 1 && d == 1 ? addIntegers(a, c) : addWords(a, b, c, d) {
            lhs = r
            return
        }
        lhs.formSlow(rhs, .add)
    }

    /// Subtracts `rhs` from `self`, in place when possible.
    @inlinable
    public static func -= (lhs: inout Rational, rhs: Rational) {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = b == 1 && d == 1 ? addIntegers(a, -c) : addWords(a, b, -c, d) {
            lhs = r
            return
        }
        lhs.formSlow(rhs, .subtract)
    }

    /// Multiplies `self` by `rhs`, in place when possible.
    @inlinable
    public static func *= (lhs: inout Rational, rhs: Rational) {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = b == 1 && d == 1 ? multiplyIntegers(a, c) : multiplyWords(a, b, c, d) {
            lhs = r
            return
        }
        lhs.formSlow(rhs, .multiply)
    }

    /// Divides `self` by `rhs`, in place when possible.
    ///
    /// - Precondition: `rhs` is not zero.
    @inlinable
    public static func /= (lhs: inout Rational, rhs: Rational) {
        precondition(!rhs.isZero, "Rational division by zero")
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage,
           let r = divideWords(a, b, c, d) {
            lhs = r
            return
        }
        lhs.formSlow(rhs, .divide)
    }

    /// `self += b * c`, the update step of Gaussian elimination.
    ///
    /// Cheaper than writing it out: on words no temporary `Rational` is materialised, and
    /// with GMP the sum is formed in place in `self`'s storage when it is not shared.
    ///
    /// - Complexity: O(1) on words; otherwise one GMP product and one GMP sum.
    @inlinable
    public mutating func addProduct(_ b: Rational, _ c: Rational) {
        if case .small(let n0, let d0) = storage,
           case .small(let n1, let d1) = b.storage, case .small(let n2, let d2) = c.storage,
           let p = Rational.multiplyWords(n1, d1, n2, d2), case .small(let pn, let pd) = p.storage,
           let r = Rational.addWords(n0, d0, pn, pd) {
            self = r
            return
        }
        addProductSlow(b, c)
    }

    /// `self -= b * c`.
    ///
    /// - Complexity: as for ``addProduct(_:_:)``.
    @inlinable
    public mutating func subtractProduct(_ b: Rational, _ c: Rational) {
        addProduct(-b, c)
    }
}

extension Rational: AdditiveArithmetic {}

// MARK: - Comparison and hashing

extension Rational: Equatable {
    /// Whether two values are equal.
    ///
    /// Representations are canonical (a value that fits in words is never left in GMP),
    /// so an inline value never equals a GMP one and equal inline values have equal words.
    @inlinable
    public static func == (lhs: Rational, rhs: Rational) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case let (.small(a, b), .small(c, d)): return a == c && b == d
        case let (.big(x), .big(y)): return BigRational.equal(x, y)
        default: return false
        }
    }
}

extension Rational: Comparable {
    /// Whether `lhs` is less than `rhs`.
    ///
    /// - Complexity: O(1) on words (one 128-bit cross product); otherwise GMP's `mpq_cmp`.
    @inlinable
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
            if b == d { return a < c }
            // Denominators are positive, so a/b < c/d ⇔ a·d < c·b, compared in 128 bits.
            let l = a.multipliedFullWidth(by: d), r = c.multipliedFullWidth(by: b)
            return l.high < r.high || (l.high == r.high && l.low < r.low)
        }
        return compareSlow(lhs, rhs) < 0
    }
}

extension Rational: Hashable {
    /// Hashes the canonical value: the words when inline, the GMP limbs otherwise. The two
    /// sets of values are disjoint, so equal values always hash alike.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let n, let d):
            hasher.combine(n)
            hasher.combine(d)
        case .big(let box):
            box.hash(into: &hasher)
        }
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    /// The integer `value`.
    @inlinable
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Double {
    /// A double within two units in the last place of `value`: correctly rounded when
    /// numerator and denominator are at most 2^53 in magnitude (one IEEE division of exact
    /// operands), GMP's truncating `mpq_get_d` for values stored in GMP. Values beyond
    /// the range of `Double` become infinities. For display and numeric checks, not for
    /// decisions that need exactness.
    @inlinable
    public init(_ value: Rational) {
        switch value.storage {
        case .small(let n, let d): self = Double(n) / Double(d)
        case .big(let box): self = box.doubleValue
        }
    }
}
