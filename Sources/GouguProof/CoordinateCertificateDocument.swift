import Foundation

/// A proof by coordinates as a document, format `gougu-coordinates/1` (docs/proof-format.md,
/// "The certificate"): what the JSON holds, with every polynomial as text in the polynomial
/// language (`x_c*t_d - 1/2`), written and read here.
///
/// The problem's points, in a placement order, each with its coordinates as fractions of
/// polynomials in variables; each variable introduced by one point, free or algebraic (a
/// root of its `rootOf` relation), with its value in the diagram the proof was found on; the
/// facts of the problem the proof does not assume; polynomials that must not vanish; the goal.
///
/// Data only, as `Proof` is: reading checks the JSON and the format tag, not the polynomials'
/// text nor what they establish. `CoordinateCertificate` (module `GouguCoordinateCheck`) is
/// the certificate with its polynomials read, and `CoordinateChecker` says what a valid one
/// establishes.
public struct CoordinateCertificateDocument: Codable, Sendable, Equatable {
    /// The format tag the JSON form carries.
    public static let format = "gougu-coordinates/1"

    /// A variable of the polynomials.
    public struct Variable: Codable, Sendable, Equatable {
        /// Its name in the polynomials' text (`x_c`, `t_d`, `m_e`).
        public var name: String
        /// Its value in the diagram: `[real part, imaginary part]` (complex in isotropic coordinates).
        public var value: [Double]
        /// For an algebraic variable, the polynomial it is a root of, whose highest variable is
        /// this one; nil for a free parameter.
        public var rootOf: String?

        public init(name: String, value: [Double], rootOf: String? = nil) {
            (self.name, self.value, self.rootOf) = (name, value, rootOf)
        }
    }

    /// A coordinate: a fraction of two polynomials (denominator nil: 1).
    public struct Coordinate: Codable, Sendable, Equatable {
        public var numerator: String
        public var denominator: String?

        public init(numerator: String, denominator: String? = nil) {
            (self.numerator, self.denominator) = (numerator, denominator)
        }
    }

    /// One point: its coordinates and the variables it introduces.
    public struct Placement: Codable, Sendable, Equatable {
        /// The point's name in the problem.
        public var point: String
        /// How it was placed, in words (information).
        public var how: String?
        /// The facts it was placed by, as the problem writes them (information).
        public var from: [String]?
        /// The variables this point introduces, in order after the previous points' ones.
        public var variables: [Variable]?
        /// Its coordinates: `(x, y)` in cartesian coordinates, `(z, w)` in isotropic ones.
        public var x: Coordinate
        public var y: Coordinate

        public init(point: String, how: String? = nil, from: [String]? = nil, variables: [Variable]? = nil,
                    x: Coordinate, y: Coordinate) {
            (self.point, self.how, self.from, self.variables, self.x, self.y) = (point, how, from, variables, x, y)
        }
    }

    /// A fact of the problem the proof does not assume (all its equations, or those listed).
    public struct NotAssumed: Codable, Sendable, Equatable {
        /// The fact as the problem writes it (`coll a b c`).
        public var fact: String
        /// Which of its equations (from 1, in the order of the predicate's polynomial meaning); nil: all.
        public var equations: [Int]?

        public init(fact: String, equations: [Int]? = nil) { (self.fact, self.equations) = (fact, equations) }
    }

    /// A polynomial that must not vanish, and why.
    public struct Condition: Codable, Sendable, Equatable {
        public var nonzero: String
        public var reason: String?

        public init(nonzero: String, reason: String? = nil) { (self.nonzero, self.reason) = (nonzero, reason) }
    }

    /// `gougu-coordinates/1`.
    public var format: String
    /// The name of the problem proved.
    public var problemName: String
    /// The problem in the problem language (information: a checker is given the problem).
    public var problem: String?
    /// The seed and configuration of the diagram the values are taken in.
    public var seed: UInt64
    public var configuration: UInt64?
    /// The coordinates the points are written in: `cartesian` or `isotropic`.
    public var system: String
    /// The points, in placement order.
    public var points: [Placement]
    public var notAssumed: [NotAssumed]?
    public var nonDegeneracy: [Condition]?
    /// The goal, as the problem writes it.
    public var goal: String
    /// The number of terms of each goal equation's numerator before its reduction (information).
    public var goalNumeratorTerms: [Int]?

    public init(format: String = CoordinateCertificateDocument.format, problemName: String, problem: String? = nil,
                seed: UInt64, configuration: UInt64? = nil, system: String, points: [Placement],
                notAssumed: [NotAssumed]? = nil, nonDegeneracy: [Condition]? = nil, goal: String,
                goalNumeratorTerms: [Int]? = nil) {
        self.format = format
        self.problemName = problemName
        self.problem = problem
        self.seed = seed
        self.configuration = configuration
        self.system = system
        self.points = points
        self.notAssumed = notAssumed
        self.nonDegeneracy = nonDegeneracy
        self.goal = goal
        self.goalNumeratorTerms = goalNumeratorTerms
    }
}

/// Why a certificate cannot be read: the file, where known the line and column, and what.
public struct CertificateReadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        (self.file, self.line, self.column, self.message) = (file, line, column, message)
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(place): error: \(message)"
    }
}

// MARK: - JSON

extension CoordinateCertificateDocument {
    /// The JSON form (`pretty`: indented with sorted keys, for files people read).
    public func json(pretty: Bool = true) -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Every value is finite (the diagram's), every string valid: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Whether `data` looks like a certificate (a JSON object naming this format, or a
    /// `gougu solve --json` record that carries one).
    public static func isCertificate(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        if let format = object["format"] as? String { return format == Self.format }
        return (object["coordinate_certificate"] as? [String: Any])?["format"] as? String == Self.format
    }

    /// Reads the JSON form: a bare certificate, or a `gougu solve --json` record with a
    /// `coordinate_certificate`. The format tag must be this one; the polynomials are not read.
    /// - Throws: `CertificateReadError` naming the file and, where possible, the line and
    ///   column (of a JSON syntax error) or the key path.
    public static func read(_ data: Data, file: String) throws -> CoordinateCertificateDocument {
        let object: Any
        switch JSONReading.value(of: data) {
        case .success(let value):
            object = value
        case .failure(let syntax):
            throw CertificateReadError(file: file, line: syntax.line, column: syntax.column, message: "not valid JSON: \(syntax.message)")
        }
        var body = data
        if let record = object as? [String: Any], record["format"] == nil, let inner = record["coordinate_certificate"] {
            body = (try? JSONSerialization.data(withJSONObject: inner)) ?? data
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let document: CoordinateCertificateDocument
        do {
            document = try decoder.decode(CoordinateCertificateDocument.self, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            throw CertificateReadError(file: file, message: "missing key '\(JSONReading.snakeCase(key.stringValue))' at \(JSONReading.path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CertificateReadError(file: file, message: "wrong type at \(JSONReading.path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw CertificateReadError(file: file, message: "missing value at \(JSONReading.path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw CertificateReadError(file: file, message: "invalid value at \(JSONReading.path(context.codingPath))")
        } catch {
            throw CertificateReadError(file: file, message: "not a certificate: \(error)")
        }
        try document.checkFormat(file: file)
        return document
    }

    /// Throws unless the format tag is this one.
    public func checkFormat(file: String) throws {
        guard format == Self.format else {
            throw CertificateReadError(file: file, message: "format is '\(Quoted(format))', expected '\(Self.format)'")
        }
    }
}

/// Text of the input quoted in a message: at most 40 characters, control characters escaped.
private struct Quoted: CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var description: String {
        let escaped = text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return escaped.count <= 40 ? escaped : String(escaped.prefix(39)) + "…"
    }
}
