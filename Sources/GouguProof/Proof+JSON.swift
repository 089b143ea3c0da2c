import Foundation

/// The JSON form of Gougu's records and proofs: snake-case keys, sorted. `Proof.readJSON`
/// reads what it writes.
public enum GouguJSON {
    /// An encoder for proofs and records (`pretty`: indented, for files people read).
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        return encoder
    }
}

/// A proof that cannot be read: not JSON of the format, or text not in the layout
/// `gougu solve` prints. `line` and `column` count from 1 when known.
public struct ProofReadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(place): error: \(message)"
    }
}

extension Proof {
    /// Reads a proof, JSON or text, telling them apart by content (JSON starts with `{`).
    ///
    /// - Throws: `ProofReadError` naming the file and, where possible, line and column.
    public static func read(_ contents: String, file: String) throws -> Proof {
        let trimmed = contents.drop { $0.isWhitespace }
        if trimmed.first == "{" { return try readJSON(Data(contents.utf8), file: file) }
        return try ProofTextReader(file: file).read(contents)
    }

    /// Reads the JSON format (a bare proof, or a `gougu solve --json` record with a `proof`).
    public static func readJSON(_ data: Data, file: String) throws -> Proof {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Record: Decodable { var proof: Proof? }
        // Syntax first, so that a syntax error gets its line and column.
        let object: Any
        switch JSONReading.value(of: data) {
        case .success(let value):
            object = value
        case .failure(let syntax):
            throw ProofReadError(file: file, line: syntax.line, column: syntax.column, message: "not valid JSON: \(syntax.message)")
        }
        if let bad = outOfRangeNumber(in: object) {
            throw ProofReadError(file: file, message: "invalid value at \(bad): expected a non-negative integer")
        }
        do {
            if let document = try? decoder.decode(Proof.self, from: data) { return document }
            if let record = try? decoder.decode(Record.self, from: data), let proof = record.proof { return proof }
            return try decoder.decode(Proof.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ProofReadError(file: file, message: "missing key '\(JSONReading.snakeCase(key.stringValue))' at \(JSONReading.path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ProofReadError(file: file, message: "wrong type at \(JSONReading.path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ProofReadError(file: file, message: "missing value at \(JSONReading.path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // Valid JSON with a value out of range (a negative seed, say).
            throw ProofReadError(file: file, message: "invalid value at \(JSONReading.path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            throw ProofReadError(file: file, message: "not valid JSON: \(underlying ?? context.debugDescription)")
        } catch {
            throw ProofReadError(file: file, message: "not valid JSON: \(error)")
        }
    }

    /// The path of a `seed` or `configuration` (of the proof, or of a record's `proof`) that
    /// is not a non-negative integer, which the decoder would only call invalid JSON.
    private static func outOfRangeNumber(in json: Any) -> String? {
        guard let object = json as? [String: Any] else { return nil }
        for (prefix, fields) in [("", object), ("proof.", object["proof"] as? [String: Any] ?? [:])] {
            for key in ["seed", "configuration"] {
                guard let value = fields[key], !(value is NSNull) else { continue }
                guard let number = value as? NSNumber, number.doubleValue >= 0, number.doubleValue == number.doubleValue.rounded(),
                      number.doubleValue < 1.9e19 else { return prefix + key }
            }
        }
        return nil
    }
}
