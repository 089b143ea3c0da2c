import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage

/// Near misses for the side conditions of TheoremLibrary/rules.txt: each figure makes a
/// rule's premises hold in a degenerate way (points on one line, two variables on one
/// point) and is drawn, with `@` coordinates, so that the rule's conclusion holds in the
/// drawing although it does not follow. The engine checks conclusions on the diagram, but a
/// special drawing makes that check worthless, so only the side condition stops the rule:
/// the goal must not be proved and no fact may cite the rule.
///
/// Of these instances, the engine's matcher reached the first ones (parallelogram, equal
/// powers, radical axis) before their side conditions were added and "proved" the goals.
/// It happens not to reach the others (it binds their `para` premise first, from the
/// diagram's parallel pairs, which leave out segments of one line), but a proof may cite
/// them: `RuleSideConditionCheckTests` in GouguProofCheckTests has the checker refuse such
/// proofs. Firing configurations of the same rules are in `RuleFamilyTests`.
@Suite struct RuleSideConditionTests {
    struct Run {
        var result: EngineResult
        var problem: Problem
        var diagram: Diagram
        /// The store's facts justified by the named rule.
        func facts(by rule: String) -> [Fact] {
            result.store.facts.filter { if case .rule(let name, _, _, _) = $0.justification { name == rule } else { false } }
        }
    }

    func run(_ statement: String) throws -> Run {
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        return Run(result: Engine().run(diagram, budget: Budget(seconds: 20)), problem: problem, diagram: diagram)
    }

    /// The goal holds in the drawing, the engine does not prove it, and no fact cites `rule`.
    func expectNotDerived(_ rule: String, _ statement: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var r = try run(statement)
        let goal = try #require(r.problem.goal)
        #expect(r.diagram.holds(goal), "the drawing must make the goal true", sourceLocation: sourceLocation)
        #expect(!r.result.proved, "\(r.result.stopReason)", sourceLocation: sourceLocation)
        let known = r.result.store.isKnown(goal)
        #expect(!known, sourceLocation: sourceLocation)
        for fact in r.facts(by: rule) {
            Issue.record("\(rule) concluded \(r.problem.text(of: fact.statement))", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Parallelograms and midpoints

    /// m is the midpoint of ab and c, d lie on line ab: para a c b d and para a d b c hold
    /// (one line twice), and c, d are drawn symmetric about m.
    @Test func aParallelogramOnOneLineHasNoDiagonals() throws {
        try expectNotDerived("parallelogram_diagonals_bisect_each_other",
                             "a@0_0 b@2_0 = segment a b; m = midpoint m a b; c@-1_0 = on_line c a b; d@3_0 = on_line d a b ? midp m c d")
    }

    /// The search's path to "proving" a free triangle drawn isosceles: x1 the mirror of b in
    /// a, x2 the midpoint of a x1, x3 the foot from c, all on line ab; the parallelogram rule
    /// bound to b, x1, x2, x3 concluded midp a x2 x3 (true only because c is above the
    /// midpoint of ab), and congruent triangles then gave ca = cb.
    @Test func aFreeTriangleDrawnIsoscelesIsNotProvedIsoscelesWithTheSearchsPoints() throws {
        try expectNotDerived("parallelogram_diagonals_bisect_each_other",
                             "a@0_0 b@2_0 c@1_5 = triangle a b c; x1 = mirror x1 b a; x2 = midpoint x2 a x1; x3 = foot x3 c a b ? cong c a c b")
        let r = try run("a@0_0 b@2_0 c@1_5 = triangle a b c; x1 = mirror x1 b a; x2 = midpoint x2 a x1; x3 = foot x3 c a b ? midp a x2 x3")
        #expect(!r.result.proved)
    }

    /// Four points of one line cut by "parallels" through o, itself on the line: oa : oc =
    /// ob : od holds in the drawing (1 : 2 = 3 : 6) and nowhere else.
    @Test func thalesOnOneLineCutsNoProportionalSegments() throws {
        try expectNotDerived("parallel_lines_cut_proportional_segments",
                             "o@0_0 a@1_0 = segment o a; c@2_0 = on_line c o a; b@3_0 = on_line b o a; d@6_0 = on_line d o a ? eqratio o a o c o b o d")
    }

    /// The trapezoid abba: its legs aa and bb are points, so m and n are any two points (here
    /// drawn with mn parallel to ab); s and t put a third point on lines ma and nb.
    @Test func aTrapezoidWithPointsForLegsGivesNoParallel() throws {
        try expectNotDerived("proportional_cuts_of_a_trapezoid_are_parallel",
                             "a@0_0 b@2_0 = segment a b; m@0_1 = free m; n@3_1 = free n; s = on_line s m a; t = on_line t n b ? para m n a b")
    }

    /// A "trapezoid" on one line with m on ad and n on bc: mn is parallel to ab (one line),
    /// and ma : md = nb : nc holds in the drawing (2 : 4 = 3 : 6) only.
    @Test func aTrapezoidOnOneLineCutsNoProportionalLegs() throws {
        try expectNotDerived("parallel_to_the_bases_cuts_the_legs_proportionally",
                             "a@0_0 b@1_0 = segment a b; m@2_0 = on_line m a b; n@4_0 = on_line n a b; d@6_0 = on_line d a b; c@10_0 = on_line c a b ? eqratio m a m d n b n c")
    }

    // MARK: - Circles

    /// Circle centred at o through x, y, u; p on chord xy with px * py = 4 |px|^2 and q with
    /// qu = 2 |px| = |pw|, so the rule bound with v = u (coll q u u holds) reads qu * qu as
    /// q's power. It is only where qu is tangent, as drawn: op = oq there and nowhere else.
    @Test func aPointOfNoChordHasNoPower() throws {
        try expectNotDerived("equal_powers_are_equally_far_from_the_centre",
                             "p@0_0 x@1_0 = segment p x; w = mirror w p x; y = mirror y p w; o@2.5_2 = on_bline o x y; u@2.5_4.5 = on_circle u o x; q@4.5_4.5 = eqdistance q u p w ? cong o p o q")
    }

    /// Circles centred at e and f meet at h; a is on their radical axis, and x, y are where
    /// line ae meets the first circle. Bound with v = u, the rule reads au * au as a's power
    /// for the second circle: true only for the tangent au, which the drawing picks.
    @Test func aPointOfTheRadicalAxisAndAnyPointOfTheCircleGiveNoPower() throws {
        try expectNotDerived("points_of_the_radical_axis_have_equal_powers",
                             "e@0_0 h@3_4 = segment e h; f@6_0 = free f; a@3_5 = on_tline a h e f; u@6_5 = on_circle u f h; x@2.5725_4.2875 = on_line x a e, on_circle x e h; y@-2.5725_-4.2875 = on_line y a e, on_circle y e h ? eqratio a x a u a u a y")
    }

    // MARK: - The side conditions reach the rules

    /// The engine and the proof checker read side conditions from the rule definitions.
    @Test func theLibraryStatesTheSideConditions() throws {
        let rules = Dictionary(uniqueKeysWithValues: Engine().library.rules.map { ($0.name, $0) })
        let expected: [String: [String]] = [
            "parallelogram_diagonals_bisect_each_other": ["ncoll a b c"],
            "parallel_lines_cut_proportional_segments": ["ncoll a b c"],
            "parallel_to_the_bases_cuts_the_legs_proportionally": ["ncoll a b c"],
            "proportional_cuts_of_a_trapezoid_are_parallel": ["sameside m a d n b c", "diff a d"],
            "equal_powers_are_equally_far_from_the_centre": ["sameside p x y q u v", "diff x y", "diff u v"],
            "points_of_the_radical_axis_have_equal_powers": ["diff x y", "diff u v"],
        ]
        for (name, conditions) in expected {
            let rule = try #require(rules[name])
            #expect(rule.sideConditions.map(\.description) == conditions, "\(name)")
        }
    }
}
