import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguProof

/// Everything the engine knows about one problem: the facts with their justifications,
/// lines and circles as classes of points, and four exact linear tables: directions of
/// lines modulo 180 degrees (angle chasing), logarithms of lengths (ratio chasing), lengths
/// (distance chasing) and squared lengths (Pythagoras).
///
/// `holds` answers whether a statement follows from what is known and why; `add` learns a
/// statement. Neither looks at the diagram except for the orientation of triangles a rule
/// says are similar without saying how (`simtri*`), and for which solution of a multiple
/// of an angle equation the figure has (`angleMultiple`).
public struct FactStore: Sendable {
    /// Every fact, in the order learned; `FactID` indexes this array.
    public private(set) var facts: [Fact] = []
    /// The diagram the facts were checked on; a continued run replaces it by an extension
    /// (same points, same coordinates, more points).
    public internal(set) var diagram: Diagram
    private var lines = PointClasses(arity: 2)
    private var circles = PointClasses(arity: 3)
    private var angles = LinearSystem(modulus: Rational(1))
    private var ratios = LinearSystem(modulus: nil)
    private var lengths = LinearSystem(modulus: nil)
    private var squares = LinearSystem(modulus: nil)
    /// Triples (a, b, c) of points of one line, b between a and c, whose segment addition
    /// |ab| + |bc| = |ac| is in the lengths table.
    private var segmentSums = Set<[Int]>()
    /// Sine classes: a union-find over sine keys (`sine`, and `sineZero` for |sin| = 1). A
    /// key's parent, and the pieces whose sum is s(key) − s(parent).
    private var sineParent: [Int: (parent: Int, parts: [SinePart])] = [:]
    /// Roots of sine classes that occur in an equation of the ratio table.
    private var sinesInTable = Set<Int>()
    /// Sine keys joined to another (`unionSines`): angles whose |sin| something else shares.
    private var sinesJoined = Set<Int>()
    /// For each angle of `sineAngleGroups`, its normal forms in the angle table (θ, and −θ
    /// unless θ is a right angle) and the table's revision then: while the table is
    /// unchanged (a round that added no angle equation), they are the same.
    private var sineNormalForms: [[NormalForms?]] = []
    private typealias NormalForms = (revision: Int, forward: LinearExpression, backward: LinearExpression?)
    /// For each ratio-table equation made of sine pieces: the pieces it sums (certificates
    /// cite them instead of the equation).
    private var sineEquationParts: [Int: [SinePart]] = [:]
    /// Triangles (a < b < c) whose law of sines is in the ratio table.
    private var lawOfSinesTriangles = Set<[Int]>()
    /// The angles of the diagram's triangles grouped by equal |sin| (`sineGroups`), for the
    /// number of points they were computed for.
    private var sineAngleGroups: (points: Int, groups: [[SineAngle]], keys: Set<Int>)?
    /// For each equation of a table: what it says and the facts it comes from.
    private var equations: [(table: AlgebraTable, text: String, facts: [FactID], expression: LinearExpression)] = []
    private var midpoints: [[Int]: FactID] = [:]
    private var index: [Statement: FactID] = [:]
    /// The cache of ``isKnown(_:)``: for each statement asked about, known, or not known with
    /// the parts of the store that decided so and their revisions then (`StoreParts.stamp`).
    /// One table, so that an answer costs one hash of the statement.
    private var verdicts: [Statement: Verdict] = [:]
    private var revisions = StoreRevisions()

    public init(diagram: Diagram) { self.diagram = diagram }

    // MARK: Variables

    /// Pairs of points index line directions (angle table) and segment lengths (ratio table).
    /// (Points are fewer than 4096: the parser takes at most `ProblemParser.maximumPoints`,
    /// and the search adds a few.)
    static func pair(_ a: Int, _ b: Int) -> Int { min(a, b) &* 4096 &+ max(a, b) }
    /// log p for a prime p: a symbol of the ratio table (never given a value, so every
    /// derivation holds whatever it is).
    static func logPrime(_ p: Int) -> Int { 100_000_000 + p }
    /// log |sin| of the angle between line ab and line cd, keyed by the two pairs (either
    /// order: |sin| is the same for an angle and its negative), a symbol of the ratio table.
    static func sine(_ l1: Int, _ l2: Int) -> Int { (1 << 50) | (min(l1, l2) << 24) | max(l1, l2) }
    static let sineKeys = 1 << 50
    /// The root of the sine class of right angles: log |sin 90°| = 0, never a variable.
    static let sineZero = (1 << 50) - 1

    func points(_ s: Statement) -> [Int] { s.arguments.compactMap { $0.point?.index } }

    /// The equations a statement means in the angle table, or nil when it is not an angle fact.
    mutating func angleEquations(_ s: Statement) -> [LinearExpression]? {
        Self.angleTerms(s.predicate, points(s), s.arguments.compactMap(\.number)).map { $0.map { expr($0.terms, constant: $0.constant) } }
    }

    /// The equations a statement means in the ratio table, or nil when it is not a length fact.
    mutating func ratioEquations(_ s: Statement) -> [LinearExpression]? {
        Self.ratioTerms(s.predicate, points(s), s.arguments.compactMap(\.number)).map { $0.map { expr($0.terms, constant: $0.constant) } }
    }

    /// The equations a statement means in the lengths table, or nil when it is not one.
    mutating func lengthEquations(_ s: Statement) -> [LinearExpression]? {
        Self.lengthTerms(s.predicate, points(s), s.arguments.compactMap(\.number)).map { $0.map { expr($0.terms, constant: $0.constant) } }
    }

    /// The equations a statement means in the squared-lengths table, or nil when it is not one.
    mutating func squareEquations(_ s: Statement) -> [LinearExpression]? {
        Self.squareTerms(s.predicate, points(s), s.arguments.compactMap(\.number)).map { $0.map { expr($0.terms, constant: $0.constant) } }
    }

    /// An equation over sparse variable keys (`pair`, `logPrime`).
    typealias SparseEquation = (terms: [(Int, Rational)], constant: Rational)

    /// What an angle predicate means over line directions, in turns of 180 degrees.
    static func angleTerms(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [SparseEquation]? {
        func d(_ i: Int, _ j: Int) -> Int { pair(p[i], p[j]) }
        switch predicate {
        case .para: return [([(d(0, 1), 1), (d(2, 3), -1)], .zero)]
        case .perp: return [([(d(0, 1), 1), (d(2, 3), -1)], Rational(1, 2))]
        case .eqangle, .eqangle6:
            return [([(d(2, 3), 1), (d(0, 1), -1), (d(6, 7), -1), (d(4, 5), 1)], .zero)]
        case .aconst:
            guard let t = numbers.first else { return nil }
            let turns = t.isMultipleOfPi ? Rational(t.numerator, t.denominator) : Rational(t.numerator, t.denominator * 180)
            return [([(d(2, 3), 1), (d(0, 1), -1)], Rational.zero - turns)]
        // Triangles are learned apart (`triangleEquations`).
        case .coll, .cyclic, .cong, .midp, .circle, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2, .contri,
             .contri2, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp,
             .simtriEither, .contriEither:
            return nil
        }
    }

    /// What a statement implies in the angle table beyond what it means there: equations
    /// that follow from it but do not suffice to conclude it. `circle o a b c` (o the centre
    /// of the circle through a, b, c) gives the inscribed angle theorem for directed angles
    /// of lines, without halving: the inscribed angle from a over chord bc equals the angle
    /// from ob to the perpendicular bisector of bc, `d(ac) - d(ab) = d(bc) + 1/2 - d(ob)`
    /// modulo 180° (in turns of 180°); then chord ca seen from b (with oc) and chord ab seen
    /// from c (with oa).
    static func angleConsequences(_ predicate: Predicate, _ p: [Int]) -> [SparseEquation] {
        guard predicate == .circle, p.count == 4 else { return [] }
        let o = p[0]
        return [(p[1], p[2], p[3]), (p[2], p[3], p[1]), (p[3], p[1], p[2])].map { a, b, c in
            let terms: [(Int, Rational)] = [(pair(a, c), Rational(1)), (pair(a, b), Rational(-1)), (pair(b, c), Rational(-1)), (pair(o, b), Rational(1))]
            return (terms: terms, constant: Rational(1, 2))
        }
    }

    /// The equations a statement gives the angle table when learned or cited: its meaning,
    /// then its consequences (`angleConsequences`).
    mutating func learnedAngleEquations(_ s: Statement) -> [LinearExpression] {
        (angleEquations(s) ?? []) + Self.angleConsequences(s.predicate, points(s)).map { expr($0.terms, constant: $0.constant) }
    }

    /// What a length predicate means over logarithms of lengths.
    static func ratioTerms(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [SparseEquation]? {
        func l(_ i: Int, _ j: Int) -> Int { pair(p[i], p[j]) }
        switch predicate {
        case .cong: return [([(l(0, 1), 1), (l(2, 3), -1)], .zero)]
        case .eqratio, .eqratio6: return [([(l(0, 1), 1), (l(2, 3), -1), (l(4, 5), -1), (l(6, 7), 1)], .zero)]
        case .eqratio3:
            // ma : mc = nb : nd (a b c d m n).
            return [([(pair(p[4], p[0]), 1), (pair(p[4], p[2]), -1), (pair(p[5], p[1]), -1), (pair(p[5], p[3]), 1)], .zero)]
        case .rconst:
            guard let r = numbers.first, r.numerator > 0, !r.isMultipleOfPi else { return nil }
            var terms: [(Int, Rational)] = [(l(0, 1), 1), (l(2, 3), -1)]
            for (prime, exponent) in factor(r.numerator) { terms.append((logPrime(prime), Rational(-exponent))) }
            for (prime, exponent) in factor(r.denominator) { terms.append((logPrime(prime), Rational(exponent))) }
            return [(terms, .zero)]
        case .circle:
            return [([(l(0, 1), 1), (l(0, 2), -1)], .zero), ([(l(0, 1), 1), (l(0, 3), -1)], .zero)]
        // Midpoints and triangles are learned apart (`learn`, `triangleEquations`).
        case .coll, .cyclic, .para, .perp, .midp, .eqangle, .eqangle6, .simtri, .simtri2, .contri, .contri2, .aconst,
             .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp, .simtriEither, .contriEither:
            return nil
        }
    }

    /// What an angle statement implies in the ratio table about sines (variables `sine`):
    /// equal angles have equal |sin| (`eqangle a b c d e f g h`: s(ab,cd) = s(ef,gh), for
    /// either sign of the angle), and a right angle has |sin| = 1 (`perp a b c d`: s(ab,cd)
    /// = 0). None when the angle is zero in the diagram (log 0) or a line is a point twice.
    func sineConsequences(_ s: Statement) -> [SparseEquation] {
        let p = points(s)
        func nonzero(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Bool {
            a != b && c != d && diagram.holds(Statement(predicate: .npara, arguments: [a, b, c, d].map { .point(PointID($0)) }))
        }
        switch s.predicate {
        case .eqangle, .eqangle6:
            guard nonzero(p[0], p[1], p[2], p[3]), nonzero(p[4], p[5], p[6], p[7]) else { return [] }
            let left = Self.sine(Self.pair(p[0], p[1]), Self.pair(p[2], p[3])), right = Self.sine(Self.pair(p[4], p[5]), Self.pair(p[6], p[7]))
            guard left != right else { return [] }
            return [([(left, 1), (right, -1)], .zero)]
        case .perp:
            guard nonzero(p[0], p[1], p[2], p[3]) else { return [] }
            return [([(Self.sine(Self.pair(p[0], p[1]), Self.pair(p[2], p[3])), 1)], .zero)]
        case .coll, .cyclic, .para, .cong, .midp, .circle, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara,
             .nperp, .simtriEither, .contriEither:
            return []
        }
    }

    /// The law of sines in triangle a b c over log-lengths and log |sin| of its angles:
    /// |bc| / sin A = |ca| / sin B = |ab| / sin C, as two equations.
    static func lawOfSines(_ a: Int, _ b: Int, _ c: Int) -> [SparseEquation] {
        let angleA = sine(pair(a, b), pair(a, c)), angleB = sine(pair(b, a), pair(b, c)), angleC = sine(pair(c, a), pair(c, b))
        return [([(pair(b, c), 1), (pair(c, a), -1), (angleA, -1), (angleB, 1)], .zero),
                ([(pair(c, a), 1), (pair(a, b), -1), (angleB, -1), (angleC, 1)], .zero)]
    }

    /// What a length predicate means over lengths themselves (linear: equal segments and
    /// rational multiples). Midpoints, congruent triangles and segment addition along a
    /// line are learned apart (`learn`).
    static func lengthTerms(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [SparseEquation]? {
        func l(_ i: Int, _ j: Int) -> Int { pair(p[i], p[j]) }
        switch predicate {
        case .cong: return [([(l(0, 1), 1), (l(2, 3), -1)], .zero)]
        case .circle: return [([(l(0, 1), 1), (l(0, 2), -1)], .zero), ([(l(0, 1), 1), (l(0, 3), -1)], .zero)]
        case .rconst:
            guard let r = numbers.first, r.numerator > 0, !r.isMultipleOfPi else { return nil }
            return [([(l(0, 1), 1), (l(2, 3), Rational.zero - Rational(r.numerator, r.denominator))], .zero)]
        case .coll, .cyclic, .para, .perp, .midp, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri,
             .simtri2, .contri, .contri2, .aconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara,
             .nperp, .simtriEither, .contriEither:
            return nil
        }
    }

    /// What a predicate means over squared lengths: equal segments, rational multiples, and
    /// perpendicular lines. For `perp a b c d`, |ac|² − |ad|² − |bc|² + |bd|² = −2 (a − b)·(c − d),
    /// so the equation holds exactly when ab ⊥ cd (with a point shared by both lines it is
    /// Pythagoras: the square of a point with itself is 0 and is left out).
    static func squareTerms(_ predicate: Predicate, _ p: [Int], _ numbers: [NumberLiteral]) -> [SparseEquation]? {
        func l(_ i: Int, _ j: Int) -> Int { pair(p[i], p[j]) }
        switch predicate {
        case .cong, .circle:
            // Equal segments have equal squares: the same equations as among lengths.
            return lengthTerms(predicate, p, numbers)
        case .rconst:
            guard let r = numbers.first, r.numerator > 0, !r.isMultipleOfPi else { return nil }
            let ratio = Rational(r.numerator, r.denominator)
            return [([(l(0, 1), 1), (l(2, 3), Rational.zero - ratio * ratio)], .zero)]
        case .perp:
            guard p[0] != p[1], p[2] != p[3] else { return nil }
            let terms: [(Int, Rational)] = [((0, 2), 1), ((0, 3), -1), ((1, 2), -1), ((1, 3), 1)]
                .filter { p[$0.0.0] != p[$0.0.1] }.map { (l($0.0.0, $0.0.1), Rational($0.1)) }
            return [(terms, .zero)]
        // Midpoints and congruent triangles are learned apart (`squareEquationsLearnedApart`).
        case .coll, .cyclic, .para, .midp, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .aconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp,
             .simtriEither, .contriEither:
            return nil
        }
    }

    /// The squared-lengths equations of a fact whose meaning there is learned apart: a
    /// midpoint (|ma|² = |mb|², |ab|² = 4 |ma|²) and congruent triangles (equal sides); nil
    /// for other predicates.
    mutating func squareEquationsLearnedApart(_ s: Statement) -> [LinearExpression]? {
        let p = points(s)
        if s.predicate == .midp {
            return [expr([(Self.pair(p[0], p[1]), 1), (Self.pair(p[0], p[2]), -1)]),
                    expr([(Self.pair(p[1], p[2]), 1), (Self.pair(p[0], p[1]), Rational(-4))])]
        }
        if triangleEquations(s) != nil {
            guard s.predicate.isCongruentTriangles else { return [] }
            return [(0, 1), (1, 2), (0, 2)].map { i, j in expr([(Self.pair(p[i], p[j]), 1), (Self.pair(p[i + 3], p[j + 3]), -1)]) }
        }
        return nil
    }

    /// An expression over the tables' dense variable ids; `terms` use sparse keys
    /// (`pair`, `logPrime`), interned here.
    mutating func expr(_ terms: [(Int, Rational)], constant: Rational = .zero) -> LinearExpression {
        // Interned in the order given (the tables' variable order depends on it). The few
        // terms are sorted by insertion as they come, repeats summed, zeros dropped: the
        // canonical form of `LinearExpression(terms:)` without its intermediate arrays.
        var variables: [Int] = [], coefficients: [Rational] = []
        variables.reserveCapacity(terms.count)
        coefficients.reserveCapacity(terms.count)
        var cancelled = false
        for (key, c) in terms {
            let v = variable(key)
            var i = variables.count
            while i > 0 && variables[i - 1] > v { i -= 1 }
            if i > 0 && variables[i - 1] == v {
                coefficients[i - 1] += c
                if coefficients[i - 1].isZero { cancelled = true }
            } else {
                variables.insert(v, at: i)
                coefficients.insert(c, at: i)
                if c.isZero { cancelled = true }
            }
        }
        if cancelled {
            var t = 0
            while t < coefficients.count {
                if coefficients[t].isZero {
                    variables.remove(at: t)
                    coefficients.remove(at: t)
                } else {
                    t += 1
                }
            }
        }
        return LinearExpression(canonicalVariables: variables, coefficients: coefficients, constant: constant)
    }

    private var variableIDs: [Int: Int] = [:]
    /// The sparse key of each dense variable id (the inverse of `variableIDs`).
    private var variableKeys: [Int] = []

    /// An expression with its variables named by points or primes.
    func symbolic(_ e: LinearExpression) -> Proof.Expression {
        Proof.Expression(terms: e.terms.map { variable, coefficient in
            let key = variableKeys[variable]
            if key >= Self.sineKeys {
                let (l1, l2) = ((key >> 24) & 0xFF_FFFF, key & 0xFF_FFFF)
                return .init(coefficient: coefficient.description, points: [n(l1 / 4096), n(l1 % 4096), n(l2 / 4096), n(l2 % 4096)], logPrime: nil)
            }
            if key >= Self.logPrime(0) {
                return .init(coefficient: coefficient.description, points: nil, logPrime: key - Self.logPrime(0))
            }
            return .init(coefficient: coefficient.description, points: [n(key / 4096), n(key % 4096)], logPrime: nil)
        }, constant: e.constant.description)
    }

    /// The dense id of a sparse variable key (the tables index arrays by variable).
    mutating func variable(_ key: Int) -> Int {
        if let id = variableIDs[key] { return id }
        let id = variableIDs.count
        variableIDs[key] = id
        variableKeys.append(key)
        return id
    }

    // MARK: Queries

    /// Whether `statement` follows from what is known, and why; nil when it does not
    /// (or is a side condition, which only the diagram decides).
    public mutating func holds(_ statement: Statement) -> Justification? {
        if let id = index[statement] { return .chain(predicate: statement.predicate, facts: [id]) }
        let p = points(statement)
        switch statement.predicate {
        case .coll:
            return lines.together(p).map { .chain(predicate: .coll, facts: $0) }
        case .cyclic:
            return circles.together(p).map { .chain(predicate: .cyclic, facts: $0) }
        case .midp:
            if let f = midpoints[[p[0]] + [p[1], p[2]].sorted()] { return .chain(predicate: .midp, facts: [f]) }
            // m on line ab with ma = mb is the midpoint (m distinct from a and b).
            let equidistant = Statement(predicate: .cong, arguments: [p[0], p[1], p[0], p[2]].map { .point(PointID($0)) })
            guard p[1] != p[2], let onLine = lines.together(p),
                  case .algebra(let equal)? = certificate(ratioEquations(equidistant)![0], in: .ratios)
                    ?? certificate(lengthEquations(equidistant)![0], in: .lengths)
            else { return nil }
            return .chain(predicate: .midp, facts: onLine, certificates: equal)
        default:
            // Every other predicate means equations of the tables (none for a side condition).
            if let (angleEquations, ratioEquations) = triangleEquations(statement) {
                return combine(angleEquations.map { certificate($0, in: .angles) } + ratioEquations.map { certificate($0, in: .ratios) })
            }
            if let equations = angleEquations(statement) {
                return combine(equations.map { certificate($0, in: .angles) })
            }
            if let equations = ratioEquations(statement),
               let why = combine(equations.map { certificate($0, in: .ratios) }) {
                return why
            }
            if let equations = lengthEquations(statement) {
                return combine(equations.map { certificate($0, in: .lengths) })
            }
            return nil
        }
    }

    /// Whether `statement` follows from what is known (as ``holds(_:)``, without building the
    /// justification). Answers are cached: a statement once known stays known, and one not
    /// known is re-examined only after the store has learned something.
    public mutating func isKnown(_ statement: Statement) -> Bool {
        if let verdict = verdicts[statement] {
            if verdict.known { return true }
            if revisions.stamp(verdict.parts) == verdict.stamp { return false }
            if let query = verdict.query {
                // Asked again after its tables changed: the same equations, read anew.
                let (known, parts) = index[statement] != nil ? (true, []) : ask(query)
                verdicts[statement] = known ? .known : Verdict(known: false, parts: parts, stamp: revisions.stamp(parts), query: query)
                if known { learnIfByMultiple(statement) }
                return known
            }
        }
        let (known, parts, query) = decideKeepingQuery(statement)
        verdicts[statement] = known ? .known : Verdict(known: false, parts: parts, stamp: revisions.stamp(parts), query: query)
        if known { learnIfByMultiple(statement) }
        return known
    }

    /// A statement the angle table knows only as the diagram's solution of a multiple of
    /// its equation (`angleMultiple`) is new knowledge: it becomes a fact, learned by every
    /// table, so that the angle table has the equation itself and the other tables what
    /// the statement means there (a right angle's sine, Pythagoras). Asked once per
    /// statement, when it first becomes known.
    private mutating func learnIfByMultiple(_ s: Statement) {
        guard index[s] == nil else { return }
        let equations: [LinearExpression]
        if let (angleEquations, _) = triangleEquations(s) {
            equations = angleEquations
        } else if let angleEquations = angleEquations(s) {
            equations = angleEquations
        } else {
            return
        }
        guard !equations.allSatisfy({ angles.implies($0) }), let why = holds(s) else { return }
        learn(s, as: record(s, because: why, round: facts.last?.round ?? 0))
    }

    /// A cached answer of ``isKnown(_:)``: a statement once known stays known; one not known
    /// stands while the revisions of the parts that decided it are `stamp`, and keeps the
    /// table equations that decided it, if tables did.
    private struct Verdict {
        var known: Bool
        var parts: StoreParts
        var stamp: Int
        var query: TableQuery?
        static let known = Verdict(known: true, parts: [], stamp: 0, query: nil)
    }

    /// `isKnown` without the cache, and the parts of the store it consulted: while none of
    /// them changes, the answer "not known" stands.
    private mutating func decide(_ statement: Statement) -> (known: Bool, parts: StoreParts) {
        let (known, parts, _) = decideKeepingQuery(statement)
        return (known, parts)
    }

    /// `decide`, with the table equations that decided it (when tables did), so that the
    /// cache can ask the tables again later without rebuilding them.
    private mutating func decideKeepingQuery(_ statement: Statement) -> (known: Bool, parts: StoreParts, query: TableQuery?) {
        if index[statement] != nil { return (true, [], nil) }
        switch statement.predicate {
        case .coll: return (lines.contains(points(statement)), .lines, nil)
        case .cyclic: return (circles.contains(points(statement)), .circles, nil)
        case .midp:
            let p = points(statement)
            // As `holds`: a known midpoint, or m on line ab with ma = mb.
            if midpoints[[p[0]] + [p[1], p[2]].sorted()] != nil { return (true, [], nil) }
            guard p[1] != p[2] else { return (false, .midpoints, nil) }
            guard lines.contains(p) else { return (false, [.midpoints, .lines], nil) }
            let equidistant = Statement(predicate: .cong, arguments: [p[0], p[1], p[0], p[2]].map { .point(PointID($0)) })
            let (equal, parts) = decide(equidistant)
            return (equal, parts.union([.midpoints, .lines]), nil)
        default:
            // As `holds`: the tables decide every other predicate.
            if let (angleEquations, ratioEquations) = triangleEquations(statement) {
                let query = TableQuery.triangles(angles: angleEquations, ratios: ratioEquations)
                let (known, parts) = ask(query)
                return (known, parts, query)
            }
            // As `angleEquations` and the others, with the points read once.
            let predicate = statement.predicate, p = points(statement)
            let numbers = predicate == .aconst || predicate == .rconst ? statement.arguments.compactMap(\.number) : []
            if let terms = Self.angleTerms(predicate, p, numbers) {
                let query = TableQuery.angles(terms.map { expr($0.terms, constant: $0.constant) })
                let (known, parts) = ask(query)
                return (known, parts, query)
            }
            // The lengths table is consulted (and its equations built) only when the ratio
            // table does not decide.
            let ratioEquations = Self.ratioTerms(predicate, p, numbers).map { $0.map { expr($0.terms, constant: $0.constant) } }
            if let ratioEquations, impliesAll(ratioEquations, in: .ratios) { return (true, [], nil) }
            let lengthEquations = Self.lengthTerms(predicate, p, numbers).map { $0.map { expr($0.terms, constant: $0.constant) } }
            if ratioEquations == nil && lengthEquations == nil {
                // Nothing but a fact stating it can make it known.
                return (false, .facts, nil)
            }
            let query = TableQuery.lengths(ratios: ratioEquations, lengths: lengthEquations)
            let ratioParts: StoreParts = ratioEquations == nil ? [] : .ratios
            guard let lengthEquations else { return (false, ratioParts, query) }
            return (impliesAll(lengthEquations, in: .lengths), ratioParts.union(.lengths), query)
        }
    }

    /// The equations by which the tables decide a statement (`decideKeepingQuery`).
    private enum TableQuery {
        /// Similar triangles: every angle equation and every ratio equation.
        case triangles(angles: [LinearExpression], ratios: [LinearExpression])
        /// An angle statement.
        case angles([LinearExpression])
        /// A length statement: the ratio table, or else the lengths table.
        case lengths(ratios: [LinearExpression]?, lengths: [LinearExpression]?)
    }

    /// Whether the tables imply a query's equations, and the parts of the store consulted.
    private func ask(_ query: TableQuery) -> (known: Bool, parts: StoreParts) {
        switch query {
        case .triangles(let angleEquations, let ratioEquations):
            return (impliesAll(angleEquations, in: .angles) && impliesAll(ratioEquations, in: .ratios), [.angles, .ratios])
        case .angles(let equations):
            return (impliesAll(equations, in: .angles), .angles)
        case .lengths(let ratioEquations, let lengthEquations):
            var parts: StoreParts = []
            if let ratioEquations {
                if impliesAll(ratioEquations, in: .ratios) { return (true, []) }
                parts.insert(.ratios)
            }
            if let lengthEquations { return (impliesAll(lengthEquations, in: .lengths), parts.union(.lengths)) }
            return (false, parts)
        }
    }

    /// Whether `table` implies each of `equations`. (A loop over the stored table: passing
    /// `angles.implies` as a function would copy the table into a closure at every call.)
    private func impliesAll(_ equations: [LinearExpression], in table: AlgebraTable) -> Bool {
        for e in equations {
            let implied: Bool
            switch table {
            case .angles: implied = angleMultiple(e) != nil
            case .ratios: implied = ratios.implies(e)
            case .lengths: implied = lengths.implies(e)
            case .squares: implied = squares.implies(e)
            }
            if !implied { return false }
        }
        return true
    }

    /// One certificate per equation, or nil when one of them is missing.
    private func combine(_ parts: [Justification?]) -> Justification? {
        var certificates: [AlgebraCertificate] = []
        for part in parts {
            guard case .algebra(let more)? = part else { return nil }
            certificates += more
        }
        return .algebra(certificates: certificates)
    }

    mutating func certificate(_ e: LinearExpression, in table: AlgebraTable) -> Justification? {
        var multiple = 1
        var target = e
        var found = system(table).certificate(for: e)
        if found == nil, table == .angles, let k = angleMultiple(e) {
            // The figure's solution of a multiple (`angleMultiple`): certify k·e.
            multiple = k
            target = Rational(k) * e
            found = angles.certificate(for: target)
        }
        guard let found else { return nil }
        let certificate = minimized(found, of: target, in: table)
        var terms: [AlgebraTerm] = []
        for (id, coefficient) in certificate.combination {
            if let parts = sineEquationParts[id.rawValue] {
                for part in parts {
                    guard let term = sineTerm(part, times: coefficient) else { return nil }
                    terms.append(term)
                }
                continue
            }
            let record = equations[id.rawValue]
            terms.append(AlgebraTerm(coefficient: coefficient, equation: record.text, facts: record.facts,
                                     source: source(of: record.expression, in: table, facts: record.facts),
                                     expression: symbolic(record.expression)))
        }
        return .algebra(certificates: [AlgebraCertificate(table: table, terms: terms, conclusion: symbolic(e), multiple: multiple)])
    }

    /// The largest multiple of an angle equation the angle table is asked for
    /// (`angleMultiple`): its solutions are then at least 15° apart.
    static let largestAngleMultiple = 12

    /// How the angle table implies `e`: 1 when it does; k ≥ 2 when it implies k·e and not e,
    /// and e holds in the diagram. Then of the k solutions of k·x ≡ 0 (mod 180°), which are
    /// 180°/k apart, the figure has x ≡ 0: the figure's angles vary continuously with its
    /// free points while the k solutions stay apart, so the figure drawn (its
    /// configuration) keeps the one it shows, as a `sameclock` side condition is read off
    /// the diagram. Yuclid's and AlphaGeometry's angle chasing divide the same way (they
    /// solve over the rationals). Nil when neither holds.
    func angleMultiple(_ e: LinearExpression) -> Int? {
        guard let k = angles.leastImpliedMultiple(of: e, upTo: Self.largestAngleMultiple) else { return nil }
        return k == 1 || angleHoldsInDiagram(e) ? k : nil
    }

    /// Whether the angle equation `e` (directions of lines in turns of 180°) holds in the
    /// diagram, every line through two distinct points.
    private func angleHoldsInDiagram(_ e: LinearExpression) -> Bool {
        let p = diagram.positions
        var turns = Double(e.constant)
        for (v, c) in zip(e.variables, e.coefficients) {
            let key = variableKeys[v]
            let (a, b) = (key / 4096, key % 4096)
            guard a < p.count, b < p.count else { return false }
            let d = p[b] - p[a]
            guard d.length > 1e-9 else { return false }
            turns += Double(c) * d.angle / Double.pi
        }
        return abs(turns - turns.rounded()) < 1e-6
    }

    /// Which equation of its fact a table equation is (by position among the equations the
    /// fact's statement means in that table, as `docs/proof-format.md` lists them), or else
    /// the line whose two pairs it equates (angles), or the segment addition along a line
    /// it states (lengths).
    private mutating func source(of e: LinearExpression, in table: AlgebraTable, facts: [FactID]) -> EquationSource {
        if facts.count == 1 {
            let s = self.facts[facts[0]].statement
            let p = points(s)
            var own: [LinearExpression] = []
            if let triangles = triangleEquations(s) {
                switch table {
                case .angles: own = triangles.angles
                case .ratios: own = triangles.ratios
                case .lengths:
                    if s.predicate.isCongruentTriangles {
                        own = [(0, 1), (1, 2), (0, 2)].map { i, j in expr([(Self.pair(p[i], p[j]), 1), (Self.pair(p[i + 3], p[j + 3]), -1)]) }
                    }
                case .squares: own = squareEquationsLearnedApart(s) ?? []
                }
            } else if s.predicate == .midp {
                let equal = expr([(Self.pair(p[0], p[1]), 1), (Self.pair(p[0], p[2]), -1)])
                switch table {
                case .angles: own = []
                case .ratios: own = [equal, expr([(Self.pair(p[1], p[2]), 1), (Self.pair(p[0], p[1]), -1), (Self.logPrime(2), -1)])]
                case .lengths: own = [equal]
                case .squares: own = squareEquationsLearnedApart(s) ?? []
                }
            } else {
                switch table {
                case .angles: own = learnedAngleEquations(s)
                case .ratios: own = (ratioEquations(s) ?? []) + sineConsequences(s).map { expr($0.terms, constant: $0.constant) }
                case .lengths: own = lengthEquations(s) ?? []
                case .squares: own = squareEquations(s) ?? []
                }
            }
            if let index = own.firstIndex(of: e) { return .fact(index: index) }
        }
        if table == .lengths {
            // |ab| + |bc| - |ac|: b is the point the two positive pairs share.
            let positive = e.terms.filter { $0.coefficient > .zero }.map { variableKeys[$0.variable] }
            let negative = e.terms.filter { $0.coefficient < .zero }.map { variableKeys[$0.variable] }
            if positive.count == 2, negative.count == 1 {
                let (a, c) = (negative[0] / 4096, negative[0] % 4096)
                let first = [positive[0] / 4096, positive[0] % 4096], second = [positive[1] / 4096, positive[1] % 4096]
                if let b = first.first(where: second.contains) { return .segmentSum(points: [a, b, c]) }
            }
        }
        // The pair with coefficient +1 first: the equation is d(first) - d(second) = 0.
        let keys = e.terms.sorted { $0.coefficient > $1.coefficient }.map { variableKeys[$0.variable] }
        return .line(points: keys.flatMap { [$0 / 4096, $0 % 4096] })
    }

    /// A certificate of `target` that no single one of its equations can be dropped from:
    /// the table's certificate, then greedy deletion, each trial re-solved over the
    /// remaining equations alone. Shorter certificates cite fewer facts, so proofs shrink.
    ///
    /// Only the angle table can shorten one. The premises an exact table keeps are linearly
    /// independent, so the target is a combination of them in one way only: without any
    /// equation the certificate cites, there is none, and every trial would fail.
    private func minimized(_ certificate: Certificate, of target: LinearExpression, in table: AlgebraTable) -> Certificate {
        guard table == .angles, certificate.ids.count > 2 else { return certificate }
        func solve(_ ids: [EquationID]) -> Certificate? {
            var system = LinearSystem(modulus: table == .angles ? Rational(1) : nil)
            for id in ids { _ = system.add(equations[id.rawValue].expression, id: id) }
            return system.certificate(for: target)
        }
        var best = certificate
        for id in certificate.ids.reversed() where best.ids.contains(id) {
            if let smaller = solve(best.ids.filter { $0 != id }) { best = smaller }
        }
        return best
    }

    // MARK: Learning

    /// The id of a fact stating `statement`, recording it with `justification` (already
    /// known to hold) when no fact states it yet. Used to cite premises a rule matched
    /// through algebra or chains.
    mutating func materialize(_ statement: Statement, because justification: Justification, round: Int) -> FactID {
        if let id = index[statement] { return id }
        return record(statement, because: justification, round: round)
    }

    /// Learns `statement` unless it already holds. Returns the new fact's id, or nil.
    @discardableResult
    public mutating func add(_ statement: Statement, because justification: Justification, round: Int) -> FactID? {
        if index[statement] != nil || isKnown(statement) { return nil }
        let id = record(statement, because: justification, round: round)
        learn(statement, as: id)
        return id
    }

    /// Appends a fact stating `statement` (not stated yet) and indexes it.
    private mutating func record(_ statement: Statement, because justification: Justification, round: Int) -> FactID {
        let id = facts.count
        facts.append(Fact(statement: statement, justification: justification, round: round))
        index[statement] = id
        revisions.facts += 1
        return id
    }

    /// Records a statement's consequences in the classes and tables.
    private mutating func learn(_ s: Statement, as id: FactID) {
        let p = points(s)
        switch s.predicate {
        case .coll:
            mergeLine(p, because: [id])
        case .cyclic:
            if !circles.merge(p, because: id).isEmpty { revisions.circles += 1 }
        case .midp:
            midpoints[[p[0]] + [p[1], p[2]].sorted()] = id
            revisions.midpoints += 1
            mergeLine(p, because: [id])
            addEquation(expr([(Self.pair(p[0], p[1]), 1), (Self.pair(p[0], p[2]), -1)]), table: .ratios, text: "|\(n(p[0]))\(n(p[1]))| = |\(n(p[0]))\(n(p[2]))|", facts: [id])
            addEquation(expr([(Self.pair(p[1], p[2]), 1), (Self.pair(p[0], p[1]), -1), (Self.logPrime(2), -1)]), table: .ratios, text: "|\(n(p[1]))\(n(p[2]))| = 2 |\(n(p[0]))\(n(p[1]))|", facts: [id])
            addEquation(expr([(Self.pair(p[0], p[1]), 1), (Self.pair(p[0], p[2]), -1)]), table: .lengths, text: "|\(n(p[0]))\(n(p[1]))| = |\(n(p[0]))\(n(p[2]))|", facts: [id])
            let squareTexts = ["|\(n(p[0]))\(n(p[1]))|² = |\(n(p[0]))\(n(p[2]))|²", "|\(n(p[1]))\(n(p[2]))|² = 4 |\(n(p[0]))\(n(p[1]))|²"]
            for (e, text) in zip(squareEquationsLearnedApart(s) ?? [], squareTexts) { addEquation(e, table: .squares, text: text, facts: [id]) }
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither:
            learnTriangles(s, as: id)
        default:
            // Every other predicate: its equations in each table (none for a side condition).
            if s.predicate == .circle { centresWithAngles.insert(s) }
            for e in learnedAngleEquations(s) { addEquation(e, table: .angles, text: text(of: s), facts: [id]) }
            for e in ratioEquations(s) ?? [] { addEquation(e, table: .ratios, text: text(of: s), facts: [id]) }
            for e in lengthEquations(s) ?? [] { addEquation(e, table: .lengths, text: text(of: s), facts: [id]) }
            for e in squareEquations(s) ?? [] { addEquation(e, table: .squares, text: text(of: s), facts: [id]) }
        }
    }

    private mutating func mergeLine(_ points: [Int], because facts: [FactID]) {
        let unions = lines.merge(points, because: facts[0])
        if !unions.isEmpty { revisions.lines += 1 }
        for union in unions {
            // Pairs on one line share a direction.
            let a = lines.subsetPoints(union.element), b = lines.subsetPoints(union.anchor)
            addEquation(expr([(Self.pair(a[0], a[1]), 1), (Self.pair(b[0], b[1]), -1)]), table: .angles,
                        text: "\(n(a[0]))\(n(a[1])) ∥ \(n(b[0]))\(n(b[1])) (one line)", facts: union.reasons)
        }
        if !unions.isEmpty { addSegmentSums(onLineThrough: points) }
    }

    /// Segment addition along the known line through `points`: for points a, b, c of it with
    /// b between a and c in the diagram, |ab| + |bc| = |ac| in the lengths table. The order
    /// of points on a line is read off the diagram, like a side condition.
    private mutating func addSegmentSums(onLineThrough points: [Int]) {
        guard let members = lines.classMembers(holding: points), members.count >= 3 else { return }
        let origin = diagram.positions[members[0]]
        guard let far = members.max(by: { diagram.positions[$0].distance(to: origin) < diagram.positions[$1].distance(to: origin) }) else { return }
        let direction = diagram.positions[far] - origin
        let ordered = members.sorted { (diagram.positions[$0] - origin).dot(direction) < (diagram.positions[$1] - origin).dot(direction) }
        for i in 0..<ordered.count {
            for j in (i + 1)..<ordered.count {
                for k in (j + 1)..<ordered.count {
                    let (a, b, c) = (ordered[i], ordered[j], ordered[k])
                    guard segmentSums.insert([a, b, c]).inserted, let reasons = lines.together([a, b, c]) else { continue }
                    addEquation(expr([(Self.pair(a, b), 1), (Self.pair(b, c), 1), (Self.pair(a, c), -1)]), table: .lengths,
                                text: "|\(n(a))\(n(b))| + |\(n(b))\(n(c))| = |\(n(a))\(n(c))| (\(n(b)) between \(n(a)) and \(n(c)) on one line)",
                                facts: reasons)
                }
            }
        }
    }

    /// Similar triangles abc, pqr: equal angles (reversed for opposite orientations) and
    /// proportional sides; congruent ones also have ab = pq. Nil for other predicates.
    mutating func triangleEquations(_ s: Statement) -> (angles: [LinearExpression], ratios: [LinearExpression])? {
        guard let orientation = s.predicate.triangleOrientation else { return nil }
        let p = points(s)
        let reflected: Bool
        switch orientation {
        case .same: reflected = false
        case .opposite: reflected = true
        case .either:
            // The rule leaves the orientation open; the diagram tells which it is.
            reflected = !diagram.holds(Statement(predicate: .simtri, arguments: s.arguments))
        }
        let (a, b, c, x, y, z) = (p[0], p[1], p[2], p[3], p[4], p[5])
        var angleEquations: [LinearExpression] = []
        for ((u1, v1, u2, v2), (s1, t1, s2, t2)) in [((a, b, a, c), (x, y, x, z)), ((b, c, b, a), (y, z, y, x))] {
            // angle(u1v1, u2v2) = angle(s1t1, s2t2), or its negative when reflected.
            var terms: [(Int, Rational)] = [(Self.pair(u2, v2), 1), (Self.pair(u1, v1), -1)]
            let sign: Rational = reflected ? 1 : -1
            terms.append((Self.pair(s2, t2), sign))
            terms.append((Self.pair(s1, t1), Rational.zero - sign))
            angleEquations.append(expr(terms))
        }
        var ratioEquations = [
            expr([(Self.pair(a, b), 1), (Self.pair(a, c), -1), (Self.pair(x, y), -1), (Self.pair(x, z), 1)]),
            expr([(Self.pair(a, b), 1), (Self.pair(b, c), -1), (Self.pair(x, y), -1), (Self.pair(y, z), 1)]),
        ]
        if s.predicate.isCongruentTriangles { ratioEquations.append(expr([(Self.pair(a, b), 1), (Self.pair(x, y), -1)])) }
        return (angleEquations, ratioEquations)
    }

    private mutating func learnTriangles(_ s: Statement, as id: FactID) {
        guard let (angleEquations, ratioEquations) = triangleEquations(s) else { return }
        let p = points(s).map(n)
        let angleNames = ["angle at \(p[0])/\(p[3])", "angle at \(p[1])/\(p[4])"]
        let ratioNames = ["\(p[0])\(p[1]):\(p[0])\(p[2]) = \(p[3])\(p[4]):\(p[3])\(p[5])",
                          "\(p[0])\(p[1]):\(p[1])\(p[2]) = \(p[3])\(p[4]):\(p[4])\(p[5])",
                          "\(p[0])\(p[1]) = \(p[3])\(p[4])"]
        for (e, name) in zip(angleEquations, angleNames) { addEquation(e, table: .angles, text: "\(text(of: s)): \(name)", facts: [id]) }
        for (e, name) in zip(ratioEquations, ratioNames) { addEquation(e, table: .ratios, text: "\(text(of: s)): \(name)", facts: [id]) }
        if s.predicate.isCongruentTriangles {
            let q = points(s)
            for (i, j) in [(0, 1), (1, 2), (0, 2)] {
                addEquation(expr([(Self.pair(q[i], q[j]), 1), (Self.pair(q[i + 3], q[j + 3]), -1)]), table: .lengths,
                            text: "\(text(of: s)): \(p[i])\(p[j]) = \(p[i + 3])\(p[j + 3])", facts: [id])
            }
            for (e, (i, j)) in zip(squareEquationsLearnedApart(s) ?? [], [(0, 1), (1, 2), (0, 2)]) {
                addEquation(e, table: .squares, text: "\(text(of: s)): \(p[i])\(p[j]) = \(p[i + 3])\(p[j + 3])", facts: [id])
            }
        }
    }

    private mutating func addEquation(_ e: LinearExpression, table: AlgebraTable, text: String, facts: [FactID]) {
        let id = EquationID(equations.count)
        equations.append((table, text, facts, e))
        let addition: LinearSystem.Addition
        switch table {
        case .angles: addition = angles.add(e, id: id)
        case .ratios: addition = ratios.add(e, id: id)
        case .lengths: addition = lengths.add(e, id: id)
        case .squares: addition = squares.add(e, id: id)
        }
        // A redundant or inconsistent equation leaves the table as it was.
        if case .added = addition { revisions.bump(table) }
    }

    /// Shares equal lengths between the ratio, lengths and squared-lengths tables: each
    /// equality of segments among `candidates` (`cong` instances true in the diagram) that
    /// some table implies and another does not becomes a fact, justified by a table that
    /// knows it, so that every table reasons with it. Returns how many facts it added.
    @discardableResult
    mutating func shareEqualLengths(_ candidates: [[Int]], round: Int) -> Int {
        var added = 0
        for c in candidates where c[0] < c[1] && c[2] < c[3] && Self.pair(c[0], c[1]) < Self.pair(c[2], c[3]) {
            let equal = expr([(Self.pair(c[0], c[1]), 1), (Self.pair(c[2], c[3]), -1)])
            let known = [AlgebraTable.ratios, .lengths, .squares].filter { impliesAll([equal], in: $0) }
            guard !known.isEmpty, known.count < 3 else { continue }
            let statement = Statement(predicate: .cong, arguments: c.map { .point(PointID($0)) })
            if adopt(statement, from: known[0], equation: equal, round: round) { added += 1 }
        }
        return added
    }

    /// Shares perpendicular lines between the angle table and the squared-lengths table: each
    /// `perp` instance among `candidates` (true in the diagram) that one of the two implies
    /// and the other does not becomes a fact, justified by the table that knows it. Angle
    /// chasing thereby gives Pythagoras its right angles, and Pythagoras gives angle chasing
    /// the right angles it proves (a perpendicular bisector, say). Returns how many facts it
    /// added.
    @discardableResult
    mutating func sharePerpendiculars(_ candidates: [[Int]], round: Int) -> Int {
        var added = 0
        for c in candidates where c[0] < c[1] && c[2] < c[3] && Self.pair(c[0], c[1]) < Self.pair(c[2], c[3]) {
            let statement = Statement(predicate: .perp, arguments: c.map { .point(PointID($0)) })
            guard let angle = angleEquations(statement)?.first,
                  let square = squareEquations(statement)?.first else { continue }
            let inAngles = angleMultiple(angle) != nil
            guard inAngles != squares.implies(square) else { continue }
            if adopt(statement, from: inAngles ? .angles : .squares, equation: inAngles ? angle : square, round: round) { added += 1 }
        }
        return added
    }

    /// Learns `statement`, which `table` proves by `equation` (its one equation there), in
    /// every table: as a new fact justified by that certificate, or as the fact that already
    /// states it (materialized to cite a rule's premise, so never learned). False when it has
    /// no certificate.
    private mutating func adopt(_ statement: Statement, from table: AlgebraTable, equation: LinearExpression, round: Int) -> Bool {
        if let id = index[statement] {
            learn(statement, as: id)
            return true
        }
        guard let why = certificate(equation, in: table) else { return false }
        learn(statement, as: record(statement, because: why, round: round))
        return true
    }

    private func system(_ table: AlgebraTable) -> LinearSystem {
        switch table {
        case .angles: angles
        case .ratios: ratios
        case .lengths: lengths
        case .squares: squares
        }
    }

    /// Centres known with their angles: `circle o a b c` statements whose inscribed-angle
    /// equations are in the angle table.
    private var centresWithAngles = Set<Statement>()

    /// Feeds angle chasing from distance chasing: for each candidate centre o of points
    /// a < b < c (numerically true, `NumericCandidates`) that the ratio or lengths table
    /// now proves equidistant, records `circle o a b c` as a fact (when it is not one yet)
    /// and adds its inscribed-angle equations (`angleConsequences`) to the angle table.
    /// Returns how many centres were added.
    mutating func shareCentres(_ candidates: [[Int]], round: Int) -> Int {
        var added = 0
        for c in candidates where c[1] < c[2] && c[2] < c[3] {
            let statement = Statement(predicate: .circle, arguments: c.map { .point(PointID($0)) })
            guard !centresWithAngles.contains(statement), isKnown(statement), let why = holds(statement) else { continue }
            centresWithAngles.insert(statement)
            let id = materialize(statement, because: why, round: round)
            for e in Self.angleConsequences(.circle, c) {
                addEquation(expr(e.terms, constant: e.constant), table: .angles, text: text(of: statement), facts: [id])
            }
            added += 1
        }
        return added
    }

    // MARK: Sines

    /// An angle of a triangle of the diagram: at vertex `v`, between lines `vu` and `vw`.
    struct SineAngle: Sendable {
        var v: Int, u: Int, w: Int
    }

    /// The angles of all non-degenerate triangles of the diagram, grouped by equal |sin|
    /// (within the diagram's tolerance), groups of one left out unless the angle is right.
    private func sineGroups() -> [[SineAngle]] {
        let p = diagram.positions
        var all: [(sin: Double, angle: SineAngle)] = []
        let n = p.count
        guard n >= 3 else { return [] }
        for a in 0..<n {
            for b in (a + 1)..<n {
                for c in (b + 1)..<n {
                    for (v, u, w) in [(a, b, c), (b, a, c), (c, a, b)] {
                        let x = p[u] - p[v], y = p[w] - p[v]
                        let lengths = x.length * y.length
                        guard lengths > 1e-12 else { continue }
                        let sine = abs(x.cross(y)) / lengths
                        guard sine > 1e-6 else { continue }
                        all.append((sine, SineAngle(v: v, u: u, w: w)))
                    }
                }
            }
        }
        all.sort { $0.sin < $1.sin }
        var groups: [[SineAngle]] = []
        var current: [SineAngle] = []
        var last = -1.0
        for (sine, angle) in all {
            if sine - last > 1e-9, !current.isEmpty {
                if current.count > 1 || last > 1 - 1e-9 { groups.append(current) }
                current = []
            }
            current.append(angle)
            last = sine
        }
        if current.count > 1 || last > 1 - 1e-9 { groups.append(current) }
        return groups
    }

    /// A piece of a sine equation: the law of sines in a triangle (equation 0 or 1), or the
    /// sine equation of an angle statement (`sineConsequences`: equal angles, or a right
    /// angle) that the angle table proves, stated as a fact when a certificate cites it.
    enum SinePart: Sendable {
        case law(points: [Int], index: Int, coefficient: Rational)
        case angles(Statement, coefficient: Rational, round: Int)

        func scaled(_ k: Rational) -> SinePart {
            switch self {
            case .law(let p, let i, let c): .law(points: p, index: i, coefficient: c * k)
            case .angles(let s, let c, let r): .angles(s, coefficient: c * k, round: r)
            }
        }
    }

    /// The certificate term of a piece, `times` its coefficient.
    private mutating func sineTerm(_ part: SinePart, times k: Rational) -> AlgebraTerm? {
        switch part {
        case .law(let p, let index, let c):
            let law = Self.lawOfSines(p[0], p[1], p[2])[index]
            // Interned first: `symbolic` must see the law's variables.
            let e = expr(law.terms, constant: law.constant)
            return AlgebraTerm(coefficient: c * k, equation: "law of sines in triangle \(n(p[0])) \(n(p[1])) \(n(p[2])) #\(index + 1)",
                               facts: [], source: .lawOfSines(points: p, index: index), expression: symbolic(e))
        case .angles(let s, let c, let round):
            guard let equation = sineConsequences(s).first, let why = holds(s) else { return nil }
            let id = materialize(s, because: why, round: round)
            let e = expr(equation.terms, constant: equation.constant)
            return AlgebraTerm(coefficient: c * k, equation: text(of: s), facts: [id],
                               source: source(of: e, in: .ratios, facts: [id]), expression: symbolic(e))
        }
    }

    /// The root of a sine key's class.
    private func sineRoot(_ key: Int) -> Int {
        var key = key
        while let up = sineParent[key] { key = up.parent }
        return key
    }

    /// Pieces summing to s(key) − s(root of key).
    private func sinePath(_ key: Int) -> [SinePart] {
        var key = key, parts: [SinePart] = []
        while let up = sineParent[key] { parts += up.parts; key = up.parent }
        return parts
    }

    /// s(key) as a term (none for the class of right angles, whose log |sin| is 0).
    private func sineTerm(_ key: Int, _ c: Rational) -> [(Int, Rational)] { key == Self.sineZero ? [] : [(key, c)] }

    /// Joins the classes of sine keys x and y, given pieces summing to s(x) − s(y). When both
    /// classes already occur in the ratio table, it learns s(root x) = s(root y).
    private mutating func unionSines(_ x: Int, _ y: Int, parts: [SinePart]) {
        var (rx, ry) = (sineRoot(x), sineRoot(y))
        guard rx != ry else { return }
        sinesJoined.insert(x)
        sinesJoined.insert(y)
        // s(rx) − s(ry) = (s(x) − s(y)) − (s(x) − s(rx)) + (s(y) − s(ry))
        var joined = parts + sinePath(x).map { $0.scaled(Rational(-1)) } + sinePath(y)
        if rx == Self.sineZero {
            (rx, ry) = (ry, rx)
            joined = joined.map { $0.scaled(Rational(-1)) }
        }
        sineParent[rx] = (ry, joined)
        if sinesInTable.contains(rx) {
            sinesInTable.insert(ry)
            addSineEquation(expr(sineTerm(rx, 1) + sineTerm(ry, -1)), parts: joined)
        }
    }

    private mutating func addSineEquation(_ e: LinearExpression, parts: [SinePart]) {
        sineEquationParts[equations.count] = parts
        addEquation(e, table: .ratios, text: "sines", facts: [])
    }

    /// Feeds ratio chasing from angle chasing through sines: angles of triangles that the
    /// angle table proves equal (or opposite: the same |sin|) join one sine class, right
    /// angles the class of |sin| = 1, each through an angle statement the angle table
    /// proves; every triangle with two such angles gets the law of sines, over the classes'
    /// roots. Candidates are angles with equal |sin| in the diagram. Returns how many
    /// equations the ratio table learned.
    mutating func shareSines(round: Int) -> Int {
        if sineAngleGroups?.points != diagram.positions.count {
            let groups = sineGroups()
            sineAngleGroups = (diagram.positions.count, groups,
                               Set(groups.joined().map { Self.sine(Self.pair($0.v, $0.u), Self.pair($0.v, $0.w)) }))
            sineNormalForms = groups.map { [NormalForms?](repeating: nil, count: $0.count) }
        }
        let before = equations.count
        var learned = 0
        var tied: [[Int]] = []
        func statement(_ predicate: Predicate, _ points: [Int]) -> Statement {
            Statement(predicate: predicate, arguments: points.map { .point(PointID($0)) })
        }
        func key(_ a: SineAngle) -> Int { Self.sine(Self.pair(a.v, a.u), Self.pair(a.v, a.w)) }
        /// Joins the classes of `angle` and `other` (nil: the right angles) by `s`, which
        /// the angle table proves.
        func join(_ angle: SineAngle, _ other: SineAngle?, by s: Statement) {
            let target = other.map(key) ?? Self.sineZero
            guard sineRoot(key(angle)) != sineRoot(target), let equation = sineConsequences(s).first,
                  diagram.holds(s), isKnown(s) else { return }
            // The statement's equation is s(first) − s(second); orient it as s(angle) − s(target).
            let sign: Rational = equation.terms.first?.0 == key(angle) ? 1 : -1
            unionSines(key(angle), target, parts: [.angles(s, coefficient: sign, round: round)])
            tied.append([angle.v, angle.u, angle.w])
            if let other { tied.append([other.v, other.u, other.w]) }
        }
        for (g, group) in (sineAngleGroups?.groups ?? []).enumerated() {
            var classes: [LinearExpression: SineAngle] = [:]
            // The classes' first angles in the group's order, so that every run joins and
            // compares them in the same order (a dictionary's order varies between runs).
            var representatives: [SineAngle] = []
            for (a, angle) in group.enumerated() {
                let lines = [angle.v, angle.u, angle.v, angle.w]
                let forward: LinearExpression, backward: LinearExpression?
                if let known = sineNormalForms[g][a], known.revision == revisions.angles {
                    (forward, backward) = (known.forward, known.backward)
                } else {
                    let theta = expr([(Self.pair(angle.v, angle.w), 1), (Self.pair(angle.v, angle.u), -1)])
                    forward = angles.normalForm(of: theta)
                    // θ is a right angle iff θ − 1/2 reduces to 0: the normal form of θ is then
                    // the constant 1/2 (constants only shift the normal form's constant).
                    backward = forward.isConstant && forward.constant == Rational(1, 2) ? nil
                        : angles.normalForm(of: LinearExpression(terms: theta.terms.map { (variable: $0.variable, coefficient: Rational.zero - $0.coefficient) }))
                    sineNormalForms[g][a] = (revisions.angles, forward, backward)
                }
                guard let backward else {
                    join(angle, nil, by: statement(.perp, lines))
                    continue
                }
                if let first = classes[forward] {
                    join(angle, first, by: statement(.eqangle, [first.v, first.u, first.v, first.w] + lines))
                } else if let first = classes[backward] {
                    join(angle, first, by: statement(.eqangle, [first.v, first.u, first.v, first.w, angle.v, angle.w, angle.v, angle.u]))
                } else {
                    classes[forward] = angle
                    representatives.append(angle)
                }
            }
            // The way back: angles of different classes whose |sin| ratio chasing proves
            // equal are equal or opposite (modulo 180°), whichever the diagram shows.
            for i in representatives.indices {
                for j in representatives.indices where j > i {
                    let (x, y) = (representatives[i], representatives[j])
                    let (rx, ry) = (sineRoot(key(x)), sineRoot(key(y)))
                    guard rx != ry, sinesInTable.contains(rx) || rx == Self.sineZero, sinesInTable.contains(ry) || ry == Self.sineZero,
                          ratios.implies(expr(sineTerm(rx, 1) + sineTerm(ry, -1))) else { continue }
                    let same = statement(.eqangle, [x.v, x.u, x.v, x.w, y.v, y.u, y.v, y.w])
                    let opposite = statement(.eqangle, [x.v, x.u, x.v, x.w, y.v, y.w, y.v, y.u])
                    guard let s = diagram.holds(same) ? same : diagram.holds(opposite) ? opposite : nil,
                          !isKnown(s), let why = sineCertificate(key(x), key(y)) else { continue }
                    if add(s, because: why, round: round) != nil { learned += 1 }
                }
            }
        }
        for triangle in tied {
            let t = triangle.sorted()
            // The two equations say something only through two sines met elsewhere: joined to
            // another's, or sharing its |sin| with another angle in the diagram (which the
            // way back may then prove equal). Otherwise they only define the triangle's own
            // sines, and the triangle waits.
            let (a, b, c) = (t[0], t[1], t[2])
            let sines = [Self.sine(Self.pair(a, b), Self.pair(a, c)), Self.sine(Self.pair(b, a), Self.pair(b, c)),
                         Self.sine(Self.pair(c, a), Self.pair(c, b))]
            let candidates = sineAngleGroups?.keys ?? []
            guard sines.filter({ sinesJoined.contains($0) || candidates.contains($0) }).count >= 2,
                  lawOfSinesTriangles.insert(t).inserted else { continue }
            for (k, law) in Self.lawOfSines(t[0], t[1], t[2]).enumerated() {
                // Over the roots: law − Σ c·(s(x) − s(root x)) for its sine terms c·s(x).
                var terms: [(Int, Rational)] = []
                var parts: [SinePart] = [.law(points: t, index: k, coefficient: 1)]
                for (variable, c) in law.terms {
                    guard variable >= Self.sineKeys else { terms.append((variable, c)); continue }
                    let root = sineRoot(variable)
                    terms += sineTerm(root, c)
                    if root != Self.sineZero { sinesInTable.insert(root) }
                    parts += sinePath(variable).map { $0.scaled(Rational.zero - c) }
                }
                addSineEquation(expr(terms), parts: parts)
            }
        }
        return equations.count - before + learned
    }

    /// A ratio-table certificate of s(x) = s(y) for sine keys x and y: the table's
    /// certificate over their classes' roots, with the pieces that tie each key to its root.
    private mutating func sineCertificate(_ x: Int, _ y: Int) -> Justification? {
        let (rx, ry) = (sineRoot(x), sineRoot(y))
        guard case .algebra(let found)? = certificate(expr(sineTerm(rx, 1) + sineTerm(ry, -1)), in: .ratios),
              var result = found.first else { return nil }
        // s(x) − s(y) = (s(rx) − s(ry)) + (s(x) − s(rx)) − (s(y) − s(ry))
        for part in sinePath(x) + sinePath(y).map({ $0.scaled(Rational(-1)) }) {
            guard let term = sineTerm(part, times: 1) else { return nil }
            result.terms.append(term)
        }
        let raw = expr([(x, 1), (y, -1)])
        result.conclusion = symbolic(raw)
        return .algebra(certificates: [result])
    }

    // MARK: Enumeration for rule matching

    /// The points of the known line (circle, for `cyclic`) through all of `points`, when
    /// they determine one (two distinct points for a line, three for a circle) and it holds
    /// them all; nil otherwise.
    mutating func classMembers(_ predicate: Predicate, holding points: [Int]) -> [Int]? {
        switch predicate {
        case .coll: return lines.classMembers(holding: points)
        case .cyclic: return circles.classMembers(holding: points)
        case .para, .perp, .cong, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri,
             .simtri2, .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll,
             .npara, .nperp, .simtriEither, .contriEither:
            return nil
        }
    }

    /// The known lines with at least three points.
    public mutating func knownLines() -> [[Int]] { lines.classes() }
    /// The known circles with at least four points.
    public mutating func knownCircles() -> [[Int]] { circles.classes() }

    func n(_ p: Int) -> String { diagram.problem.name(of: PointID(p)) }
    func text(of s: Statement) -> String { diagram.problem.text(of: s) }
}

extension PointClasses {
    /// The points of an element (a sorted pair or triple).
    func subsetPoints(_ element: Int) -> [Int] { elementSubset(element) }
}

/// The prime factorisation of a positive integer, as (prime, exponent) pairs.
func factor(_ n: Int) -> [(Int, Int)] {
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

/// The parts of a `FactStore` that decide whether a statement is known.
struct StoreParts: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let facts = StoreParts(rawValue: 1 << 0)
    static let lines = StoreParts(rawValue: 1 << 1)
    static let circles = StoreParts(rawValue: 1 << 2)
    static let midpoints = StoreParts(rawValue: 1 << 3)
    static let angles = StoreParts(rawValue: 1 << 4)
    static let ratios = StoreParts(rawValue: 1 << 5)
    static let lengths = StoreParts(rawValue: 1 << 6)
}

/// How many times each part of a `FactStore` has changed (a fact recorded, a class merged,
/// an independent equation added). The counters only grow, so the sum over some parts
/// (`stamp`) changes exactly when one of those parts does.
struct StoreRevisions: Sendable {
    var facts = 0, lines = 0, circles = 0, midpoints = 0, angles = 0, ratios = 0, lengths = 0

    mutating func bump(_ table: AlgebraTable) {
        switch table {
        case .angles: angles += 1
        case .ratios: ratios += 1
        case .lengths: lengths += 1
        case .squares: break  // no query reads the squares table directly
        }
    }

    func stamp(_ parts: StoreParts) -> Int {
        var sum = 0
        if parts.contains(.facts) { sum &+= facts }
        if parts.contains(.lines) { sum &+= lines }
        if parts.contains(.circles) { sum &+= circles }
        if parts.contains(.midpoints) { sum &+= midpoints }
        if parts.contains(.angles) { sum &+= angles }
        if parts.contains(.ratios) { sum &+= ratios }
        if parts.contains(.lengths) { sum &+= lengths }
        return sum
    }
}
