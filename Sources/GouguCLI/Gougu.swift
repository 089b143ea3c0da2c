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
            TrainCommand.self, TrainEvalCommand.self, SynthCorpusCommand.self, GenerateCommand.self,
            ProposerCorpusCommand.self, ExportModelCommand.self,
        ]
    )

    /// Runs the command line. Usage errors (an unknown option, a value out of range) are
    /// bad input like any other: they exit with status 2, not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
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
