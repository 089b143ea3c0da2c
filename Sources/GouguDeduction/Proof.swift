import GouguArithmetic
import GouguLanguage

/// A proof traced back from the goal: only the facts the goal needs, numbered, each citing
/// the numbers of the facts it uses.
public struct Proof: Sendable, Codable {
    /// The version of the JSON proof format (see docs/proof-format.md).
    public var format = "gougu-proof/1"
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
        /// For an algebraic step: the table (`angles` mod 180 degrees, or `ratios` of
        /// log-lengths) and the combination: exact rational coefficients of equations,
        /// each equation citing the steps it comes from.
        public var table: String? = nil
        public var terms: [Term]? = nil
    }

    /// One equation of an algebraic step's certificate.
    public struct Term: Sendable, Codable {
        public var coefficient: String
        public var equation: String
        public var cites: [Int]
        /// The equation as a linear expression over named variables (`= 0`).
        public var expression: SymbolicExpression
    }

    public var problemName: String
    /// Facts asserted by the constructions that the proof uses.
    public var premises: [Step]
    /// Derived facts, in order; the last one is the goal.
    public var steps: [Step]
    /// Constructions the proof uses whose points the goal does not depend on.
    public var auxiliaryConstructions: [String]

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
        func structure(_ why: Justification, into step: inout Step) {
            switch why {
            case .premise: step.kind = "premise"
            case .rule(let rule, _, let binding, let sides):
                step.kind = "rule"
                step.rule = rule
                step.binding = binding.mapValues(name)
                step.sideConditions = sides.map(problem.text(of:))
            case .chain: step.kind = "chain"
            case .algebra(let table, let terms):
                step.kind = "algebra"
                step.table = table.rawValue
                step.terms = terms.map {
                    Term(coefficient: $0.coefficient.description, equation: $0.equation,
                         cites: $0.facts.compactMap { numbers[$0] }, expression: $0.expression)
                }
            }
        }
        func describe(_ why: Justification) -> (String, [Int]) {
            switch why {
            case .premise(let clause):
                let c = problem.clauses[clause]
                let text = c.points.map { problem.name(of: $0) }.joined(separator: " ") + " = "
                    + c.constructions.map { ([$0.definition.name] + $0.arguments.map(problem.text(of:))).joined(separator: " ") }.joined(separator: ", ")
                return ("premise: \(text)", [])
            case .rule(let rule, let premises, let binding, let sides):
                let cites = premises.compactMap { numbers[$0] }
                let bound = binding.sorted { $0.key < $1.key }.map { "\($0.key)=\(name($0.value))" }.joined(separator: " ")
                var text = "rule \(rule) [\(bound)] from \(cites.map { "(\($0))" }.joined(separator: " "))"
                if !sides.isEmpty { text += "; checked on the diagram: " + sides.map(problem.text(of:)).joined(separator: ", ") }
                return (text, cites)
            case .chain(let predicate, let chained):
                let cites = chained.compactMap { numbers[$0] }
                let what = predicate == "cyclic" ? "one circle" : predicate == "midp" ? "midpoint (on the line, equidistant)" : "one line"
                return ("\(what) through shared points: \(cites.map { "(\($0))" }.joined(separator: " "))", cites)
            case .algebra(let table, let terms):
                var cites: [Int] = []
                let parts = terms.map { term -> String in
                    let refs = term.facts.compactMap { numbers[$0] }
                    cites += refs
                    return "\(term.coefficient) × [\(term.equation)] \(refs.map { "(\($0))" }.joined())"
                }
                let label = switch table {
                case .angles: "angle chasing (mod 180°)"
                case .ratios: "ratio chasing (log-lengths)"
                case .lengths: "distance chasing (lengths)"
                }
                return ("\(label): " + (parts.isEmpty ? "trivial" : parts.joined(separator: " + ")), Array(Set(cites)).sorted())
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
                let text = c.points.map { problem.name(of: $0) }.joined(separator: " ")
                if !auxiliary.contains(text) { auxiliary.append(text) }
            }
        }
        self.problemName = problem.name
        self.premises = premises
        self.steps = steps
        self.auxiliaryConstructions = auxiliary
    }

    /// The proof as text for people.
    public var text: String {
        var lines = ["Proof of \(problemName)"]
        if !auxiliaryConstructions.isEmpty { lines.append("Auxiliary points: " + auxiliaryConstructions.joined(separator: "; ")) }
        lines.append("Premises:")
        for s in premises { lines.append("  (\(s.number)) \(s.statement)    [\(s.reason)]") }
        lines.append("Steps:")
        for s in steps { lines.append("  (\(s.number)) \(s.statement)    by \(s.reason)") }
        lines.append("Goal \(steps.last?.statement ?? "") proved in \(steps.count) steps.")
        return lines.joined(separator: "\n")
    }
}
