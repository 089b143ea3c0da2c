import ArgumentParser
import Gougu

@main
struct GouguCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gougu",
        abstract: "Gougu (勾股): an olympiad-geometry prover.", subcommands: [TrainCommand.self, TrainEvalCommand.self, SynthCorpusCommand.self]
    )
}
