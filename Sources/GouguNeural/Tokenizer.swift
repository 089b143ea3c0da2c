import Foundation

/// An error from `Tokenizer.encode`, naming the offending text and its 1-based column.
public struct TokenizerError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The text that could not be tokenized.
    public var text: String
    /// 1-based column (in characters) where `text` starts.
    public var column: Int
    /// Why it was rejected.
    public var reason: String

    /// Human-readable message, e.g. `unknown token 'Foo' at column 5: ...`.
    public var description: String { "unknown token '\(text)' at column \(column): \(reason)" }
}

/// A word-level tokenizer over a fixed vocabulary: the neural core knows no language of
/// its own; the vocabulary (and with it what a word is) comes from its caller, such as the
/// proposer's problem-language vocabulary (`Tokenizer.problemLanguage` in GouguProposer).
///
/// The first four ids are the special tokens (`<pad>`, `<bos>`, `<eos>`, `<sep>`); then come
/// the vocabulary's words. A word of one character that is neither a letter nor a digit is
/// punctuation: it is a token of its own even when written without spaces around it. Words
/// are split on white space and punctuation; a word not in the vocabulary is an error, never
/// a silent unknown token.
public struct Tokenizer: Sendable, Equatable {
    /// Id of the padding token.
    public static let pad = 0
    /// Id of the beginning-of-sequence token.
    public static let bos = 1
    /// Id of the end-of-sequence token.
    public static let eos = 2
    /// Id of the separator between a problem and its continuation.
    public static let separator = 3
    /// The special tokens' texts, by id.
    public static let specials = ["<pad>", "<bos>", "<eos>", "<sep>"]

    /// Every token's text, indexed by id.
    public let vocabulary: [String]
    private let ids: [String: Int]
    private let punctuation: Set<Character>

    /// Creates a tokenizer whose tokens are the special tokens, then `words` in order
    /// (duplicates merged).
    public init(words: [String]) {
        var vocabulary = Tokenizer.specials
        var seen = Set(vocabulary)
        for word in words where seen.insert(word).inserted { vocabulary.append(word) }
        self.init(vocabulary: vocabulary)
    }

    /// Creates a tokenizer from a full vocabulary list (as stored in a model file), special
    /// tokens first.
    public init(vocabulary: [String]) {
        self.vocabulary = vocabulary
        var ids: [String: Int] = [:]
        for (i, t) in vocabulary.enumerated() { ids[t] = i }
        self.ids = ids
        punctuation = Set(vocabulary.compactMap { word in
            guard word.count == 1, let c = word.first, !c.isLetter, !c.isNumber, !c.isWhitespace else { return nil }
            return c
        })
    }

    /// Number of tokens.
    public var count: Int { vocabulary.count }

    /// The id of `token`, if it is in the vocabulary.
    public func id(of token: String) -> Int? { ids[token] }

    /// Splits `text` into token ids (no BOS/EOS added).
    /// - Throws: `TokenizerError` naming the first word that is not in the vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        var out: [Int] = []
        var word = ""
        var wordStart = 0
        var column = 0
        func flush() throws {
            if word.isEmpty { return }
            defer { word = "" }
            guard let id = ids[word], !Tokenizer.specials.contains(word) else {
                throw TokenizerError(text: word, column: wordStart, reason: "not in the vocabulary")
            }
            out.append(id)
        }
        for ch in text {
            column += 1
            if ch.isWhitespace {
                try flush()
            } else if punctuation.contains(ch) {
                try flush()
                out.append(ids[String(ch)]!)
            } else {
                if word.isEmpty { wordStart = column }
                word.append(ch)
            }
        }
        try flush()
        return out
    }

    /// Renders ids as text: tokens joined by spaces, no space before `,` and `;`;
    /// special tokens are skipped.
    public func decode(_ tokens: [Int]) -> String {
        var s = ""
        for t in tokens where t > Tokenizer.separator && t < vocabulary.count {
            let text = vocabulary[t]
            if !s.isEmpty && text != "," && text != ";" { s += " " }
            s += text
        }
        return s
    }

    /// A training/prompt sequence: `<bos> problem <sep>` followed, if given, by
    /// `continuation <eos>`.
    public func encodeExample(problem: String, continuation: String?) throws -> [Int] {
        var seq = [Tokenizer.bos] + (try encode(problem)) + [Tokenizer.separator]
        if let continuation { seq += try encode(continuation) + [Tokenizer.eos] }
        return seq
    }
}
