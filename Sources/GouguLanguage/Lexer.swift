/// A token of a problem statement line.
struct Token: Equatable {
    enum Kind: Equatable {
        /// A run of characters other than spaces and `= , ; ? |`: names, numbers, `x@1_2`.
        case word(String)
        /// `|` separates the statement's clauses from the author's auxiliary clauses.
        case equals, comma, semicolon, question, bar
    }

    var kind: Kind
    /// The 1-based column of the token's first character.
    var column: Int

    var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    var spelling: String {
        switch kind {
        case .word(let w): return Diagnostic.quoted(w)
        case .equals: return "'='"
        case .comma: return "','"
        case .semicolon: return "';'"
        case .question: return "'?'"
        case .bar: return "'|'"
        }
    }
}

/// Splits one statement line into tokens. Never fails: every character is either
/// white space, punctuation or part of a word, and words are judged by the parser.
func tokenize(_ line: Substring) -> [Token] {
    var tokens: [Token] = []
    var current = ""
    var currentColumn = 0
    var column = 0
    func flush() {
        if !current.isEmpty {
            tokens.append(Token(kind: .word(current), column: currentColumn))
            current = ""
        }
    }
    for ch in line {
        column += 1
        switch ch {
        case " ", "\t", "\r":
            flush()
        case "=", ",", ";", "?", "|":
            flush()
            let kind: Token.Kind = ch == "=" ? .equals : ch == "," ? .comma : ch == ";" ? .semicolon : ch == "|" ? .bar : .question
            tokens.append(Token(kind: kind, column: column))
        default:
            if current.isEmpty { currentColumn = column }
            current.append(ch)
        }
    }
    flush()
    return tokens
}

/// Whether `word` is a valid point name: a letter, then letters, digits, `_` or `'`.
func isPointName(_ word: String) -> Bool {
    guard let first = word.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
    return word.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "'" }
}
