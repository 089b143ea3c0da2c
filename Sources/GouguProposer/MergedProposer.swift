import GouguSearch

/// The neural and the heuristic proposer together, in one scored list.
///
/// Scores are made comparable by anchoring the model's log-probabilities to the heuristic's
/// scale: a neural proposal scores `anchor + logProbabilityWeight * logP`, where `anchor`
/// is the best heuristic score of the state (1 if the heuristic has nothing). So a clause
/// the model is sure of (`logP` near 0) ranks with the heuristic's favourite, and each nat
/// of doubt costs `logProbabilityWeight` points, the heuristic's unit (its kind priors span
/// 0.2-1.0, its evidence terms 0.6 per log-unit). A clause both propose (same text, as both
/// name new points `x1`, `x2`, ... the same way) keeps the higher of its two scores plus
/// `agreementBonus`. The result is sorted best first and cut to `limit`.
public struct MergedProposer: Proposer {
    /// The model's proposer.
    public var neural: any Proposer
    /// The enumerator.
    public var heuristic: any Proposer
    /// Heuristic points per nat of log-probability.
    public var logProbabilityWeight: Double
    /// Added to a clause both proposers propose.
    public var agreementBonus: Double
    /// The model is asked only in states with fewer auxiliary clauses than this (nil: in
    /// every state). A beam search costs several engine states' time, so asking it at the
    /// root only (1) keeps the search about as fast as the heuristic alone.
    public var neuralDepth: Int?

    /// Merges `neural` (scores are log-probabilities) with `heuristic`.
    public init(neural: any Proposer, heuristic: any Proposer = HeuristicProposer(),
                logProbabilityWeight: Double = 1.0, agreementBonus: Double = 0.5, neuralDepth: Int? = nil) {
        self.neural = neural
        self.neuralDepth = neuralDepth
        self.heuristic = heuristic
        self.logProbabilityWeight = logProbabilityWeight
        self.agreementBonus = agreementBonus
    }

    public func propose(for state: ProofState, limit: Int) -> [Proposal] {
        let fromHeuristic = heuristic.propose(for: state, limit: limit)
        let depth = state.problem.clauses.count - state.originalClauseCount
        let fromModel = neuralDepth.map { depth < $0 } ?? true ? neural.propose(for: state, limit: limit) : []
        return Self.merge(heuristic: fromHeuristic, neural: fromModel, limit: limit,
                          logProbabilityWeight: logProbabilityWeight, agreementBonus: agreementBonus)
    }

    /// The merged list of two proposers' proposals (see the type's documentation).
    public static func merge(heuristic: [Proposal], neural: [Proposal], limit: Int,
                             logProbabilityWeight: Double = 1.0, agreementBonus: Double = 0.5) -> [Proposal] {
        let anchor = heuristic.map(\.score).max() ?? 1
        var byClause: [String: Int] = [:]
        var merged: [Proposal] = []
        var agreed = Set<Int>()
        for p in heuristic where byClause[p.clause] == nil {
            byClause[p.clause] = merged.count
            merged.append(p)
        }
        let heuristicCount = merged.count
        for p in neural {
            let score = anchor + logProbabilityWeight * p.score
            if let i = byClause[p.clause] {
                if i < heuristicCount && !agreed.contains(i) {
                    merged[i].score = max(merged[i].score, score) + agreementBonus
                    agreed.insert(i)
                }
            } else {
                byClause[p.clause] = merged.count
                merged.append(Proposal(clause: p.clause, score: score))
            }
        }
        // Stable: ties keep heuristic order first.
        let order = merged.indices.sorted { merged[$0].score != merged[$1].score ? merged[$0].score > merged[$1].score : $0 < $1 }
        return order.prefix(limit).map { merged[$0] }
    }
}
