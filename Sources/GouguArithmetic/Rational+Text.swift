import CGMP

extension Rational: CustomStringConvertible, LosslessStringConvertible {
    /// Base-10 text in lowest terms: `"n"` for integers, `"n/d"` otherwise (the sign, if
    /// any, on the numerator). Round-trips through `init?(_ text: String)`.
    ///
    /// - Complexity: O(1) inline; GMP's subquadratic radix conversion otherwise.
    public var description: String {
        switch storage {
        case .small(let n, 1): return String(n)
        case .small(let n, let d): return "\(n)/\(d)"
        case .big(let box): return box.description
        }
    }

    /// Parses `"n"` or `"n/d"`: an optional `+` or `-`, decimal digits, then optionally `/`
    /// and decimal digits (no sign, no spaces). Any number of digits; the fraction need not
    /// be in lowest terms. Returns `nil` for other text or a zero denominator.
    ///
    /// - Complexity: O(digits) when both parts have at most 18 digits; GMP's subquadratic
    ///   conversion otherwise.
    public init?(_ text: String) {
        let utf8 = Substring(text).utf8
        var numeratorPart = utf8
        var denominatorPart: Substring.UTF8View? = nil
        if let slash = utf8.firstIndex(of: UInt8(ascii: "/")) {
            numeratorPart = utf8[..<slash]
            denominatorPart = utf8[utf8.index(after: slash)...]
        }
        var negative = false
        if let first = numeratorPart.first,
           first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            numeratorPart = numeratorPart.dropFirst()
        }
        func isDigits(_ s: Substring.UTF8View) -> Bool {
            !s.isEmpty && s.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard isDigits(numeratorPart) else { return nil }
        if let den = denominatorPart, !isDigits(den) { return nil }

        // Up to 18 digits fits in Int64 without overflow.
        if numeratorPart.count <= 18, (denominatorPart?.count ?? 1) <= 18 {
            func word(_ s: Substring.UTF8View) -> Int64 {
                s.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
            }
            let n = word(numeratorPart)
            let d: Int64 = denominatorPart.map(word) ?? 1
            if d == 0 { return nil }
            self = Rational.make(negative ? -n : n, d)
            return
        }
        guard let r = Rational.parseSlow(
            negative: negative, numerator: String(Substring(numeratorPart)),
            denominator: denominatorPart.map { String(Substring($0)) } ?? "1")
        else { return nil }
        self = r
    }

    /// Parses validated digit strings through GMP; `nil` for a zero denominator.
    static func parseSlow(negative: Bool, numerator: String, denominator: String) -> Rational? {
        let box = BigRational()
        let ok = box.withMPQ { q -> Bool in
            // The strings are plain digits, so mpz_set_str cannot fail.
            _ = __gmpz_set_str(gougu_mpq_numref(q), numerator, 10)
            _ = __gmpz_set_str(gougu_mpq_denref(q), denominator, 10)
            if q.pointee._mp_den._mp_size == 0 { return false }
            if negative { __gmpz_neg(gougu_mpq_numref(q), gougu_mpq_numref(q)) }
            __gmpq_canonicalize(q)
            return true
        }
        return ok ? Rational(normalizing: box) : nil
    }
}
