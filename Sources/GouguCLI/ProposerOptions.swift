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
}

/// `--proposer`, `--proposer-model` and `--beam`, shared by `gougu solve` and `gougu bench`.
struct ProposerOptions: ParsableArguments {
    @Option(help: "Proposer of auxiliary constructions: heuristic, neural or both.")
    var proposer: ProposerKind = .heuristic

    @Option(help: "Model file for the neural proposer (default: the shipped model).")
    var proposerModel: String?

    @Option(help: "Beam width of the neural proposer.")
    var beam: Int = 16

    @Option(help: "With --proposer both: ask the model only in states with fewer auxiliary clauses than this (0: every state).")
    var neuralDepth: Int = 0

    func validate() throws {
        guard beam >= 1 else { throw ValidationError("--beam must be at least 1") }
        guard neuralDepth >= 0 else { throw ValidationError("--neural-depth must not be negative") }
        if let proposerModel, !FileManager.default.fileExists(atPath: proposerModel) {
            throw ValidationError("--proposer-model: no file at '\(proposerModel)'")
        }
    }

    /// Arguments that pass these options on to `gougu solve`.
    var arguments: [String] {
        ["--proposer", proposer.rawValue, "--beam", "\(beam)", "--neural-depth", "\(neuralDepth)"] + (proposerModel.map { ["--proposer-model", $0] } ?? [])
    }

    /// The proposer to search with.
    func make() throws -> any Proposer {
        switch proposer {
        case .heuristic:
            return HeuristicProposer()
        case .neural:
            return try neural()
        case .both:
            return MergedProposer(neural: try neural(), neuralDepth: neuralDepth > 0 ? neuralDepth : nil)
        }
    }

    private func neural() throws -> NeuralProposer {
        if let proposerModel { return try NeuralProposer(contentsOf: URL(fileURLWithPath: proposerModel), beamWidth: beam) }
        return try NeuralProposer.shipped(beamWidth: beam)
    }
}
