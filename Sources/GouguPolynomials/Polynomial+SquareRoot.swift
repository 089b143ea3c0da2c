import GouguArithmetic

extension Polynomial {
    /// The polynomial `r` with `r * r == self` and a positive leading number, when there
    /// is one with rational coefficients; else nil. (Constants whose numerator or
    /// denominator do not fit a machine word are not tried: nil.)
    ///
    /// Coefficient by coefficient from the top, as in long division: in the main variable,
    /// `r`'s leading coefficient is the root of `self`'s, and each lower one follows from
    /// one exact division by twice it; the square is checked at the end.
    public func squareRoot() -> Polynomial? {
        switch node {
        case .constant(let c):
            return Polynomial.rationalSquareRoot(c).map(Polynomial.init)
        case .univariate(let v, let c):
            let n = c.count - 1
            guard n % 2 == 0, let top = c[n].squareRoot() else { return nil }
            let m = n / 2
            var r = [Polynomial](repeating: .zero, count: m + 1)
            r[m] = top
            let twiceTop = top.scaled(by: Rational(2))
            for k in stride(from: m - 1, through: 0, by: -1) {
                var rest = c[m + k]
                for i in (k + 1)..<m { rest -= r[i] * r[m + k - i] }
                guard let rk = rest.dividedExactly(by: twiceTop) else { return nil }
                r[k] = rk
            }
            let root = Polynomial.make(v, r)
            return root * root == self ? root : nil
        }
    }

    /// The non-negative rational square root of `c`, when it is rational and `c` fits
    /// machine words.
    public static func rationalSquareRoot(_ c: Rational) -> Rational? {
        guard let (n, d) = c.wordParts, n >= 0, d > 0,
              let rn = integerSquareRoot(n), let rd = integerSquareRoot(d) else { return nil }
        return Rational(rn, rd)
    }

    /// The integer square root of `n`, when `n` is a perfect square.
    static func integerSquareRoot(_ n: Int) -> Int? {
        var r = Int(Double(n).squareRoot())
        while r > 0, r.multipliedReportingOverflow(by: r).overflow || r * r > n { r -= 1 }
        while !(r + 1).multipliedReportingOverflow(by: r + 1).overflow, (r + 1) * (r + 1) <= n { r += 1 }
        return r * r == n ? r : nil
    }
}
