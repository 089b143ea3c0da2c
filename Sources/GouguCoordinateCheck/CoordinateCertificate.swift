import Foundation
import GouguArithmetic
import GouguPolynomials
import GouguPredicatePolynomials
import GouguProof

/// A proof by coordinates as a certificate (`gougu-coordinates/1`): everything a checker
/// needs to verify it without the coordinate prover.
///
/// The problem's points, in a placement order, each as exact rational functions of
/// variables; each variable introduced by one point, free or algebraic (a root of a
/// *relation*, a polynomial whose highest variable is that variable), with its value in
/// the diagram the proof was found on; the facts of the problem the proof does not assume;
/// polynomials that must not vanish; the goal. `CoordinateChecker` says what a valid
/// certificate establishes. Its document, the JSON form with the polynomials as text, is
/// `CoordinateCertificateDocument` (module `GouguProof`, described in docs/proof-format.md);
/// this is the certificate with its polynomials read.
public struct CoordinateCertificate: Sendable, Equatable {
    /// The format tag the JSON form carries.
    public static let format = CoordinateCertificateDocument.format

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

// MARK: - The document

extension CoordinateCertificate {
    /// The document: the polynomials written as text, the variables named by their names.
    public var document: CoordinateCertificateDocument {
        let names = variables.map(\.name)
        let name: (Int) -> String = { $0 < names.count ? names[$0] : "v\($0)" }
        func coordinate(_ f: RationalFunction) -> CoordinateCertificateDocument.Coordinate {
            .init(numerator: f.numerator.text(naming: name), denominator: f.denominator == .one ? nil : f.denominator.text(naming: name))
        }
        return CoordinateCertificateDocument(
            problemName: problemName, problem: problem, seed: seed, configuration: configuration, system: system.rawValue,
            points: placements.map { p in
                .init(point: p.point, how: p.how, from: p.from,
                      variables: p.variables.map { v in
                          .init(name: v.name, value: [v.value.real, v.value.imaginary], rootOf: v.relation.map { $0.text(naming: name) })
                      },
                      x: coordinate(p.x), y: coordinate(p.y))
            },
            notAssumed: notAssumed.map { .init(fact: $0.fact, equations: $0.equations) },
            nonDegeneracy: conditions.map { .init(nonzero: $0.polynomial.text(naming: name), reason: $0.reason) },
            goal: goal, goalNumeratorTerms: goalNumeratorTerms)
    }

    /// The JSON form (`pretty`: indented with sorted keys, for files people read).
    public func json(pretty: Bool = true) -> Data { document.json(pretty: pretty) }

    /// Whether `data` looks like a certificate (a JSON object naming this format).
    public static func isCertificate(_ data: Data) -> Bool { CoordinateCertificateDocument.isCertificate(data) }

    /// Reads the JSON form: a bare certificate, or a `gougu solve --json` record with a
    /// `coordinate_certificate`.
    /// - Throws: `CertificateReadError` naming the file and, where possible, the line and
    ///   column (of a JSON syntax error) or the key path and the column in a polynomial.
    public static func read(_ data: Data, file: String) throws -> CoordinateCertificate {
        try CoordinateCertificate(CoordinateCertificateDocument.read(data, file: file), file: file)
    }

    /// The certificate of a document: its polynomials read, its variables' names and values checked.
    /// - Throws: `CertificateReadError` naming `file`, the key path and the column in a polynomial.
    public init(_ document: CoordinateCertificateDocument, file: String) throws {
        func fail(_ message: String) -> CertificateReadError { CertificateReadError(file: file, message: message) }
        try document.checkFormat(file: file)
        guard let system = CoordinateSystem(rawValue: document.system) else {
            throw fail("system is '\(Quoted(document.system))', expected 'cartesian' or 'isotropic'")
        }
        // The variables' names, numbered in order, before any polynomial is read.
        var index: [String: Int] = [:]
        for (i, point) in document.points.enumerated() {
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
        func function(_ c: CoordinateCertificateDocument.Coordinate, at path: String) throws -> RationalFunction {
            let numerator = try polynomial(c.numerator, at: path + ".numerator")
            let denominator = try c.denominator.map { try polynomial($0, at: path + ".denominator") } ?? .one
            guard !denominator.isZero else { throw fail("\(path).denominator is zero") }
            return RationalFunction(numerator, over: denominator)
        }
        placements = try document.points.enumerated().map { i, point in
            let variables = try (point.variables ?? []).enumerated().map { j, v in
                Variable(name: v.name, value: Complex(v.value[0], v.value[1]),
                         relation: try v.rootOf.map { try polynomial($0, at: "points[\(i)].variables[\(j)].root_of") })
            }
            return Placement(point: point.point, how: point.how ?? "", from: point.from ?? [], variables: variables,
                             x: try function(point.x, at: "points[\(i)].x"), y: try function(point.y, at: "points[\(i)].y"))
        }
        notAssumed = (document.notAssumed ?? []).map { NotAssumed(fact: $0.fact, equations: $0.equations) }
        conditions = try (document.nonDegeneracy ?? []).enumerated().map { i, c in
            Condition(polynomial: try polynomial(c.nonzero, at: "non_degeneracy[\(i)].nonzero"), reason: c.reason ?? "")
        }
        problemName = document.problemName
        problem = document.problem
        seed = document.seed
        configuration = document.configuration
        self.system = system
        goal = document.goal
        goalNumeratorTerms = document.goalNumeratorTerms ?? []
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
        let document = try CoordinateCertificateDocument(from: decoder)
        do {
            try self.init(document, file: "<record>")
        } catch let error as CertificateReadError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
    }
}
