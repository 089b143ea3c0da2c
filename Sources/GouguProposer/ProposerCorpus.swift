import Foundation
import GouguNeural

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
public struct ProposerCorpus: Sendable {
    /// Copies of each line from an example whose auxiliary clauses are needed.
    public var neededCopies = 2
    /// Copies of each line from an example whose auxiliary clauses are optional (0 drops them).
    public var optionalCopies = 1
    /// Lines longer than this many tokens (problem, target and specials) are dropped.
    public var maximumTokens = 256
    /// The tokenizer the lines must pass (strict: unknown input drops the line).
    public var tokenizer = Tokenizer()

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
        /// Lines dropped: the tokenizer rejected them, too long, or a malformed clause.
        public var untokenizable = 0, tooLong = 0, malformed = 0
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

    /// The `(problem, clause)` pairs of one example in canonical names, or a reason why not.
    public static func pairs(problem: String, auxiliary: [String]) -> [(input: String, target: String)?] {
        var out: [(input: String, target: String)?] = []
        for i in auxiliary.indices {
            let input = Self.insert(auxiliary[..<i], into: problem)
            var naming = CanonicalNaming()
            let canonicalInput = naming.canonicalize(input)
            let known = naming.count
            let target = naming.canonicalize(auxiliary[i])
            // The clause must define only new points, and at least one.
            let defined = CanonicalNaming.words(target).prefix { $0 != "=" }
            let ok = !defined.isEmpty && defined.count < CanonicalNaming.words(target).count
                && defined.allSatisfy { name in (known..<naming.count).contains { CanonicalNaming.name($0) == name } }
            out.append(ok ? (canonicalInput, target) : nil)
        }
        return out
    }

    /// `problem` (with ` ? goal`) with `clauses` appended before the goal.
    public static func insert(_ clauses: ArraySlice<String>, into problem: String) -> String {
        guard !clauses.isEmpty else { return problem }
        if let r = problem.range(of: " ? ") {
            return problem[..<r.lowerBound] + "; " + clauses.joined(separator: "; ") + problem[r.lowerBound...]
        }
        return problem + "; " + clauses.joined(separator: "; ")
    }

    /// Converts the lines of `gougu generate` files into corpus lines (`input<TAB>target`).
    public func convert(_ lines: [Substring], counts: inout Counts) -> [String] {
        var out: [String] = []
        for line in lines where !line.isEmpty {
            guard let example = GeneratedExample(line: line) else { continue }
            counts.examples += 1
            guard !example.auxiliary.isEmpty else { continue }
            if example.needed { counts.needed += 1 } else { counts.optional += 1 }
            let copies = example.needed ? neededCopies : optionalCopies
            guard copies > 0 else { continue }
            for pair in Self.pairs(problem: example.problem, auxiliary: example.auxiliary) {
                guard let (input, target) = pair else { counts.malformed += 1; continue }
                guard let tokens = try? tokenizer.encodeExample(problem: input, continuation: target) else {
                    counts.untokenizable += 1
                    continue
                }
                guard tokens.count <= maximumTokens else { counts.tooLong += 1; continue }
                counts.lines += 1
                for _ in 0..<copies { out.append(input + "\t" + target) }
                counts.written += copies
            }
        }
        return out
    }
}
