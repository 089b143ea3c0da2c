import ArgumentParser
import Foundation
import Gougu

/// `gougu generate`: synthetic problems with auxiliary constructions and proofs, mined by
/// our own engine from random premises (the proposer's training data).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate synthetic problems, their auxiliary constructions and proofs.",
        discussion: """
            Writes DIR/train.txt and DIR/heldout.txt (DIR/train-I-of-N.txt ... for a shard), one \
            example per line: name, problem with goal, auxiliary clauses ("; "-separated, possibly \
            empty), "needed" when DD + AR cannot prove the goal without them ("optional" when it \
            can, empty without them), the proof as gougu-proof JSON and, for an example whose auxiliary \
            clauses the search found, its trace as JSON (each state on the way to the proof: its \
            auxiliary clauses, every construction the proposer offered there, the indices of those \
            the proof uses; empty otherwise), separated by tabs. DIR/summary.json says what \
            the run did. Shards of one run (same options, --shard 0/N ... N-1/N) merge with \
            `gougu generate --merge DIR... --out DIR`, every shard exactly once, the examples in \
            the order of the run's random problems. --count is per shard; with --problems K and \
            --balance 0 instead, the merged shards are exactly the unsharded run's corpus.
            """
    )

    @Option(help: "Examples to keep (default: 1000; no limit with --problems).")
    var count: Int?

    @Option(help: "Mine the run's random problems 0..<K (a shard: its share of them), then stop.")
    var problems: Int?

    @Option(help: "The run's seed.")
    var seed: UInt64 = 0

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "This shard of the run, as I/N (0 <= I < N).")
    var shard: String = "0/1"

    @Option(help: "Parallel workers (default: one per core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Stop after this many seconds, keeping what was found.")
    var timeout: Double = .infinity

    @Option(help: "Examples without auxiliary points kept per example with them; 0 keeps all.")
    var balance: Double = 1

    @Option(help: "Clauses after the base shape in each random problem, as MIN...MAX (larger problems look more like olympiad figures but mine more slowly).")
    var steps: String = Self.defaultSteps

    /// The sampler's default problem sizes (`ProblemSampler.steps`).
    static let defaultSteps = "\(ProblemSampler.defaultSteps.lowerBound)...\(ProblemSampler.defaultSteps.upperBound)"

    @Option(help: ArgumentHelp("Draw constructions as often as the premises of the problems in FILE use them (default: every construction of the library equally).", valueName: "FILE"))
    var style: String?

    @Flag(help: "Try first the goals whose statements need more of the random problem's clauses (longer problems, like competition statements).")
    var preferLargerProblems = false

    @Option(parsing: .upToNextOption, help: "Merge the shard files of these directories into --out instead of generating.")
    var merge: [String] = []

    @Flag(help: "Keep only the examples whose auxiliary constructions the search found (each with its trace: ranking data for the learned ranker).")
    var searchedOnly = false

    @Flag(help: "Give each example whose needed auxiliary constructions are known without a search a trace of its root state: the heuristic's candidates, those building an auxiliary point marked used (ranking data for the learned ranker).")
    var knownConstructionTraces = false

    @Option(help: "Seconds of the search for auxiliary constructions per searched statement.")
    var searchSeconds: Double = 2

    @Option(help: "States of that search per searched statement.")
    var searchStates: Int = 40

    @Option(help: "Proposals asked for each time that search expands a state.")
    var searchBranching: Int = 40

    @Option(help: "Order that search's candidates with this ranker file (--proposer combined), for a new round of ranking data.")
    var ranker: String?

    @Option(help: "With --ranker: heuristic points per nat of the ranker's log-probability.")
    var rankerWeight: Double = 0.5

    @Option(help: "Gumbel noise of this scale on that search's candidate scores, so its proofs also use constructions the heuristic ranks further down (ranking data; 0: none).")
    var searchOrderNoise: Double = 0

    func validate() throws {
        guard (count ?? 1) > 0 else { throw ValidationError("--count must be positive") }
        guard (problems ?? 1) > 0 else { throw ValidationError("--problems must be positive") }
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard balance >= 0 else { throw ValidationError("--balance must not be negative") }
        guard searchOrderNoise >= 0, searchOrderNoise.isFinite else { throw ValidationError("--search-order-noise must be a non-negative number") }
        guard Self.stepRange(steps) != nil else { throw ValidationError("--steps must be MIN...MAX with 1 <= MIN <= MAX, got '\(steps)'") }
        guard Shard(shard) != nil else { throw ValidationError("--shard must be I/N with 0 <= I < N, got '\(shard)'") }
        guard searchSeconds > 0, searchStates > 0, searchBranching > 0 else {
            throw ValidationError("--search-seconds, --search-states and --search-branching must be positive")
        }
        if let ranker, !FileManager.default.fileExists(atPath: ranker) { throw ValidationError("--ranker: no file at '\(ranker)'") }
    }

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            fail("\(out): error: cannot create the output directory")
        }
        if !merge.isEmpty { return mergeShards() }
        let part = Shard(shard)!
        let (index, shards) = (part.index, part.count)
        var generator = SyntheticGenerator(threads: threads)
        generator.balance = balance > 0 ? balance : nil
        generator.miner.sampler.steps = Self.stepRange(steps)!
        generator.miner.preferLargerProblems = preferLargerProblems
        generator.miner.searchedOnly = searchedOnly
        generator.miner.tracesKnownConstructions = knownConstructionTraces
        generator.miner.auxiliarySearch?.seconds = searchSeconds
        generator.miner.auxiliarySearch?.states = searchStates
        generator.miner.auxiliarySearch?.branching = searchBranching
        if let ranker {
            generator.miner.proposer = HeuristicProposer(learned: LearnedRanking(
                ranker: try LearnedRanker(contentsOf: URL(fileURLWithPath: ranker)), mode: .combined, weight: rankerWeight),
                attachesFeatures: true)
        }
        if searchOrderNoise > 0 {
            generator.miner.proposer = PerturbedProposer(base: generator.miner.proposer, noise: searchOrderNoise, seed: seed)
        }
        if let style { generator.miner.sampler.style = ProblemSampler.Style(problems: try loadProblemFile(style)) }
        let interactive = isatty(STDERR_FILENO) != 0
        let count = self.count ?? (problems == nil ? 1000 : .max)
        let output = generator.generate(count: count, seed: seed, shard: index, shards: shards, problems: problems, seconds: timeout) { progress in
            let line = "generate: \(progress.all.count)\(count == .max ? "" : "/\(count)") kept (\(progress.withAuxiliary) with auxiliary points), \(progress.sampled) problems sampled, \(String(format: "%.0f", progress.examplesPerMinute)) examples/min"
            if interactive { FileHandle.standardError.write(Data(("\r" + line).utf8)) }
        }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        let suffix = shards > 1 ? "-\(index)-of-\(shards)" : ""
        try write(output.training, to: "train\(suffix).txt")
        try write(output.heldOut, to: "heldout\(suffix).txt")
        let summary: [String: Any] = [
            "seed": seed, "shard": "\(index)/\(shards)", "kept": output.all.count, "training": output.training.count,
            "held_out": output.heldOut.count, "with_auxiliary": output.withAuxiliary, "sampled_problems": output.sampled,
            "mined": output.mined, "duplicates": output.duplicates, "left_out_for_balance": output.unbalanced,
            "seconds": output.seconds, "examples_per_minute": output.examplesPerMinute, "threads": threads,
            "count": count == .max ? NSNull() : count, "steps": steps, "problems": problems.map { $0 as Any } ?? NSNull(), "balance": balance,
            "style": generator.miner.sampler.style?.summary ?? NSNull(), "prefer_larger_problems": preferLargerProblems,
            "searched_only": searchedOnly, "known_construction_traces": knownConstructionTraces, "search_seconds": searchSeconds, "search_states": searchStates,
            "search_branching": searchBranching, "ranker": ranker.map { $0 as Any } ?? NSNull(), "ranker_weight": rankerWeight, "search_order_noise": searchOrderNoise,
        ]
        let json = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        try json.write(to: URL(fileURLWithPath: out).appendingPathComponent("summary\(suffix).json"))
        print("generated \(output.all.count) examples (\(output.withAuxiliary) with auxiliary points; \(output.training.count) training, \(output.heldOut.count) held out) from \(output.sampled) random problems in \(String(format: "%.1f", output.seconds)) s: \(String(format: "%.0f", output.examplesPerMinute)) examples/min on \(threads) threads")
    }

    /// `MIN...MAX` as a range of clause counts, or nil unless 1 <= MIN <= MAX.
    static func stepRange(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.components(separatedBy: "...")
        guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), 1 <= low, low <= high else { return nil }
        return low...high
    }

    /// One example per line, tab-separated: name, problem, auxiliary clauses, whether they
    /// are needed (`needed`, `optional`, or empty without them), proof JSON, search trace
    /// JSON (empty when the search did not find the clauses).
    static func line(_ example: SyntheticExample) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let proof = String(decoding: try encoder.encode(example.proof), as: UTF8.self)
        let needed = example.auxiliary.isEmpty ? "" : example.auxiliaryNeeded ? "needed" : "optional"
        let trace = example.searchTrace.isEmpty ? "" : String(decoding: try encoder.encode(example.searchTrace), as: UTF8.self)
        return [example.name, example.problem, example.auxiliary.joined(separator: "; "), needed, proof, trace].joined(separator: "\t")
    }

    private func write(_ examples: [SyntheticExample], to file: String) throws {
        let text = try examples.map(Self.line).joined(separator: "\n") + (examples.isEmpty ? "" : "\n")
        do {
            try text.write(toFile: (out as NSString).appendingPathComponent(file), atomically: true, encoding: .utf8)
        } catch {
            fail("\(out)/\(file): error: cannot write")
        }
    }

    /// `--merge`: merges the given directories into --out, or exits with status 2 saying
    /// why they do not merge.
    private func mergeShards() {
        do {
            let result = try GenerateMerge.merge(merge, into: out)
            print("merged \(result.written) examples from \(merge.count) directories (\(result.duplicates) duplicates dropped)")
        } catch let failure as GenerateMerge.Failure {
            fail(failure.description)
        } catch {
            fail("\(out): error: cannot write the merged files (\(error.localizedDescription))")
        }
    }
}
