/// A position in a source file, 1-based, as editors and compilers print it.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file name as given by the user (or a label such as `<string>`).
    public var file: String
    /// The line, counting from 1.
    public var line: Int
    /// The column, counting from 1, in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form terminals and editors turn into links.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem with user input: where it is, what was wrong, and what was expected.
///
/// Every parse error in Gougu is a `Diagnostic`; the command-line tool prints it as
/// `file:line:column: error: message` and exits with status 2.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem was found.
    public var location: SourceLocation
    /// What is wrong and, where it helps, what was expected instead.
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}

extension Diagnostic {
    /// The longest excerpt of the input a diagnostic quotes.
    public static let excerptLimit = 40

    /// `'word'` for a diagnostic: a word of the input quoted back, short and printable.
    ///
    /// Diagnostics never echo raw input: a word longer than `excerptLimit` is cut, and
    /// control characters (a NUL byte, an escape sequence) and characters outside printable
    /// ASCII are shown as `\u{…}` escapes, so that a diagnostic neither floods a terminal
    /// nor writes bytes into it that it would act on.
    public static func quoted(_ word: some StringProtocol) -> String {
        var text = ""
        var count = 0
        for scalar in word.unicodeScalars {
            if count == excerptLimit {
                return "'\(text)…' (\(word.unicodeScalars.count) characters)"
            }
            count += 1
            let printable = scalar.isASCII ? scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\"
                                           : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if printable {
                text.unicodeScalars.append(scalar)
            } else {
                text += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return "'\(text)'"
    }
}
