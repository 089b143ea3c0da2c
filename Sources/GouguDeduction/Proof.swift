import GouguArithmetic
import GouguLanguage

/// A proof traced back from the goal: only the facts the goal needs, numbered, each citing
/// the numbers of the facts it uses.
public struct Proof: Sendable, Codable {
    /// The version of the JSON proof format (see docs/proof-format.md).
    public var format = "gougu-proof/2"
    /// One numbered line of a proof.
    public struct Step: Sendable, Codable {
        public var number: Int
        /// The fact, in the problem language.
        public var statement: String
        /// How it follows: a premise, a rule instance, a chain, or an algebraic combination.
        public var reason: String
        /// The numbers of the steps it uses.
        public var cites: [Int]
        /// What kind of step it is.
        public var kind: Kind = .premise
        /// For a rule step: the rule's name in the theorem library and its variable binding.
        public var rule: String? = nil
        public var binding: [String: String]? = nil
        /// For a rule step: the side conditions checked on the diagram.
        public var sideConditions: [String]? = nil
        /// For an algebraic step: one certificate per equation the statement means (in
        /// order); for a midpoint chain: the certificate of the two equal halves.
        public var certificates: [Certificate]? = nil

        /// What kind of step a line of a proof is; the JSON writes the raw value.
        public enum Kind: String, Hashable, Sendable, Codable {
            /// A fact asserted by a construction of the problem.
            case premise
            /// An instance of a rule of the theorem library (`rule`, `binding`).
            case rule
            /// Points on one line or circle through shared points, a midpoint on its line
            /// (with the certificate of its equal halves), or a cited fact restated.
            case chain
            /// Exact linear combinations of equations of the tables (`certificates`).
            case algebra
        }
    }

    /// An equation proved in one table (`angles` mod 180 degrees, `ratios` of log-lengths,
    /// `lengths`, or `squares` of lengths): exact rational coefficients of equations, each
    /// citing its steps.
    public struct Certificate: Sendable, Codable {
        /// The table; the JSON writes its raw value (`angles`, `ratios`, ...).
        public var table: AlgebraTable
        /// The equation proved, `Σ coefficient × variable + constant = 0`.
        public var conclusion: SymbolicExpression
        public var terms: [Term]
    }

    /// One equation of a certificate.
    public struct Term: Sendable, Codable {
        public var coefficient: String
        /// The equation in words (what the text proof prints).
        public var equation: String
        public var cites: [Int]
        /// For an equation of a fact: its position (from 0) among the equations the cited
        /// step's statement means in the table.
        public var index: Int?
        /// For a line equation: points a, b, c, d with ab ∥ cd because the cited steps put
        /// them on one line.
        public var line: [String]?
        /// For segment addition: points a, b, c with |ab| + |bc| = |ac| (lengths table)
        /// because the cited steps put them on one line and b is between a and c in the diagram.
        public var between: [String]?
        /// For the law of sines: the triangle a, b, c (with `index`, 0 or 1); cites nothing.
        public var triangle: [String]?
        /// The equation as a linear expression over named variables (`= 0`).
        public var expression: SymbolicExpression
    }

    public var problemName: String
    /// The problem proved, in the problem language (auxiliary clauses included).
    public var problem: String
    /// The seed of the diagram the side conditions were checked on.
    public var seed: UInt64
    /// Which of the statement's two-way choices the diagram takes against the seed's draw
    /// (`Configuration.flips`); nil for the seeded configuration.
    public var configuration: UInt64?
    /// The configuration in words: the points placed at the other of their two positions.
    public var configurationNote: String?
    /// Facts asserted by the constructions that the proof uses.
    public var premises: [Step]
    /// Derived facts, in order; the last one is the goal.
    public var steps: [Step]
    /// Clauses the proof uses whose points the goal does not depend on, in the problem
    /// language (`x = midpoint x a b`).
    public var auxiliaryConstructions: [String]
    /// For a proof by identification (`Restatement`): the point defined anew and the proofs
    /// that it has every property its stated clause asserts; this proof then proves the goal
    /// in the restated problem (`problem`). Nil for an ordinary proof.
    public var identification: Identification? = nil

    /// A point of the statement proved to be the point of another construction.
    public struct Identification: Sendable, Codable {
        /// The point's name.
        public var point: String
        /// Its clause in the statement (`o = angle_bisector o a d p, angle_bisector o p c b`).
        public var statedClause: String
        /// The clause that defines it in the restated problem (`o = circle o p a b`).
        public var clause: String
        /// One proof per fact the stated clause asserts, in its order, each in the restated
        /// problem with that fact as the goal.
        public var facts: [Proof]

        public init(point: String, statedClause: String, clause: String, facts: [Proof]) {
            self.point = point
            self.statedClause = statedClause
            self.clause = clause
            self.facts = facts
        }
    }

    /// Traces the goal of a proved run back to the facts it needs (`ProofWriter`).
    public init?(result: EngineResult, problem: Problem) {
        guard result.proved, let goal = problem.goal, let goalWhy = result.goalJustification else { return nil }
        let writer = ProofWriter(store: result.store, problem: problem, goalJustification: goalWhy)
        var (premises, steps) = writer.numberedSteps()
        if let last = writer.goalStep(goal, justification: goalWhy, after: steps) { steps.append(last) }
        self.problemName = problem.name
        self.problem = problem.statementText
        let diagram = result.store.diagram
        self.seed = diagram.seed
        if diagram.configuration != .seeded {
            self.configuration = diagram.configuration.flips
            self.configurationNote = diagram.configurationNote
        }
        self.premises = premises
        self.steps = steps
        self.auxiliaryConstructions = writer.auxiliaryConstructions(goal: goal)
    }

    /// The proof as text for people; `gougu check` reads it back (docs/proof-format.md).
    public var text: String {
        var lines = ["Proof of \(problemName)"]
        if let identification {
            lines.append("Identification: \(identification.clause) is the statement's \(identification.point) "
                         + "(\(identification.statedClause)): it has every property that clause states (proved below), "
                         + "that clause pins \(identification.point) down, and both are drawn at one point.")
            lines.append("Restated problem: \(problem)")
            for (k, fact) in identification.facts.enumerated() {
                lines.append("Property \(k + 1) of \(identification.facts.count): \(fact.steps.last?.statement ?? "")")
                lines += fact.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { "    " + $0 }
            }
            lines.append("The goal, in the restated problem:")
        }
        if !auxiliaryConstructions.isEmpty { lines.append("Auxiliary constructions: " + auxiliaryConstructions.joined(separator: "; ")) }
        lines.append("Diagram seed: \(seed)")
        if let configuration {
            lines.append("Diagram configuration: \(configuration)" + (configurationNote.map { " (\($0))" } ?? ""))
        }
        lines.append("Premises:")
        for s in premises { lines.append("  (\(s.number)) \(s.statement)    [\(s.reason)]") }
        lines.append("Steps:")
        for s in steps { lines.append("  (\(s.number)) \(s.statement)    by \(s.reason)") }
        lines.append("Goal \(steps.last?.statement ?? "") proved in \(steps.count) steps.")
        return lines.joined(separator: "\n")
    }
}
