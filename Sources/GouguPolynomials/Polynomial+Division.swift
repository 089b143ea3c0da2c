import GouguArithmetic

// Exact division, pseudo-remainders, contents and greatest common divisors. Coefficients
// are rationals, so a divisor is only defined up to a nonzero number: `monic` fixes the
// scale (leading number 1), and `gcd` returns monic results.

extension Polynomial {
    /// `self / divisor` when `divisor` divides `self` exactly, else nil.
    public func dividedExactly(by divisor: Polynomial) -> Polynomial? {
        if divisor.isZero {
            precondition(PolynomialDeadline.expired, "division by the zero polynomial")
            return nil
        }
        if isZero { return .zero }
        if let c = divisor.constantValue { return scaled(by: c.reciprocal) }
        let v = divisor.mainVariable
        if mainVariable < v { return nil }
        if mainVariable > v {
            var quotients = [Polynomial]()
            for coefficient in mainCoefficients {
                guard let q = coefficient.dividedExactly(by: divisor) else { return nil }
                quotients.append(q)
            }
            return .make(mainVariable, quotients)
        }
        // Long division in v: each step cancels the leading term of the remainder.
        let divisorDegree = divisor.degree(in: v), divisorLead = divisor.leadingCoefficient
        var remainder = self, quotient = Polynomial.zero
        while !remainder.isZero {
            if PolynomialDeadline.expired { return nil }
            // The remainder stays free of variables above v: each step subtracts a
            // multiple of the divisor by a term in v and lower variables.
            guard remainder.mainVariable == v else { return nil }
            let degree = remainder.degree(in: v)
            guard degree >= divisorDegree, let lead = remainder.leadingCoefficient.dividedExactly(by: divisorLead)
            else { return nil }
            let term = lead.shifted(in: v, by: degree - divisorDegree)
            quotient += term
            remainder -= term * divisor
        }
        return quotient
    }

    /// The pseudo-remainder of `self` by `divisor` in the divisor's main variable `v`,
    /// with the power of the divisor's leading coefficient it took: `(r, e)` with
    /// `lc(divisor)^e · self ≡ r` modulo `divisor` and `r` of lower degree in `v`.
    /// Variables above `v` are carried along coefficient by coefficient.
    public func pseudoRemainder(by divisor: Polynomial) -> (remainder: Polynomial, exponent: Int) {
        let v = divisor.mainVariable
        if v < 0 {
            precondition(PolynomialDeadline.expired, "pseudo-division by a constant")
            return (.zero, 0)
        }
        if mainVariable < v { return (self, 0) }
        let lead = divisor.leadingCoefficient
        if mainVariable > v {
            let parts = mainCoefficients.map { $0.pseudoRemainder(by: divisor) }
            let exponent = parts.map(\.exponent).max() ?? 0
            return (.make(mainVariable, parts.map { $0.remainder * lead.power(exponent - $0.exponent) }), exponent)
        }
        let divisorDegree = divisor.degree(in: v)
        var remainder = self, exponent = 0
        while remainder.mainVariable == v, remainder.degree(in: v) >= divisorDegree, !PolynomialDeadline.expired {
            let degree = remainder.degree(in: v)
            remainder = remainder * lead - remainder.leadingCoefficient.shifted(in: v, by: degree - divisorDegree) * divisor
            exponent += 1
        }
        return (remainder, exponent)
    }

    /// The polynomial scaled so that its leading number is 1 (zero stays zero).
    public var monic: Polynomial {
        let lead = leadingNumber
        return lead.isZero || lead == Rational(1) ? self : scaled(by: lead.reciprocal)
    }

    /// The greatest common divisor of the coefficients in the main variable (monic); the
    /// polynomial itself, made monic, when it is a constant or has one coefficient.
    var content: Polynomial {
        var g = Polynomial.zero
        for coefficient in mainCoefficients {
            g = Polynomial.gcd(g, coefficient)
            if g.constantValue != nil && !g.isZero { return .one }
        }
        return g
    }

    /// The greatest common divisor, or nil when computing it takes longer than `limit`
    /// (or the current `PolynomialDeadline` passes first): the recursive gcd's
    /// intermediate polynomials can grow far beyond the inputs.
    public static func gcd(_ a: Polynomial, _ b: Polynomial, within limit: Duration) -> Polynomial? {
        let cap = ContinuousClock.now + limit
        let deadline = PolynomialDeadline.current.map { min($0, cap) } ?? cap
        let g = PolynomialDeadline.$current.withValue(deadline) { gcd(a, b) }
        return ContinuousClock.now >= deadline ? nil : g
    }

    /// The greatest common divisor, monic; `gcd(0, 0) = 0`.
    ///
    /// Recursive: contents by recursion on the coefficients, primitive parts by the
    /// primitive pseudo-remainder sequence in the main variable.
    public static func gcd(_ a: Polynomial, _ b: Polynomial) -> Polynomial {
        if a.isZero { return b.monic }
        if b.isZero { return a.monic }
        if a.constantValue != nil || b.constantValue != nil { return .one }
        let va = a.mainVariable, vb = b.mainVariable
        // A common divisor of a polynomial free of v and one in v divides every
        // coefficient of the latter in v.
        if va > vb { return gcd(b, a) }
        if vb > va {
            var g = a
            for coefficient in b.mainCoefficients {
                g = gcd(g, coefficient)
                if g.constantValue != nil { return .one }
            }
            return g
        }
        let ca = a.content, cb = b.content
        let commonContent = gcd(ca, cb)
        // Most gcds asked for are of polynomials with no common factor in v, where the
        // remainder sequence below is the whole cost; an image says so at once.
        if haveNoCommonFactorInMainVariable(a, b) { return commonContent.monic }
        // (Division by a content cannot fail, except when cut short by a deadline.)
        guard var p = a.dividedExactly(by: ca), var q = b.dividedExactly(by: cb) else { return .one }
        if p.degree(in: va) < q.degree(in: va) { swap(&p, &q) }
        while q.mainVariable == va {
            if PolynomialDeadline.expired { return .one }
            let r = p.pseudoRemainder(by: q).remainder
            p = q
            if r.isZero { q = .zero; break }
            q = r.primitivePart(in: va)
        }
        let primitiveGCD: Polynomial = q.isZero ? p.primitivePart(in: va) : .one
        return (commonContent * primitiveGCD).monic
    }

    /// The polynomial divided by its content in `variable` (its main variable, or a
    /// constant when `variable` is absent).
    func primitivePart(in variable: Int) -> Polynomial {
        guard mainVariable == variable else { return .one }
        return (dividedExactly(by: content) ?? self).monic
    }
}
