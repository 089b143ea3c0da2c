import GouguDeduction
import GouguLanguage

/// What the neural proposer reads: the problem's statement in canonical names and, for a
/// model trained that way, a summary of the configuration the engine derived.
///
/// The `configuration` prompt appends, after the goal, `? ` and the derived configuration
/// (`ConfigurationSummary`): the circles whose centre is known, the concyclic points and
/// the lines through three points or more, as `circle o a b c`, `cyclic a b c d`,
/// `coll a b c`, joined by `;`. Competition statements and synthetic problems define the
/// same configurations in different words (a point as an intersection of two lines, or as
/// a foot, or by angles); the derived lines and circles are what an auxiliary point is
/// placed on, and they read the same whatever the statement said. Items are added while
/// the prompt stays within `tokenBudget` tokens, so a long statement keeps its text and
/// loses configuration items first.
public enum ProposerPrompt: String, Sendable, CaseIterable {
    /// The statement only (the goal included).
    case statement
    /// The statement, then the derived configuration.
    case configuration

    /// The metadata key of a model file naming the prompt it was trained on (absent:
    /// `statement`).
    public static let metadataKey = "gougu.prompt"

    /// Most tokens of a prompt with configuration items (the statement alone may be longer;
    /// it is never cut). Leaves room for a clause in a context of 256.
    public static let tokenBudget = 220

    /// The prompt for `problem` in canonical names: `naming` is extended by the statement's
    /// points (in order of first appearance) and the configuration items, if any, are
    /// written in those names.
    public func text(for problem: Problem, configuration: ConfigurationSummary?, naming: inout CanonicalNaming) -> String {
        let statement = naming.canonicalize(problem.statementText)
        guard self == .configuration else { return statement }
        var words = CanonicalNaming.words(statement)
        if !words.contains("?") { words.append("?") }
        words.append("?")
        var added = 0
        for item in configuration?.items ?? [] {
            let itemWords = [item.predicate.name] + item.points.map { naming.canonical(problem.name(of: PointID($0))) }
            let needed = itemWords.count + (added > 0 ? 1 : 0)
            // Two more tokens: <bos> and <sep>.
            guard words.count + needed + 2 <= Self.tokenBudget else { break }
            if added > 0 { words.append(";") }
            words += itemWords
            added += 1
        }
        return CanonicalNaming.join(words)
    }
}

/// The lines and circles an engine's closure knows, in a fixed order that does not depend
/// on how the points are named: circles with a known centre (`circle o a b c`: `o` is
/// equidistant from `a`, `b`, `c` by derived or stated facts), then concyclic points
/// (`cyclic`, four or more), then lines (`coll`, three points or more); within each kind,
/// those with more points first, then by their points' construction order.
public struct ConfigurationSummary: Sendable, Equatable {
    /// One item: a predicate and its points (indices of the problem's points, centre first
    /// for `circle`, the rest ascending).
    public struct Item: Sendable, Equatable {
        public var predicate: Predicate
        public var points: [Int]
    }

    /// The items, in prompt order.
    public var items: [Item]

    /// The summary of `store`'s closure.
    public init(store: FactStore) {
        var store = store
        var centred: [Item] = []
        for (centre, points) in Self.centres(in: store.facts) where points.count >= 3 {
            centred.append(Item(predicate: .circle, points: [centre] + points))
        }
        let cyclic = store.knownCircles().map { Item(predicate: .cyclic, points: $0.sorted()) }
        let lines = store.knownLines().map { Item(predicate: .coll, points: $0.sorted()) }
        items = [centred, cyclic, lines].flatMap { kind in
            kind.sorted { $0.points.count != $1.points.count ? $0.points.count > $1.points.count : $0.points.lexicographicallyPrecedes($1.points) }
        }
    }

    /// For each point that `cong` facts make the common end of equal segments (`cong o a o
    /// b`), the other ends, ascending; ends linked through a chain of such facts are merged
    /// (`cong o a o b` and `cong o b o c` give `o: a b c`).
    static func centres(in facts: [Fact]) -> [(centre: Int, points: [Int])] {
        var groups: [Int: [[Int]]] = [:]
        for fact in facts where fact.statement.predicate == .cong {
            let p = fact.statement.points.map(\.index)
            guard p.count == 4 else { continue }
            let first = [p[0], p[1]], second = [p[2], p[3]]
            for centre in Set(first).intersection(second) {
                let a = first.first { $0 != centre }, b = second.first { $0 != centre }
                guard let a, let b, a != b else { continue }
                var merged = Set([a, b])
                var kept: [[Int]] = []
                for group in groups[centre, default: []] {
                    if group.contains(a) || group.contains(b) { merged.formUnion(group) } else { kept.append(group) }
                }
                groups[centre] = kept + [merged.sorted()]
            }
        }
        return groups.keys.sorted().flatMap { centre in groups[centre]!.map { (centre, $0) } }
    }
}
