import Testing
@testable import GouguGeometry
import GouguLanguage

/// A statement with a two-way choice describes several figures: the builder draws one from
/// the seed, a configuration flips choices, and the stated configuration is the first in
/// which the goal holds. Free points never move.
@Suite struct ConfigurationTests {
    func problem(_ statement: String) throws -> Problem {
        try ProblemParser().parseProblem(name: "t", statement: statement)
    }

    func point(_ name: String, of diagram: Diagram) -> Vector2 {
        diagram.positions[diagram.problem.points.firstIndex { $0.name == name }!]
    }

    @Test func flippingALineCircleChoiceMovesOnlyThatPointToTheOtherIntersection() throws {
        // d on line ab at distance |bc| from a: one of two points, symmetric about a.
        let p = try problem("a b c = triangle a b c; d = on_line d a b, eqdistance d a b c")
        for seed in UInt64(0)..<5 {
            let seeded = try DiagramBuilder().build(p, seed: seed)
            let flipped = try DiagramBuilder().build(p, seed: seed, configuration: Configuration(flips: 1))
            #expect(seeded.branchPoints.map { p.name(of: $0) } == ["d"])
            #expect(flipped.flippedPoints.map { p.name(of: $0) } == ["d"])
            for name in ["a", "b", "c"] { #expect(point(name, of: seeded) == point(name, of: flipped)) }
            let a = point("a", of: seeded)
            #expect((point("d", of: seeded) + point("d", of: flipped) - a * 2).length < 1e-9, "seed \(seed)")
            #expect(flipped.failedPremises.isEmpty)
        }
    }

    @Test func flippingABisectorTakesTheExternalOne() throws {
        let p = try problem("a b c = triangle a b c; x = angle_bisector x b a c")
        let seeded = try DiagramBuilder().build(p, seed: 3)
        let flipped = try DiagramBuilder().build(p, seed: 3, configuration: Configuration(flips: 1))
        let a = point("a", of: seeded)
        #expect(abs((point("x", of: seeded) - a).normalized.dot((point("x", of: flipped) - a).normalized)) < 1e-9)
        #expect(flipped.failedPremises.isEmpty)
    }

    @Test func aGoalTrueAsSeededKeepsTheSeededConfiguration() throws {
        let p = try problem("a b c = iso_triangle a b c; x = angle_bisector x b a c ? perp a x b c")
        let diagram = try DiagramBuilder().buildInStatedConfiguration(p, seed: 0)
        #expect(diagram.configuration == .seeded)
        #expect(diagram.goalHolds == true)
    }

    @Test func aGoalTrueOnTheOtherBranchOnlyIsFoundThereWithTheSameFreePoints() throws {
        // The external bisector at the apex of an isosceles triangle is parallel to the base.
        let p = try problem("a b c = iso_triangle a b c; x = angle_bisector x b a c ? para a x b c")
        for seed in UInt64(0)..<5 {
            let seeded = try DiagramBuilder().build(p, seed: seed)
            #expect(seeded.goalHolds == false)
            let stated = try DiagramBuilder().buildInStatedConfiguration(p, seed: seed)
            #expect(stated.goalHolds == true)
            #expect(stated.configuration == Configuration(flips: 1))
            for name in ["a", "b", "c"] { #expect(point(name, of: seeded) == point(name, of: stated)) }
        }
    }

    @Test func aGoalFalseInEveryConfigurationIsReportedOnTheSeededDiagram() throws {
        // d is on line ab, so cd is never perpendicular to ab at a generic distance.
        let p = try problem("a b c = triangle a b c; d = on_line d a b, eqdistance d a b c ? perp c d a b")
        let diagram = try DiagramBuilder().buildInStatedConfiguration(p, seed: 0)
        #expect(diagram.goalHolds == false)
        #expect(diagram.configuration == .seeded)
    }

    @Test func extendingADiagramKeepsItsConfiguration() throws {
        let p = try problem("a b = segment a b; m = midpoint m a b; c = on_line c a b, eqdistance c m a b ? cong b c a m")
        let stated = try DiagramBuilder().buildInStatedConfiguration(p, seed: 0)
        let bigger = try problem("a b = segment a b; m = midpoint m a b; c = on_line c a b, eqdistance c m a b; e = midpoint e b c ? cong b c a m")
        let extended = try DiagramBuilder().extend(stated, to: bigger)
        #expect(extended.configuration == stated.configuration)
        #expect(extended.goalHolds == true)
    }

    @Test func theFirstCommonTangentIsNewclidsAndAConfigurationTakesTheOther() throws {
        // Newclid's order: xy is the tangent on the left of the line from the larger
        // circle's centre to the smaller one's, whichever circle is written first.
        let p = try problem("o a = segment o a; w b = segment w b; x y z i = cc_tangent x y z i o a w b")
        var checked = 0
        for seed in UInt64(0)..<12 {
            guard let seeded = try? DiagramBuilder().build(p, seed: seed) else { continue }
            let o = point("o", of: seeded), w = point("w", of: seeded)
            let ro = o.distance(to: point("a", of: seeded)), rw = w.distance(to: point("b", of: seeded))
            let (large, small) = ro >= rw ? (o, w) : (w, o)
            let x = point("x", of: seeded)
            #expect((small - large).cross(x - large) > 0, "seed \(seed): xy is on the left of larger -> smaller")
            #expect(seeded.branchPoints.map { p.name(of: $0) } == ["x"])
            let flipped = try DiagramBuilder().build(p, seed: seed, configuration: Configuration(flips: 1))
            #expect((point("x", of: flipped) - point("z", of: seeded)).length < 1e-9)
            #expect((point("i", of: flipped) - point("y", of: seeded)).length < 1e-9)
            #expect(flipped.failedPremises.isEmpty)
            checked += 1
        }
        #expect(checked > 3)
    }

    @Test func aGoalNeedingAnUnstatedOrderIsDrawnFromAnotherSeed() throws {
        // The goal holds only when d lies between a and c (angle c < angle a, left unstated);
        // no two-way choice helps, so the free points are drawn again from later seeds.
        let p = try problem("a b c = triangle a b c; d = eqdistance d b b a, on_line d a c; x l k i = incenter2 x l k i a b c; "
                            + "j = incenter j b c d; p = intersection_ll p a j k l ? cong a p p j")
        var redrawn = 0
        for seed in UInt64(0)..<6 {
            let diagram = try DiagramBuilder().buildInStatedConfiguration(p, seed: seed)
            #expect(diagram.goalHolds == true, "seed \(seed)")
            if diagram.seed != seed { redrawn += 1 }
            // The proof's seed draws the same diagram again.
            let again = try DiagramBuilder().build(p, seed: diagram.seed, configuration: diagram.configuration)
            #expect(again.positions == diagram.positions)
        }
        #expect(redrawn > 0)
    }
}
