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
}
