import Foundation
import GouguGeometry

/// Another proposer's candidates in a noisier order: each score gets Gumbel noise of scale
/// `noise`, drawn from the candidate's clause and its state's auxiliary clauses (so a run is
/// reproducible), and the list is sorted again.
///
/// For mining ranking data (`gougu generate --search-order-noise`): a search that follows
/// the heuristic's order finds the proofs whose constructions the heuristic already ranks
/// first, so its traces teach little beyond that order. A perturbed search also tries
/// constructions further down, and its proofs then mark used candidates wherever the
/// heuristic ranks them. The candidates' features (`Proposal.features`, which hold the
/// heuristic's own score and rank) are left as the base proposer made them.
public struct PerturbedProposer: Proposer {
    /// The proposer whose candidates are reordered.
    public var base: any Proposer
    /// The scale of the Gumbel noise, in the base proposer's score units (0: its order).
    public var noise: Double
    /// Mixed into every draw: runs with different seeds perturb differently.
    public var seed: UInt64

    public init(base: any Proposer, noise: Double, seed: UInt64 = 0) {
        self.base = base
        self.noise = noise
        self.seed = seed
    }

    public func propose(for state: ProofState, limit: Int) -> [Proposal] {
        let offered = base.propose(for: state, limit: limit)
        guard noise > 0 else { return offered }
        let auxiliary = state.problem.clauses.dropFirst(state.originalClauseCount)
            .map { state.problem.text(of: $0) }.joined(separator: "; ")
        let stateKey = Self.mix(seed, StableHash.of(auxiliary.utf8))
        var perturbed = offered
        for index in perturbed.indices {
            let uniform = Self.unitInterval(Self.mix(stateKey, StableHash.of(perturbed[index].clause.utf8)))
            perturbed[index].score += noise * -log(-log(uniform))
        }
        // A stable sort: equal scores keep the base proposer's order.
        return perturbed.indices.sorted { perturbed[$0].score != perturbed[$1].score
            ? perturbed[$0].score > perturbed[$1].score : $0 < $1 }.map { perturbed[$0] }
    }

    /// SplitMix64's finaliser of two words combined.
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &+ 0x9e37_79b9_7f4a_7c15 &* (b | 1) ^ b
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number strictly between 0 and 1 from 53 bits of `bits`.
    static func unitInterval(_ bits: UInt64) -> Double {
        (Double(bits >> 11) + 0.5) / Double(1 << 53)
    }
}
