import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguTestSupport

/// Deduction covers AlphaGeometry's reference rule list (`../shared/reference/alphageometry/
/// rules.txt`, one rule a line): for each rule, numbered by its line, one small problem
/// whose figure (generic, drawn from seed 0) makes the rule's premises true and whose goal
/// is the rule's conclusion, with the same predicate and the points in an order the rule
/// concludes. The engine alone (no auxiliary points, no coordinates) proves every one.
///
/// The engine need not prove an instance with the matching rule of
/// `TheoremLibrary/rules.txt`: the angle and ratio tables prove many of them directly (two
/// perpendiculars to one line, chains of equal angles or ratios), and a congruence may
/// come from a similarity and an equal side (`gougu solve --no-aux` prints which). The
/// reference text is read, never copied: the comments below say in our own words which
/// theorem each rule is.
@Suite struct ReferenceRuleCoverageTests {
    /// One problem per reference rule.
    static let instances: [(rule: Int, statement: String)] = [
        // Two lines perpendicular to one line are parallel.
        (1, "a b c = triangle a b c; d = on_tline d a b c; e = free e; f = on_tline f e b c ? para a d e f"),
        // Four points equidistant from one centre are concyclic.
        (2, "o a = segment o a; b = on_circle b o a; c = on_circle c o a; d = on_circle d o a ? cyclic a b c d"),
        // Two lines making the same angle with a third are parallel.
        (3, "p q = segment p q; a b = segment a b; e = intersection_ll e a b p q; c = on_line c p q; d = on_aline d c p b e p ? para a b c d"),
        // Inscribed angles on one chord are equal.
        (4, "a b p = triangle a b p; q = on_circum q a b p ? eqangle p a p b q a q b"),
        // Two points seeing a segment under equal angles are concyclic with it.
        (5, "a b p = triangle a b p; q = eqangle3 q a b p a b ? cyclic a b p q"),
        // In one circle, chords seen under equal inscribed angles are equal.
        (6, "a b c = triangle a b c; o = circle o a b c; p = on_circle p o a; r = on_circle r o a; q = on_circle q o a, on_aline q r p b c a ? cong a b p q"),
        // The segment joining the midpoints of two sides is parallel to the third.
        (7, "a b c = triangle a b c; e = midpoint e a b; f = midpoint f a c ? para e f b c"),
        // Thales: parallels cut the two lines through a point proportionally.
        (8, "o a b = triangle o a b; c = on_line c o a; d = on_line d o b, on_pline d c a b ? eqratio3 a b c d o o"),
        // Two right angles are equal (as angles between lines).
        (9, "a b c = triangle a b c; d = on_tline d c a b; e f g = triangle e f g; h = on_tline h g e f ? eqangle a b e f c d g h"),
        // Equalities of angles chain: adding equal angles to equal angles.
        (10, "a b c d = quadrangle a b c d; e f = segment e f; g = intersection_ll g a b c d; h = intersection_ll h c d e f; m n = segment m n; q = on_aline q m n d g b; u = on_aline u m q f h d ? eqangle a b e f m n m u"),
        // Equalities of ratios chain: multiplying equal ratios.
        (11, "a c e = triangle a c e; f g h = triangle f g h; x = eqratio6 x a c e f g h; s t = segment s t; y = eqratio6 y s t x c g h ? eqratio x a y s e f y t"),
        // Converse of the bisector theorem: a point of the side dividing it as the other two sides bisects the angle.
        (12, "a b c = triangle a b c; d = on_line d b c, eqratio6 d b c a b a c ? eqangle6 a b a d a d a c"),
        // Bisector theorem: the bisector divides the opposite side as the adjacent sides.
        (13, "a b c = triangle a b c; d = angle_bisector d b a c, on_line d b c ? eqratio6 d b d c a b a c"),
        // An isosceles triangle has equal base angles.
        (14, "o a = segment o a; b = on_circle b o a ? eqangle o a a b a b o b"),
        // A triangle with equal base angles is isosceles.
        (15, "a b c = triangle a b c; o = on_line o b c, on_aline o a b a b c ? cong o a o b"),
        // The tangent and a chord make the inscribed angle on that chord.
        (16, "a b c = triangle a b c; o = circle o a b c; x = on_tline x a o a ? eqangle a x a b c a c b"),
        // Converse: a line through a point of the circle making the inscribed angle with a chord is the tangent.
        (17, "a b c = triangle a b c; o = circle o a b c; x = on_aline x a b a c b ? perp o a a x"),
        // The inscribed angle equals half the central angle (the angle at the centre to the chord's midpoint).
        (18, "a b c = triangle a b c; o = circle o a b c; m = midpoint m b c ? eqangle a b a c o b o m"),
        // Converse: the point of a chord seen from the centre under the inscribed angle is its midpoint.
        (19, "a b c = triangle a b c; o = circle o a b c; m = on_line m b c, on_aline m o b c a b ? midp m b c"),
        // The midpoint of the hypotenuse is equidistant from the three vertices.
        (20, "a b = segment a b; c = on_tline c b a b; m = midpoint m a c ? cong a m b m"),
        // An angle inscribed in a semicircle is right.
        (21, "o a = segment o a; c = mirror c a o; b = on_circle b o a ? perp a b b c"),
        // A cyclic trapezoid is isosceles (equal base angles).
        (22, "a b c = triangle a b c; d = on_circum d a b c, on_pline d c a b ? eqangle a d c d c d c b"),
        // Points of the perpendicular bisector are equidistant from the ends.
        (23, "a b = segment a b; m = midpoint m a b; o = on_tline o m a b ? cong o a o b"),
        // Two points each equidistant from the ends of a segment span its perpendicular bisector.
        (24, "a b = segment a b; p = on_bline p a b; q = on_bline q a b ? perp a b p q"),
        // Two points of the perpendicular bisector concyclic with the segment are a diameter: right angle.
        (25, "a b = segment a b; p = on_bline p a b; q = on_bline q a b, on_circum q a b p ? perp p a a q"),
        // Two segments sharing their midpoint are the diagonals of a parallelogram.
        (26, "a b = segment a b; m = midpoint m a b; c = free c; d = mirror d c m ? para a c b d"),
        // The diagonals of a parallelogram bisect each other.
        (27, "a c b = triangle a c b; d = parallelogram a c b d; m = midpoint m a b ? midp m c d"),
        // Converse of Thales: points cutting two lines through a point in one ratio span parallels.
        (28, "o a b = triangle o a b; c = on_line c o a; d = on_line d o b, eqratio6 d b o a c o c ? para a b c d"),
        // Two parallels through one point are one line.
        (29, "x y = segment x y; a = free a; b = on_pline b a x y; c = on_pline c a x y ? coll a b c"),
        // Midpoints cut their segments in the same ratio.
        (30, "a b = segment a b; m = midpoint m a b; c d = segment c d; n = midpoint n c d ? eqratio m a a b n c c d"),
        // An angle equal to a right angle is right.
        (31, "p q = segment p q; u = free u; v = on_tline v u p q; a b = segment a b; e = intersection_ll e a b p q; c = on_line c u v; d = on_aline d c u b e p ? perp a b c d"),
        // Equal ratios with equal second terms have equal first terms.
        (32, "a b c = triangle a b c; p q = segment p q; v = free v; d = eqdistance d v p q, eqratio6 d c v a b p q ? cong a b c d"),
        // Side-side-side congruence (either orientation).
        (33, "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = eqdistance r p c a, eqdistance r q b c ? contri* a b c p q r"),
        // Side-angle-side congruence (either orientation). The angle is taken between lines, so r has two
        // positions on its line; seed 0 draws the congruent one (see `sideAngleSideNeedsOrientation`).
        (34, "a b c = triangle a b c; q u = segment q u; p = on_line p q u, eqdistance p q a b; r = on_aline r q p c b a, eqdistance r q b c ? contri* a b c p q r"),
        // Two equal angles: similar triangles, same orientation.
        (35, "a b c = triangle a b c; p q = segment p q; r = on_aline r q p c b a, eqangle3 r p q c a b ? simtri a b c p q r"),
        // Two opposite angles: similar triangles, opposite orientations.
        (36, "a b c = triangle a b c; p q = segment p q; r = on_aline r q p a b c, eqangle3 r q p c a b ? simtri2 a b c p q r"),
        // Two equal angles and an equal side: congruent, same orientation.
        (37, "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline r q p c b a, eqangle3 r p q c a b ? contri a b c p q r"),
        // Two opposite angles and an equal side: congruent, opposite orientations.
        (38, "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline r q p a b c, eqangle3 r q p c a b ? contri2 a b c p q r"),
        // Three proportional sides: similar triangles (either orientation). t and u carry the
        // length qr = qp * bc / ba over from triangle abc by Thales.
        (39, "a b c = triangle a b c; p q = segment p q; t = on_line t b a, eqdistance t b q p; u = on_line u b c, on_pline u t a c; r = eqdistance r q b u, eqratio6 r p q c a c b ? simtri* a b c p q r"),
        // Two proportional sides and the included angle: similar triangles (either orientation).
        (40, "a b c = triangle a b c; p r = segment p r; q = eqangle3 q p r b a c, eqratio6 q p r b a b c ? simtri* a b c p q r"),
        // Proportional sides and one equal pair: congruent triangles (either orientation).
        (41, "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = eqdistance r q b c, eqratio6 r p q c a c b ? contri* a b c p q r"),
        // Points cutting the legs of a trapezoid in one ratio span a parallel to the bases.
        (42, "a b c = triangle a b c; d = on_pline d c a b; m = on_line m a d; n = on_line n b c, eqratio6 n b c m a m d ? para m n a b"),
        // A parallel to the bases of a trapezoid cuts its legs in one ratio.
        (43, "a b c = triangle a b c; d = on_pline d c a b; m = on_line m a d; n = on_line n b c, on_pline n m a b ? eqratio6 m a m d n b n c"),
    ]

    /// Reference rules deduction does not prove, with the reason. None.
    static let notCovered: [Int: String] = [:]

    func run(_ statement: String) throws -> EngineResult {
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        return Engine().run(diagram, budget: Budget(seconds: 10))
    }

    /// Every line of the reference list has an instance (or a reason it is not covered), and
    /// no instance names a rule the list does not have.
    @Test(.enabled(if: SharedFiles.available)) func everyReferenceRuleHasAnInstance() throws {
        let text = try #require(SharedFiles.text("reference/alphageometry/rules.txt"))
        let count = text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
        #expect(count > 0)
        let rules = Self.instances.map(\.rule)
        #expect(Set(rules).count == rules.count, "one instance per rule")
        #expect(Set(rules).isDisjoint(with: Self.notCovered.keys))
        for k in 1...count {
            #expect(rules.contains(k) || Self.notCovered[k] != nil, "reference rule \(k) has no instance")
        }
        for k in rules + Array(Self.notCovered.keys) {
            #expect((1...count).contains(k), "rule \(k) is not a line of the reference list")
        }
    }

    /// Deduction alone proves each instance.
    @Test(arguments: ReferenceRuleCoverageTests.instances.map(\.rule))
    func deductionProvesTheInstance(rule: Int) throws {
        let statement = try #require(Self.instances.first { $0.rule == rule }?.statement)
        let result = try run(statement)
        #expect(result.proved, "reference rule \(rule): \(result.stopReason)")
    }

    /// Side-angle-side (congruence, rule 34, and similarity, rule 40) with the angle taken
    /// between lines, modulo 180 degrees, is false: the second point at distance bc from q on
    /// the same line (or the other arc) meets every premise, but its triangle is not congruent
    /// (similar). Gougu's rules add the orientation (`sameclock`/`oppclock`) as a side
    /// condition; these figures, drawn from seed 0, are counterexamples to the unconditioned
    /// rules.
    @Test func sideAngleSideNeedsOrientation() throws {
        let cases: [(figure: String, premises: [String], conclusion: String)] = [
            ("a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline r q p c b a, eqdistance r q b c",
             ["cong a b p q", "cong b c q r", "eqangle6 b a b c q p q r", "ncoll a b c"], "contri* a b c p q r"),
            ("a b c = triangle a b c; p r = segment p r; q = eqratio6 q p r b a b c, eqangle3 q p r b a c",
             ["eqratio6 b a b c q p q r", "eqangle6 b a b c q p q r", "ncoll a b c"], "simtri* a b c p q r"),
        ]
        func holds(_ figure: String, _ goal: String) throws -> Bool {
            let problem = try ProblemParser().parseProblem(name: "t", statement: "\(figure) ? \(goal)")
            return try DiagramBuilder().build(problem, seed: 0).holds(try #require(problem.goal))
        }
        for c in cases {
            for premise in c.premises {
                #expect(try holds(c.figure, premise), "\(premise) in \(c.figure)")
            }
            #expect(try !holds(c.figure, c.conclusion), "\(c.conclusion) in \(c.figure)")
        }
    }
}
