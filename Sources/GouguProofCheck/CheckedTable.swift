import GouguArithmetic
import GouguLanguage

/// An algebraic table as the checker understands it: its variables and what each
/// predicate means in it, written here independently of the engine.
///
/// A table is one small piece: a case here, `modulus` and `integralCoefficients`, and a
/// function giving each predicate's equations (`AnglesTable.equations`,
/// `RatiosTable.equations`). Adding a table (lengths, say) means adding one case and one
/// such function.
enum CheckedTable: String, CaseIterable, Sendable {
    /// Directions of lines modulo 180 degrees, in turns of 180 degrees: variable {a, b}
    /// is the direction of line ab.
    case angles
    /// Logarithms of lengths: variable {a, b} is log |ab|; `logPrime(p)` is log p.
    case ratios
    /// Lengths themselves: variable {a, b} is |ab|.
    case lengths
    /// Squared lengths: variable {a, b} is |ab|².
    case squares

    /// Constants are compared modulo this (nil: exactly).
    var modulus: Rational? { self == .angles ? Rational(1) : nil }

    /// Whether coefficients must be integers. In the angle table an equation holds only
    /// modulo 180 degrees, so halving one is unsound.
    var integralCoefficients: Bool { self == .angles }

    /// Whether "two pairs of one line have one direction" equations belong to this table.
    var hasLineEquations: Bool { self == .angles }

    /// The equations a statement means in this table, in order; nil when it means none here.
    /// `reflected` says, for a triangle predicate that leaves the orientation open (`simtri*`),
    /// whether the triangles have opposite orientations (read off the checker's diagram).
    func equations(of s: Statement, reflected: Bool) -> [LinearForm]? {
        let p = s.arguments.compactMap { $0.point?.index }
        let numbers = s.arguments.compactMap(\.number)
        switch self {
        case .angles: return AnglesTable.equations(s.predicate, p, numbers, reflected: reflected)
        case .ratios: return RatiosTable.equations(s.predicate, p, numbers)
        case .lengths: return LengthsTable.equations(s.predicate, p, numbers)
        case .squares: return SquaresTable.equations(s.predicate, p, numbers)
        }
    }

    /// Equations a statement implies in this table without meaning it there: a step may cite
    /// the statement for them (numbered after its meaning's equations), but they never
    /// suffice to conclude it. Only the angle table has any (`AnglesTable.consequences`).
    func consequences(of s: Statement) -> [LinearForm] {
        self == .angles ? AnglesTable.consequences(s.predicate, s.arguments.compactMap { $0.point?.index }) : []
    }

    /// Whether "b between a and c on a line: |ab| + |bc| = |ac|" equations belong here.
    var hasSegmentSums: Bool { self == .lengths }

    /// The predicates an algebraic step may conclude: those whose equations say all they
    /// mean. (A midpoint also needs the point on the line: a chain step.) Triangles
    /// (`Predicate.isTriangles`) mean equations in the angle and ratio tables together.
    static func concludesAlgebraically(_ predicate: Predicate) -> Bool { predicate != .midp }
}

/// Line directions modulo 180 degrees.
enum AnglesTable {
    /// The inscribed angle theorem, for `circle o a b c` (o the centre of the circle through
    /// a, b, c), in directed angles of lines modulo 180°: the angle at a over chord bc equals
    /// the angle from ob to the perpendicular bisector of bc (perpendicular to bc), so
    /// (d_ac - d_ab) - (d_bc - d_ob) + 1/2 = 0; then chord ca seen from b (with oc), then
    /// chord ab seen from c (with oa).
    static func consequences(_ predicate: Predicate, _ p: [Int]) -> [LinearForm] {
        guard predicate == .circle, p.count == 4 else { return [] }
        let o = p[0]
        return [(p[1], p[2], p[3]), (p[2], p[3], p[1]), (p[3], p[1], p[2])].map { a, b, c in
            LinearForm([(.of(a, c), 1), (.of(a, b), -1), (.of(b, c), -1), (.of(o, b), 1)], constant: Rational(1, 2))
        }
    }

    static func equations(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral], reflected: Bool) -> [LinearForm]? {
        func d(_ i: Int, _ j: Int) -> TableVariable { .of(p[i], p[j]) }
        /// angle(line 1 → line 2) as d2 - d1.
        switch predicate {
        case .para: return [LinearForm([(d(0, 1), 1), (d(2, 3), -1)])]
        case .perp: return [LinearForm([(d(0, 1), 1), (d(2, 3), -1)], constant: Rational(1, 2))]
        case .eqangle, .eqangle6:
            // (d_cd - d_ab) - (d_rs - d_pq) = 0
            return [LinearForm([(d(2, 3), 1), (d(0, 1), -1), (d(6, 7), -1), (d(4, 5), 1)])]
        case .aconst:
            guard let t = numbers.first else { return nil }
            let turns = t.isMultipleOfPi ? Rational(t.numerator, t.denominator) : Rational(t.numerator, t.denominator * 180)
            return [LinearForm([(d(2, 3), 1), (d(0, 1), -1)], constant: Rational.zero - turns)]
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither:
            let isReflected = predicate == .simtri2 || predicate == .contri2
                || ((predicate == .simtriEither || predicate == .contriEither) && reflected)
            let (a, b, c, x, y, z) = (p[0], p[1], p[2], p[3], p[4], p[5])
            // The angle at a (from ab to ac) equals the angle at x (from xy to xz), or its
            // negative for opposite orientations; likewise at b and y.
            let sign: Rational = isReflected ? 1 : -1
            return [((a, b, a, c), (x, y, x, z)), ((b, c, b, a), (y, z, y, x))].map { first, second in
                LinearForm([(.of(first.2, first.3), 1), (.of(first.0, first.1), -1),
                            (.of(second.2, second.3), sign), (.of(second.0, second.1), Rational.zero - sign)])
            }
        case .coll, .cyclic, .cong, .midp, .circle, .eqratio, .eqratio6, .eqratio3, .rconst, .sameside, .sameclock,
             .oppclock, .ncong, .diff, .ncoll, .npara, .nperp:
            return nil
        }
    }
}

/// Logarithms of lengths.
enum RatiosTable {
    static func equations(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [LinearForm]? {
        func l(_ i: Int, _ j: Int) -> TableVariable { .of(p[i], p[j]) }
        switch predicate {
        case .cong: return [LinearForm([(l(0, 1), 1), (l(2, 3), -1)])]
        case .eqratio, .eqratio6: return [LinearForm([(l(0, 1), 1), (l(2, 3), -1), (l(4, 5), -1), (l(6, 7), 1)])]
        case .eqratio3:
            // ma : mc = nb : nd for arguments a b c d m n.
            return [LinearForm([(l(4, 0), 1), (l(4, 2), -1), (l(5, 1), -1), (l(5, 3), 1)])]
        case .rconst:
            // |ab| / |cd| = r: log|ab| - log|cd| - log r = 0, log r over primes.
            guard let r = numbers.first, r.numerator > 0, r.denominator > 0, !r.isMultipleOfPi else { return nil }
            var terms: [(TableVariable, Rational)] = [(l(0, 1), 1), (l(2, 3), -1)]
            for (prime, e) in primeFactors(r.numerator) { terms.append((.logPrime(prime), Rational(-e))) }
            for (prime, e) in primeFactors(r.denominator) { terms.append((.logPrime(prime), Rational(e))) }
            return [LinearForm(terms)]
        case .circle:
            // Centre o of a b c: |oa| = |ob|, |oa| = |oc|.
            return [LinearForm([(l(0, 1), 1), (l(0, 2), -1)]), LinearForm([(l(0, 1), 1), (l(0, 3), -1)])]
        case .midp:
            // m a b: |ma| = |mb|, |ab| = 2 |ma|.
            return [LinearForm([(l(0, 1), 1), (l(0, 2), -1)]),
                    LinearForm([(l(1, 2), 1), (l(0, 1), -1), (.logPrime(2), -1)])]
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither:
            // ab : ac = xy : xz, ab : bc = xy : yz; congruent: ab = xy.
            var forms = [LinearForm([(l(0, 1), 1), (l(0, 2), -1), (l(3, 4), -1), (l(3, 5), 1)]),
                         LinearForm([(l(0, 1), 1), (l(1, 2), -1), (l(3, 4), -1), (l(4, 5), 1)])]
            if predicate == .contri || predicate == .contri2 || predicate == .contriEither {
                forms.append(LinearForm([(l(0, 1), 1), (l(3, 4), -1)]))
            }
            return forms
        case .coll, .cyclic, .para, .perp, .eqangle, .eqangle6, .aconst, .sameside, .sameclock, .oppclock, .ncong,
             .diff, .ncoll, .npara, .nperp:
            return nil
        }
    }

    /// The prime factorisation of a positive integer.
    static func primeFactors(_ n: Int) -> [(Int, Int)] {
        var n = n, result: [(Int, Int)] = [], p = 2
        while p * p <= n {
            var e = 0
            while n % p == 0 { n /= p; e += 1 }
            if e > 0 { result.append((p, e)) }
            p += 1
        }
        if n > 1 { result.append((n, 1)) }
        return result
    }
}

/// Lengths (distance chasing): linear in the lengths of segments.
enum LengthsTable {
    static func equations(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [LinearForm]? {
        func l(_ i: Int, _ j: Int) -> TableVariable { .of(p[i], p[j]) }
        switch predicate {
        case .cong: return [LinearForm([(l(0, 1), 1), (l(2, 3), -1)])]
        case .circle: return [LinearForm([(l(0, 1), 1), (l(0, 2), -1)]), LinearForm([(l(0, 1), 1), (l(0, 3), -1)])]
        case .rconst:
            // |ab| = r |cd|.
            guard let r = numbers.first, r.numerator > 0, r.denominator > 0, !r.isMultipleOfPi else { return nil }
            return [LinearForm([(l(0, 1), 1), (l(2, 3), Rational.zero - Rational(r.numerator, r.denominator))])]
        case .midp:
            // m a b: |ma| = |mb| (the sum |ma| + |mb| = |ab| is segment addition).
            return [LinearForm([(l(0, 1), 1), (l(0, 2), -1)])]
        case .contri, .contri2, .contriEither:
            // ab = xy, bc = yz, ac = xz.
            return [(0, 1), (1, 2), (0, 2)].map { i, j in LinearForm([(l(i, j), 1), (l(i + 3, j + 3), -1)]) }
        case .coll, .cyclic, .para, .perp, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .aconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp, .simtriEither:
            return nil
        }
    }
}

/// Squared lengths (Pythagoras): linear in the squares of the lengths of segments.
enum SquaresTable {
    static func equations(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [LinearForm]? {
        func l(_ i: Int, _ j: Int) -> TableVariable { .of(p[i], p[j]) }
        switch predicate {
        case .cong, .circle, .contri, .contri2, .contriEither:
            // Equal segments have equal squares: the same equations as among lengths.
            return LengthsTable.equations(predicate, p, numbers)
        case .rconst:
            // |ab|² = r² |cd|².
            guard let r = numbers.first, r.numerator > 0, r.denominator > 0, !r.isMultipleOfPi else { return nil }
            let ratio = Rational(r.numerator, r.denominator)
            return [LinearForm([(l(0, 1), 1), (l(2, 3), Rational.zero - ratio * ratio)])]
        case .perp:
            // |ac|² − |ad|² − |bc|² + |bd|² = −2 (a − b)·(c − d), zero exactly when ab ⊥ cd.
            // The square of a point with itself is 0: a point both lines share drops out
            // (Pythagoras). A "line" through one point twice means nothing here either.
            guard p[0] != p[1], p[2] != p[3] else { return nil }
            var form = LinearForm()
            for ((i, j), c) in [((0, 2), 1), ((0, 3), -1), ((1, 2), -1), ((1, 3), 1)] where p[i] != p[j] {
                form.add(Rational(c), l(i, j))
            }
            return [form]
        case .midp:
            // m a b: |ma|² = |mb|², |ab|² = 4 |ma|².
            return [LinearForm([(l(0, 1), 1), (l(0, 2), -1)]), LinearForm([(l(1, 2), 1), (l(0, 1), Rational(-4))])]
        case .coll, .cyclic, .para, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2, .aconst,
             .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp, .simtriEither:
            return nil
        }
    }
}
