import Testing
@testable import GouguSearch

/// Gives the candidates fixed scores, whatever their features.
private struct FixedScores: CandidateRanker {
    var values: [Float]
    func scores(features: [Float], count: Int) -> [Float] { Array(values.prefix(count)) }
}

@Suite struct RankerPortfolioTests {
    private let noFeatures = [Float](repeating: 0, count: 3 * CandidateFeatures.count)

    @Test func eachCandidateScoresItsBestDistanceFromARankersBest() {
        let portfolio = RankerPortfolio([FixedScores(values: [5, 1, 3]), FixedScores(values: [-2, 0, -10])])
        // The first ranker's distances: 0, -4, -2; the second's: -2, 0, -10.
        #expect(portfolio.scores(features: noFeatures, count: 3) == [0, 0, -2])
    }

    @Test func oneRankerKeepsItsOrder() {
        let scores = RankerPortfolio([FixedScores(values: [0.5, 2, -1])]).scores(features: noFeatures, count: 3)
        #expect(scores == [-1.5, 0, -3])
    }

    @Test func theFirstChoiceOfEveryRankerLeadsTheCombinedOrder() {
        let ranking = LearnedRanking(ranker: RankerPortfolio([FixedScores(values: [9, 0, 0]), FixedScores(values: [0, 0, 9])]),
                                     mode: .combined, weight: 1)
        let rescored = ranking.rescored(heuristic: [1, 1, 1], features: noFeatures)
        #expect(rescored[0] == 1 && rescored[2] == 1)
        #expect(rescored[1] < 1)
    }

    @Test func noCandidatesGiveNoScores() {
        #expect(RankerPortfolio([FixedScores(values: [])]).scores(features: [], count: 0).isEmpty)
    }
}
