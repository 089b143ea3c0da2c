/// A synthetic proof, format `gougu-proof/3` (docs/proof-format.md): only the facts the
/// goal needs, numbered, each citing the numbers of the facts it uses.
///
/// The one model of the proof document. The engine writes it (`Proof(result:problem:)`,
/// in GouguDeduction); its two spellings, JSON (`Codable`, written by `GouguJSON`) and
/// text (`text`), are written and read back here (`read(_:file:)`); the checker
/// (GouguProofCheck) reads proofs only as this type. It is data and nothing else: it
/// says what a proof claims, never whether the claims hold. So that a reader can hold
/// whatever a file says for the checker to judge, fields a file may leave out are
/// optional, and a step kind or table name the format does not define is kept as written
/// (`Step.Kind.unknown`, `Table.unknown`).
public struct Proof: Sendable, Codable, Equatable {
    /// The format this module writes.
    public static let currentFormat = "gougu-proof/3"
    /// The formats a checker reads: the current one, and `gougu-proof/2`, whose proofs are
    /// the same documents citing every fact in the form stated (each is a valid proof of
    /// format 3).
    public static let readableFormats = ["gougu-proof/2", currentFormat]

    /// The version of the proof format.
    public var format: String
    /// The name of the problem proved.
    public var problemName: String
    /// The problem proved, in the problem language (auxiliary clauses included). Information
    /// only for a checker, which is given the problem and adds `auxiliaryConstructions` to it.
    public var problem: String?
    /// The seed of the diagram on which side conditions were checked.
    public var seed: UInt64
    /// Which of the statement's two-way choices the diagram takes against the seed's draw
    /// (bit k flips the k-th; `Configuration.flips`); nil (or 0) for the seeded diagram.
    public var configuration: UInt64?
    /// The configuration in words: the points placed at the other of their two positions
    /// (information only).
    public var configurationNote: String?
    /// Facts asserted by the constructions that the proof uses, numbered from 1.
    public var premises: [Step]
    /// Derived facts, in order, numbered after the premises; the last one is the goal.
    public var steps: [Step]
    /// Clauses the proof uses whose points the goal does not depend on, in the problem
    /// language (`x = midpoint x a b`): clauses of the problem, or new ones a checker
    /// appends to it.
    public var auxiliaryConstructions: [String]
    /// For a proof by identification (`Restatement`): the point defined anew and the proofs
    /// that it has every property its stated clause asserts; this proof then proves the goal
    /// in the restated problem (`problem`). Nil for an ordinary proof.
    public var identification: Identification?

    public init(format: String = Proof.currentFormat, problemName: String, problem: String? = nil, seed: UInt64,
                configuration: UInt64? = nil, configurationNote: String? = nil, premises: [Step], steps: [Step],
                auxiliaryConstructions: [String], identification: Identification? = nil) {
        self.format = format
        self.problemName = problemName
        self.problem = problem
        self.seed = seed
        self.configuration = configuration
        self.configurationNote = configurationNote
        self.premises = premises
        self.steps = steps
        self.auxiliaryConstructions = auxiliaryConstructions
        self.identification = identification
    }

    /// One numbered line of a proof.
    public struct Step: Sendable, Codable, Equatable {
        /// Its number: premises first, from 1, then the derived steps.
        public var number: Int
        /// The fact, in the problem language (`perp a h b c`).
        public var statement: String
        /// What kind of step it is.
        public var kind: Kind
        /// How it follows, in words: what the text proof prints after the statement
        /// (information only for a checker).
        public var reason: String?
        /// The steps it uses: a rule's premises in order, or every step its chain and
        /// certificates use.
        public var cites: [Int]
        /// For a rule step: the rule's name in the theorem library.
        public var rule: String?
        /// For a rule step: each variable of the rule mapped to a point name.
        public var binding: [String: String]?
        /// For a rule step: its side conditions, instantiated, as checked on the diagram
        /// (information only: a checker instantiates the rule's own).
        public var sideConditions: [String]?
        /// For an algebraic step: one certificate per equation the statement means (in
        /// order); for a midpoint chain: the certificate of its two equal halves.
        public var certificates: [Certificate]?

        public init(number: Int, statement: String, kind: Kind, reason: String? = nil, cites: [Int] = [],
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

        /// What kind of step a line of a proof is; written as its `rawValue`.
        public enum Kind: Hashable, Sendable, Codable {
            /// A fact asserted by a construction of the problem.
            case premise
            /// An instance of a rule of the theorem library (`rule`, `binding`).
            case rule
            /// Points on one line or circle through shared points, a midpoint on its line
            /// (with the certificate of its equal halves), or a cited fact restated.
            case chain
            /// Exact linear combinations of equations of the tables (`certificates`).
            case algebra
            /// A kind the format does not define, as written; no checker accepts it.
            case unknown(String)

            /// The kind written `rawValue` (`unknown` for any other word).
            public init(rawValue: String) {
                switch rawValue {
                case "premise": self = .premise
                case "rule": self = .rule
                case "chain": self = .chain
                case "algebra": self = .algebra
                default: self = .unknown(rawValue)
                }
            }

            /// The kind as the format writes it.
            public var rawValue: String {
                switch self {
                case .premise: "premise"
                case .rule: "rule"
                case .chain: "chain"
                case .algebra: "algebra"
                case .unknown(let word): word
                }
            }

            public init(from decoder: any Decoder) throws {
                self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(rawValue)
            }
        }
    }

    /// A table of linear equations a certificate combines equations of; written as its
    /// `rawValue`.
    public enum Table: Hashable, Sendable, Codable {
        /// Directions of lines modulo 180 degrees (angle chasing).
        case angles
        /// Logarithms of lengths (ratio chasing).
        case ratios
        /// Lengths themselves (distance chasing).
        case lengths
        /// Squared lengths (Pythagoras).
        case squares
        /// A table the format does not define, as written; no checker accepts it.
        case unknown(String)

        /// The table written `rawValue` (`unknown` for any other word).
        public init(rawValue: String) {
            switch rawValue {
            case "angles": self = .angles
            case "ratios": self = .ratios
            case "lengths": self = .lengths
            case "squares": self = .squares
            default: self = .unknown(rawValue)
            }
        }

        /// The table as the format writes it.
        public var rawValue: String {
            switch self {
            case .angles: "angles"
            case .ratios: "ratios"
            case .lengths: "lengths"
            case .squares: "squares"
            case .unknown(let word): word
            }
        }

        public init(from decoder: any Decoder) throws {
            self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// An equation proved in one table: `Σ coefficient × equation` of the terms, each citing
    /// its steps, with exact rational coefficients.
    public struct Certificate: Sendable, Codable, Equatable {
        public var table: Table
        /// The equation proved, `Σ coefficient × variable + constant = 0`, as the writer
        /// computed it (a checker compares it, never uses it).
        public var conclusion: Expression?
        public var terms: [Term]
        /// Absent (or 1), or k ≥ 2 in the angle table: the terms sum to k times the
        /// statement's equation, and of the k solutions of that multiple (180°/k apart) the
        /// statement is the one its diagram has.
        public var multiple: Int?

        public init(table: Table, conclusion: Expression? = nil, terms: [Term], multiple: Int? = nil) {
            self.table = table
            self.conclusion = conclusion
            self.terms = terms
            self.multiple = multiple
        }
    }

    /// One equation of a certificate.
    public struct Term: Sendable, Codable, Equatable {
        /// A rational, as text (`-1`, `1/2`).
        public var coefficient: String
        /// The equation in words (what the text proof prints): the cited statement, with
        /// `#k` when it means several equations.
        public var equation: String?
        public var cites: [Int]
        /// For an equation of a fact: its position (from 0) among the equations the cited
        /// step's statement means in the table. For the law of sines: 0 or 1.
        public var index: Int?
        /// For a line equation: points a, b, c, d with ab ∥ cd because the cited steps put
        /// them on one line.
        public var line: [String]?
        /// For segment addition: points a, b, c with |ab| + |bc| = |ac| (lengths table)
        /// because the cited steps put them on one line and b is between a and c in the diagram.
        public var between: [String]?
        /// For the law of sines: the triangle a, b, c (with `index`, 0 or 1), non-degenerate
        /// in the diagram; cites nothing.
        public var triangle: [String]?
        /// The equation as a linear expression over named variables (`= 0`), as the writer
        /// computed it (a checker compares it, never uses it).
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

    /// A linear expression of a table, `Σ coefficient × variable + constant = 0`, with its
    /// variables named by points, so that a reader can use it without knowing the writer's
    /// variable numbering.
    public struct Expression: Sendable, Codable, Hashable {
        /// One term: a coefficient times a variable.
        public struct Term: Sendable, Codable, Hashable {
            /// A rational, as text.
            public var coefficient: String
            /// Two points: the direction of their line (angles), the log of their distance
            /// (ratios), their distance or its square (lengths, squares); four points a, b,
            /// c, d: log |sin| of the angle between lines ab and cd (ratios).
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
        /// The constant: in turns of 180 degrees (angles), else a rational.
        public var constant: String

        public init(terms: [Term], constant: String) {
            self.terms = terms
            self.constant = constant
        }
    }

    /// A point of the statement proved to be the point of another construction.
    public struct Identification: Sendable, Codable, Equatable {
        /// The point's name.
        public var point: String
        /// Its clause in the statement (`o = angle_bisector o a d p, angle_bisector o p c b`);
        /// information only: a checker reads the problem.
        public var statedClause: String?
        /// The clause that defines it in the restated problem (`o = circle o p a b`).
        public var clause: String
        /// One proof per fact the stated clause asserts, in its order, each in the restated
        /// problem with that fact as the goal.
        public var facts: [Proof]

        public init(point: String, statedClause: String? = nil, clause: String, facts: [Proof]) {
            self.point = point
            self.statedClause = statedClause
            self.clause = clause
            self.facts = facts
        }
    }

    /// Reads the fields in the order they are declared, as a synthesized decoder would,
    /// except `configuration_note`: information only, a value of the wrong type is ignored
    /// rather than making the proof unreadable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        problemName = try container.decode(String.self, forKey: .problemName)
        problem = try container.decodeIfPresent(String.self, forKey: .problem)
        seed = try container.decode(UInt64.self, forKey: .seed)
        configuration = try container.decodeIfPresent(UInt64.self, forKey: .configuration)
        configurationNote = (try? container.decodeIfPresent(String.self, forKey: .configurationNote)) ?? nil
        premises = try container.decode([Step].self, forKey: .premises)
        steps = try container.decode([Step].self, forKey: .steps)
        auxiliaryConstructions = try container.decode([String].self, forKey: .auxiliaryConstructions)
        identification = try container.decodeIfPresent(Identification.self, forKey: .identification)
    }
}
