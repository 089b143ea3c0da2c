import ArgumentParser
import Foundation
import Gougu

/// `gougu proposer corpus`: the neural proposer's training corpus from `gougu generate` output.
struct ProposerCorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Turn 'gougu generate' examples into 'problem<TAB>clause' lines for 'gougu proposer train' (canonical point names).",
        discussion: """
            One line per auxiliary clause of each example with auxiliary points: the problem (with the \
            goal and the earlier auxiliary clauses) and the next clause, points renamed in order of first \
            appearance (a, b, ..., z, a1, ...). Lines of examples whose auxiliary points are needed are \
            written --needed-copies times, optional ones --optional-copies times. Lines the tokenizer \
            rejects are dropped and counted. With --prompt configuration each input also lists what DD + AR \
            derive from its premises (circles with their centres, concyclic points, lines through three \
            points or more); train such a corpus with 'gougu proposer train --prompt configuration'. See \
            docs/neural-proposer.md.
            """
    )

    @ArgumentParser.Argument(help: "Files written by 'gougu generate' (train.txt, heldout.txt).") var inputs: [String]
    @Option(help: "Output corpus file.") var out: String
    @Option(help: "Copies of each line whose auxiliary points are needed.") var neededCopies = 2
    @Option(help: "Copies of each line whose auxiliary points are optional (0 drops them).") var optionalCopies = 1
    @Option(help: "What each input is: statement, or configuration (the statement and what DD + AR derive).")
    var prompt: ProposerPrompt = .statement
    @Option(help: "Threads saturating premise sets (--prompt configuration).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input file") }
        guard neededCopies >= 0, optionalCopies >= 0 else { throw ValidationError("copies must not be negative") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var corpus = ProposerCorpus()
        corpus.neededCopies = neededCopies
        corpus.optionalCopies = optionalCopies
        corpus.prompt = prompt
        corpus.threads = threads
        var counts = ProposerCorpus.Counts()
        var lines: [String] = []
        for input in inputs {
            let text = try String(contentsOfFile: input, encoding: .utf8)
            lines += corpus.convert(text.split(separator: "\n"), counts: &counts)
        }
        try (lines.map { $0 + "\n" }.joined()).write(toFile: out, atomically: true, encoding: .utf8)
        print("\(out): \(counts.written) lines (\(counts.lines) distinct) from \(counts.examples) examples, " +
              "\(counts.needed) with needed and \(counts.optional) with optional auxiliary points; dropped: " +
              "\(counts.untokenizable) untokenizable, \(counts.tooLong) too long, \(counts.malformed) malformed, \(counts.unreadable) unreadable problems" +
              (prompt == .configuration ? String(format: ", %d without a diagram; %d premise sets saturated in %.0f s",
                                                 counts.noDiagram, counts.saturated, counts.saturationSeconds) : ""))
    }
}

extension ProposerPrompt: ExpressibleByArgument {}
