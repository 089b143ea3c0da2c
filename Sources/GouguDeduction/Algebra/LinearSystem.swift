import GouguArithmetic

/// An incrementally maintained table of exact linear equations `e = 0` with provenance:
/// the core of algebraic reasoning (angle, ratio and distance chasing).
///
/// ## Two kinds of table
///
/// - `modulus == nil` — **exact over Q** (ratios, distances). The premises are kept fully
///   reduced: every basis row has a pivot variable with coefficient 1, and no other row
///   mentions that variable. The pivot of a new row is the term fewest rows mention, so that
///   adding a row rarely rewrites others (``insertExact``). An equation follows iff it is a
///   rational linear combination of the premises; this is decided completely.
///
/// - `modulus == m` (angles: `Rational(1)`, i.e. directions mod π measured in units of π) —
///   each premise means `e ∈ m·Z`, and an equation follows iff it is an **integer**
///   combination of premises with the constants compared modulo `m`. The premises are
///   kept in *reduced Hermite normal form* over Z (with rational entries allowed): every
///   basis row's pivot — its smallest variable — has a positive coefficient `p`, and every
///   other row's coefficient of that variable lies in `[0, p)`; constants are kept in
///   `[0, m)`. Insertion does the gcd (extended Euclid) row operation when a new row's
///   leading coefficient is not a multiple of the pivot, so the basis always generates
///   exactly the Z-module spanned by the premises (plus `m` on the constant).
///   Membership in that module is decided **completely**: whenever the target is an
///   integer combination of premises (constants mod `m`), `certificate(for:)` finds one,
///   and its coefficients are integers. What this table does *not* do is reason about
///   anything other than integer combinations: it never halves (from `2x ≡ 0` it does not
///   conclude `x ≡ 0`, which would be unsound mod π), and it knows nothing about
///   inequalities or about which of the several solutions of `2x ≡ c` a figure has.
///
/// What a table implies, and so which premises it rejects as redundant or inconsistent,
/// depends only on the set of premises. So do its certificates over Q, which are unique:
/// the premises kept are linearly independent. With a modulus the basis itself is unique for
/// the set of premises, so ``normalForm(of:)`` is order independent too; over Q the basis
/// (and so the normal form, which still compares expressions correctly for one table)
/// depends on the order the premises came in.
///
/// ## Constants that are not rational (ratio table)
///
/// Constants are single rationals. For the ratio table, whose constants are rational
/// combinations of `log p` for primes `p`, give each `log p` that occurs its own variable
/// id, **larger than every length variable**, and write e.g. `AB/CD = 2` as
/// `ℓ_AB − ℓ_CD − L₂ = 0`. Premises that imply a rational relation between logs of primes
/// alone are contradictory; the caller can ask for such a relation with
/// ``certificate(for:)``. Since the `log p` are linearly independent over Q, treating them
/// as unknowns loses nothing.
///
/// ## Provenance
///
/// Every basis row carries the sparse combination of premise ids it equals, updated by
/// every row operation, so certificates are exact and come without re-solving.
public struct LinearSystem: Sendable {
    /// The modulus constants are compared by, or `nil` for exact equations over Q.
    public let modulus: Rational?

    /// One basis row: its expression (leading variable = pivot) and its provenance.
    @usableFromInline
    struct Row: Sendable {
        var vars: [Int] = []
        var coefs: [Rational] = []
        var constant: Rational = .zero
        /// Premise ids (raw), strictly increasing, and their coefficients.
        var ids: [Int] = []
        var weights: [Rational] = []
    }

    /// Reusable buffers for the mutating paths (kept to avoid allocating per row operation).
    @usableFromInline
    struct Scratch: Sendable {
        var i: [Int] = []
        var v: [Rational] = []
        var fresh: [Int] = []
    }

    @usableFromInline var rows: [Row] = []
    /// `pivot[j]` is the pivot variable of basis row `j`.
    @usableFromInline var pivot: [Int] = []
    /// `pivotRow[x]` is the basis row whose pivot is variable `x`, or -1.
    @usableFromInline var pivotRow: [Int] = []
    /// `rowsWith[x]`: rows that may mention variable `x` (a superset; stale entries are
    /// skipped by checking the row, and pruned when the list is next walked).
    @usableFromInline var rowsWith: [[Int]] = []
    @usableFromInline var scratch = Scratch()

    /// An empty table. `modulus`: `nil` for exact equations over Q; a positive rational `m`
    /// for equations that hold modulo `m` (`Rational(1)` for angles in units of π).
    public init(modulus: Rational?) {
        if let m = modulus { precondition(m.signum() > 0, "LinearSystem: modulus must be positive") }
        self.modulus = modulus
    }

    /// The result of ``add(_:id:)``.
    public enum Addition: Hashable, Sendable {
        /// The equation was new; the table now implies it.
        case added
        /// The equation already followed: `certificate` derives it from earlier premises.
        /// The table is unchanged.
        case redundant(Certificate)
        /// The equation contradicts the table: `certificate` combines earlier premises and
        /// the new one (with a nonzero coefficient) into an expression with no variables and
        /// a constant that is nonzero (modulo the modulus). The table is unchanged.
        case inconsistent(Certificate)
    }

    /// The number of basis rows: the rank of the premises (over Q, which for a modulus
    /// table is also the rank of the lattice).
    public var equationCount: Int { rows.count }

    /// The pivot variable of each basis row, in increasing order.
    public var pivotVariables: [Int] { pivot.sorted() }

    /// The basis rows as expressions (each `= 0`, modulo the modulus), with the premise
    /// combination each one equals. For inspection and debugging.
    public var basis: [(expression: LinearExpression, certificate: Certificate)] {
        rows.indices.sorted { pivot[$0] < pivot[$1] }.map { rows[$0] }.map {
            (LinearExpression(canonicalVariables: $0.vars, coefficients: $0.coefs, constant: $0.constant),
             Certificate(canonicalIDs: $0.ids, coefficients: $0.weights))
        }
    }

    // MARK: - Public operations

    /// Adds the premise `expression = 0` (modulo the modulus) under the id `id`.
    ///
    /// The expression is reduced against the basis once; if something is left, it becomes
    /// a new basis row (after, in a modulus table, the gcd steps with existing pivots it
    /// needs), and is substituted back into just the rows that mention its pivot. Nothing is
    /// ever re-solved. On `.redundant` and `.inconsistent` the table is unchanged.
    ///
    /// - Precondition: `id` has not been used for an earlier premise of this table.
    /// - Complexity: over Q, O(Σ (|e| + |r|)) rational operations over the basis rows `r`
    ///   whose pivots occur in `e`, plus O(Σ (|r'| + |e'|)) over the rows `r'` that mention
    ///   the new pivot (|·| counts terms *and* provenance entries). A modulus table adds, when
    ///   a leading coefficient is not a multiple of the pivot, O(log) Euclid steps and a
    ///   copy-on-write of the table (O(rows + variables)) so that it can be rolled back.
    @discardableResult
    public mutating func add(_ expression: LinearExpression, id: EquationID) -> Addition {
        var s = Scratch()
        swap(&s, &scratch)
        let result = modulus == nil ? insertExact(expression, id: id.rawValue, scratch: &s)
                                    : insert(expression, id: id.rawValue, scratch: &s)
        swap(&s, &scratch)
        return result
    }

    /// Whether `expression = 0` follows from the premises — over Q a rational combination, in
    /// a modulus table an integer combination with constants modulo the modulus — and if so
    /// a certificate: `Σ coefficientⱼ · premiseⱼ == expression` (constants modulo the
    /// modulus). Complete in both kinds of table (see the type's documentation).
    ///
    /// - Complexity: O(Σ (|e| + |r|)) over the basis rows `r` whose pivots the reduction of `e`
    ///   meets (over Q exactly those of `e`), with provenance entries counted in |r|.
    public func certificate(for expression: LinearExpression) -> Certificate? {
        var row = Row(vars: expression.variables, coefs: expression.coefficients, constant: expression.constant)
        var s = Scratch()
        if modulus == nil {
            reduceExact(&row, provenance: true, scratch: &s)
        } else {
            reduce(&row, from: 0, own: -1, provenance: true, trackFresh: false, scratch: &s)
        }
        guard row.vars.isEmpty, isZeroModulo(row.constant) else { return nil }
        // row = expression − Σ qᵢ·rowᵢ with provenance −Σ qᵢ·provᵢ, so expression ≡ Σ qᵢ·provᵢ.
        return Certificate(canonicalIDs: row.ids, coefficients: row.weights.map { -$0 })
    }

    /// Whether `expression = 0` follows (as ``certificate(for:)``, without building the
    /// certificate).
    public func implies(_ expression: LinearExpression) -> Bool {
        var row = Row(vars: expression.variables, coefs: expression.coefficients, constant: expression.constant)
        var s = Scratch()
        if modulus == nil {
            reduceExact(&row, provenance: false, scratch: &s)
        } else {
            reduce(&row, from: 0, own: -1, provenance: false, trackFresh: false, scratch: &s)
        }
        return row.vars.isEmpty && row.constant.isZero
    }

    /// In a modulus table: the least `k` in `1...largest` such that `k · expression = 0`
    /// follows (an integer combination of the premises, constants modulo the modulus), or
    /// nil when there is none. `1` is ``implies(_:)``.
    ///
    /// A multiple does not give the equation itself: from `2x ≡ 0` (mod 180°) it follows
    /// only that `x ≡ 0` or `x ≡ 90°`. The `k` solutions are 180°/k apart, so a caller that
    /// knows which of them its figure has (the figure varies continuously, and they are
    /// apart) may conclude the equation for that figure; ``certificate(for:)`` of
    /// `k · expression` is then the exact part of the argument.
    ///
    /// The expression is reduced with integer multiples of the basis rows as in
    /// ``implies(_:)``; only when a pivot is left (a row whose pivot coefficient is not 1)
    /// is it reduced further with rational multiples, whose common denominator (with the
    /// constant's) is the least `k`: the basis rows are linearly independent, so those
    /// multiples are unique.
    public func leastImpliedMultiple(of expression: LinearExpression, upTo largest: Int) -> Int? {
        guard let m = modulus else { return implies(expression) ? 1 : nil }
        var row = Row(vars: expression.variables, coefs: expression.coefficients, constant: expression.constant)
        var s = Scratch()
        reduce(&row, from: 0, own: -1, provenance: false, trackFresh: false, scratch: &s)
        if row.vars.isEmpty && row.constant.isZero { return 1 }
        let pivotCount = pivotRow.count
        // The rational multiples of the rows that clear the pivots left (reduced into (0, p)),
        // then the constant in units of the modulus. A variable that is no pivot and does not
        // cancel against one is implied by no multiple.
        var fractions: [Rational] = []
        var k = 0
        while k < row.vars.count {
            let x = row.vars[k]
            let i = x < pivotCount ? pivotRow[x] : -1
            if i < 0 { k &+= 1; continue }
            let q = row.coefs[k] / rows[i].coefs[0]
            fractions.append(q)
            subtract(q, rowAt: i, from: &row, provenance: false, trackFresh: false, scratch: &s)
            k = lowerBound(row.vars, x)
        }
        guard row.vars.isEmpty else { return nil }
        fractions.append(row.constant / m)
        var multiple = 1
        for q in fractions {
            guard let parts = q.wordParts else { return nil }
            let d = parts.denominator / Self.gcd(multiple, parts.denominator)
            guard multiple <= largest / d else { return nil }
            multiple *= d
        }
        return multiple
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// A representative of `expression` modulo the premises: `e₁ = e₂` follows (in the sense
    /// of ``certificate(for:)``) iff `normalForm(of: e₁) == normalForm(of: e₂)`. So a caller
    /// can bucket many expressions by their normal forms to find all implied equalities
    /// among them at once.
    ///
    /// Over Q: `e` minus the multiples of the basis rows that clear every pivot variable
    /// (which pivots these are depends on the order the premises came in). With a modulus:
    /// every pivot coefficient is reduced into `[0, p)` by an integer multiple of its row
    /// (pivots in increasing order), and the constant into `[0, m)`; the result depends only
    /// on the set of premises, not on the order they were added.
    ///
    /// - Complexity: as ``certificate(for:)``, without the provenance work.
    public func normalForm(of expression: LinearExpression) -> LinearExpression {
        var row = Row(vars: expression.variables, coefs: expression.coefficients, constant: expression.constant)
        var s = Scratch()
        if modulus == nil {
            reduceExact(&row, provenance: false, scratch: &s)
        } else {
            reduce(&row, from: 0, own: -1, provenance: false, trackFresh: false, scratch: &s)
        }
        return LinearExpression(canonicalVariables: row.vars, coefficients: row.coefs, constant: row.constant)
    }

    /// Checks a certificate against the premises alone (no table involved): the ids all
    /// occur in `premises`; with a modulus, every coefficient is an integer; and
    /// `Σ coefficientⱼ · premiseⱼ` has exactly the variable coefficients of `target` and the
    /// same constant (over Q) or a constant differing by an integer multiple of the modulus.
    public static func verify(_ certificate: Certificate, premises: [EquationID: LinearExpression],
                              target: LinearExpression, modulus: Rational?) -> Bool {
        guard let sum = combine(certificate, premises: premises, modulus: modulus) else { return false }
        guard sum.variables == target.variables, sum.coefficients == target.coefficients else { return false }
        let difference = sum.constant - target.constant
        if let m = modulus { return (difference / m).isInteger }
        return difference.isZero
    }

    /// Checks an `.inconsistent` certificate against the premises alone: the combination has
    /// no variable terms and a constant that is nonzero (modulo the modulus), with integer
    /// coefficients when there is a modulus.
    public static func verifyInconsistency(_ certificate: Certificate, premises: [EquationID: LinearExpression],
                                           modulus: Rational?) -> Bool {
        guard let sum = combine(certificate, premises: premises, modulus: modulus),
              sum.variables.isEmpty else { return false }
        if let m = modulus { return !(sum.constant / m).isInteger }
        return !sum.constant.isZero
    }

    /// `Σ coefficientⱼ · premiseⱼ`, or `nil` if an id is missing or (with a modulus) a
    /// coefficient is not an integer.
    public static func combine(_ certificate: Certificate, premises: [EquationID: LinearExpression],
                               modulus: Rational?) -> LinearExpression? {
        var vars: [Int] = [], coefs: [Rational] = [], constant = Rational.zero
        var outI: [Int] = [], outV: [Rational] = [], fresh: [Int] = []
        for (id, c) in zip(certificate.ids, certificate.coefficients) {
            guard let p = premises[id] else { return nil }
            if modulus != nil && !c.isInteger { return nil }
            sparseAXPY(vars, coefs, c, p.variables, p.coefficients, into: &outI, &outV, fresh: &fresh, trackFresh: false)
            swap(&vars, &outI)
            swap(&coefs, &outV)
            constant.addProduct(c, p.constant)
        }
        return LinearExpression(canonicalVariables: vars, coefficients: coefs, constant: constant)
    }

    // MARK: - Internals

    @inline(__always)
    func isZeroModulo(_ k: Rational) -> Bool {
        guard let m = modulus else { return k.isZero }
        return k.isZero || (m == .one ? k.isInteger : (k / m).isInteger)
    }

    /// `k` reduced into `[0, m)`.
    @inline(__always)
    func reduced(_ k: Rational, _ m: Rational) -> Rational {
        if m == .one {
            if k.isInteger { return .zero }
            if k.signum() > 0 && k < .one { return k }
            return k - k.floorValue
        }
        return k - m * (k / m).floorValue
    }

    /// With a modulus: reduces `row` against the basis, scanning its variables from
    /// position `start`. `own` is `row`'s own basis index (its pivot is not reduced), or -1.
    /// Every pivot coefficient lands in `[0, p)` and the constant in `[0, m)`. New variables
    /// are appended to `scratch.fresh` when `trackFresh`. (Over Q: ``reduceExact``.)
    @usableFromInline
    func reduce(_ row: inout Row, from start: Int, own: Int, provenance: Bool, trackFresh: Bool,
                scratch s: inout Scratch) {
        var k = start
        let pivotCount = pivotRow.count
        while k < row.vars.count {
            let x = row.vars[k]
            let i = x < pivotCount ? pivotRow[x] : -1
            if i < 0 || i == own { k &+= 1; continue }
            let p = rows[i].coefs[0]
            let q = p == .one ? row.coefs[k].floorValue : (row.coefs[k] / p).floorValue
            if q.isZero { k &+= 1; continue }
            subtract(q, rowAt: i, from: &row, provenance: provenance, trackFresh: trackFresh, scratch: &s)
            // Row i only has variables >= x, so positions before k are unchanged.
            if k < row.vars.count && row.vars[k] == x { k &+= 1 }
        }
        if let m = modulus { row.constant = reduced(row.constant, m) }
    }

    /// `row −= q · rows[i]`.
    @inline(__always)
    func subtract(_ q: Rational, rowAt i: Int, from row: inout Row, provenance: Bool, trackFresh: Bool,
                  scratch s: inout Scratch) {
        let minusQ = -q
        let r = rows[i]
        sparseAXPY(row.vars, row.coefs, minusQ, r.vars, r.coefs, into: &s.i, &s.v,
                   fresh: &s.fresh, trackFresh: trackFresh)
        swap(&row.vars, &s.i)
        swap(&row.coefs, &s.v)
        row.constant.addProduct(minusQ, r.constant)
        if provenance {
            sparseAXPY(row.ids, row.weights, minusQ, r.ids, r.weights, into: &s.i, &s.v,
                       fresh: &s.fresh, trackFresh: false)
            swap(&row.ids, &s.i)
            swap(&row.weights, &s.v)
        }
    }

    /// `a·x + b·y` for rows (terms, constant and provenance).
    static func combination(_ a: Rational, _ x: Row, _ b: Rational, _ y: Row) -> Row {
        // Either factor may be zero (Euclid's matrix often has a zero entry); scaling by
        // zero must drop the terms, not keep zero coefficients.
        if a.isZero || b.isZero {
            let (scale, row) = a.isZero ? (b, y) : (a, x)
            if scale.isZero { return Row() }
            return Row(vars: row.vars, coefs: row.coefs.map { scale * $0 }, constant: scale * row.constant,
                       ids: row.ids, weights: row.weights.map { scale * $0 })
        }
        var out = Row()
        var fresh: [Int] = []
        let xv = x.coefs.map { a * $0 }, xw = x.weights.map { a * $0 }
        sparseAXPY(x.vars, xv, b, y.vars, y.coefs, into: &out.vars, &out.coefs, fresh: &fresh, trackFresh: false)
        sparseAXPY(x.ids, xw, b, y.ids, y.weights, into: &out.ids, &out.weights, fresh: &fresh, trackFresh: false)
        out.constant = a * x.constant
        out.constant.addProduct(b, y.constant)
        return out
    }

    mutating func growVariables(to count: Int) {
        if pivotRow.count < count {
            pivotRow.append(contentsOf: repeatElement(-1, count: count - pivotRow.count))
            rowsWith.append(contentsOf: repeatElement([], count: count - rowsWith.count))
        }
    }

    /// Whether basis row `j` mentions `x`.
    @inline(__always)
    func row(_ j: Int, mentions x: Int) -> Bool {
        let vars = rows[j].vars
        let i = lowerBound(vars, x)
        return i < vars.count && vars[i] == x
    }

    /// With a modulus: adds `expression` under `id` (see ``add(_:id:)``). Pivots are the
    /// smallest variables of their rows, which keeps the Hermite form unique.
    mutating func insert(_ expression: LinearExpression, id: Int, scratch s: inout Scratch) -> Addition {
        if let last = expression.variables.last { growVariables(to: last + 1) }
        var v = Row(vars: expression.variables, coefs: expression.coefficients, constant: expression.constant,
                    ids: [id], weights: [.one])
        var snapshot: LinearSystem? = nil
        /// Pivot variables that are new or whose pivot coefficient changed.
        var touchedPivots: [Int] = []
        while true {
            reduce(&v, from: 0, own: -1, provenance: true, trackFresh: false, scratch: &s)
            if v.vars.isEmpty {
                if isZeroModulo(v.constant) {
                    if snapshot == nil {
                        // v = premise − Σ qᵢ·rowᵢ, so premise = Σ qᵢ·provᵢ = [id] − provenance(v).
                        var ids: [Int] = [], weights: [Rational] = []
                        sparseAXPY([id], [.one], -.one, v.ids, v.weights, into: &ids, &weights,
                                   fresh: &s.fresh, trackFresh: false)
                        return .redundant(Certificate(canonicalIDs: ids, coefficients: weights))
                    }
                    break  // the gcd steps enlarged the lattice; the zero row carries nothing
                }
                let certificate = Certificate(canonicalIDs: v.ids, coefficients: v.weights)
                if let saved = snapshot { self = saved }
                return .inconsistent(certificate)
            }
            let x = v.vars[0]
            let i = pivotRow[x]
            if i >= 0 {
                // 0 < v[x] < p, so replace (row i, v) by (gcd row, row with v[x] = 0)
                // through the unimodular matrix of the extended Euclid algorithm on (p, v[x]).
                if snapshot == nil { snapshot = self }
                var a = Rational.one, b = Rational.zero, c = Rational.zero, d = Rational.one
                var g = rows[i].coefs[0], h = v.coefs[0]
                while !h.isZero {
                    let q = (g / h).floorValue
                    (g, h) = (h, g - q * h)
                    (a, b, c, d) = (c, d, a - q * c, b - q * d)
                }
                let old = rows[i]
                var gcdRow = LinearSystem.combination(a, old, b, v)
                let zeroRow = LinearSystem.combination(c, old, d, v)
                if let m = modulus { gcdRow.constant = reduced(gcdRow.constant, m) }
                rows[i] = gcdRow
                for y in gcdRow.vars.dropFirst() { rowsWith[y].append(i) }  // duplicates are pruned later
                touchedPivots.append(x)
                v = zeroRow
                continue
            }
            // A new pivot at x.
            if v.coefs[0].signum() < 0 {
                for t in v.coefs.indices { v.coefs[t] = -v.coefs[t] }
                for t in v.weights.indices { v.weights[t] = -v.weights[t] }
                v.constant = -v.constant
                reduce(&v, from: 1, own: -1, provenance: true, trackFresh: false, scratch: &s)
            }
            let j = rows.count
            for y in v.vars { rowsWith[y].append(j) }
            rows.append(v)
            pivot.append(x)
            pivotRow[x] = j
            touchedPivots.append(x)
            break
        }
        backSubstitute(touchedPivots, scratch: &s)
        return .added
    }

    /// Over Q: clears every pivot variable from `row`. Each pivot occurs in its own row
    /// alone, so one subtraction per pivot of `row` suffices, and a subtraction never
    /// brings in a pivot (the terms it adds, wherever they fall, need no reduction).
    @usableFromInline
    func reduceExact(_ row: inout Row, provenance: Bool, scratch s: inout Scratch) {
        var k = 0
        let pivotCount = pivotRow.count
        while k < row.vars.count {
            let x = row.vars[k]
            let i = x < pivotCount ? pivotRow[x] : -1
            if i < 0 { k &+= 1; continue }
            subtract(row.coefs[k], rowAt: i, from: &row, provenance: provenance, trackFresh: false, scratch: &s)
            k = lowerBound(row.vars, x)  // x is gone: the first term after it
        }
    }

    /// Over Q: adds `expression` under `id` (see ``add(_:id:)``).
    ///
    /// The pivot of a new row is the term that the fewest basis rows mention (the smallest
    /// variable among those), not the smallest variable: back-substitution then touches few
    /// rows, none when the row brings a variable no other row has (a law of sines with a new
    /// sine, say), and rows stay sparse. Which rows the basis holds therefore depends on the
    /// order of the premises; what it implies, and every certificate, do not: the premises
    /// in the table are linearly independent (a dependent one is redundant or inconsistent
    /// and left out), so a combination of them equal to a given expression is unique.
    mutating func insertExact(_ expression: LinearExpression, id: Int, scratch s: inout Scratch) -> Addition {
        if let last = expression.variables.last { growVariables(to: last + 1) }
        var v = Row(vars: expression.variables, coefs: expression.coefficients, constant: expression.constant,
                    ids: [id], weights: [.one])
        reduceExact(&v, provenance: true, scratch: &s)
        if v.vars.isEmpty {
            if v.constant.isZero {
                // v = premise − Σ qᵢ·rowᵢ, so premise = Σ qᵢ·provᵢ = [id] − provenance(v).
                var ids: [Int] = [], weights: [Rational] = []
                sparseAXPY([id], [.one], -.one, v.ids, v.weights, into: &ids, &weights,
                           fresh: &s.fresh, trackFresh: false)
                return .redundant(Certificate(canonicalIDs: ids, coefficients: weights))
            }
            return .inconsistent(Certificate(canonicalIDs: v.ids, coefficients: v.weights))
        }
        var best = 0, fewest = Int.max
        for t in 0..<v.vars.count {
            let count = rowsWith[v.vars[t]].count
            if count < fewest {
                (best, fewest) = (t, count)
                if count == 0 { break }
            }
        }
        let x = v.vars[best]
        let inverse = v.coefs[best].reciprocal
        if inverse != .one {
            for t in v.coefs.indices { v.coefs[t] *= inverse }
            for t in v.weights.indices { v.weights[t] *= inverse }
            v.constant *= inverse
        }
        let j = rows.count
        let mentioning = rowsWith[x]
        for y in v.vars { rowsWith[y].append(j) }
        rows.append(v)
        pivot.append(x)
        pivotRow[x] = j
        // Back-substitution: x leaves every other row. A row done no longer mentions x, so
        // repeats in the (stale-tolerant) list skip themselves.
        for r in mentioning where r != j {
            let position = lowerBound(rows[r].vars, x)
            guard position < rows[r].vars.count, rows[r].vars[position] == x else { continue }
            let q = rows[r].coefs[position]
            var row = Row()
            swap(&row, &rows[r])
            s.fresh.removeAll(keepingCapacity: true)
            subtract(q, rowAt: j, from: &row, provenance: true, trackFresh: true, scratch: &s)
            swap(&row, &rows[r])
            for y in s.fresh { rowsWith[y].append(r) }
        }
        rowsWith[x] = [j]
        return .added
    }

    /// With a modulus: restores the reduced form after the pivots `touched` appeared or
    /// changed: reduces every row that mentions one of them and the tails of the pivot rows
    /// themselves, and prunes the column lists walked.
    mutating func backSubstitute(_ touched: [Int], scratch s: inout Scratch) {
        for x in touched {
            let owner = pivotRow[x]
            let candidates = rowsWith[x]
            var kept: [Int] = []
            kept.reserveCapacity(4)
            var seen = Set<Int>()
            for j in candidates where seen.insert(j).inserted {
                if j == owner {
                    reduceBasisRow(j, from: 1, scratch: &s)
                    kept.append(j)
                    continue
                }
                let position = lowerBound(rows[j].vars, x)
                guard position < rows[j].vars.count, rows[j].vars[position] == x else { continue }
                reduceBasisRow(j, from: position, scratch: &s)
                if row(j, mentions: x) { kept.append(j) }
            }
            rowsWith[x] = kept
        }
    }

    /// Reduces basis row `j` in place from position `start`, indexing new variables.
    mutating func reduceBasisRow(_ j: Int, from start: Int, scratch s: inout Scratch) {
        var r = Row()
        swap(&r, &rows[j])
        s.fresh.removeAll(keepingCapacity: true)
        reduce(&r, from: start, own: j, provenance: true, trackFresh: true, scratch: &s)
        swap(&r, &rows[j])
        for y in s.fresh { rowsWith[y].append(j) }
    }
}
