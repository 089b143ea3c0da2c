import Foundation
import GouguArithmetic
import GouguPolynomials
import GouguPredicatePolynomials

/// A proof by coordinates as a certificate (`gougu-coordinates/1`): everything a checker
/// needs to verify it without the coordinate prover.
///
/// The problem's points, in a placement order, each as exact rational functions of
/// variables; each variable introduced by one point, free or algebraic (a root of a
/// *relation*, a polynomial whose highest variable is that variable), with its value in
/// the diagram the proof was found on; the facts of the problem the proof does not assume;
/// polynomials that must not vanish; the goal. `CoordinateChecker` says what a valid
/// certificate establishes. The JSON form is described in docs/proof-format.md.
public struct CoordinateCertificate: Sendable, Equatable {
    /// The format tag the JSON form carries.
    public static let format = "gougu-coordinates/1"

    /// A variable of the polynomials.
    public struct Variable: Sendable, Equatable {
        /// Its name in the polynomials' text (`x_c`, `t_d`, `m_e`): a letter or `_`, then
        /// letters, digits and `_`.
        public var name: String
        /// Its value in the diagram (complex in isotropic coordinates).
        public var value: Complex
        /// For an algebraic variable, the polynomial it is a root of, whose highest variable
        /// is this one; nil for a free parameter.
        public var relation: Polynomial?

        public init(name: String, value: Complex, relation: Polynomial? = nil) {
            (self.name, self.value, self.relation) = (name, value, relation)
        }
    }

    /// One point: its coordinates and the variables it introduces.
    public struct Placement: Sendable, Equatable {
        /// The point's name in the problem.
        public var point: String
        /// How it was placed, in words (information).
        public var how: String
        /// The facts it was placed by, as the problem writes them (information).
        public var from: [String]
        /// The variables this point introduces, in order after the previous points' ones.
        public var variables: [Variable]
        /// Its coordinates: `(x, y)` in cartesian coordinates, `(z, w)` in isotropic ones.
        public var x: RationalFunction
        public var y: RationalFunction

        public init(point: String, how: String, from: [String] = [], variables: [Variable],
                    x: RationalFunction, y: RationalFunction) {
            (self.point, self.how, self.from, self.variables, self.x, self.y) = (point, how, from, variables, x, y)
        }
    }

    /// A fact of the problem the proof does not assume (all its equations, or those listed).
    public struct NotAssumed: Sendable, Equatable {
        /// The fact as the problem writes it (`coll a b c`).
        public var fact: String
        /// Which of its equations (from 1, in `PredicateEquations`' order); nil: all of them.
        public var equations: [Int]?

        public init(fact: String, equations: [Int]? = nil) { (self.fact, self.equations) = (fact, equations) }
    }

    /// A polynomial that must not vanish, and why.
    public struct Condition: Sendable, Equatable {
        public var polynomial: Polynomial
        public var reason: String

        public init(polynomial: Polynomial, reason: String) { (self.polynomial, self.reason) = (polynomial, reason) }
    }

    /// The name of the problem proved.
    public var problemName: String
    /// The problem in the problem language (information: the checker is given the problem).
    public var problem: String?
    /// The seed and configuration of the diagram the values are taken in
    /// (`DiagramBuilder().build(problem, seed:, configuration:)`).
    public var seed: UInt64
    public var configuration: UInt64?
    /// The coordinates the points are written in.
    public var system: CoordinateSystem
    /// The points, in placement order.
    public var placements: [Placement]
    public var notAssumed: [NotAssumed]
    public var conditions: [Condition]
    /// The goal, as the problem writes it.
    public var goal: String
    /// The number of terms of each goal equation's numerator before its reduction (information).
    public var goalNumeratorTerms: [Int]

    public init(problemName: String, problem: String? = nil, seed: UInt64, configuration: UInt64? = nil,
                system: CoordinateSystem, placements: [Placement], notAssumed: [NotAssumed], conditions: [Condition],
                goal: String, goalNumeratorTerms: [Int] = []) {
        self.problemName = problemName
        self.problem = problem
        self.seed = seed
        self.configuration = configuration
        self.system = system
        self.placements = placements
        self.notAssumed = notAssumed
        self.conditions = conditions
        self.goal = goal
        self.goalNumeratorTerms = goalNumeratorTerms
    }

    /// Every variable, numbered as the polynomials number them: the placements' variables in order.
    public var variables: [Variable] { placements.flatMap(\.variables) }

    /// The certificate's total number of polynomial terms (coordinates, relations, conditions).
    public var termCount: Int {
        placements.reduce(0) { total, p in
            total + p.x.numerator.termCount + p.x.denominator.termCount + p.y.numerator.termCount + p.y.denominator.termCount
                + p.variables.reduce(0) { $0 + ($1.relation?.termCount ?? 0) }
        } + conditions.reduce(0) { $0 + $1.polynomial.termCount }
    }
}

// MARK: - JSON

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

/// The JSON form, as written: polynomials as text.
private struct CertificateFile: Codable {
    struct Variable: Codable {
        var name: String
        var value: [Double]
        var rootOf: String?
    }
    struct Coordinate: Codable {
        var numerator: String
        var denominator: String?
    }
    struct Placement: Codable {
        var point: String
        var how: String?
        var from: [String]?
        var variables: [Variable]?
        var x: Coordinate
        var y: Coordinate
    }
    struct NotAssumed: Codable {
        var fact: String
        var equations: [Int]?
    }
    struct Condition: Codable {
        var nonzero: String
        var reason: String?
    }
    var format: String
    var problemName: String
    var problem: String?
    var seed: UInt64
    var configuration: UInt64?
    var system: String
    var points: [Placement]
    var notAssumed: [NotAssumed]?
    var nonDegeneracy: [Condition]?
    var goal: String
    var goalNumeratorTerms: [Int]?
}

extension CoordinateCertificate {
    /// The JSON form (`pretty`: indented with sorted keys, for files people read).
    public func json(pretty: Bool = true) -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Every value is finite (the diagram's), every string valid: encoding cannot fail.
        return (try? encoder.encode(file)) ?? Data()
    }

    /// The form the JSON encodes: polynomials as text.
    fileprivate var file: CertificateFile {
        let names = variables.map(\.name)
        let name: (Int) -> String = { $0 < names.count ? names[$0] : "v\($0)" }
        func coordinate(_ f: RationalFunction) -> CertificateFile.Coordinate {
            CertificateFile.Coordinate(numerator: f.numerator.text(naming: name),
                                       denominator: f.denominator == .one ? nil : f.denominator.text(naming: name))
        }
        let file = CertificateFile(
            format: Self.format, problemName: problemName, problem: problem, seed: seed, configuration: configuration,
            system: system.rawValue,
            points: placements.map { p in
                CertificateFile.Placement(point: p.point, how: p.how, from: p.from,
                                          variables: p.variables.map { v in
                                              CertificateFile.Variable(name: v.name, value: [v.value.real, v.value.imaginary],
                                                                       rootOf: v.relation.map { $0.text(naming: name) })
                                          },
                                          x: coordinate(p.x), y: coordinate(p.y))
            },
            notAssumed: notAssumed.map { CertificateFile.NotAssumed(fact: $0.fact, equations: $0.equations) },
            nonDegeneracy: conditions.map { CertificateFile.Condition(nonzero: $0.polynomial.text(naming: name), reason: $0.reason) },
            goal: goal, goalNumeratorTerms: goalNumeratorTerms)
        return file
    }

    /// Whether `data` looks like a certificate (a JSON object naming this format).
    public static func isCertificate(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        if let format = object["format"] as? String { return format == Self.format }
        // A `gougu solve --json` record that carries one.
        return (object["coordinate_certificate"] as? [String: Any])?["format"] as? String == Self.format
    }

    /// Reads the JSON form: a bare certificate, or a `gougu solve --json` record with a
    /// `coordinate_certificate`.
    /// - Throws: `CertificateReadError` naming the file and, where possible, the line and
    ///   column (of a JSON syntax error) or the key path and the column in a polynomial.
    public static func read(_ data: Data, file: String) throws -> CoordinateCertificate {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let message = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            var line: Int?, column: Int?
            if let range = message.range(of: "character "),
               let offset = Int(message[range.upperBound...].prefix { $0.isNumber }), offset <= data.count {
                let before = data.prefix(offset)
                line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
                column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            }
            throw CertificateReadError(file: file, line: line, column: column, message: "not valid JSON: \(message)")
        }
        var body = data
        if let record = object as? [String: Any], record["format"] == nil, let inner = record["coordinate_certificate"] {
            body = (try? JSONSerialization.data(withJSONObject: inner)) ?? data
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let raw: CertificateFile
        do {
            raw = try decoder.decode(CertificateFile.self, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            throw CertificateReadError(file: file, message: "missing key '\(snake(key.stringValue))' at \(path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CertificateReadError(file: file, message: "wrong type at \(path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw CertificateReadError(file: file, message: "missing value at \(path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw CertificateReadError(file: file, message: "invalid value at \(path(context.codingPath))")
        } catch {
            throw CertificateReadError(file: file, message: "not a certificate: \(error)")
        }
        return try CoordinateCertificate(raw, file: file)
    }

    fileprivate init(_ raw: CertificateFile, file: String) throws {
        func fail(_ message: String) -> CertificateReadError { CertificateReadError(file: file, message: message) }
        guard raw.format == Self.format else {
            throw fail("format is '\(Quoted(raw.format))', expected '\(Self.format)'")
        }
        guard let system = CoordinateSystem(rawValue: raw.system) else {
            throw fail("system is '\(Quoted(raw.system))', expected 'cartesian' or 'isotropic'")
        }
        // The variables' names, numbered in order, before any polynomial is read.
        var index: [String: Int] = [:]
        for (i, point) in raw.points.enumerated() {
            for (j, variable) in (point.variables ?? []).enumerated() {
                let at = "points[\(i)].variables[\(j)]"
                guard PolynomialReader.isName(variable.name) else { throw fail("\(at).name '\(Quoted(variable.name))' is not a variable name") }
                guard index[variable.name] == nil else { throw fail("\(at).name: variable '\(variable.name)' is introduced twice") }
                guard variable.value.count == 2, variable.value.allSatisfy(\.isFinite) else {
                    throw fail("\(at).value: expected [real part, imaginary part], two finite numbers")
                }
                index[variable.name] = index.count
            }
        }
        let reader = PolynomialReader(variables: index)
        func polynomial(_ text: String, at path: String) throws -> Polynomial {
            do { return try reader.read(text) } catch let error as PolynomialReader.Failure {
                throw fail("\(path), column \(error.column): \(error.message)")
            }
        }
        func function(_ c: CertificateFile.Coordinate, at path: String) throws -> RationalFunction {
            let numerator = try polynomial(c.numerator, at: path + ".numerator")
            let denominator = try c.denominator.map { try polynomial($0, at: path + ".denominator") } ?? .one
            guard !denominator.isZero else { throw fail("\(path).denominator is zero") }
            return RationalFunction(numerator, over: denominator)
        }
        placements = try raw.points.enumerated().map { i, point in
            let variables = try (point.variables ?? []).enumerated().map { j, v in
                Variable(name: v.name, value: Complex(v.value[0], v.value[1]),
                         relation: try v.rootOf.map { try polynomial($0, at: "points[\(i)].variables[\(j)].root_of") })
            }
            return Placement(point: point.point, how: point.how ?? "", from: point.from ?? [], variables: variables,
                             x: try function(point.x, at: "points[\(i)].x"), y: try function(point.y, at: "points[\(i)].y"))
        }
        notAssumed = (raw.notAssumed ?? []).map { NotAssumed(fact: $0.fact, equations: $0.equations) }
        conditions = try (raw.nonDegeneracy ?? []).enumerated().map { i, c in
            Condition(polynomial: try polynomial(c.nonzero, at: "non_degeneracy[\(i)].nonzero"), reason: c.reason ?? "")
        }
        problemName = raw.problemName
        problem = raw.problem
        seed = raw.seed
        configuration = raw.configuration
        self.system = system
        goal = raw.goal
        goalNumeratorTerms = raw.goalNumeratorTerms ?? []
    }

    private static func snake(_ key: String) -> String {
        key.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + snake($0.stringValue) }.joined()
    }
}

/// Text of the input quoted in a message: at most 40 characters, control characters escaped.
struct Quoted: CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var description: String {
        let escaped = text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return escaped.count <= 40 ? escaped : String(escaped.prefix(39)) + "…"
    }
}

extension CoordinateCertificate: Codable {
    /// The JSON form, as a value inside another record (`gougu solve --json`'s
    /// `coordinate_certificate`); `read` gives better messages for a file.
    public init(from decoder: any Decoder) throws {
        let raw = try CertificateFile(from: decoder)
        do {
            try self.init(raw, file: "<record>")
        } catch let error as CertificateReadError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try file.encode(to: encoder)
    }
}
