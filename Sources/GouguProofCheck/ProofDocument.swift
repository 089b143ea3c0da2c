import Foundation

/// A proof as the checker reads it: format `gougu-proof/2` (docs/proof-format.md).
///
/// This is the checker's own reading of the format, written apart from the engine's
/// `Proof`, so that a change to the engine's output cannot silently change what is checked.
/// Every field is a claim to verify; nothing here is trusted.
public struct ProofDocument: Codable, Sendable, Equatable {
    /// The format this checker reads.
    public static let currentFormat = "gougu-proof/2"

    public var format: String
    /// The name of the problem the proof proves.
    public var problemName: String
    /// The problem proved, in the problem language (information only: the checker is given
    /// the problem and adds `auxiliaryConstructions` to it).
    public var problem: String?
    /// The seed of the diagram on which side conditions are checked.
    public var seed: UInt64
    /// Which of the statement's two-way choices the diagram takes against the seed's draw
    /// (bit k flips the k-th; `Configuration.flips`); nil or 0 for the seeded diagram.
    public var configuration: UInt64?
    /// Facts asserted by the constructions, numbered from 1.
    public var premises: [Step]
    /// Derived facts, numbered after the premises; the last is the goal.
    public var steps: [Step]
    /// Clauses, in the problem language, that the proof uses and the goal does not depend
    /// on: either clauses of the problem or new ones the checker appends to it.
    public var auxiliaryConstructions: [String]
    /// For a proof by identification: the point of the statement defined anew, and one proof
    /// per fact its stated clause asserts; the steps then prove the goal in the restated
    /// problem. Absent for an ordinary proof.
    public var identification: Identification?

    /// A claim that a point of the statement is the point of another construction.
    public struct Identification: Codable, Sendable, Equatable {
        /// The point's name.
        public var point: String
        /// Its clause in the statement (information only: the checker reads the problem).
        public var statedClause: String?
        /// The clause that defines it in the restated problem (`o = circle o p a b`).
        public var clause: String
        /// One proof per fact the stated clause asserts, in order, each in the restated
        /// problem with that fact as its goal.
        public var facts: [ProofDocument]

        public init(point: String, statedClause: String? = nil, clause: String, facts: [ProofDocument]) {
            self.point = point
            self.statedClause = statedClause
            self.clause = clause
            self.facts = facts
        }
    }

    /// One numbered step.
    public struct Step: Codable, Sendable, Equatable {
        /// Its number: premises first, from 1, then the derived steps.
        public var number: Int
        /// The fact, in the problem language (`perp a h b c`).
        public var statement: String
        /// `premise`, `rule`, `chain` or `algebra`.
        public var kind: String
        /// The justification in words (information only).
        public var reason: String?
        /// The steps it uses: a rule's premises in order, or every step its chain and
        /// certificates use.
        public var cites: [Int]
        /// For a rule step: the rule's name in the theorem library.
        public var rule: String?
        /// For a rule step: each variable of the rule mapped to a point name.
        public var binding: [String: String]?
        /// For a rule step: its side conditions, instantiated (information only: the checker
        /// instantiates the rule's own and evaluates them on its diagram).
        public var sideConditions: [String]?
        /// For an algebraic step, one per equation the statement means; for a midpoint chain,
        /// the certificate of |ma| = |mb|.
        public var certificates: [Certificate]?

        public init(number: Int, statement: String, kind: String, reason: String? = nil, cites: [Int] = [],
                    rule: String? = nil, binding: [String: String]? = nil, sideConditions: [String]? = nil,
                    certificates: [Certificate]? = nil) {
            self.number = number
            self.statement = statement
            self.kind = kind
            self.reason = reason
            self.cites = cites
            self.rule = rule
            self.binding = binding
            self.sideConditions = sideConditions
            self.certificates = certificates
        }
    }

    /// One equation proved in one table: `Σ coefficient × equation` of the terms.
    public struct Certificate: Codable, Sendable, Equatable {
        /// `angles`, `ratios` or `lengths`.
        public var table: String
        /// The equation proved, as the producer wrote it (compared, not trusted).
        public var conclusion: Expression?
        public var terms: [Term]

        public init(table: String, conclusion: Expression? = nil, terms: [Term]) {
            self.table = table
            self.conclusion = conclusion
            self.terms = terms
        }
    }

    /// One term of a certificate.
    public struct Term: Codable, Sendable, Equatable {
        /// A rational, as text (`-1`, `1/2`).
        public var coefficient: String
        /// The equation in words: the cited statement (with `#k` when it means several).
        public var equation: String?
        public var cites: [Int]
        /// Which equation (from 0) of the cited step's statement.
        public var index: Int?
        /// Points a, b, c, d: ab ∥ cd because the cited steps put them on one line.
        public var line: [String]?
        /// Points a, b, c: |ab| + |bc| = |ac| (lengths) because the cited steps put them on
        /// one line and b is between a and c in the diagram.
        public var between: [String]?
        /// Points a, b, c: the law of sines in triangle abc (ratios), equation `index` (0 or
        /// 1); the triangle is non-degenerate in the diagram (a side condition). Cites nothing.
        public var triangle: [String]?
        /// The equation as the producer wrote it (compared, not trusted).
        public var expression: Expression?

        public init(coefficient: String, equation: String? = nil, cites: [Int], index: Int? = nil,
                    line: [String]? = nil, between: [String]? = nil, triangle: [String]? = nil,
                    expression: Expression? = nil) {
            self.coefficient = coefficient
            self.equation = equation
            self.cites = cites
            self.index = index
            self.line = line
            self.between = between
            self.triangle = triangle
            self.expression = expression
        }
    }

    /// `Σ coefficient × variable + constant = 0` over named variables.
    public struct Expression: Codable, Sendable, Equatable {
        public struct Term: Codable, Sendable, Equatable {
            public var coefficient: String
            /// Two points: the direction of their line (angles) or log of their distance (ratios);
            /// four points a, b, c, d: log |sin| of the angle between lines ab and cd (ratios).
            public var points: [String]?
            /// A prime p: log p (ratios).
            public var logPrime: Int?

            public init(coefficient: String, points: [String]? = nil, logPrime: Int? = nil) {
                self.coefficient = coefficient
                self.points = points
                self.logPrime = logPrime
            }
        }
        public var terms: [Term]
        public var constant: String

        public init(terms: [Term], constant: String) {
            self.terms = terms
            self.constant = constant
        }
    }

    public init(format: String = ProofDocument.currentFormat, problemName: String, problem: String? = nil, seed: UInt64,
                configuration: UInt64? = nil, premises: [Step], steps: [Step], auxiliaryConstructions: [String],
                identification: Identification? = nil) {
        self.format = format
        self.problemName = problemName
        self.problem = problem
        self.seed = seed
        self.configuration = configuration
        self.premises = premises
        self.steps = steps
        self.auxiliaryConstructions = auxiliaryConstructions
        self.identification = identification
    }
}

/// Input the checker cannot read: not JSON of the format, or text not in the layout
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

extension ProofDocument {
    /// Reads a proof, JSON or text, telling them apart by content (JSON starts with `{`).
    ///
    /// - Throws: `ProofReadError` naming the file and, where possible, line and column.
    public static func read(_ contents: String, file: String) throws -> ProofDocument {
        let trimmed = contents.drop { $0.isWhitespace }
        if trimmed.first == "{" { return try readJSON(Data(contents.utf8), file: file) }
        return try ProofTextReader(file: file).read(contents)
    }

    /// Reads the JSON format (a bare proof, or a `gougu solve --json` record with a `proof`).
    public static func readJSON(_ data: Data, file: String) throws -> ProofDocument {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Record: Decodable { var proof: ProofDocument? }
        // Syntax first, so that a syntax error gets its line and column.
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
            throw ProofReadError(file: file, line: line, column: column, message: "not valid JSON: \(message)")
        }
        if let bad = outOfRangeNumber(in: object) {
            throw ProofReadError(file: file, message: "invalid value at \(bad): expected a non-negative integer")
        }
        do {
            if let document = try? decoder.decode(ProofDocument.self, from: data) { return document }
            if let record = try? decoder.decode(Record.self, from: data), let proof = record.proof { return proof }
            return try decoder.decode(ProofDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ProofReadError(file: file, message: "missing key '\(snake(key.stringValue))' at \(path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ProofReadError(file: file, message: "wrong type at \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ProofReadError(file: file, message: "missing value at \(path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // Valid JSON with a value out of range (a negative seed, say).
            throw ProofReadError(file: file, message: "invalid value at \(path(context.codingPath)): \(context.debugDescription)")
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

    private static func snake(_ key: String) -> String {
        key.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + snake($0.stringValue) }.joined()
    }
}
