import ArgumentParser
import Foundation
import Gougu

@main
struct GouguCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gougu",
        abstract: "Gougu (勾股): an olympiad-geometry prover.",
        discussion: "Problems are written in AlphaGeometry's problem language. Exit status: 0 success, 1 a goal not proved or false, 2 bad input.",
        subcommands: [
            SolveCommand.self, CheckCommand.self, BenchCommand.self, ConvertCommand.self, DiagramCommand.self, DrawCommand.self,
            GenerateCommand.self, ProposerCommand.self,
        ]
    )

    /// The spellings of the proposer's maintenance commands before they were grouped under
    /// `gougu proposer`, still accepted (with a note): old name to new.
    static let formerSpellings = ["train": "train", "train-eval": "evaluate", "synth-corpus": "synth-corpus",
                                  "proposer-corpus": "corpus", "export-model": "export"]

    /// The arguments with a former spelling of a maintenance command replaced by its
    /// `proposer` form.
    static func arguments(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, let new = formerSpellings[first] else { return arguments }
        FileHandle.standardError.write(Data("note: 'gougu \(first)' is now 'gougu proposer \(new)'\n".utf8))
        return ["proposer", new] + arguments.dropFirst()
    }

    /// Runs the command line. Usage errors (an unknown option, a value out of range) are
    /// bad input like any other: they exit with status 2, not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot(arguments(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `gougu proposer`: the maintenance commands of the neural proposer (its corpora, training,
/// evaluation and model files).
struct ProposerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposer",
        abstract: "Build the neural proposer: corpora, training, evaluation, model files.",
        discussion: "See docs/neural.md and docs/neural-proposer.md.",
        subcommands: [ProposerCorpusCommand.self, TrainCommand.self, TrainEvalCommand.self, ExportModelCommand.self,
                      SynthCorpusCommand.self, RanksCommand.self, RankerCommand.self]
    )
}
