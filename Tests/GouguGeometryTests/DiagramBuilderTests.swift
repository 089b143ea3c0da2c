import Testing
@testable import GouguGeometry
import GouguLanguage

@Suite struct DiagramBuilderTests {
    func problem(_ statement: String) throws -> Problem {
        try ProblemParser().parseProblem(name: "t", statement: statement)
    }

    @Test func sameSeedGivesTheSameDiagram() throws {
        let p = try problem("a b c = triangle a b c; h = orthocenter h a b c ? perp a h b c")
        let first = try DiagramBuilder().build(p, seed: 7)
        let second = try DiagramBuilder().build(p, seed: 7)
        #expect(first.positions == second.positions)
    }

    @Test func differentSeedsGiveDifferentDiagrams() throws {
        let p = try problem("a b c = triangle a b c")
        #expect(try DiagramBuilder().build(p, seed: 1).positions != DiagramBuilder().build(p, seed: 2).positions)
    }

    @Test func orthocentreGoalHolds() throws {
        let p = try problem("a b c = triangle; h = on_tline b a c, on_tline c a b ? perp a h b c")
        #expect(try DiagramBuilder().build(p).goalHolds == true)
    }

    @Test func falseGoalIsReportedNotResampled() throws {
        // A midpoint is never the foot of an altitude in a generic triangle.
        let p = try problem("a b c = triangle; m = midpoint m b c ? perp a m b c")
        for seed in UInt64(0)..<5 {
            #expect(try DiagramBuilder().build(p, seed: seed).goalHolds == false)
        }
    }

    @Test func freeTrianglesAreNotSlivers() throws {
        let p = try problem("a b c = triangle a b c")
        for seed in UInt64(0)..<50 {
            let d = try DiagramBuilder().build(p, seed: seed)
            let (a, b, c) = (d.positions[0], d.positions[1], d.positions[2])
            let height = Line(through: a, b)!.distance(to: c)
            #expect(height > 0.1, "seed \(seed)")
        }
    }

    @Test func secondIntersectionAvoidsTheExistingPoint() throws {
        // Line ab meets the circle (o, ob) at b and at the new point x.
        let p = try problem("a o b = triangle a o b; x = intersection_lc x a o b")
        let d = try DiagramBuilder().build(p)
        #expect(d.position(of: PointID(3)).distance(to: d.position(of: PointID(2))) > 1e-3)
    }

    @Test func aLineTangentToACircleMeetsItAtTheTouchPoint() throws {
        // The incircle (i, id) touches bc: the tangency is a theorem, not a degenerate sample.
        let p = try problem("a b c = triangle a b c; i = incenter i a b c; d = foot d i c a; x = on_line x b c, on_circle x i d ? perp i x b c")
        for seed in UInt64(0)..<5 {
            #expect(try DiagramBuilder().build(p, seed: seed).goalHolds == true)
        }
    }

    @Test func touchingCirclesWithTheTouchPointAlreadyDrawnHaveNoNewPoint() throws {
        // Circles (o, oa) and (m, ma), m the midpoint of oa, touch only at a.
        let p = try problem("o a = segment o a; m = midpoint m o a; x = on_circle x o a, on_circle x m a")
        #expect(throws: DiagramError.self) { try DiagramBuilder(maximumAttempts: 3).build(p) }
    }

    @Test func coordinateHintsFixFreePointsAndSteerConstrainedOnes() throws {
        let p = try problem("a@0_0 b@4_0 = segment a b; x@2_5 = on_bline x a b")
        let d = try DiagramBuilder().build(p)
        #expect(d.position(of: PointID(0)) == Vector2(0, 0))
        #expect(d.position(of: PointID(1)) == Vector2(4, 0))
        #expect(abs(d.position(of: PointID(2)).x - 2) < 1e-12)
        #expect(abs(d.position(of: PointID(2)).y - 5) < 1e-12)
    }

    @Test func impossibleConstructionNamesTheClause() throws {
        // Two parallels through different points never meet.
        let p = try problem("a b c = triangle a b c; d = on_pline d a b c; x = on_pline x a b c, on_pline x d b c")
        #expect {
            try DiagramBuilder(maximumAttempts: 5).build(p)
        } throws: { error in
            guard let e = error as? DiagramError else { return false }
            return e.location.column == 47 && e.clause == "x = on_pline x a b c, on_pline x d b c" && e.attempts == 5
        }
    }

    @Test func violatedPreconditionIsReported() throws {
        // foot needs ncoll a b c; with c on ab every attempt fails.
        let p = try problem("a b = segment a b; c = on_line c a b; x = foot x a b c")
        #expect {
            try DiagramBuilder(maximumAttempts: 3).build(p)
        } throws: { error in
            (error as? DiagramError)?.reason.contains("needs 'ncoll a b c'") == true
        }
    }
}
