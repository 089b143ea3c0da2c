import ArgumentParser
import Gougu

@main
struct GouguCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gougu",
        abstract: "Gougu (勾股): an olympiad-geometry prover.",
        discussion: "Problems are written in AlphaGeometry's problem language. Exit status: 0 success, 1 a goal not proved or false, 2 bad input.",
        subcommands: [
            SolveCommand.self, DiagramCommand.self, DrawCommand.self,
            TrainCommand.self, TrainEvalCommand.self, SynthCorpusCommand.self,
        ]
    )
}
