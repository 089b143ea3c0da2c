import Foundation
import GouguNeural
import GouguSearch

/// The learned ranker of the heuristic proposer's candidates: a `RankerNetwork` over
/// `CandidateFeatures`, trained on the search's own proofs (`RankingCorpus`).
public struct LearnedRanker: CandidateRanker, @unchecked Sendable {
    // @unchecked Sendable: the network is only read after loading.

    public let network: RankerNetwork

    /// Metadata key recording the `CandidateFeatures.version` the ranker was trained on.
    public static let featuresMetadataKey = "gougu.candidate_features"

    /// A ranker around `network`, which must read `CandidateFeatures.count` inputs.
    public init(network: RankerNetwork) throws {
        guard network.config.inputs == CandidateFeatures.count else {
            throw ProposerModelError(description: "the ranker reads \(network.config.inputs) features per candidate, the proposer gives \(CandidateFeatures.count)")
        }
        self.network = network
    }

    /// Loads a ranker file written by `gougu proposer ranker train`.
    public init(contentsOf url: URL) throws {
        let file = try SafetensorsFile(contentsOf: url)
        guard file.metadata[Self.featuresMetadataKey] == "\(CandidateFeatures.version)" else {
            throw ProposerModelError(description: "\(url.path): a ranker for candidate features version \(file.metadata[Self.featuresMetadataKey] ?? "none"), not \(CandidateFeatures.version)")
        }
        try self.init(network: RankerNetwork(file: file))
    }

    /// The ranker shipped with Gougu (`Sources/GouguProposer/Resources/ranker.safetensors`).
    public static var shippedURL: URL? { Bundle.module.url(forResource: "ranker", withExtension: "safetensors") }

    /// Loads the shipped ranker.
    public static func shipped() throws -> LearnedRanker {
        guard let url = shippedURL else { throw ProposerModelError(description: "the shipped ranker is missing") }
        return try LearnedRanker(contentsOf: url)
    }

    public func scores(features: [Float], count: Int) -> [Float] {
        network.scores(features: features, count: count)
    }

    /// Writes the network with the metadata that `init(contentsOf:)` checks.
    public func write(to url: URL, metadata: [String: String] = [:]) throws {
        var extra = metadata
        extra[Self.featuresMetadataKey] = "\(CandidateFeatures.version)"
        extra["gougu.candidate_feature_names"] = CandidateFeatures.names.joined(separator: ",")
        try network.safetensors(metadata: extra).write(to: url)
    }
}

/// Ranking groups from the search traces that `gougu generate` writes (the sixth field of
/// each example line): one group per traced state that has feature rows and a candidate the
/// proof used.
public enum RankingCorpus {
    /// A line of a traces file that is not an example with a usable trace.
    public struct Skipped: Sendable, Equatable {
        public var lines = 0, statesWithoutFeatures = 0, statesWithoutPositives = 0
        /// Examples left out because `excluded` says their problem is one of a benchmark's.
        public var excluded = 0
    }

    /// The groups of the example lines of `text`, and what was skipped; an example whose
    /// problem (the second field) `excluded` accepts gives none.
    public static func groups(in text: String, excluded: (String) -> Bool = { _ in false }) -> (groups: [RankingGroup], skipped: Skipped) {
        var groups: [RankingGroup] = []
        var skipped = Skipped()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 6, !fields[5].isEmpty,
                  let trace = try? decoder.decode([SearchTraceState].self, from: Data(fields[5].utf8)) else {
                skipped.lines += 1
                continue
            }
            if excluded(String(fields[1])) { skipped.excluded += 1; continue }
            // Rows of the candidate's own entries only get the goal's from the problem.
            let goal = CandidateFeatures.goalRow(predicate: CandidateFeatures.goalPredicate(ofStatement: String(fields[1])))
            for state in trace {
                guard let rows = state.features, rows.count == state.offered.count,
                      case let values = rows.compactMap(SearchTraceState.values(ofRow:)).map({ $0.count == CandidateFeatures.candidateCount ? $0 + goal : $0 }),
                      values.count == rows.count, values.allSatisfy({ $0.count == CandidateFeatures.count }) else {
                    skipped.statesWithoutFeatures += 1
                    continue
                }
                guard !state.used.isEmpty else { skipped.statesWithoutPositives += 1; continue }
                groups.append(RankingGroup(features: values.flatMap { $0 }, count: values.count, positives: state.used))
            }
        }
        return (groups, skipped)
    }

    /// The heuristic's own order as scores (its first candidate highest), from the
    /// `log1p_heuristic_rank` feature: the baseline a ranker is measured against.
    public static func heuristicScores(_ group: RankingGroup) -> [Float] {
        let column = CandidateFeatures.names.firstIndex(of: "log1p_heuristic_rank")!
        return (0..<group.count).map { -group.features[$0 * CandidateFeatures.count + column] }
    }

    /// The groups where the heuristic's own order does not put a construction of the proof
    /// first: the states where a ranker has something to correct, and the kind the hard
    /// problems' proofs need (their constructions sit further down the heuristic's order).
    public static func groupsTheHeuristicMisranks(_ groups: [RankingGroup]) -> [RankingGroup] {
        groups.filter { RankingQuality.of([$0], scores: heuristicScores).top1 == 0 }
    }
}
