import Foundation

/// What the heuristic proposer knows about one candidate construction, as a fixed-length
/// vector of numbers that a learned ranker reads (`CandidateRanker`): its kind, the
/// evidence the diagram shows for its point, how it relates to the goal and to the
/// statement's points, and where the heuristic itself put it.
///
/// The layout is part of a trained ranker's contract: a model file records
/// `CandidateFeatures.version`, and a ranker trained on another layout is refused.
public enum CandidateFeatures {
    /// The layout's version; bump it whenever `names` changes.
    public static let version = 2

    /// The construction kinds, in the order of their one-hot entries.
    public static let kinds = ["midpoint", "mirror", "foot", "reflect", "circle", "orthocenter", "parallelogram",
                               "intersection_ll", "intersection_tt", "line_circle", "circle_circle",
                               "intersection_lp", "intersection_lt", "intersection_lc"]

    /// The goal predicates with an entry of their own (`simtri2` counts as `simtri`,
    /// `contri2` as `contri`; any other goal has none).
    public static let goalPredicates = ["coll", "cyclic", "para", "perp", "cong", "eqangle", "eqratio", "midp",
                                        "simtri", "contri", "circle"]

    /// One name per entry, in order: the candidate's own entries, then the goal's.
    public static let names: [String] = candidateNames + goalPredicates.map { "goal=\($0)" }

    /// The number of the candidate's own entries, which come first (traces may keep only
    /// these: the goal's entries follow from the problem, `goalRow`).
    public static var candidateCount: Int { candidateNames.count }

    /// The goal's entries for a goal of predicate `name`.
    public static func goalRow(predicate name: String?) -> [Float] {
        let base = name.map { $0 == "simtri2" ? "simtri" : $0 == "contri2" ? "contri" : $0 }
        return goalPredicates.map { $0 == base ? 1 : 0 }
    }

    /// The goal predicate of a statement in the problem language (the first word after `?`).
    public static func goalPredicate(ofStatement text: String) -> String? {
        guard let mark = text.firstIndex(of: "?") else { return nil }
        return text[text.index(after: mark)...].split(separator: " ").first.map(String.init)
    }

    static let candidateNames: [String] = kinds.map { "kind=\($0)" } + [
        "heuristic_score",          // the heuristic's score, variety penalty included
        "log1p_heuristic_rank",     // log(1 + rank) in the heuristic's order (0: its first)
        "log1p_extra_lines",        // existing lines through the point beyond those its construction asserts
        "log1p_extra_circles",      // existing circles through it beyond those asserted
        "log1p_extra_lengths",      // equal lengths beyond those asserted
        "log1p_on_lines",           // all lines through it
        "log1p_on_circles",         // all circles through it
        "log1p_equal_lengths",      // all equal lengths at it
        "on_goal_lines",            // lines through two goal points that pass through it
        "goal_share",               // share of its arguments that are goal points
        "touched",                  // mean share of the closure's facts that mention its arguments
        "latest_argument",          // its latest argument's index / point count
        "mean_argument",            // its arguments' mean index / point count
        "auxiliary_arguments",      // share of its arguments that are auxiliary points
        "log1p_constructions",      // log(1 + other constructions landing on the same point)
        "log1p_rank_in_kind",       // log(1 + rank among candidates of its kind)
        "earliest_alternative",     // 1 for the construction from the earliest points of a point proposed otherwise
        "depth",                    // auxiliary clauses of the state
        "log_points",               // log of the state's point count
        "distance_from_centre",     // distance from the points' centroid / the figure's scale
    ]

    /// The number of entries.
    public static var count: Int { names.count }

    /// The index of the one-hot entry of `kind` (nil for a kind the layout does not know).
    public static func kindIndex(_ kind: String) -> Int? { kinds.firstIndex(of: kind) }
}

/// A learned scorer of candidate constructions: given the features of a state's
/// candidates (`CandidateFeatures`), one score each; higher is more likely to be a
/// construction a proof uses. Scores are compared within a state (a log-softmax over
/// them is the model's probability of each candidate).
public protocol CandidateRanker: Sendable {
    /// Scores of `count` candidates whose features are the rows of `features`
    /// (`count` × `CandidateFeatures.count`, row-major).
    func scores(features: [Float], count: Int) -> [Float]
}

/// How the heuristic proposer's order is changed by a learned ranker.
public struct LearnedRanking: Sendable {
    /// Whose scores order the candidates.
    public enum Mode: String, Sendable, CaseIterable {
        /// The ranker alone: a candidate's score is `anchor + weight × log p`, where p is the
        /// ranker's probability of it among the state's candidates.
        case alone
        /// The heuristic's score plus `weight × (log p - log p_best)`: the heuristic's
        /// order, corrected by the ranker.
        case combined
    }

    public var ranker: any CandidateRanker
    public var mode: Mode
    /// Heuristic points per nat of the ranker's log-probability.
    public var weight: Double
    /// With `.alone`: the score of a candidate the ranker is certain of (about the
    /// heuristic's best scores, so the search's depth penalty weighs alike).
    public var anchor = 3.0

    public init(ranker: any CandidateRanker, mode: Mode, weight: Double = 0.5) {
        self.ranker = ranker
        self.mode = mode
        self.weight = weight
    }

    /// The new scores of candidates with `heuristic` scores and `features` (rows).
    public func rescored(heuristic: [Double], features: [Float]) -> [Double] {
        let count = heuristic.count
        guard count > 0 else { return [] }
        let raw = ranker.scores(features: features, count: count).map(Double.init)
        let best = raw.max()!
        switch mode {
        case .alone:
            let logSum = best + log(raw.reduce(0) { $0 + exp($1 - best) })
            return raw.map { anchor + weight * ($0 - logSum) }
        case .combined:
            return (0..<count).map { heuristic[$0] + weight * (raw[$0] - best) }
        }
    }
}
