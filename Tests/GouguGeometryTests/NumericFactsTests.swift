import Testing
@testable import GouguGeometry
import GouguLanguage

/// Each predicate on a configuration where it holds and on a near miss where it does not.
@Suite struct NumericFactsTests {
    /// Points a..h at the given coordinates.
    func check(_ predicate: Predicate, _ points: [Vector2], numbers: [String] = []) -> Bool {
        let arguments = points.indices.map { Argument.point(PointID($0)) } + numbers.map { .number(NumberLiteral($0)!) }
        return NumericFacts.holds(Statement(predicate: predicate, arguments: arguments)) { points[$0.index] }
    }

    let o = Vector2(0, 0), x = Vector2(1, 0), y = Vector2(0, 1), d = Vector2(1, 1)

    @Test func collinearity() {
        #expect(check(.coll, [o, x, Vector2(3, 0)]))
        #expect(!check(.coll, [o, x, Vector2(3, 1e-4)]))
        #expect(check(.ncoll, [o, x, y]))
    }

    @Test func parallelAndPerpendicular() {
        #expect(check(.para, [o, x, y, Vector2(2, 1)]))
        #expect(!check(.para, [o, x, y, Vector2(2, 1.001)]))
        #expect(check(.perp, [o, x, d, Vector2(1, 3)]))
        #expect(!check(.perp, [o, x, d, Vector2(1.001, 3)]))
    }

    @Test func degenerateLinesAreNeitherParallelNorPerpendicular() {
        #expect(!check(.para, [o, o, x, d]))
        #expect(!check(.perp, [o, o, x, d]))
    }

    @Test func congruenceAndMidpoint() {
        #expect(check(.cong, [o, x, o, y]))
        #expect(!check(.cong, [o, x, o, d]))
        #expect(check(.ncong, [o, x, o, d]) && !check(.ncong, [o, x, o, y]))
        #expect(check(.midp, [Vector2(0.5, 0), o, x]))
        #expect(!check(.midp, [Vector2(0.5, 0.001), o, x]))
    }

    @Test func concyclicPointsAndCentre() {
        let p = [x, y, Vector2(-1, 0), Vector2(0, -1)]
        #expect(check(.cyclic, p))
        #expect(!check(.cyclic, [x, y, Vector2(-1, 0), Vector2(0, -1.01)]))
        #expect(check(.circle, [o, x, y, Vector2(-1, 0)]))
        #expect(!check(.cyclic, [o, x, Vector2(2, 0), Vector2(3, 0)]), "collinear points are not concyclic")
    }

    @Test func directedAnglesAreTakenModulo180Degrees() {
        // angle(ox, oy) = 90 = angle(oy, ox) mod 180.
        #expect(check(.eqangle, [o, x, o, y, o, y, o, x]))
        // angle(ox, od) = 45 but angle(od, ox) = -45 = 135 mod 180.
        #expect(!check(.eqangle, [o, x, o, d, o, d, o, x]))
        #expect(check(.aconst, [o, x, o, d], numbers: ["45"]))
        #expect(check(.aconst, [o, x, o, d], numbers: ["1pi/4"]))
        #expect(check(.aconst, [o, d, o, x], numbers: ["135"]))
        #expect(!check(.aconst, [o, d, o, x], numbers: ["45"]))
    }

    @Test func ratios() {
        #expect(check(.eqratio, [o, x, o, Vector2(2, 0), o, y, o, Vector2(0, 2)]))
        #expect(!check(.eqratio, [o, x, o, Vector2(2, 0), o, y, o, Vector2(0, 2.1)]))
        #expect(check(.rconst, [o, x, o, Vector2(0, 2)], numbers: ["1/2"]))
        #expect(!check(.rconst, [o, x, o, Vector2(0, 2)], numbers: ["2"]))
    }

    @Test func similarTrianglesRespectOrientation() {
        let t = [o, x, y]
        let scaledRotated = [Vector2(5, 5), Vector2(5, 7), Vector2(3, 5)]
        let mirrored = [o, x, Vector2(0, -1)]
        #expect(check(.simtri, t + scaledRotated))
        #expect(!check(.simtri2, t + scaledRotated))
        #expect(check(.simtri2, t + mirrored))
        #expect(check(.contri2, t + mirrored))
        #expect(!check(.contri, t + scaledRotated), "similar but not congruent")
        #expect(check(.simtriEither, t + scaledRotated) && check(.simtriEither, t + mirrored))
        #expect(check(.contriEither, t + mirrored) && !check(.contriEither, t + scaledRotated))
    }

    @Test func orientationOfTwoTriangles() {
        #expect(check(.sameclock, [o, x, y, Vector2(5, 5), Vector2(6, 5), Vector2(5, 6)]))
        #expect(check(.oppclock, [o, x, y, Vector2(5, 5), Vector2(5, 6), Vector2(6, 5)]))
        #expect(!check(.sameclock, [o, x, Vector2(2, 0), o, x, y]), "a degenerate triangle has no orientation")
    }

    @Test func sameSideComparesTheFirstPointOfEachTripleWithTheOtherTwo() {
        let inside = Vector2(1, 0), outside = Vector2(3, 0), end = Vector2(2, 0)
        let x = Vector2(5, 5), y = Vector2(4, 5), z = Vector2(6, 5), beyond = Vector2(7, 5)
        // a between b and c, and x between y and z.
        #expect(check(.sameside, [inside, o, end, x, y, z]))
        // Both outside their segments, on either side.
        #expect(check(.sameside, [outside, o, end, beyond, y, x]))
        #expect(check(.sameside, [o, inside, end, beyond, y, z]))
        // One inside, one outside.
        #expect(!check(.sameside, [outside, o, end, x, y, z]))
        #expect(!check(.sameside, [inside, o, end, beyond, y, z]))
        // The middle of the first triple is not what is compared.
        #expect(!check(.sameside, [o, inside, end, x, y, z]))
    }
}
