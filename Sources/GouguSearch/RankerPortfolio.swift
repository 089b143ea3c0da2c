/// Several rankers as one: each candidate scores its best over the rankers, every ranker's
/// scores first shifted so that its own best candidate scores 0.
///
/// A candidate any one ranker puts near its top is near the portfolio's top, so the
/// search tries the first choices of every ranker: a portfolio of orders, for rankers that
/// do about as well as each other on different problems. With `LearnedRanking.Mode.combined`
/// a candidate's score is then the heuristic's plus `weight ×` its best distance from a
/// ranker's best; with one ranker it is that ranker's order.
public struct RankerPortfolio: CandidateRanker {
    public var rankers: [any CandidateRanker]

    /// - Precondition: `rankers` is not empty.
    public init(_ rankers: [any CandidateRanker]) {
        precondition(!rankers.isEmpty, "a portfolio needs a ranker")
        self.rankers = rankers
    }

    public func scores(features: [Float], count: Int) -> [Float] {
        guard count > 0 else { return [] }
        var best = [Float](repeating: -.infinity, count: count)
        for ranker in rankers {
            let scores = ranker.scores(features: features, count: count)
            let top = scores.max()!
            for index in 0..<count { best[index] = max(best[index], scores[index] - top) }
        }
        return best
    }
}
