import ArgumentParser
import Foundation
import Gougu

/// Which proposer the search asks for auxiliary constructions.
enum ProposerKind: String, CaseIterable, ExpressibleByArgument {
    /// `HeuristicProposer` alone.
    case heuristic
    /// `NeuralProposer` (the shipped model, or --proposer-model) alone.
    case neural
    /// `MergedProposer`: both, in one scored list.
    case both
    /// `RescoredProposer`: the heuristic's candidates, reordered by the model.
    case rescored
    /// The heuristic's candidates ordered by the learned ranker alone (`LearnedRanking.Mode.alone`).
    case learned
    /// The heuristic's order corrected by the learned ranker (`LearnedRanking.Mode.combined`).
    case combined
}

/// `--proposer`, `--proposer-model` and `--beam`, shared by `gougu solve` and `gougu bench`.
struct ProposerOptions: ParsableArguments {
    @Option(help: "Proposer of auxiliary constructions: heuristic, neural, both (the model's beam merged with the heuristic's candidates), rescored (the heuristic's candidates reordered by the model), learned (the heuristic's candidates ordered by the learned ranker) or combined (the heuristic's order corrected by the learned ranker).")
    var proposer: ProposerKind = .heuristic

    @Option(help: "Model file for the neural proposer (default: the shipped model).")
    var proposerModel: String?

    @Option(help: "Beam width of the neural proposer.")
    var beam: Int = 16

    @Flag(help: "Let the model's beams write any tokens and drop invalid clauses afterwards, instead of decoding only clauses the proposer can use (for comparison).")
    var unconstrainedBeams = false

    @Option(help: "With --proposer both: ask the model only in states with fewer auxiliary clauses than this (0: every state).")
    var neuralDepth: Int = 0

    @Option(help: "With --proposer rescored: heuristic points added per nat of the model's log-probability.")
    var rescoreWeight: Double = RescoredProposer.defaultWeight

    @Option(help: "Ranker file for --proposer learned or combined (default: the shipped ranker). Given more than once, the rankers order as a portfolio: each candidate scores its best over them (RankerPortfolio).")
    var ranker: [String] = []

    @Option(help: "With --proposer learned or combined: heuristic points per nat of the ranker's log-probability.")
    var rankerWeight: Double = 0.5

    func validate() throws {
        guard rankerWeight >= 0, rankerWeight.isFinite else { throw ValidationError("--ranker-weight must be a non-negative number") }
        for ranker in ranker where !FileManager.default.fileExists(atPath: ranker) {
            throw ValidationError("--ranker: no file at '\(ranker)'")
        }
        guard rescoreWeight >= 0, rescoreWeight.isFinite else { throw ValidationError("--rescore-weight must be a non-negative number") }
        guard beam >= 1 else { throw ValidationError("--beam must be at least 1") }
        guard neuralDepth >= 0 else { throw ValidationError("--neural-depth must not be negative") }
        if let proposerModel, !FileManager.default.fileExists(atPath: proposerModel) {
            throw ValidationError("--proposer-model: no file at '\(proposerModel)'")
        }
    }

    /// What `make` loads, for error messages: the learned ranker or the neural proposer.
    var modelDescription: String {
        proposer == .learned || proposer == .combined ? "learned ranker (--ranker)" : "neural proposer"
    }

    /// Arguments that pass these options on to `gougu solve`.
    var arguments: [String] {
        ["--proposer", proposer.rawValue, "--beam", "\(beam)", "--neural-depth", "\(neuralDepth)", "--rescore-weight", "\(rescoreWeight)"] + (unconstrainedBeams ? ["--unconstrained-beams"] : []) + (proposerModel.map { ["--proposer-model", $0] } ?? [])
            + ["--ranker-weight", "\(rankerWeight)"] + ranker.flatMap { ["--ranker", $0] }
    }

    /// The proposer to search with, and the model in it (nil for `heuristic`), which
    /// `gougu solve --proposals` asks for its log-probability of each proposal.
    func make() throws -> (proposer: any Proposer, model: NeuralProposer?) {
        switch proposer {
        case .heuristic:
            return (HeuristicProposer(), nil)
        case .neural:
            let model = try neural()
            return (model, model)
        case .both:
            let model = try neural()
            return (MergedProposer(neural: model, neuralDepth: neuralDepth > 0 ? neuralDepth : nil), model)
        case .rescored:
            let model = try neural()
            return (RescoredProposer(scorer: model, weight: rescoreWeight), model)
        case .learned, .combined:
            let rankers = try self.ranker.map { try LearnedRanker(contentsOf: URL(fileURLWithPath: $0)) }
            let ranker: any CandidateRanker
            switch rankers.count {
            case 0: ranker = try LearnedRanker.shipped()
            case 1: ranker = rankers[0]
            default: ranker = RankerPortfolio(rankers)
            }
            return (HeuristicProposer(learned: LearnedRanking(ranker: ranker, mode: proposer == .learned ? .alone : .combined,
                                                              weight: rankerWeight)), nil)
        }
    }

    private func neural() throws -> NeuralProposer {
        let model = try proposerModel.map { try NeuralProposer(contentsOf: URL(fileURLWithPath: $0), beamWidth: beam) }
            ?? NeuralProposer.shipped(beamWidth: beam)
        model.constrained = !unconstrainedBeams
        return model
    }
}
