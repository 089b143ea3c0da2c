extension Rational {
    /// The value modulo the prime `p` (below 2⁶²): the numerator times the inverse of the
    /// denominator, in `0..<p`; nil when `p` divides the denominator (the value has no
    /// residue). Reduction modulo p is a ring homomorphism on the rationals whose
    /// denominators it does not divide, so identities among such values hold among their
    /// residues.
    public func residue(modulo p: UInt64) -> UInt64? {
        precondition(p > 1 && p < 1 << 62, "a modulus below 2^62")
        let (numerator, denominator): (UInt64, UInt64)
        switch storage {
        case .small(let n, let d):
            let magnitude = n.magnitude % p
            numerator = n < 0 && magnitude != 0 ? p - magnitude : magnitude
            denominator = UInt64(d) % p
        case .big(let box):
            let parts = box.residues(modulo: UInt(p))
            (numerator, denominator) = (UInt64(parts.numerator), UInt64(parts.denominator))
        }
        guard denominator != 0, let inverse = Self.inverse(denominator, modulo: p) else { return nil }
        return Self.product(numerator, inverse, modulo: p)
    }

    /// `a · b mod p`.
    public static func product(_ a: UInt64, _ b: UInt64, modulo p: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return p.dividingFullWidth((high, low)).remainder
    }

    /// The inverse of `a` modulo `p` (nil when they share a factor).
    public static func inverse(_ a: UInt64, modulo p: UInt64) -> UInt64? {
        // Extended Euclid on signed values (p < 2^62, so they fit).
        var (r0, r1) = (Int64(p), Int64(a % p))
        var (t0, t1): (Int64, Int64) = (0, 1)
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        guard r0 == 1 else { return nil }
        return UInt64(t0 < 0 ? t0 + Int64(p) : t0)
    }
}
