import Foundation

/// One training example: an input text and the text that should follow it.
public struct CorpusExample: Sendable, Equatable {
    /// The input (for the proposer, a problem statement).
    public var problem: String
    /// The continuation (for the proposer, the next auxiliary construction).
    public var target: String

    /// Creates an example.
    public init(problem: String, target: String) {
        self.problem = problem
        self.target = target
    }

    /// The corpus-file line: problem, a tab, target.
    public var line: String { "\(problem)\t\(target)" }

    /// Parses a corpus-file line (`problem<TAB>target`); nil for a line without a tab.
    public init?(line: some StringProtocol) {
        let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        self.init(problem: String(parts[0]).trimmingCharacters(in: .whitespaces),
                  target: String(parts[1]).trimmingCharacters(in: .whitespaces))
    }

    /// Reads a corpus file (one `problem<TAB>target` per line; blank lines skipped).
    public static func read(contentsOf url: URL) throws -> [CorpusExample] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [CorpusExample] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let e = CorpusExample(line: line) else {
                throw CorpusError("\(url.path):\(i + 1): expected 'problem<TAB>target'")
            }
            out.append(e)
        }
        return out
    }
}
