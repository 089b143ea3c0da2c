/// Canonical point names for the neural proposer: the points of a statement renamed in
/// order of first appearance to `a`, `b`, ..., `z`, `a1`, ..., `z1`, `a2`, ... so that the
/// model sees every problem under the same naming, whatever its author called the points.
///
/// Renaming works on the text of the problem language: a word right after `=`, `,` or `?`
/// names a construction or predicate and is kept, a word starting with a digit is a number
/// and is kept, every other word is a point. Punctuation is normalised to the tokenizer's
/// spacing (`a b c = triangle a b c; d = midpoint d a b ? cong d a d b`).
public struct CanonicalNaming: Sendable, Equatable {
    /// Original name to canonical name.
    public private(set) var toCanonical: [String: String] = [:]
    /// Canonical name to original name.
    public private(set) var toOriginal: [String: String] = [:]

    /// An empty naming.
    public init() {}

    /// The `index`-th canonical name (0-based): `a` ... `z`, then `a1` ... `z1`, ...
    public static func name(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let letter = String(letters[index % 26])
        return index < 26 ? letter : letter + String(index / 26)
    }

    /// How many points are named.
    public var count: Int { toCanonical.count }

    /// The canonical name of `original`, assigning the next one if it is new.
    public mutating func canonical(_ original: String) -> String {
        if let c = toCanonical[original] { return c }
        let c = CanonicalNaming.name(toCanonical.count)
        toCanonical[original] = c
        toOriginal[c] = original
        return c
    }

    /// Splits problem-language text into words and the punctuation `= , ; ?`.
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for ch in text {
            if ch == " " || ch == "\t" || ch == "\n" {
                if !word.isEmpty { out.append(word); word = "" }
            } else if ch == "=" || ch == "," || ch == ";" || ch == "?" {
                if !word.isEmpty { out.append(word); word = "" }
                out.append(String(ch))
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    /// Joins words as the tokenizer renders them: spaces between words, none before `,` and `;`.
    public static func join(_ words: [String]) -> String {
        var s = ""
        for w in words {
            if !s.isEmpty && w != "," && w != ";" { s += " " }
            s += w
        }
        return s
    }

    /// Rewrites every point of `text` with `rename`, keeping construction and predicate
    /// names, numbers and punctuation.
    public static func mapPoints(_ text: String, _ rename: (String) throws -> String) rethrows -> String {
        var out: [String] = []
        var previous = ";"
        for w in words(text) {
            let isPunctuation = w == "=" || w == "," || w == ";" || w == "?"
            let isName = previous == "=" || previous == "," || previous == "?"
            let isNumber = w.first?.isNumber ?? false
            out.append(isPunctuation || isName || isNumber ? w : try rename(w))
            previous = w
        }
        return join(out)
    }

    /// Renames `text` canonically, extending this naming with points not seen before.
    public mutating func canonicalize(_ text: String) -> String {
        CanonicalNaming.mapPoints(text) { canonical($0) }
    }
}
