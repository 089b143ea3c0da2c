import Testing
import GouguLanguage

/// Which statements say nothing as a theorem's premise (`Statement.isDegenerate`).
@Suite struct DegeneracyTests {
    func statement(_ predicate: Predicate, _ points: [Int]) -> Statement {
        Statement(predicate: predicate, arguments: points.map { .point(PointID($0)) })
    }

    @Test func aCircleNeedsFourDistinctPoints() {
        #expect(statement(.cyclic, [4, 4, 2, 3]).isDegenerate)
        #expect(!statement(.cyclic, [1, 4, 2, 3]).isDegenerate)
        #expect(statement(.circle, [0, 0, 2, 3]).isDegenerate)
        #expect(statement(.midp, [0, 1, 1]).isDegenerate)
    }

    @Test func aLongerConcyclicityCountsDistinctPointsAnywhere() {
        // Six points on one circle, repeats included: four distinct ones make a circle,
        // wherever the repeats stand.
        #expect(!statement(.cyclic, [9, 12, 9, 11, 0, 9]).isDegenerate)
        #expect(statement(.cyclic, [9, 12, 9, 12, 0, 0]).isDegenerate)
    }

    @Test func aLineOrSegmentThroughOnePointTwiceIsDegenerate() {
        #expect(statement(.perp, [0, 0, 1, 2]).isDegenerate)
        #expect(statement(.cong, [0, 1, 2, 2]).isDegenerate)
        #expect(statement(.eqangle, [0, 1, 2, 3, 4, 5, 6, 6]).isDegenerate)
        #expect(!statement(.eqangle, [0, 1, 0, 2, 3, 4, 3, 5]).isDegenerate)
        #expect(statement(.simtri, [0, 1, 1, 3, 4, 5]).isDegenerate)
    }

    @Test func sharedPointsThatMeanSomethingAreAllowed() {
        // b is on line bc; two triangles share side pq; a point on a line through itself.
        #expect(!statement(.coll, [1, 1, 2]).isDegenerate)
        #expect(!statement(.cong, [5, 6, 5, 6]).isDegenerate)
        #expect(!statement(.simtri, [0, 1, 2, 0, 3, 4]).isDegenerate)
    }

    @Test func numbersAreNotPoints() {
        let angle = Statement(predicate: .aconst, arguments: [.point(PointID(0)), .point(PointID(1)), .point(PointID(2)),
                                                              .point(PointID(3)), .number(NumberLiteral("1/3")!)])
        #expect(!angle.isDegenerate)
    }
}
