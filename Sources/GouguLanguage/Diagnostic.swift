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
