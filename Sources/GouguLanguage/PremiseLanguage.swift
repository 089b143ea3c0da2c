/// AlphaGeometry 2's premise language: points given by their coordinates, then premises
/// (facts) about them, instead of constructions.
///
///     a@0_0 = ; b@4_0 = ; c@1_3 = ; h@1_1 = perp a h b c, perp b h a c ? perp c h a b
///
/// A clause whose new points all carry coordinates and whose right side is empty, or a
/// list of premises, gives its points by their coordinates: the diagram is those
/// coordinates, and the premises are the problem's hypotheses. Each premise is read as one
/// or more facts of Gougu's predicates (`facts(of:...)` says which), checked at the given
/// coordinates (`PremiseCheck` in GouguGeometry), and attached to the clause of the newest
/// point it names, since a premise may name points given after it.
///
/// In the problem's data model a premise clause is an ordinary `Clause`: one call of a
/// construction with role `.givenPoints` creates its points (placed at their coordinates,
/// asserting nothing), then one call with role `.premise` per premise asserts its facts.
public enum PremiseLanguage {
    /// A predicate a premise may name, spelled as AlphaGeometry 2's `ddar.py` defines it.
    /// Its own vocabulary: some words are Gougu's predicates, with the same meaning or
    /// another order (`aconst`), and some are read as Gougu's predicates (`facts(of:)`).
    public enum Word: String, CaseIterable, Sendable {
        case coll, cyclic, para, perp, cong, eqangle, eqratio, aconst
        case sAngle = "s_angle"
        case rconst, angeq, distmeq, distseq
        case cyclicWithCenters = "cyclic_with_centers"
        case overlap, acompute, rcompute
    }

    /// The predicates a premise may name, as AlphaGeometry 2's `ddar.py` defines them.
    public static let predicates: Set<String> = Set(Word.allCases.map(\.rawValue))

    /// The largest numerator or denominator of a number in a premise.
    public static let maximumMagnitude = 1_000_000_000

    /// The construction that creates the points of a premise clause: each is placed at its
    /// coordinates (a free point with a coordinate hint) and nothing is asserted.
    static func givenPointsDefinition(count: Int, location: SourceLocation) -> ConstructionDefinition {
        let parameters = (0..<count).map { "p\($0)" }
        return ConstructionDefinition(
            name: "given", parameters: parameters, newPoints: parameters, numberParameters: [],
            preconditions: [], facts: [], dependencies: Dictionary(uniqueKeysWithValues: parameters.map { ($0, []) }),
            placements: parameters.map { PlacementStep(points: [$0], terms: []) },
            alternativeOrder: nil, documentation: "points given by their coordinates", location: location,
            role: .givenPoints)
    }

    /// The call of one premise: its facts, over the points it names (`names`, distinct).
    static func premiseDefinition(written: String, predicate: String, facts: [Statement], names: (PointID) -> String,
                                  location: SourceLocation) -> (ConstructionDefinition, [Argument]) {
        var points: [PointID] = []
        for fact in facts { for p in fact.points where !points.contains(p) { points.append(p) } }
        let templates = facts.map { fact in
            FactTemplate(predicate: fact.predicate, arguments: fact.arguments.map { argument in
                switch argument {
                case .point(let p): return .parameter(names(p))
                case .number(let n): return .number(n)
                }
            })
        }
        let definition = ConstructionDefinition(
            name: predicate, parameters: points.map(names), newPoints: [], numberParameters: [],
            preconditions: [], facts: templates, dependencies: [:], placements: [],
            alternativeOrder: nil, documentation: written, location: location, role: .premise)
        return (definition, points.map { .point($0) })
    }

    /// Why a premise is refused, or the facts of Gougu's predicates it states.
    public enum Reading: Equatable {
        case facts([Statement])
        case refused(String)
    }

    /// The facts a premise states, from its predicate, its points in order and its numbers
    /// in order (AlphaGeometry 2 separates the two: a number is any argument starting with a
    /// digit or `-`).
    ///
    /// The meanings are those of `ddar.py` (directions of lines counterclockwise, angles
    /// modulo 180°): `aconst a b c d t` and `s_angle a b c d t` say that the direction of ab
    /// minus the direction of cd is t degrees, which is Gougu's `aconst c d a b t` (the
    /// angle from cd to ab). `angeq`, `distmeq` and `distseq` are linear relations between
    /// directions, log-lengths and lengths; those of the shapes of Gougu's predicates are
    /// read as them, and the rest are refused.
    public static func facts(of predicate: String, points p: [PointID], numbers: [NumberLiteral]) -> Reading {
        guard let word = Word(rawValue: predicate) else {
            return .refused("unknown predicate \(Diagnostic.quoted(predicate)) in a premise; the premise language has \(predicates.sorted().joined(separator: ", "))")
        }
        let n = numbers
        // Exact arithmetic on the numbers stays within 64 bits.
        guard numbers.allSatisfy({ abs($0.numerator) <= maximumMagnitude && $0.denominator <= maximumMagnitude }) else {
            return .refused("the numbers of a premise are fractions of integers of at most \(maximumMagnitude)")
        }
        func shape(_ points: Int, _ count: Int, _ form: String) -> Reading? {
            p.count == points && n.count == count ? nil
                : .refused("'\(predicate)' takes \(form); found \(p.count) points and \(n.count) numbers")
        }
        switch word {
        case .coll:
            guard p.count >= 3, n.isEmpty else { return .refused("'coll' takes three or more points and no numbers") }
            return .facts([Statement(predicate: .coll, arguments: p.map { .point($0) })])
        case .cyclic:
            guard p.count >= 4, n.isEmpty else { return .refused("'cyclic' takes four or more points and no numbers") }
            return .facts([Statement(predicate: .cyclic, arguments: p.map { .point($0) })])
        case .para, .perp, .cong:
            if let bad = shape(4, 0, "four points") { return bad }
            let same: Predicate = word == .para ? .para : word == .perp ? .perp : .cong
            return .facts([Statement(predicate: same, arguments: p.map { .point($0) })])
        case .eqangle, .eqratio:
            if let bad = shape(8, 0, "eight points") { return bad }
            return .facts([Statement(predicate: word == .eqangle ? .eqangle : .eqratio, arguments: p.map { .point($0) })])
        case .aconst, .sAngle:
            if let bad = shape(4, 1, "four points and an angle in degrees") { return bad }
            return .facts([angle(from: (p[2], p[3]), to: (p[0], p[1]), degrees: rational(n[0], asAngle: true))])
        case .rconst:
            if let bad = shape(4, 1, "four points and a ratio") { return bad }
            let r = rational(n[0], asAngle: false)
            guard r.numerator > 0, !n[0].isMultipleOfPi else { return .refused("the ratio of 'rconst' must be a positive rational") }
            return .facts([ratio(p[0], p[1], p[2], p[3], r)])
        case .angeq:
            guard n.count >= 2, p.count == 2 * (n.count - 1) else {
                return .refused("'angeq' takes pairs of points, one coefficient for each pair, then an angle in degrees")
            }
            let coefficients = n.dropLast().map { rational($0, asAngle: false) }
            let k = rational(n[n.count - 1], asAngle: true)
            guard n.dropLast().allSatisfy({ !$0.isMultipleOfPi }) else { return .refused("the coefficients of 'angeq' must be rationals") }
            // Σ cᵢ·dir(pairᵢ) + k ≡ 0 (mod 180°).
            if integers(coefficients, [1, -1]) || integers(coefficients, [-1, 1]) {
                // dir(ab) − dir(cd) = −k with the first pair taken positively.
                let (a, b, c, d) = coefficients[0].numerator > 0 ? (p[0], p[1], p[2], p[3]) : (p[2], p[3], p[0], p[1])
                return .facts([angle(from: (c, d), to: (a, b), degrees: (-k.numerator, k.denominator))])
            }
            if (integers(coefficients, [1, -1, -1, 1]) || integers(coefficients, [-1, 1, 1, -1])),
               normalizedDegrees(k) == (0, 1) {
                return .facts([Statement(predicate: .eqangle, arguments: p.map { .point($0) })])
            }
            return .refused("'angeq' states a linear relation between \(coefficients.count) directions; Gougu reads only those of the shape of its predicates: two directions with coefficients 1 and -1 (an angle: 'aconst', 'para', 'perp'), or four with 1 -1 -1 1 and angle 0 ('eqangle')")
        case .distmeq:
            guard n.count >= 2, p.count == 2 * (n.count - 1) else {
                return .refused("'distmeq' takes pairs of points, one exponent for each pair, then a positive constant")
            }
            let exponents = n.dropLast().map { rational($0, asAngle: false) }
            let k = rational(n[n.count - 1], asAngle: false)
            guard k.numerator > 0, n.allSatisfy({ !$0.isMultipleOfPi }) else {
                return .refused("the exponents and the constant of 'distmeq' must be rationals, the constant positive")
            }
            // Π |pairᵢ|^eᵢ · k = 1.
            if integers(exponents, [1, -1]) || integers(exponents, [-1, 1]) {
                let (a, b, c, d) = exponents[0].numerator > 0 ? (p[0], p[1], p[2], p[3]) : (p[2], p[3], p[0], p[1])
                return .facts([ratio(a, b, c, d, (k.denominator, k.numerator))])
            }
            if (integers(exponents, [1, -1, -1, 1]) || integers(exponents, [-1, 1, 1, -1])), k == (1, 1) {
                return .facts([Statement(predicate: .eqratio, arguments: p.map { .point($0) })])
            }
            return .refused("'distmeq' states a product of \(exponents.count) lengths; Gougu reads only those of the shape of its predicates: two lengths with exponents 1 and -1 (a ratio: 'cong', 'rconst'), or four with 1 -1 -1 1 and constant 1 ('eqratio')")
        case .distseq:
            guard n.count >= 1, p.count == 2 * n.count else {
                return .refused("'distseq' takes pairs of points and one coefficient for each pair")
            }
            let coefficients = n.map { rational($0, asAngle: false) }
            guard n.allSatisfy({ !$0.isMultipleOfPi }) else { return .refused("the coefficients of 'distseq' must be rationals") }
            // Σ cᵢ·|pairᵢ| = 0.
            if coefficients.count == 2, coefficients[0].numerator != 0,
               (coefficients[0].numerator > 0) != (coefficients[1].numerator > 0), coefficients[1].numerator != 0 {
                // |ab| / |cd| = −c₂ / c₁.
                let (c1, c2) = (coefficients[0], coefficients[1])
                let r = reduced(-c2.numerator * c1.denominator, c2.denominator * c1.numerator)
                return .facts([ratio(p[0], p[1], p[2], p[3], r)])
            }
            return .refused("'distseq' states a sum of \(coefficients.count) lengths; Gougu has no predicate for sums of lengths and reads only two lengths with coefficients of opposite signs (a ratio: 'cong', 'rconst')")
        case .cyclicWithCenters:
            guard n.count == 1, n[0].denominator == 1, !n[0].isMultipleOfPi, n[0].numerator >= 0, n[0].numerator <= p.count else {
                return .refused("'cyclic_with_centers' takes its centres, then points of the circle, then the number of centres")
            }
            let centres = Array(p.prefix(n[0].numerator)), onCircle = Array(p.dropFirst(n[0].numerator))
            if centres.isEmpty {
                guard onCircle.count >= 4 else { return .refused("'cyclic_with_centers' with no centre names fewer than four points: it says nothing") }
                return .facts([Statement(predicate: .cyclic, arguments: onCircle.map { .point($0) })])
            }
            guard let first = onCircle.first, centres.count * onCircle.count >= 2 else {
                return .refused("'cyclic_with_centers' names one centre and one point: it says nothing")
            }
            // Every centre is at the same distance from every point.
            var facts: [Statement] = []
            for c in centres {
                for q in onCircle where !(c == centres[0] && q == first) {
                    facts.append(Statement(predicate: .cong, arguments: [.point(centres[0]), .point(first), .point(c), .point(q)]))
                }
            }
            return .facts(facts)
        case .overlap:
            return .refused("'overlap' says that two names are one point; Gougu needs one name for each point: write the point once and use that name")
        case .acompute, .rcompute:
            return .refused("'\(predicate)' asks for a value; it is a goal, not a premise")
        }
    }

    /// Whether the rationals are these integers.
    static func integers(_ values: [(numerator: Int, denominator: Int)], _ expected: [Int]) -> Bool {
        values.count == expected.count && zip(values, expected).allSatisfy { $0.0.denominator == 1 && $0.0.numerator == $0.1 }
    }

    /// Gougu's `aconst c d a b t` (the angle from line `from` to line `to` is t degrees),
    /// with t in [0, 180).
    public static func angle(from: (PointID, PointID), to: (PointID, PointID), degrees: (numerator: Int, denominator: Int)) -> Statement {
        let (p, q) = normalizedDegrees(degrees)
        let points: [Argument] = [.point(from.0), .point(from.1), .point(to.0), .point(to.1)]
        switch (p, q) {
        case (0, 1): return Statement(predicate: .para, arguments: points)
        case (90, 1): return Statement(predicate: .perp, arguments: points)
        default: return Statement(predicate: .aconst, arguments: points + [.number(literal(p, q))])
        }
    }

    /// `rconst a b c d r`, or `cong a b c d` when r is 1.
    public static func ratio(_ a: PointID, _ b: PointID, _ c: PointID, _ d: PointID, _ r: (numerator: Int, denominator: Int)) -> Statement {
        let points: [Argument] = [.point(a), .point(b), .point(c), .point(d)]
        let (p, q) = reduced(r.numerator, r.denominator)
        if p == q { return Statement(predicate: .cong, arguments: points) }
        return Statement(predicate: .rconst, arguments: points + [.number(literal(p, q))])
    }

    /// The literal's value as a reduced fraction; with `asAngle`, in degrees (`1pi/3` is 60).
    static func rational(_ n: NumberLiteral, asAngle: Bool) -> (numerator: Int, denominator: Int) {
        n.isMultipleOfPi && asAngle ? reduced(n.numerator * 180, n.denominator) : (n.numerator, n.denominator)
    }

    /// An angle in degrees reduced into [0, 180).
    static func normalizedDegrees(_ value: (numerator: Int, denominator: Int)) -> (Int, Int) {
        let (p, q) = reduced(value.numerator, value.denominator)
        let period = 180 * q
        return reduced(((p % period) + period) % period, q)
    }

    static func reduced(_ p: Int, _ q: Int) -> (Int, Int) {
        guard q != 0 else { return (p, 1) }
        var (x, y) = (abs(p), abs(q))
        while y != 0 { (x, y) = (y, x % y) }
        let g = max(x, 1)
        let sign = q < 0 ? -1 : 1
        return (sign * p / g, sign * q / g)
    }

    static func literal(_ p: Int, _ q: Int) -> NumberLiteral {
        NumberLiteral(q == 1 ? "\(p)" : "\(p)/\(q)")!
    }

    /// A fact of Gougu's predicates written as a premise: the same words, except `aconst`,
    /// whose pairs AlphaGeometry 2 writes the other way round (`aconst c d a b t` is the
    /// premise `aconst a b c d t`); nil for a predicate the premise language lacks.
    public static func premiseText(of fact: Statement, in problem: Problem) -> String? {
        switch fact.predicate {
        case .aconst:
            let a = fact.arguments
            guard a.count == 5 else { return nil }
            return problem.text(of: Statement(predicate: .aconst, arguments: [a[2], a[3], a[0], a[1], a[4]]))
        case .coll, .cyclic, .para, .perp, .cong, .eqangle, .eqratio, .rconst:
            return problem.text(of: fact)
        case .eqangle6: return problem.text(of: Statement(predicate: .eqangle, arguments: fact.arguments))
        case .eqratio6: return problem.text(of: Statement(predicate: .eqratio, arguments: fact.arguments))
        case .circle:
            let a = fact.arguments
            guard a.count == 4 else { return nil }
            return "cyclic_with_centers " + [a[0], a[1], a[2], a[3]].map(problem.text(of:)).joined(separator: " ") + " 1"
        case .midp:
            let a = fact.arguments
            guard a.count == 3 else { return nil }
            return "coll " + [a[0], a[1], a[2]].map(problem.text(of:)).joined(separator: " ") + ", cong "
                + [a[0], a[1], a[0], a[2]].map(problem.text(of:)).joined(separator: " ")
        case .eqratio3, .simtri, .simtri2, .contri, .contri2, .sameside, .sameclock, .oppclock, .ncong, .diff,
             .ncoll, .npara, .nperp, .simtriEither, .contriEither:
            return nil
        }
    }
}

/// What a construction definition is: one of the theorem library, or one that the premise
/// language makes for a clause (`PremiseLanguage`).
public enum ConstructionRole: Hashable, Sendable {
    /// A construction of `TheoremLibrary/constructions.txt`.
    case construction
    /// The points of a premise clause, given by their coordinates.
    case givenPoints
    /// One premise of a premise clause; its facts are the premise's.
    case premise
}

extension Clause {
    /// Whether the clause gives its points by their coordinates, with premises about them
    /// (the premise language), rather than by constructions.
    public var isGiven: Bool { constructions.first?.definition.role == .givenPoints }
}
