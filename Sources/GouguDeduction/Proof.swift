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
        /// What kind of step: `premise`, `rule`, `chain` or `algebra`.
        public var kind: String = "premise"
        /// For a rule step: the rule's name in the theorem library and its variable binding.
        public var rule: String? = nil
        public var binding: [String: String]? = nil
        /// For a rule step: the side conditions checked on the diagram.
        public var sideConditions: [String]? = nil
        /// For an algebraic step: one certificate per equation the statement means (in
        /// order); for a midpoint chain: the certificate of the two equal halves.
        public var certificates: [Certificate]? = nil
    }

    /// An equation proved in one table (`angles` mod 180 degrees, `ratios` of log-lengths,
    /// `lengths`, or `squares` of lengths): exact rational coefficients of equations, each
    /// citing its steps.
    public struct Certificate: Sendable, Codable {
        public var table: String
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

    /// Traces the goal of a proved run back to the facts it needs.
    public init?(result: EngineResult, problem: Problem) {
        guard result.proved, let goal = problem.goal, let goalWhy = result.goalJustification else { return nil }
        let facts = result.store.facts
        var needed = Set<FactID>()
        var stack = goalWhy.dependencies
        while let f = stack.popLast() {
            guard needed.insert(f).inserted else { continue }
            stack += facts[f].dependencies
        }
        let ordered = needed.sorted()
        var numbers: [FactID: Int] = [:]
        var premises: [Step] = [], steps: [Step] = []
        let premiseIDs = ordered.filter { if case .premise = facts[$0].justification { return true } else { return false } }
        for id in premiseIDs + ordered.filter({ !premiseIDs.contains($0) }) {
            numbers[id] = numbers.count + 1
        }
        func name(_ p: Int) -> String { problem.name(of: PointID(p)) }
        func certificates(_ list: [AlgebraCertificate]) -> [Certificate] {
            list.map { c in
                Certificate(table: c.table.rawValue, conclusion: c.conclusion, terms: c.terms.map { t in
                    var term = Term(coefficient: t.coefficient.description, equation: "", cites: t.facts.compactMap { numbers[$0] },
                                    index: nil, line: nil, between: nil, triangle: nil, expression: t.expression)
                    switch t.source {
                    case .fact(let index):
                        term.index = index
                        let statement = t.facts.first.map { problem.text(of: facts[$0].statement) } ?? t.equation
                        term.equation = statement
                        if equationCount(t.facts.first.map { facts[$0].statement }, c.table) > 1 {
                            term.equation += " #\(index + 1)"
                            if t.equation.hasPrefix(statement + ": ") { term.equation += t.equation.dropFirst(statement.count) }
                            else if t.equation != statement { term.equation += ": " + t.equation }
                        }
                    case .line(let points):
                        term.line = points.map(name)
                        term.equation = "\(name(points[0])) \(name(points[1])) ∥ \(name(points[2])) \(name(points[3])) on one line"
                    case .segmentSum(let points):
                        term.between = points.map(name)
                        term.equation = "\(name(points[1])) between \(name(points[0])) and \(name(points[2])) on one line"
                    case .lawOfSines(let points, let index):
                        term.triangle = points.map(name)
                        term.index = index
                        term.equation = "law of sines in triangle \(points.map(name).joined(separator: " ")) #\(index + 1)"
                    }
                    return term
                })
            }
        }
        /// How many equations a statement means in a table (named by number when more than one).
        func equationCount(_ s: Statement?, _ table: AlgebraTable) -> Int {
            guard let s else { return 0 }
            let p = s.points.map(\.index), n = s.arguments.compactMap(\.number)
            let contri = s.predicate.hasPrefix("contri")
            if s.predicate.hasPrefix("simtri") || contri {
                switch table {
                case .angles: return 2
                case .ratios: return contri ? 3 : 2
                case .lengths, .squares: return contri ? 3 : 0
                }
            }
            if s.predicate == "midp" { return table == .ratios || table == .squares ? 2 : table == .lengths ? 1 : 0 }
            let terms = switch table {
            case .angles: (FactStore.angleTerms(s.predicate, p, n) ?? []) + FactStore.angleConsequences(s.predicate, p)
            case .ratios: FactStore.ratioTerms(s.predicate, p, n) ?? []
            case .lengths: FactStore.lengthTerms(s.predicate, p, n) ?? []
            case .squares: FactStore.squareTerms(s.predicate, p, n) ?? []
            }
            return terms.count
        }
        func structure(_ why: Justification, into step: inout Step) {
            switch why {
            case .premise: step.kind = "premise"
            case .rule(let rule, _, let binding, let sides):
                step.kind = "rule"
                step.rule = rule
                step.binding = binding.mapValues(name)
                step.sideConditions = sides.map(problem.text(of:))
            case .chain(_, _, let list):
                step.kind = "chain"
                if !list.isEmpty { step.certificates = certificates(list) }
            case .algebra(let list):
                step.kind = "algebra"
                step.certificates = certificates(list)
            }
        }
        func label(_ table: String) -> String {
            switch table {
            case "angles": "angle chasing (mod 180°)"
            case "ratios": "ratio chasing (log-lengths)"
            case "squares": "Pythagoras (squared lengths)"
            default: "distance chasing (lengths)"
            }
        }
        func describe(_ list: [Certificate]) -> String {
            list.map { c in
                label(c.table) + ": " + (c.terms.isEmpty ? "trivial" : c.terms.map { t in
                    "\(t.coefficient) × [\(t.equation)] \(t.cites.map { "(\($0))" }.joined())"
                }.joined(separator: " + "))
            }.joined(separator: "; ")
        }
        func describe(_ why: Justification) -> (String, [Int]) {
            switch why {
            case .premise(let clause):
                return ("premise: \(problem.text(of: problem.clauses[clause]))", [])
            case .rule(let rule, let premises, let binding, let sides):
                let cites = premises.compactMap { numbers[$0] }
                let bound = binding.sorted { $0.key < $1.key }.map { "\($0.key)=\(name($0.value))" }.joined(separator: " ")
                var text = "rule \(rule) [\(bound)] from \(cites.map { "(\($0))" }.joined(separator: " "))"
                if !sides.isEmpty { text += "; checked on the diagram: " + sides.map(problem.text(of:)).joined(separator: ", ") }
                return (text, cites)
            case .chain(let predicate, let chained, let list):
                let lineCites = chained.compactMap { numbers[$0] }
                let what = switch predicate {
                case "coll": "one line through shared points"
                case "cyclic": "one circle through shared points"
                case "midp": "midpoint (on the line, equidistant) through shared points"
                default: "the same fact as"  // a fact restated (a goal that is a premise)
                }
                var text = "\(what): \(lineCites.map { "(\($0))" }.joined(separator: " "))"
                if !list.isEmpty { text += "; " + describe(certificates(list)) }
                return (text, why.dependencies.compactMap { numbers[$0] }.sorted())
            case .algebra(let list):
                return (describe(certificates(list)), why.dependencies.compactMap { numbers[$0] }.sorted())
            }
        }
        for id in ordered {
            let (reason, cites) = describe(facts[id].justification)
            var step = Step(number: numbers[id]!, statement: problem.text(of: facts[id].statement), reason: reason, cites: cites)
            structure(facts[id].justification, into: &step)
            if premiseIDs.contains(id) { premises.append(step) } else { steps.append(step) }
        }
        premises.sort { $0.number < $1.number }
        steps.sort { $0.number < $1.number }
        let (reason, cites) = describe(goalWhy)
        if steps.last?.statement != problem.text(of: goal) {
            var step = Step(number: numbers.count + 1, statement: problem.text(of: goal), reason: reason, cites: cites)
            structure(goalWhy, into: &step)
            steps.append(step)
        }
        // Auxiliary: clauses cited whose points the goal's points do not depend on.
        var ancestors = Set(goal.points)
        for clause in problem.clauses.reversed() where clause.points.contains(where: ancestors.contains) {
            for call in clause.constructions { for case .point(let p) in call.arguments { ancestors.insert(p) } }
        }
        var auxiliary: [String] = []
        for id in premiseIDs {
            guard case .premise(let clause) = facts[id].justification else { continue }
            let c = problem.clauses[clause]
            if !c.points.contains(where: ancestors.contains) {
                let text = problem.text(of: c)
                if !auxiliary.contains(text) { auxiliary.append(text) }
            }
        }
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
        self.auxiliaryConstructions = auxiliary
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
