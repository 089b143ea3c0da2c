/// The block format shared by the theorem library's data files: a header line at the
/// left margin (`construction NAME ...`), then indented `key value` fields, and `#`
/// comments. A field may appear more than once (`place` does).
struct LibraryBlock {
    struct Field {
        var key: String
        var value: String
        var location: SourceLocation
        /// Where `value` starts, so errors inside it point at the right column.
        var valueLocation: SourceLocation
    }

    var keyword: String
    var header: [String]
    var location: SourceLocation
    var fields: [Field]

    func values(_ key: String) -> [Field] { fields.filter { $0.key == key } }

    /// Splits `text` into blocks; every field belongs to the block above it.
    static func parse(_ text: String, file: String) throws -> [LibraryBlock] {
        var blocks: [LibraryBlock] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.count - trimmed.count
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let location = SourceLocation(file: file, line: lineNumber, column: indent + 1)
            if indent == 0 {
                blocks.append(LibraryBlock(keyword: words[0], header: Array(words.dropFirst()), location: location, fields: []))
                continue
            }
            guard !blocks.isEmpty else {
                throw Diagnostic("expected a block header such as 'construction NAME ...' before an indented field", at: location)
            }
            let key = words[0]
            let afterKey = trimmed.dropFirst(key.count)
            let value = afterKey.drop(while: { $0 == " " || $0 == "\t" })
            let valueColumn = indent + 1 + (trimmed.count - value.count)
            blocks[blocks.count - 1].fields.append(Field(
                key: key,
                value: String(value).trimmingTrailingSpaces(),
                location: location,
                valueLocation: SourceLocation(file: file, line: lineNumber, column: valueColumn)
            ))
        }
        return blocks
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
