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
    ///
    /// The library's files are ASCII with `\n` line ends, read at every start of the
    /// program: those are split as bytes (`parseASCII`), which is an order of magnitude
    /// cheaper than walking `Character`s and gives the same blocks. Any other text is read
    /// by `Character`.
    static func parse(_ text: String, file: String) throws -> [LibraryBlock] {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
            return try parseASCII(Array(text.utf8), file: file)
        }
        return try parseCharacters(text, file: file)
    }

    /// `parse` of ASCII text without carriage returns, byte by byte.
    static func parseASCII(_ bytes: [UInt8], file: String) throws -> [LibraryBlock] {
        func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        func string(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        var blocks: [LibraryBlock] = []
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            lineNumber += 1
            var first = start
            while first < end && isBlank(bytes[first]) { first += 1 }
            if first == end || bytes[first] == UInt8(ascii: "#") { continue }
            let indent = first - start
            var words: [String] = []
            var w = first
            while w < end {
                while w < end && isBlank(bytes[w]) { w += 1 }
                let wordStart = w
                while w < end && !isBlank(bytes[w]) { w += 1 }
                if w > wordStart { words.append(string(wordStart, w)) }
            }
            let location = SourceLocation(file: file, line: lineNumber, column: indent + 1)
            if indent == 0 {
                blocks.append(LibraryBlock(keyword: words[0], header: Array(words.dropFirst()), location: location, fields: []))
                continue
            }
            guard !blocks.isEmpty else {
                throw Diagnostic("expected a block header such as 'construction NAME ...' before an indented field", at: location)
            }
            let key = words[0]
            var valueStart = first + key.utf8.count
            while valueStart < end && isBlank(bytes[valueStart]) { valueStart += 1 }
            var valueEnd = end
            while valueEnd > valueStart && isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
            blocks[blocks.count - 1].fields.append(Field(
                key: key,
                value: string(valueStart, valueEnd),
                location: location,
                valueLocation: SourceLocation(file: file, line: lineNumber, column: indent + 1 + (valueStart - first))
            ))
        }
        return blocks
    }

    /// `parse` of any text, `Character` by `Character`.
    static func parseCharacters(_ text: String, file: String) throws -> [LibraryBlock] {
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
