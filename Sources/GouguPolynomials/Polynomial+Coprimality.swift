import GouguArithmetic

extension Polynomial {
    /// The prime of the images: 2⁶¹ − 1.
    static let imagePrime: UInt64 = (1 << 61) - 1

    /// Whether `a` and `b`, with the same main variable `v`, certainly have no common factor
    /// of positive degree in `v`, seen on one image: the other variables replaced by fixed
    /// values and the coefficients taken modulo a prime. A common factor g of degree k in
    /// `v` divides both, so its image divides both images; its leading coefficient divides
    /// theirs, so when those do not vanish on the image, the image of g keeps degree k.
    /// Images whose gcd is a constant so rule out every common factor in `v`. False when
    /// the image cannot tell (a leading coefficient or a denominator vanishes), or the
    /// images share a factor.
    static func haveNoCommonFactorInMainVariable(_ a: Polynomial, _ b: Polynomial) -> Bool {
        let v = a.mainVariable
        guard v == b.mainVariable, v >= 0 else { return false }
        let p = imagePrime
        guard let f = image(of: a, variable: v, modulo: p), let g = image(of: b, variable: v, modulo: p),
              f.last != 0, g.last != 0 else { return false }
        return univariateGCDDegree(f, g, modulo: p) == 0
    }

    /// The value given to variable `index` on the image: fixed, spread over the field.
    static func imageValue(of index: Int) -> UInt64 {
        var z = UInt64(truncatingIfNeeded: index) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) % imagePrime
    }

    /// The coefficients (lowest degree first) in `variable`, the main variable, of the
    /// image of `polynomial`; nil when a denominator vanishes modulo `p`.
    static func image(of polynomial: Polynomial, variable: Int, modulo p: UInt64) -> [UInt64]? {
        var coefficients: [UInt64] = []
        for c in polynomial.coefficients(in: variable) {
            guard let value = value(of: c, modulo: p) else { return nil }
            coefficients.append(value)
        }
        return coefficients
    }

    /// The value of `polynomial` (in variables below the main one of the image) at the
    /// image's values, modulo `p`.
    static func value(of polynomial: Polynomial, modulo p: UInt64) -> UInt64? {
        switch polynomial.node {
        case .constant(let c):
            return c.residue(modulo: p)
        case .univariate(let w, let coefficients):
            let x = imageValue(of: w)
            var result: UInt64 = 0
            for c in coefficients.reversed() {
                guard let term = value(of: c, modulo: p) else { return nil }
                result = (Rational.product(result, x, modulo: p) + term) % p
            }
            return result
        }
    }

    /// The degree of the gcd of two nonzero univariate polynomials modulo `p` (coefficients
    /// lowest degree first, leading ones nonzero).
    static func univariateGCDDegree(_ f: [UInt64], _ g: [UInt64], modulo p: UInt64) -> Int {
        var (a, b) = (f, g)
        if a.count < b.count { swap(&a, &b) }
        while b.count > 1 {
            // a mod b.
            guard let inverse = Rational.inverse(b.last!, modulo: p) else { return b.count - 1 }
            while a.count >= b.count {
                let factor = Rational.product(a.last!, inverse, modulo: p)
                let shift = a.count - b.count
                for k in 0..<b.count {
                    let t = Rational.product(factor, b[k], modulo: p)
                    a[k + shift] = (a[k + shift] + p - t) % p
                }
                a.removeLast()
                while let last = a.last, last == 0 { a.removeLast() }
            }
            if a.isEmpty { return b.count - 1 }
            swap(&a, &b)
        }
        // b is a nonzero constant.
        return 0
    }
}
