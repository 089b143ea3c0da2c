import GouguLanguage
import GouguSearch

/// Scores clauses another proposer wrote: the natural-log probability of each as the next
/// auxiliary clause of a proof state's problem, or nil where it cannot say.
public protocol ClauseScorer: Sendable {
    func logProbabilities(of clauses: [String], in state: ProofState) -> [Double?]
}

extension NeuralProposer: ClauseScorer {}

/// The heuristic's candidates, reordered by the model (`--proposer rescored`).
///
/// Each candidate of `base` scores `base score + weight * logP`, where `logP` is the
/// model's log-probability of the clause (`ClauseScorer`); a clause the model cannot read
/// gets the lowest log-probability of the state's candidates. So the model only reorders
/// what the enumerator found: it adds no clause, and with `weight` 0 the order is the
/// enumerator's. The heuristic's scores span about 0.5-3 and the model's log-probabilities
/// of its candidates about -2 to -40 nats, so useful weights are small (a few hundredths).
public struct RescoredProposer: Proposer {
    /// The model that scores.
    public var scorer: any ClauseScorer
    /// The enumerator whose candidates are scored.
    public var base: any Proposer
    /// Heuristic points per nat of log-probability.
    public var weight: Double

    /// The weight `gougu solve --proposer rescored` uses unless told otherwise.
    public static let defaultWeight = 0.05

    public init(scorer: any ClauseScorer, base: any Proposer = HeuristicProposer(), weight: Double = RescoredProposer.defaultWeight) {
        self.scorer = scorer
        self.base = base
        self.weight = weight
    }

    public func propose(for state: ProofState, limit: Int) -> [Proposal] {
        let candidates = base.propose(for: state, limit: limit)
        guard weight != 0, !candidates.isEmpty else { return candidates }
        let scores = scorer.logProbabilities(of: candidates.map(\.clause), in: state)
        return Self.rescore(candidates, logProbabilities: scores, weight: weight)
    }

    /// `candidates` with `weight * logP` added to each score (the lowest known `logP` where
    /// one is nil), best first; ties keep the candidates' order.
    public static func rescore(_ candidates: [Proposal], logProbabilities: [Double?], weight: Double) -> [Proposal] {
        let floor = logProbabilities.compactMap { $0 }.min() ?? 0
        let rescored = zip(candidates, logProbabilities).map { candidate, logP in
            Proposal(clause: candidate.clause, score: candidate.score + weight * (logP ?? floor))
        }
        let order = rescored.indices.sorted { rescored[$0].score != rescored[$1].score ? rescored[$0].score > rescored[$1].score : $0 < $1 }
        return order.map { rescored[$0] }
    }
}
