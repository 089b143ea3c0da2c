import ArgumentParser
import Foundation
import Gougu

/// `gougu proposer ranker`: trains the learned ranker of the heuristic's candidates on the
/// search traces of `gougu generate`, and measures it on held-out traces.
struct RankerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranker",
        abstract: "Train the learned ranker of auxiliary constructions on search traces (gougu generate's sixth field).",
        discussion: """
        Each traced state with candidate features and a construction the proof used is one \
        ranking group. Prints the training loss per epoch and the held-out quality (the \
        proof's construction within the top 1, 5, 20) of the heuristic's own order and of the \
        ranker. See docs/neural-proposer.md.
        """
    )

    @Option(parsing: .upToNextOption, help: "Example files of gougu generate (train.txt) to train on.")
    var traces: [String] = []

    @Option(parsing: .upToNextOption, help: "Example files to measure on (heldout.txt).")
    var heldOut: [String] = []

    @Option(parsing: .upToNextOption, help: "Problem files (the benchmarks) whose problems, up to point names, must not be trained on: such examples are left out and counted.")
    var exclude: [String] = []

    @Option(help: "Write the trained ranker here (safetensors).")
    var out: String?

    @Option(help: "Measure this ranker file instead of training one.")
    var model: String?

    @Option(help: "Widths of the hidden layers, comma-separated.")
    var hidden = "64,64"

    @Option(help: "Passes over the training groups.")
    var epochs = 20

    @Option(help: "Groups per optimiser step.")
    var groupsPerStep = 32

    @Option(help: "Peak learning rate (cosine decay to a tenth).")
    var lr: Float = 1e-3

    @Option(help: "Seed of the initialisation and the order of the groups.")
    var seed: UInt64 = 1

    func validate() throws {
        guard model != nil || (!traces.isEmpty && out != nil) else {
            throw ValidationError("give --traces and --out to train, or --model and --held-out to measure")
        }
        guard epochs >= 1, groupsPerStep >= 1 else { throw ValidationError("--epochs and --groups-per-step must be at least 1") }
        guard hiddenWidths != nil else { throw ValidationError("--hidden: comma-separated positive widths, such as 64,64") }
    }

    var hiddenWidths: [Int]? {
        let widths = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return widths.allSatisfy({ ($0 ?? 0) > 0 }) && !widths.isEmpty ? widths.map { $0! } : nil
    }

    func run() throws {
        let held = try read(heldOut)
        if !held.isEmpty {
            print("held out, the heuristic's order: \(RankingQuality.of(held, scores: RankingCorpus.heuristicScores))")
            let misranked = RankingCorpus.groupsTheHeuristicMisranks(held)
            print("held out, the heuristic's order, where it does not put the proof's construction first: \(RankingQuality.of(misranked, scores: RankingCorpus.heuristicScores))")
        }
        if let model {
            Self.report(try LearnedRanker(contentsOf: URL(fileURLWithPath: model)), on: held)
            return
        }
        let groups = try read(traces)
        let network = RankerNetwork(config: RankerConfig(inputs: CandidateFeatures.count, hidden: hiddenWidths!), seed: seed)
        var options = RankerNetwork.TrainingOptions()
        options.epochs = epochs
        options.groupsPerStep = groupsPerStep
        options.learningRate = lr
        options.seed = seed
        print("training on \(groups.count) groups (\(groups.reduce(0) { $0 + $1.count }) candidates), \(network.parameterCount) parameters")
        let start = Date()
        network.train(groups, options: options, heldOut: held) { print($0) }
        let ranker = try LearnedRanker(network: network)
        Self.report(ranker, on: held)
        try ranker.write(to: URL(fileURLWithPath: out!), metadata: [
            "gougu.ranker_training": "groups \(groups.count), epochs \(epochs), groups per step \(groupsPerStep), lr \(lr), seed \(seed), hidden \(hidden)",
        ])
        print(String(format: "trained in %.1f s; wrote %@", Date().timeIntervalSince(start), out!))
    }

    /// The held-out quality of the ranker alone and combined with the heuristic's scores at
    /// several weights (`LearnedRanking`), to choose `--ranker-weight` on synthetic data.
    static func report(_ ranker: LearnedRanker, on held: [RankingGroup]) {
        guard !held.isEmpty else { return }
        let start = Date()
        let rankerScores = { (group: RankingGroup) in ranker.scores(features: group.features, count: group.count) }
        let alone = RankingQuality.of(held, scores: rankerScores)
        let candidates = held.reduce(0) { $0 + $1.count }
        print("held out, the ranker alone: \(alone); \(String(format: "%.0f", Double(candidates) / Date().timeIntervalSince(start))) candidates scored per second on one thread")
        let misranked = RankingCorpus.groupsTheHeuristicMisranks(held)
        print("held out, the ranker alone, where the heuristic does not put the proof's construction first: \(RankingQuality.of(misranked, scores: rankerScores))")
        let column = CandidateFeatures.names.firstIndex(of: "heuristic_score")!
        for weight in [0.1, 0.25, 0.5, 1, 2] {
            let ranking = LearnedRanking(ranker: ranker, mode: .combined, weight: weight)
            let scores = { (group: RankingGroup) -> [Float] in
                let heuristic = (0..<group.count).map { Double(group.features[$0 * CandidateFeatures.count + column]) }
                return ranking.rescored(heuristic: heuristic, features: group.features).map(Float.init)
            }
            print("held out, combined, weight \(weight): \(RankingQuality.of(held, scores: scores)); "
                  + "where the heuristic does not put it first: \(RankingQuality.of(misranked, scores: scores))")
        }
    }

    /// The ranking groups of the example files `paths`, with what was skipped said once.
    private func read(_ paths: [String]) throws -> [RankingGroup] {
        let excludedKeys = Self.benchmarkKeys(exclude)
        var groups: [RankingGroup] = []
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("\(path): cannot read the file")
            }
            let found = RankingCorpus.groups(in: text) { excludedKeys.contains(ExampleMiner.canonicalKey($0)) }
            groups += found.groups
            print("\(path): \(found.groups.count) groups; skipped \(found.skipped.lines) lines without a trace, \(found.skipped.statesWithoutFeatures) states without features, \(found.skipped.statesWithoutPositives) without a used construction"
                  + (exclude.isEmpty ? "" : "; \(found.skipped.excluded) examples whose problem is one of --exclude's"))
        }
        return groups
    }

    /// The canonical keys (`ExampleMiner.canonicalKey`) of the problems of `files`, each
    /// with its goal and without: a synthetic problem equal to one of them up to point
    /// names has one of these keys.
    static func benchmarkKeys(_ files: [String]) -> Set<String> {
        // Problems a file cannot read are no problems to train on either.
        var keys = Set<String>()
        for file in files {
            for problem in readProblemFile(file).problems {
                keys.insert(ExampleMiner.canonicalKey(problem.statementText))
                keys.insert(ExampleMiner.canonicalKey(problem.replacingGoal(nil).statementText))
            }
        }
        return keys
    }
}
