import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguNeural
import GouguSearch

/// Turns `gougu generate` examples into the neural proposer's training corpus: one
/// `problem<TAB>clause` line per auxiliary clause, with the points named canonically
/// (`CanonicalNaming`), the input being the problem (with the goal and the auxiliary clauses
/// before this one) and the target the next auxiliary clause, its new points named with the
/// next canonical names.
///
/// An example with auxiliary clauses `c1; c2` gives two lines: `problem -> c1` and
/// `problem; c1 -> c2`, which is what the search asks at depth 1 and 2. Examples whose
/// auxiliary points DD + AR needs (`needed`) are written `neededCopies` times, those it could
/// do without (`optional`, the proof still used them) `optionalCopies` times, so the model
/// leans towards the constructions that made a proof possible.
///
/// With the `configuration` prompt each input is the problem's statement followed by what
/// DD + AR derive from its premises (`ProposerPrompt`, `ConfigurationSummary`), as the
/// search's proposer will read it: the engine saturates every distinct premise set once, on
/// `threads` threads, in the seed-0 diagram `gougu bench` uses.
public struct ProposerCorpus: Sendable {
    /// Copies of each line from an example whose auxiliary clauses are needed.
    public var neededCopies = 2
    /// Copies of each line from an example whose auxiliary clauses are optional (0 drops them).
    public var optionalCopies = 1
    /// Lines longer than this many tokens (problem, target and specials) are dropped.
    public var maximumTokens = 256
    /// The tokenizer the lines must pass (strict: unknown input drops the line).
    public var tokenizer = Tokenizer.problemLanguage()
    /// What the inputs are (the statement, or the statement and the derived configuration).
    public var prompt = ProposerPrompt.statement
    /// Threads saturating premise sets for the `configuration` prompt.
    public var threads = 1
    /// The budget of one saturation for the `configuration` prompt.
    public var saturationBudget = Budget(seconds: 5, facts: 20_000, memoryMiB: 4096)

    /// What a conversion did.
    public struct Counts: Sendable, Equatable {
        /// Input examples read.
        public var examples = 0
        /// Examples with auxiliary clauses, needed and optional.
        public var needed = 0, optional = 0
        /// Distinct (problem, clause) lines written, before copies.
        public var lines = 0
        /// Lines written, with copies.
        public var written = 0
        /// Lines dropped: the tokenizer rejected them, too long, or a malformed clause; or
        /// (`configuration` prompt) the problem had no diagram.
        public var untokenizable = 0, tooLong = 0, malformed = 0, noDiagram = 0
        /// Examples dropped because their problem does not read.
        public var unreadable = 0
        /// Premise sets saturated for the `configuration` prompt, and seconds spent.
        public var saturated = 0
        public var saturationSeconds = 0.0
        /// No examples yet.
        public init() {}
    }

    /// Default settings.
    public init() {}

    /// One line of `gougu generate` output: name, problem, auxiliary clauses, needed flag, proof.
    public struct GeneratedExample: Sendable {
        public var problem: String
        public var auxiliary: [String]
        public var needed: Bool

        /// Parses a tab-separated line; nil for a line with fewer than four fields.
        public init?(line: Substring) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 4 else { return nil }
            problem = String(fields[1])
            auxiliary = fields[2].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            needed = fields[3] == "needed"
        }
    }

    /// The `(problem, clause)` pairs of one example in canonical names (nil for a clause that
    /// is malformed); none when the problem does not read.
    public static func pairs(problem: String, auxiliary: [String]) -> [(input: String, target: String)?] {
        (steps(problem: problem, auxiliary: auxiliary, parser: ProblemParser()) ?? []).map { step in
            var naming = CanonicalNaming()
            let input = naming.canonicalize(step.problem.statementText)
            return target(step.clause, naming: &naming).map { (input, $0) }
        }
    }

    /// What the search asks at each depth of an example: the problem with the auxiliary
    /// clauses before one appended (in the example's names), and that clause; nil when the
    /// problem does not read. The steps stop before a clause that does not extend the
    /// problem (it is malformed, and so is every later step).
    static func steps(problem text: String, auxiliary: [String], parser: ProblemParser) -> [(problem: Problem, clause: String)]? {
        guard var current = try? parser.parseProblem(name: "corpus", statement: text) else { return nil }
        var steps: [(problem: Problem, clause: String)] = []
        for (index, clause) in auxiliary.enumerated() {
            if index > 0 {
                guard let next = try? parser.problem(current, appending: [auxiliary[index - 1]]) else { break }
                current = next
            }
            steps.append((current, clause))
        }
        return steps
    }

    /// Converts the lines of `gougu generate` files into corpus lines (`input<TAB>target`).
    public func convert(_ lines: [Substring], counts: inout Counts) -> [String] {
        var pending: [(problem: Problem, clause: String, copies: Int)] = []
        let parser = ProblemParser()
        for line in lines where !line.isEmpty {
            guard let example = GeneratedExample(line: line) else { continue }
            counts.examples += 1
            guard !example.auxiliary.isEmpty else { continue }
            if example.needed { counts.needed += 1 } else { counts.optional += 1 }
            let copies = example.needed ? neededCopies : optionalCopies
            guard copies > 0 else { continue }
            guard let steps = Self.steps(problem: example.problem, auxiliary: example.auxiliary, parser: parser) else {
                counts.unreadable += 1
                continue
            }
            counts.malformed += example.auxiliary.count - steps.count
            for step in steps { pending.append((step.problem, step.clause, copies)) }
        }
        let configurations = prompt == .configuration ? self.configurations(of: pending.map(\.problem), counts: &counts) : [:]
        var out: [String] = []
        for item in pending {
            var naming = CanonicalNaming()
            let input: String
            if prompt == .configuration {
                // The goal adds no point: the premises' point indices are the problem's.
                guard let summary = configurations[Self.premisesKey(of: item.problem)] ?? nil else { counts.noDiagram += 1; continue }
                input = prompt.text(for: item.problem, configuration: summary, naming: &naming)
            } else {
                input = naming.canonicalize(item.problem.statementText)
            }
            let pair = Self.target(item.clause, naming: &naming).map { (input, $0) }
            guard let (input, target) = pair else { counts.malformed += 1; continue }
            guard let tokens = try? tokenizer.encodeExample(problem: input, continuation: target) else {
                counts.untokenizable += 1
                continue
            }
            guard tokens.count <= maximumTokens else { counts.tooLong += 1; continue }
            counts.lines += 1
            for _ in 0..<item.copies { out.append(input + "\t" + target) }
            counts.written += item.copies
        }
        return out
    }

    /// `clause` in canonical names, its new points named next, or nil unless it defines at
    /// least one new point and only new points.
    static func target(_ clause: String, naming: inout CanonicalNaming) -> String? {
        let known = naming.count
        let target = naming.canonicalize(clause)
        let words = CanonicalNaming.words(target)
        let defined = words.prefix { $0 != "=" }
        let ok = !defined.isEmpty && defined.count < words.count
            && defined.allSatisfy { name in (known..<naming.count).contains { CanonicalNaming.name($0) == name } }
        return ok ? target : nil
    }

    /// The problem's premises (its statement without the goal), as the key of their
    /// configuration.
    static func premisesKey(of problem: Problem) -> String {
        problem.replacingGoal(nil).statementText
    }

    /// For each distinct premise set among `problems` (by `premisesKey`), the configuration
    /// DD + AR derive from it in its seed-0 diagram; nil where it has no diagram.
    func configurations(of problems: [Problem], counts: inout Counts) -> [String: ConfigurationSummary?] {
        var premiseSets: [String: Problem] = [:]
        for problem in problems {
            let key = Self.premisesKey(of: problem)
            if premiseSets[key] == nil { premiseSets[key] = problem.replacingGoal(nil) }
        }
        let texts = premiseSets.keys.sorted()
        let start = Date()
        let engine = Engine()
        let sets = texts.map { premiseSets[$0]! }
        let results = Parallel.map(sets, threads: threads) { problem -> ConfigurationSummary? in
            guard let diagram = try? DiagramBuilder().build(problem, seed: 0) else { return nil }
            return ConfigurationSummary(store: engine.saturate(diagram, budget: saturationBudget).store)
        }
        counts.saturated += texts.count
        counts.saturationSeconds += Date().timeIntervalSince(start)
        return Dictionary(uniqueKeysWithValues: zip(texts, results))
    }
}
