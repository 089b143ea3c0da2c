import GouguArithmetic

// Products of large polynomials through a dense flat form (Kronecker substitution): every
// monomial of the product gets a slot `Σ e_v · stride_v` in one array, the operands' terms
// are listed with their slots, and each pair of terms adds its product into the slot at
// the sum of theirs. Machine-word coefficients accumulate in 128-bit integers; anything
// else (fractions, big integers, an overflow) in `Rational`s. The product is then read back
// into the canonical recursive form, so it is the same value `*`'s recursion computes, at a
// fraction of its cost: no intermediate polynomial, no reference counting in the loop.

extension Polynomial {
    /// The most slots the dense form may use (128-bit ones: 32 MiB).
    static let denseSlotLimit = 1 << 21

    /// The operands' terms and degrees, gathered once.
    private struct Terms {
        /// Each term's slot, and its coefficient.
        var slots: [Int] = []
        var coefficients: [Rational] = []
        /// The coefficients as words, while all of them are integers that fit one.
        var words: [Int64] = []
        var allWords = true
    }

    /// The degree of each variable (by number; -1 where absent) and the number of terms.
    private static func gatherDegrees(_ p: Polynomial, _ degrees: inout [Int], _ terms: inout Int) {
        switch p.node {
        case .constant(let c):
            if !c.isZero { terms += 1 }
        case .univariate(let v, let c):
            if degrees[v] < c.count - 1 { degrees[v] = c.count - 1 }
            for coefficient in c { gatherDegrees(coefficient, &degrees, &terms) }
        }
    }

    private static func gatherTerms(_ p: Polynomial, base: Int, strides: [Int], into terms: inout Terms) {
        switch p.node {
        case .constant(let c):
            guard !c.isZero else { return }
            terms.slots.append(base)
            terms.coefficients.append(c)
            if terms.allWords {
                if let (n, d) = c.wordParts, d == 1 { terms.words.append(Int64(n)) } else { terms.allWords = false }
            }
        case .univariate(let v, let c):
            let stride = strides[v]
            for (e, coefficient) in c.enumerated() {
                gatherTerms(coefficient, base: base + e * stride, strides: strides, into: &terms)
            }
        }
    }

    /// `lhs · rhs` by the dense flat form, or nil when it would take too many slots (or the
    /// operands are too small for it to pay). Both operands must be nonconstant.
    static func denseProduct(_ lhs: Polynomial, _ rhs: Polynomial) -> Polynomial? {
        let top = max(lhs.mainVariable, rhs.mainVariable)
        var da = [Int](repeating: -1, count: top + 1), db = da
        var na = 0, nb = 0
        gatherDegrees(lhs, &da, &na)
        gatherDegrees(rhs, &db, &nb)
        let pairs = na.multipliedReportingOverflow(by: nb)
        guard !pairs.overflow, pairs.partialValue >= 64 else { return nil }
        // The product's variables (ascending) and degrees; slots: lowest variable fastest.
        var variables: [Int] = [], degrees: [Int] = []
        var strides = [Int](repeating: 0, count: top + 1)
        var size = 1
        for v in 0...top where da[v] >= 0 || db[v] >= 0 {
            let d = max(da[v], 0) + max(db[v], 0)
            variables.append(v)
            degrees.append(d)
            strides[v] = size
            let next = size.multipliedReportingOverflow(by: d + 1)
            guard !next.overflow, next.partialValue <= denseSlotLimit else { return nil }
            size = next.partialValue
        }
        // Sparse products: the slots would dwarf the work.
        guard size <= 8 * pairs.partialValue + 4096 else { return nil }
        var a = Terms(), b = Terms()
        a.slots.reserveCapacity(na); a.coefficients.reserveCapacity(na); a.words.reserveCapacity(na)
        b.slots.reserveCapacity(nb); b.coefficients.reserveCapacity(nb); b.words.reserveCapacity(nb)
        gatherTerms(lhs, base: 0, strides: strides, into: &a)
        gatherTerms(rhs, base: 0, strides: strides, into: &b)
        // A deadline is checked every so many pairs, as the recursion checks it at every step.
        var stopped = false
        if a.allWords && b.allWords, let sums = wordProducts(a, b, size: size, stopped: &stopped) {
            return read(variables: variables, degrees: degrees, strides: strides, sums)
        }
        if stopped { return .zero }
        var sums = [Rational](repeating: .zero, count: size)
        var work = 0
        for i in a.slots.indices {
            work += b.slots.count
            if work >= 1 << 16 {
                work = 0
                if PolynomialDeadline.expired { return .zero }
            }
            let (slot, c) = (a.slots[i], a.coefficients[i])
            for j in b.slots.indices { sums[slot + b.slots[j]].addProduct(c, b.coefficients[j]) }
        }
        return read(variables: variables, degrees: degrees, strides: strides, sums)
    }

    /// The sums of products of word coefficients in 128-bit integers, or nil on overflow or
    /// when the deadline passes (`stopped`).
    private static func wordProducts(_ a: Terms, _ b: Terms, size: Int, stopped: inout Bool) -> [Int128]? {
        var sums = [Int128](repeating: 0, count: size)
        var overflow = false, expired = false
        sums.withUnsafeMutableBufferPointer { out in
            b.slots.withUnsafeBufferPointer { bs in
                b.words.withUnsafeBufferPointer { bw in
                    var work = 0
                    for i in a.slots.indices {
                        work += bs.count
                        if work >= 1 << 20 {
                            work = 0
                            if PolynomialDeadline.expired { expired = true; return }
                        }
                        let (slot, c) = (a.slots[i], Int128(a.words[i]))
                        for j in 0..<bs.count {
                            let (s, o) = out[slot &+ bs[j]].addingReportingOverflow(c &* Int128(bw[j]))
                            out[slot &+ bs[j]] = s
                            overflow = overflow || o
                        }
                    }
                }
            }
        }
        stopped = expired
        return overflow || expired ? nil : sums
    }

    /// The canonical recursive form of the dense product.
    private static func read<C: DenseSum>(variables: [Int], degrees: [Int], strides: [Int], _ sums: [C]) -> Polynomial {
        sums.withUnsafeBufferPointer { sums in
            variables.withUnsafeBufferPointer { variables in
                degrees.withUnsafeBufferPointer { degrees in
                    strides.withUnsafeBufferPointer { strides in
                        Reader(variables: variables, degrees: degrees, strides: strides, sums: sums)
                            .build(variables.count - 1, 0)
                    }
                }
            }
        }
    }

    /// Reads the dense sums back, highest variable first; zero slots cost no polynomial.
    private struct Reader<C: DenseSum> {
        let variables: UnsafeBufferPointer<Int>, degrees: UnsafeBufferPointer<Int>, strides: UnsafeBufferPointer<Int>
        let sums: UnsafeBufferPointer<C>

        /// Whether every slot of the block at `level` from `base` is zero.
        func vanishes(_ level: Int, _ base: Int) -> Bool {
            if level < 0 { return sums[base].isZeroSum }
            let stride = strides[variables[level]]
            if level == 0 {
                for e in 0...degrees[0] where !sums[base + e * stride].isZeroSum { return false }
                return true
            }
            for e in 0...degrees[level] where !vanishes(level - 1, base + e * stride) { return false }
            return true
        }

        func build(_ level: Int, _ base: Int) -> Polynomial {
            if level < 0 { return Polynomial(sums[base].rationalValue) }
            let v = variables[level], stride = strides[v]
            var top = degrees[level]
            while top > 0 && vanishes(level - 1, base + top * stride) { top -= 1 }
            if top == 0 { return build(level - 1, base) }
            var c: [Polynomial] = []
            c.reserveCapacity(top + 1)
            for e in 0...top {
                let slot = base + e * stride
                if level == 0 {
                    let x = sums[slot]
                    c.append(x.isZeroSum ? .zero : Polynomial(x.rationalValue))
                } else {
                    c.append(vanishes(level - 1, slot) ? .zero : build(level - 1, slot))
                }
            }
            return Polynomial(node: .univariate(variable: v, coefficients: c))
        }
    }
}

/// A dense product's sum in one slot.
private protocol DenseSum {
    var isZeroSum: Bool { get }
    var rationalValue: Rational { get }
}

extension Rational: DenseSum {
    var isZeroSum: Bool { isZero }
    var rationalValue: Rational { self }
}

extension Int128: DenseSum {
    var isZeroSum: Bool { self == 0 }

    var rationalValue: Rational {
        if let w = Int64(exactly: self), w != .min { return Rational(Int(w)) }
        let twoTo32 = Rational(1 << 32)
        var r = Rational.zero
        for shift in stride(from: 96, through: 0, by: -32) {
            r = r * twoTo32 + Rational(Int((magnitude >> UInt128(shift)) & 0xFFFF_FFFF))
        }
        return self < 0 ? -r : r
    }
}
