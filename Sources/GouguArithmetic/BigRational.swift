import CGMP

// GMP storage and the slow paths. GMP functions are called by their real symbol names
// (`__gmpq_add` is what gmp.h's `mpq_add` macro expands to; Swift does not import the
// macro).

/// A GMP rational (`mpq_t`) on the heap, shared by the `Rational` values that hold it and
/// cleared when the last one goes.
///
/// `@unchecked Sendable` is safe because a `BigRational` is never mutated while shared:
/// it is written only while it is being built (before any other reference exists), or in
/// place by `Rational.formSlow` after `isKnownUniquelyReferenced` has proved that the
/// mutating `Rational` holds the only reference. Shared instances are read-only, and GMP
/// reads of an `mpq_t` are thread-safe.
@usableFromInline
final class BigRational: @unchecked Sendable {
    /// The `mpq_t`, in its own allocation so its address is stable (Swift does not promise
    /// a stable address for a stored property).
    private let mpq: UnsafeMutablePointer<__mpq_struct>

    /// A new object holding 0/1.
    init() {
        mpq = .allocate(capacity: 1)
        __gmpq_init(mpq)
    }

    deinit {
        __gmpq_clear(mpq)
        mpq.deallocate()
    }

    /// Runs `body` on the `mpq_t`. The pointer is valid only inside `body` (a method call
    /// keeps `self`, and so the allocation, alive).
    @inline(__always)
    func withMPQ<R>(_ body: (UnsafeMutablePointer<__mpq_struct>) throws -> R) rethrows -> R {
        try body(mpq)
    }

    /// Numerator and denominator, if both fit the inline representation (numerator in
    /// `-(2^63 - 1) ... 2^63 - 1`, denominator in `1 ... 2^63 - 1`).
    var smallParts: (Int64, Int64)? {
        withMPQ { q in
            guard let n = q.pointee._mp_num.inlineWord, let d = q.pointee._mp_den.inlineWord
            else { return nil }
            return (n, d)
        }
    }

    /// Numerator and denominator as `Int`s, if both fit (this admits `Int.min`, unlike
    /// `smallParts`).
    var wordParts: (numerator: Int, denominator: Int)? {
        withMPQ { q in
            guard let n = q.pointee._mp_num.intValue, let d = q.pointee._mp_den.intValue
            else { return nil }
            return (n, d)
        }
    }

    @usableFromInline
    var isInteger: Bool {
        withMPQ { q in
            q.pointee._mp_den.isOne
        }
    }

    @usableFromInline
    var signum: Int {
        withMPQ { q in Int(q.pointee._mp_num._mp_size.signum()) }
    }

    @usableFromInline
    var doubleValue: Double {
        withMPQ { __gmpq_get_d($0) }
    }

    /// The numerator as a new rational n/1.
    func numeratorOnly() -> BigRational {
        let result = BigRational()
        result.withMPQ { r in withMPQ { __gmpq_set_num(r, gougu_mpq_numref_const($0)) } }
        return result
    }

    /// The denominator as a new rational d/1.
    func denominatorOnly() -> BigRational {
        let result = BigRational()
        result.withMPQ { r in withMPQ { __gmpq_set_num(r, gougu_mpq_denref_const($0)) } }
        return result
    }

    /// The numerator and the denominator modulo `modulus` (each in `0..<modulus`).
    func residues(modulo modulus: UInt) -> (numerator: UInt, denominator: UInt) {
        withMPQ { q in
            (UInt(__gmpz_fdiv_ui(gougu_mpq_numref_const(q), modulus)),
             UInt(__gmpz_fdiv_ui(gougu_mpq_denref_const(q), modulus)))
        }
    }

    @usableFromInline
    static func equal(_ x: BigRational, _ y: BigRational) -> Bool {
        if x === y { return true }
        return x.withMPQ { p in y.withMPQ { q in __gmpq_equal(p, q) != 0 } }
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        withMPQ { q in
            q.pointee._mp_num.hashLimbs(into: &hasher)
            q.pointee._mp_den.hashLimbs(into: &hasher)
        }
    }

    /// Base-10 text, "n" or "n/d".
    var description: String {
        withMPQ { q in
            // mpq_get_str needs sizeinbase(num) + sizeinbase(den) + 3 bytes (sign, '/', NUL).
            let size = __gmpz_sizeinbase(gougu_mpq_numref(q), 10)
                + __gmpz_sizeinbase(gougu_mpq_denref(q), 10) + 3
            let bytes = [CChar](unsafeUninitializedCapacity: size) { buffer, count in
                _ = __gmpq_get_str(buffer.baseAddress, 10, q)
                count = size
            }
            return bytes.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
    }
}

extension __mpz_struct {
    /// The value, if it lies in `-(2^63 - 1) ... 2^63 - 1`.
    var inlineWord: Int64? {
        switch _mp_size {
        case 0: return 0
        case 1, -1:
            let limb = UInt64(_mp_d[0])
            guard limb <= UInt64(Int64.max) else { return nil }
            return _mp_size > 0 ? Int64(limb) : -Int64(limb)
        default: return nil
        }
    }

    /// Whether the value is 1.
    var isOne: Bool { _mp_size == 1 && _mp_d[0] == 1 }

    /// The value, if it fits in an `Int`.
    var intValue: Int? {
        if let w = inlineWord { return Int(w) }
        if _mp_size == -1 && UInt64(_mp_d[0]) == Int64.min.magnitude { return .min }
        return nil
    }

    func hashLimbs(into hasher: inout Hasher) {
        hasher.combine(_mp_size)
        let count = Int(_mp_size.magnitude)
        hasher.combine(bytes: UnsafeRawBufferPointer(
            start: _mp_d, count: count * MemoryLayout<mp_limb_t>.stride))
    }
}

// MARK: - Slow paths

extension Rational {
    /// The GMP operations behind the binary operators.
    @usableFromInline
    enum Operation: Sendable {
        case add, subtract, multiply, divide

        /// `r = x op y`; `r` may alias `x` or `y`.
        ///
        /// Integer operands (the common case for big values in elimination) skip `mpq_*`,
        /// whose denominator GCDs are wasted work there: the sum, difference or product of
        /// integers is the integer `mpz_*` result over 1, which is canonical.
        func apply(
            _ r: UnsafeMutablePointer<__mpq_struct>,
            _ x: UnsafePointer<__mpq_struct>, _ y: UnsafePointer<__mpq_struct>
        ) {
            let integers = x.pointee._mp_den.isOne && y.pointee._mp_den.isOne
            if integers && self != .divide {
                let rn = gougu_mpq_numref(r)
                let xn = gougu_mpq_numref_const(x), yn = gougu_mpq_numref_const(y)
                switch self {
                case .add: __gmpz_add(rn, xn, yn)
                case .subtract: __gmpz_sub(rn, xn, yn)
                case .multiply, .divide: __gmpz_mul(rn, xn, yn)
                }
                __gmpz_set_ui(gougu_mpq_denref(r), 1)
                return
            }
            switch self {
            case .add: __gmpq_add(r, x, y)
            case .subtract: __gmpq_sub(r, x, y)
            case .multiply: __gmpq_mul(r, x, y)
            case .divide: __gmpq_div(r, x, y)
            }
        }
    }

    /// Runs `body` on an `mpq_t` view of `self`.
    ///
    /// An inline value is presented as a read-only `mpq_t` over two limbs on the stack, the
    /// way GMP's `MPZ_ROINIT_N` does (`_mp_alloc == 0`), so mixed small/big arithmetic
    /// allocates nothing for the small operand. The view is canonical because `self` is.
    /// GMP must only read it: it is passed only as a source operand.
    func withMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) -> R) -> R {
        switch storage {
        case .big(let box):
            return box.withMPQ { body(UnsafePointer($0)) }
        case .small(let n, let d):
            return withUnsafeTemporaryAllocation(of: mp_limb_t.self, capacity: 2) { limbs in
                let p = limbs.baseAddress!
                p[0] = mp_limb_t(n.magnitude)
                p[1] = mp_limb_t(d)
                var q = __mpq_struct(
                    _mp_num: __mpz_struct(_mp_alloc: 0, _mp_size: Int32(n.signum()), _mp_d: p),
                    _mp_den: __mpz_struct(_mp_alloc: 0, _mp_size: 1, _mp_d: p + 1))
                return withUnsafePointer(to: &q) { body($0) }
            }
        }
    }

    /// `n/d` (d != 0) when the word fast path cannot handle it (a word is `Int64.min`).
    ///
    /// Correct because GMP's `mpq_canonicalize` reduces and moves the sign up exactly, and
    /// `init(normalizing:)` re-inlines the result if it fits.
    @usableFromInline @inline(never)
    static func makeSlow(_ n: Int64, _ d: Int64) -> Rational {
        let box = BigRational()
        box.withMPQ { q in
            __gmpz_set_si(gougu_mpq_numref(q), Int(n))
            __gmpz_set_si(gougu_mpq_denref(q), Int(d))
            __gmpq_canonicalize(q)
        }
        return Rational(normalizing: box)
    }

    /// `lhs op rhs` when an operand is big or the word path overflowed.
    ///
    /// Correct because GMP computes the exact canonical result from canonical inputs (the
    /// word views from `withMPQ` are canonical), and `init(normalizing:)` moves it back
    /// inline when it fits, keeping the representation canonical.
    @usableFromInline @inline(never)
    static func binarySlow(_ lhs: Rational, _ rhs: Rational, _ op: Operation) -> Rational {
        let box = BigRational()
        box.withMPQ { r in lhs.withMPQ { x in rhs.withMPQ { y in op.apply(r, x, y) } } }
        return Rational(normalizing: box)
    }

    /// `self = self op rhs` when an operand is big or the word path overflowed.
    ///
    /// When `self` holds the only reference to its GMP value the result is written into
    /// it (GMP allows the destination to alias a source). Uniqueness is checked after
    /// moving the reference out of `storage`, so the check sees every other owner,
    /// including `rhs` when it shares `self`'s object (`x += x`), which then takes the
    /// copying path. Correct for the same reasons as `binarySlow`.
    @usableFromInline @inline(never)
    mutating func formSlow(_ rhs: Rational, _ op: Operation) {
        guard case .big(var box) = storage else {
            self = Rational.binarySlow(self, rhs, op)
            return
        }
        storage = .small(numerator: 0, denominator: 1)  // drop our reference
        if isKnownUniquelyReferenced(&box) {
            box.withMPQ { r in rhs.withMPQ { y in op.apply(r, r, y) } }
            self = Rational(normalizing: box)
        } else {
            self = Rational.binarySlow(Rational(storage: .big(box)), rhs, op)
        }
    }

    /// `self += b * c` when something is big or overflowed: one GMP product, then an
    /// in-place sum through `formSlow`.
    @usableFromInline @inline(never)
    mutating func addProductSlow(_ b: Rational, _ c: Rational) {
        formSlow(b * c, .add)
    }

    /// Negation of a big value. Exact in GMP; a big value's negation is big again (the
    /// inline range is symmetric), but it is normalised anyway.
    @usableFromInline @inline(never)
    static func negateSlow(_ x: Rational) -> Rational {
        let box = BigRational()
        box.withMPQ { r in x.withMPQ { __gmpq_neg(r, $0) } }
        return Rational(normalizing: box)
    }

    /// Reciprocal of a big non-zero value. `mpq_inv` swaps and moves the sign exactly. The
    /// result is big again (the inline ranges of numerator magnitude and denominator are
    /// the same), but it is normalised anyway.
    @usableFromInline @inline(never)
    static func reciprocalSlow(_ x: Rational) -> Rational {
        let box = BigRational()
        box.withMPQ { r in x.withMPQ { __gmpq_inv(r, $0) } }
        return Rational(normalizing: box)
    }

    /// Three-way comparison when an operand is big. GMP's `mpq_cmp` is exact.
    @usableFromInline @inline(never)
    static func compareSlow(_ lhs: Rational, _ rhs: Rational) -> Int {
        Int(lhs.withMPQ { x in rhs.withMPQ { y in __gmpq_cmp(x, y) } })
    }
}
