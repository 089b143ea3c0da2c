import Foundation

/// What the readers of Gougu's JSON documents (`Proof`, `CoordinateCertificateDocument`)
/// share: a syntax error placed by line and column, and the key paths of their messages.
enum JSONReading {
    /// A JSON syntax error: the parser's message and, when it names a character offset, the
    /// line and column there.
    struct SyntaxError: Error {
        var line: Int?
        var column: Int?
        var message: String
    }

    /// The parsed JSON value of `data`.
    static func value(of data: Data) -> Result<Any, SyntaxError> {
        do {
            return .success(try JSONSerialization.jsonObject(with: data))
        } catch {
            let message = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            var line: Int?, column: Int?
            if let range = message.range(of: "character "),
               let offset = Int(message[range.upperBound...].prefix { $0.isNumber }), offset <= data.count {
                let before = data.prefix(offset)
                line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
                column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            }
            return .failure(SyntaxError(line: line, column: column, message: message))
        }
    }

    /// A Swift property name as the JSON writes it (`problemName` → `problem_name`).
    static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    /// A decoding error's key path as the JSON writes it (`.steps[3].statement`).
    static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + snakeCase($0.stringValue) }.joined()
    }
}
