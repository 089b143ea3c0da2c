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

/// A tokenizer for the problem language, e.g.
/// `a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c`.
///
/// Tokens are: special tokens (`<pad>`, `<bos>`, `<eos>`, `<sep>`), punctuation `= , ; ?`,
/// construction and predicate names (a caller-supplied vocabulary), point names (a lowercase
/// letter optionally followed by one digit: `a`, `b1`, `o2` — 26 x 11 fixed tokens) and
/// integers 0...127. Anything else is an error, never a silent unknown token.
public struct Tokenizer: Sendable, Equatable {
    /// Id of the padding token.
    public static let pad = 0
    /// Id of the beginning-of-sequence token.
    public static let bos = 1
    /// Id of the end-of-sequence token.
    public static let eos = 2
    /// Id of the separator between a problem and its continuation.
    public static let separator = 3
    /// Largest integer literal with its own token.
    public static let maxInteger = 127

    /// The AlphaGeometry construction names (first word of each definition in defs.txt).
    public static let defaultConstructions: [String] = [
        "angle_bisector", "angle_mirror", "circle", "circumcenter", "eq_quadrangle", "eq_trapezoid",
        "eq_triangle", "eqangle2", "eqdia_quadrangle", "eqdistance", "foot", "free", "incenter",
        "incenter2", "excenter", "excenter2", "centroid", "ninepoints", "intersection_cc",
        "intersection_lc", "intersection_ll", "intersection_lp", "intersection_lt", "intersection_pp",
        "intersection_tt", "iso_triangle", "lc_tangent", "midpoint", "mirror", "nsquare", "on_aline",
        "on_aline2", "on_bline", "on_circle", "on_line", "on_pline", "on_tline", "orthocenter",
        "parallelogram", "pentagon", "psquare", "quadrangle", "r_trapezoid", "r_triangle", "rectangle",
        "reflect", "risos", "s_angle", "segment", "shift", "square", "isquare", "trapezoid", "triangle",
        "triangle12", "2l1c", "e5128", "3peq", "trisect", "trisegment", "on_dia", "ieq_triangle",
        "on_opline", "cc_tangent0", "cc_tangent", "eqangle3", "tangent", "on_circum",
    ]

    /// Predicate names of goals.
    public static let defaultPredicates: [String] = [
        "coll", "cyclic", "para", "perp", "cong", "eqangle", "eqratio", "midp", "simtri", "simtri2",
        "contri", "contri2", "circle", "aconst", "rconst",
    ]

    /// Every token's text, indexed by id.
    public let vocabulary: [String]
    private let ids: [String: Int]

    /// Creates a tokenizer whose name tokens are `names` (duplicates are merged).
    public init(names: [String] = Tokenizer.defaultConstructions + Tokenizer.defaultPredicates) {
        var vocab = ["<pad>", "<bos>", "<eos>", "<sep>", "=", ",", ";", "?"]
        var seen = Set(vocab)
        for name in names where !seen.contains(name) {
            precondition(!Tokenizer.isPointName(name) && Int(name) == nil, "name '\(name)' collides with a point or integer")
            vocab.append(name)
            seen.insert(name)
        }
        for letter in "abcdefghijklmnopqrstuvwxyz" {
            vocab.append(String(letter))
            for digit in 0...9 { vocab.append("\(letter)\(digit)") }
        }
        for i in 0...Tokenizer.maxInteger { vocab.append(String(i)) }
        self.init(vocabulary: vocab)
    }

    /// Creates a tokenizer from a full vocabulary list (as stored in a model file).
    public init(vocabulary: [String]) {
        self.vocabulary = vocabulary
        var ids: [String: Int] = [:]
        for (i, t) in vocabulary.enumerated() { ids[t] = i }
        self.ids = ids
    }

    /// Number of tokens.
    public var count: Int { vocabulary.count }

    /// The id of `token`, if it is in the vocabulary.
    public func id(of token: String) -> Int? { ids[token] }

    /// Whether `word` is a point name: one lowercase letter, then at most one digit.
    public static func isPointName(_ word: some StringProtocol) -> Bool {
        let s = Array(word.unicodeScalars)
        guard let first = s.first, s.count <= 2, ("a"..."z").contains(first) else { return false }
        return s.count == 1 || ("0"..."9").contains(s[1])
    }

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
            if let id = ids[word], !word.hasPrefix("<") {
                out.append(id)
                return
            }
            let reason: String
            if word.allSatisfy(\.isNumber) {
                reason = "integers must be in 0...\(Tokenizer.maxInteger)"
            } else if let f = word.unicodeScalars.first, ("a"..."z").contains(f), word.dropFirst().allSatisfy(\.isNumber) {
                reason = "point names are a letter and at most one digit"
            } else {
                reason = "not a construction, predicate, point name or integer"
            }
            throw TokenizerError(text: word, column: wordStart, reason: reason)
        }
        for ch in text {
            column += 1
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                try flush()
            } else if ch == "=" || ch == "," || ch == ";" || ch == "?" {
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
