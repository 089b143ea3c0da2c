import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials
import GouguTestSupport
import Testing

/// The symmetries of each predicate (`Predicate.symmetry`), which the proof writer and the
/// checker rely on to treat a statement and its points reordered as one fact, are
/// symmetries of the predicate's meaning: its polynomial equations are the same up to a
/// rational combination, it holds wherever the statement holds in random figures, and no
/// other order of the points does so.
@Suite struct PredicateSymmetryTests {
    // MARK: Figures

    /// A random point of the unit square's neighbourhood.
    static func point(_ rng: inout SplitMix64) -> Vector2 {
        Vector2(Double(rng.below(1_000_000)) / 500_000 - 1, Double(rng.below(1_000_000)) / 500_000 - 1)
    }

    static func angle(_ rng: inout SplitMix64) -> Double { Double(rng.below(1_000_000)) / 1_000_000 * 2 * Double.pi }

    /// A random figure of `predicate`'s points (and numbers) where it holds: built from its
    /// meaning, generic otherwise (a side condition: random points, drawn until it holds).
    static func figure(_ predicate: Predicate, _ rng: inout SplitMix64) -> (points: [Vector2], numbers: [NumberLiteral]) {
        func p() -> Vector2 { point(&rng) }
        func unit() -> Vector2 { Vector2.unit(angle: angle(&rng)) }
        func scale() -> Double { 0.3 + Double(rng.below(1000)) / 1000 }
        switch predicate {
        case .coll:
            let (a, d) = (p(), unit())
            return ((0..<4).map { _ in a + (Double(rng.below(2000)) / 1000 - 1) * d }, [])
        case .cyclic:
            let (o, r) = (p(), scale())
            return ((0..<4).map { _ in o + r * unit() }, [])
        case .para:
            let (a, b, c) = (p(), p(), p())
            return ([a, b, c, c + scale() * (b - a)], [])
        case .perp:
            let (a, b, c) = (p(), p(), p())
            return ([a, b, c, c + scale() * (b - a).perpendicular], [])
        case .cong:
            let (a, b, c) = (p(), p(), p())
            return ([a, b, c, c + a.distance(to: b) * unit()], [])
        case .midp:
            let (a, b) = (p(), p())
            return ([(a + b) / 2, a, b], [])
        case .circle:
            let (o, r) = (p(), scale())
            return ([o, o + r * unit(), o + r * unit(), o + r * unit()], [])
        case .eqangle, .eqangle6:
            let (a, b, c, d, pp, q, r) = (p(), p(), p(), p(), p(), p(), p())
            let turn = (d - c).angle - (b - a).angle
            return ([a, b, c, d, pp, q, r, r + scale() * Vector2.unit(angle: (q - pp).angle + turn)], [])
        case .eqratio, .eqratio6:
            let (a, b, c, d, pp, q, r) = (p(), p(), p(), p(), p(), p(), p())
            return ([a, b, c, d, pp, q, r, r + (c.distance(to: d) * pp.distance(to: q) / a.distance(to: b)) * unit()], [])
        case .eqratio3:
            // ma : mc = nb : nd (what the diagram checks; m on ac and n on bd is a special case).
            let (a, b, c, m, n) = (p(), p(), p(), p(), p())
            return ([a, b, c, n + (n.distance(to: b) * m.distance(to: c) / m.distance(to: a)) * unit(), m, n], [])
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither:
            let (a, b, c) = (p(), p(), p())
            let reflected = predicate == .simtri2 || predicate == .contri2
                || (predicate.triangleOrientation == .either && rng.below(2) == 0)
            let k = predicate.isCongruentTriangles ? 1 : scale()
            let (turn, shift) = (angle(&rng), p())
            func image(_ v: Vector2) -> Vector2 { shift + k * (reflected ? Vector2(v.x, -v.y) : v).rotated(by: turn) }
            return ([a, b, c, image(a), image(b), image(c)], [])
        case .aconst:
            let (a, b, c) = (p(), p(), p())
            return ([a, b, c, c + scale() * Vector2.unit(angle: (b - a).angle + Double.pi / 3)], [NumberLiteral("60")!])
        case .rconst:
            let (a, c, d) = (p(), p(), p())
            return ([a, a + 1.5 * c.distance(to: d) * unit(), c, d], [NumberLiteral("3/2")!])
        case .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp:
            while true {
                let points = (0..<pointTotal(predicate)).map { _ in p() }
                if NumericFacts.holds(predicate, at: points) { return (points, []) }
            }
        }
    }

    /// The arguments reordered: `order[i]` is the position argument i comes from.
    static func reordered<T>(_ xs: [T], _ order: [Int]) -> [T] { order.map { xs[$0] } }

    /// Whether `predicate` holds of the figure's points reordered by `order` (numbers stay).
    static func holds(_ predicate: Predicate, _ figure: (points: [Vector2], numbers: [NumberLiteral]), _ order: [Int]) -> Bool {
        NumericFacts.holds(predicate, at: reordered(figure.points, order), numbers: figure.numbers)
    }

    /// How many points a figure of the predicate has: four of a point set.
    static func pointTotal(_ predicate: Predicate) -> Int { predicate.symmetry.isPointSet ? 4 : predicate.pointCount }

    /// The orders of the points to try for a predicate: its group's (the numbers, last,
    /// stay in place); every order of four points for a point set.
    static func orders(_ predicate: Predicate) -> [[Int]] {
        guard !predicate.symmetry.isPointSet else { return permutations(4) }
        return predicate.symmetricOrders(count: predicate.pointCount + predicate.numberCount).map { Array($0.prefix(predicate.pointCount)) }
    }

    static func permutations(_ n: Int) -> [[Int]] {
        guard n > 0 else { return [[]] }
        return permutations(n - 1).flatMap { p in (0...p.count).map { k in var q = p; q.insert(n - 1, at: k); return q } }
    }

    // MARK: Numerically

    /// Every order the group gives holds wherever the statement holds.
    @Test(arguments: Predicate.allCases) func everySymmetryHoldsWhereTheStatementHolds(_ predicate: Predicate) {
        var rng = SplitMix64(seed: 2026)
        let orders = Self.orders(predicate)
        #expect(!orders.isEmpty)
        for _ in 0..<50 {
            let figure = Self.figure(predicate, &rng)
            #expect(Self.holds(predicate, figure, Array(figure.points.indices)), "the figure of \(predicate) is one where it holds")
            for order in orders where !Self.holds(predicate, figure, order) {
                Issue.record("\(predicate) does not hold with its points in the order \(order)")
                return
            }
        }
    }

    /// On random points, a statement and its symmetric forms hold or fail together (so a
    /// symmetry is one both ways, side conditions included).
    @Test(arguments: Predicate.allCases) func aStatementAndItsSymmetricFormsHoldOrFailTogether(_ predicate: Predicate) {
        var rng = SplitMix64(seed: 7)
        let orders = Self.orders(predicate)
        for _ in 0..<200 {
            var figure = (points: (0..<Self.pointTotal(predicate)).map { _ in Self.point(&rng) }, numbers: Self.figure(predicate, &rng).numbers)
            if rng.below(2) == 0 { figure.points = Self.figure(predicate, &rng).points }
            let holds = Self.holds(predicate, figure, Array(figure.points.indices))
            for order in orders where Self.holds(predicate, figure, order) != holds {
                Issue.record("\(predicate) and its order \(order) disagree")
                return
            }
        }
    }

    /// Every order of the points that the group does not give fails in some figure where the
    /// statement holds: the group is all the symmetries there are, and a statement with its
    /// points so reordered is another fact (for the predicates a step may state; a side
    /// condition such as `npara` holds almost everywhere in any order).
    @Test(arguments: Predicate.allCases.filter { !$0.isSideCondition && !$0.symmetry.isPointSet })
    func noOtherOrderIsASymmetry(_ predicate: Predicate) {
        var rng = SplitMix64(seed: 11)
        let group = Set(Self.orders(predicate))
        let figures = (0..<6).map { _ in Self.figure(predicate, &rng) }
        for order in Self.permutations(predicate.pointCount) where !group.contains(order) {
            if figures.allSatisfy({ Self.holds(predicate, $0, order) }) {
                Issue.record("\(predicate) holds in every figure with its points in the order \(order), which is no symmetry")
                return
            }
        }
    }

    // MARK: Polynomially

    /// The statement of `predicate` on points 0, 1, ... (numbers as in `figure`).
    static func statement(_ predicate: Predicate, points: Int, numbers: [NumberLiteral]) -> Statement {
        Statement(predicate: predicate, arguments: (0..<points).map { .point(PointID($0)) } + numbers.map { .number($0) })
    }

    /// Point k at the symbols (x_{2k}, x_{2k+1}).
    static func symbolic(_ p: PointID) -> PlanePoint<RationalFunction> {
        PlanePoint(x: RationalFunction(.variable(2 * p.index)), y: RationalFunction(.variable(2 * p.index + 1)))
    }

    /// The polynomial equations of a statement over symbolic coordinates (their denominators are 1).
    static func equations(_ s: Statement) throws -> [Polynomial] {
        try PredicateEquations.equations(of: s, in: .cartesian, point: symbolic).map(\.numerator)
    }

    /// Whether `p` is a combination of `basis` with small integer coefficients (the forms of
    /// a statement differ by signs and differences of its equations).
    static func inSpan(_ p: Polynomial, _ basis: [Polynomial]) -> Bool {
        var combinations: [[Int]] = [[]]
        for _ in basis { combinations = combinations.flatMap { c in (-2...2).map { c + [$0] } } }
        return combinations.contains { c in
            zip(c, basis).reduce(p) { $0 - $1.1.scaled(by: Rational($1.0)) }.isZero
        }
    }

    /// The predicates with a polynomial meaning (`PredicateEquations`), with the numbers and
    /// the count of points to try: a fixed number, or four of a point set.
    static let polynomialCases: [(Predicate, Int, [NumberLiteral])] = [
        (.coll, 3, []), (.cyclic, 4, []), (.para, 4, []), (.perp, 4, []), (.cong, 4, []), (.midp, 3, []),
        (.circle, 4, []), (.eqangle, 8, []), (.eqratio, 8, []), (.aconst, 4, [NumberLiteral("90")!]),
        (.aconst, 4, [NumberLiteral("45")!]), (.rconst, 4, [NumberLiteral("3/2")!]),
    ]

    /// Each generator of the group, applied to a statement in general position, gives
    /// equations that are rational combinations of the statement's own (over symbolic
    /// coordinates): the two say the same wherever the points are distinct. The generators
    /// are permutations of finite order, so the inclusion holds both ways.
    @Test func everyGeneratorKeepsThePolynomialEquations() throws {
        for (predicate, count, numbers) in Self.polynomialCases {
            let s = Self.statement(predicate, points: count, numbers: numbers)
            let own = try Self.equations(s)
            let generators: [[Int]]
            switch predicate.symmetry {
            case .pointSet: generators = (1..<count).map { k in var g = Array(0..<count); g.swapAt(0, k); return g }
            case .generators(let list): generators = list
            }
            for g in generators {
                let moved = Statement(predicate: predicate, arguments: Self.reordered(s.arguments, g + Array(g.count..<s.arguments.count)))
                for e in try Self.equations(moved) {
                    #expect(Self.inSpan(e, own), "\(predicate) reordered by \(g): \(e) is not a combination of its equations")
                }
            }
        }
    }

    /// `eqangle6` and `eqratio6` are `eqangle` and `eqratio` under other names: the same
    /// numeric meaning on every figure.
    @Test func theRepeatedPointNamesMeanWhatTheirPredicatesMean() {
        var rng = SplitMix64(seed: 3)
        for (named, meaning) in [(Predicate.eqangle6, Predicate.eqangle), (.eqratio6, .eqratio)] {
            #expect(named.meaningPredicate == meaning)
            for k in 0..<100 {
                let figure = k % 2 == 0 ? Self.figure(named, &rng).points : (0..<8).map { _ in Self.point(&rng) }
                #expect(NumericFacts.holds(named, at: figure) == NumericFacts.holds(meaning, at: figure))
            }
        }
    }

    // MARK: Statements

    static let problem = try! ProblemParser().parseProblem(
        name: "points", statement: "a = free a; b = free b; c = free c; d = free d; p = free p; q = free q; r = free r; s = free s ? coll a b c")

    static func parse(_ text: String) -> Statement {
        let words = text.split(separator: " ")
        let predicate = Predicate(name: words[0])!
        return Statement(predicate: predicate, arguments: words.dropFirst().map { word in
            problem.point(named: String(word)).map { .point($0) } ?? .number(NumberLiteral(String(word))!)
        })
    }

    @Test func aPerpendicularIsTheSameFactWithItsLinesOrTheirPointsSwapped() {
        let perp = Self.parse("perp a b c d")
        for other in ["perp c d a b", "perp b a c d", "perp d c b a"] { #expect(Self.parse(other).isRestatement(of: perp)) }
        for other in ["perp a c b d", "para a b c d", "perp a b c a"] { #expect(!Self.parse(other).isRestatement(of: perp)) }
    }

    @Test func equalAnglesAreTheSameFactInTheirAlternateForm() {
        let angles = Self.parse("eqangle a b c d p q r s")
        for other in ["eqangle a b p q c d r s", "eqangle c d a b r s p q", "eqangle p q r s a b c d", "eqangle6 b a d c q p s r"] {
            #expect(Self.parse(other).isRestatement(of: angles), "\(other)")
        }
        // The angle from cd to ab is the negative of the one from ab to cd: another fact.
        for other in ["eqangle c d a b p q r s", "eqangle a b c d r s p q", "eqratio a b c d p q r s"] {
            #expect(!Self.parse(other).isRestatement(of: angles), "\(other)")
        }
    }

    @Test func pointsOnOneLineOrCircleAreASet() {
        #expect(Self.parse("coll c a b").isRestatement(of: Self.parse("coll a b c")))
        #expect(Self.parse("cyclic a b c a d b").isRestatement(of: Self.parse("cyclic d c b a")))
        #expect(!Self.parse("cyclic a b c p").isRestatement(of: Self.parse("cyclic a b c d")))
        #expect(!Self.parse("coll a b c").isRestatement(of: Self.parse("coll a b c d")))
    }

    @Test func aNumberStaysWithItsStatement() {
        #expect(Self.parse("aconst b a c d 60").isRestatement(of: Self.parse("aconst a b c d 60")))
        #expect(!Self.parse("aconst c d a b 60").isRestatement(of: Self.parse("aconst a b c d 60")))
        #expect(!Self.parse("rconst a b c d 2").isRestatement(of: Self.parse("rconst a b c d 3")))
    }

    /// Restatements share one canonical form, and other statements do not.
    @Test func restatementsShareTheirCanonicalForm() {
        var rng = SplitMix64(seed: 5)
        let names = ["a", "b", "c", "d", "p", "q", "r", "s"]
        for predicate in Predicate.allCases {
            let count = predicate.symmetry.isPointSet ? 5 : predicate.pointCount
            let numbers = Self.figure(predicate, &rng).numbers.map(\.text)
            for _ in 0..<30 {
                let points = (0..<count).map { _ in names[rng.below(names.count)] }
                let s = Self.parse(([predicate.name] + points + numbers).joined(separator: " "))
                let shuffled = (0..<count).map { _ in names[rng.below(names.count)] }
                let t = Self.parse(([predicate.name] + shuffled + numbers).joined(separator: " "))
                #expect((s.canonicalForm == t.canonicalForm) == s.isRestatement(of: t), "\(predicate) \(points) \(shuffled)")
                for order in Self.orders(predicate) where !predicate.symmetry.isPointSet {
                    let moved = Statement(predicate: predicate, arguments: Self.reordered(s.arguments, order + Array(order.count..<s.arguments.count)))
                    #expect(moved.canonicalForm == s.canonicalForm && moved.isRestatement(of: s))
                }
            }
        }
    }

    /// A restatement is degenerate exactly when the statement is: a symmetry never turns a
    /// fact a step may state into one it may not.
    @Test func aRestatementIsDegenerateExactlyWhenTheStatementIs() {
        var rng = SplitMix64(seed: 9)
        let names = ["a", "b", "c", "d"]
        for predicate in Predicate.allCases where !predicate.symmetry.isPointSet {
            let numbers = Self.figure(predicate, &rng).numbers.map(\.text)
            for _ in 0..<40 {
                let s = Self.parse(([predicate.name] + (0..<predicate.pointCount).map { _ in names[rng.below(4)] } + numbers).joined(separator: " "))
                for order in predicate.symmetricOrders(count: s.arguments.count) {
                    #expect(Statement(predicate: predicate, arguments: Self.reordered(s.arguments, order)).isDegenerate == s.isDegenerate)
                }
            }
        }
    }
}
