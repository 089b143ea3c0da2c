import GouguLanguage
import GouguProof

extension Proof {
    /// Traces the goal of a proved run back to the facts it needs and writes them as
    /// numbered steps (`ProofWriter`), shortened for a reader unless `shortened` is false
    /// (`ProofDraft.shorten`: restatements dropped, chases used once merged).
    public init?(result: EngineResult, problem: Problem, shortened: Bool = true) {
        guard result.proved, let goal = problem.goal, let goalWhy = result.goalJustification else { return nil }
        var draft = ProofDraft(store: result.store, goal: goal, justification: goalWhy)
        if shortened { draft.shorten() }
        let writer = ProofWriter(draft: draft, problem: problem)
        let (premises, steps) = writer.numberedSteps()
        let diagram = result.store.diagram
        let configured = diagram.configuration != .seeded
        self.init(problemName: problem.name, problem: problem.statementText, seed: diagram.seed,
                  configuration: configured ? diagram.configuration.flips : nil,
                  configurationNote: configured ? diagram.configurationNote : nil,
                  premises: premises, steps: steps, auxiliaryConstructions: writer.auxiliaryConstructions(goal: goal))
    }
}

extension Proof.Table {
    /// The proof's name of an engine table.
    init(_ table: AlgebraTable) {
        switch table {
        case .angles: self = .angles
        case .ratios: self = .ratios
        case .lengths: self = .lengths
        case .squares: self = .squares
        }
    }
}

/// Writes the facts of a `ProofDraft` as the steps of a `Proof`, in named stages: numbered
/// premises first, then the derived facts in order, the goal last; each fact's reason in
/// words and its structure (rule and binding, or exact certificates, with the steps each
/// term cites); and the auxiliary constructions (clauses the proof cites whose points the
/// goal's points do not depend on).
struct ProofWriter {
    typealias Step = Proof.Step
    typealias Certificate = Proof.Certificate
    typealias Term = Proof.Term

    let problem: Problem
    /// What each fact of the proof states and why.
    let entries: [FactID: ProofDraft.Entry]
    /// The facts in the draft's order, the goal last.
    let ordered: [FactID]
    /// The facts that are premises, in that order.
    let premiseIDs: [FactID]
    /// Each fact's step number: premises first, then the derived facts.
    let numbers: [FactID: Int]

    init(draft: ProofDraft, problem: Problem) {
        self.problem = problem
        entries = draft.entries
        ordered = draft.order
        let premiseIDs = ordered.filter { if case .premise = draft.entries[$0]!.justification { return true } else { return false } }
        self.premiseIDs = premiseIDs
        var numbers: [FactID: Int] = [:]
        for id in premiseIDs + ordered.filter({ !premiseIDs.contains($0) }) {
            numbers[id] = numbers.count + 1
        }
        self.numbers = numbers
    }

    func name(_ p: Int) -> String { problem.name(of: PointID(p)) }

    /// The premises and the derived steps, each in number order.
    func numberedSteps() -> (premises: [Step], steps: [Step]) {
        var premises: [Step] = [], steps: [Step] = []
        for id in ordered {
            let entry = entries[id]!
            let (reason, cites) = describe(entry.justification)
            var step = Step(number: numbers[id]!, statement: problem.text(of: entry.statement), kind: .premise, reason: reason, cites: cites)
            structure(entry.justification, into: &step)
            if premiseIDs.contains(id) { premises.append(step) } else { steps.append(step) }
        }
        premises.sort { $0.number < $1.number }
        steps.sort { $0.number < $1.number }
        return (premises, steps)
    }

    /// Clauses cited whose points the goal's points do not depend on (a premise clause of
    /// the premise language is a hypothesis of the statement, never an auxiliary one).
    func auxiliaryConstructions(goal: Statement) -> [String] {
        let ancestors = problem.ancestors(of: goal.points)
        var auxiliary: [String] = []
        for id in premiseIDs {
            guard case .premise(let clause) = entries[id]!.justification else { continue }
            let c = problem.clauses[clause]
            if !c.isGiven, !c.points.contains(where: ancestors.contains) {
                let text = problem.text(of: c)
                if !auxiliary.contains(text) { auxiliary.append(text) }
            }
        }
        return auxiliary
    }

    // MARK: Certificates

    /// The engine's certificates as the proof writes them: each term with its equation in
    /// words and the steps it cites.
    func certificates(_ list: [AlgebraCertificate]) -> [Certificate] {
        list.map { c in
            Certificate(table: Proof.Table(c.table), conclusion: c.conclusion, terms: c.terms.map { term($0, in: c.table) },
                        multiple: c.multiple == 1 ? nil : c.multiple)
        }
    }

    func term(_ t: AlgebraTerm, in table: AlgebraTable) -> Term {
        var term = Term(coefficient: t.coefficient.description, cites: t.facts.compactMap { numbers[$0] }, expression: t.expression)
        let equation: String
        switch t.source {
        case .fact(let index):
            term.index = index
            let statement = t.facts.first.flatMap { entries[$0] }.map { problem.text(of: $0.statement) } ?? t.equation
            var written = statement
            if Self.equationCount(t.facts.first.flatMap { entries[$0]?.statement }, table) > 1 {
                written += " #\(index + 1)"
                if t.equation.hasPrefix(statement + ": ") { written += t.equation.dropFirst(statement.count) }
                else if t.equation != statement { written += ": " + t.equation }
            }
            equation = written
        case .line(let points):
            term.line = points.map(name)
            equation = "\(name(points[0])) \(name(points[1])) ∥ \(name(points[2])) \(name(points[3])) on one line"
        case .segmentSum(let points):
            term.between = points.map(name)
            equation = "\(name(points[1])) between \(name(points[0])) and \(name(points[2])) on one line"
        case .lawOfSines(let points, let index):
            term.triangle = points.map(name)
            term.index = index
            equation = "law of sines in triangle \(points.map(name).joined(separator: " ")) #\(index + 1)"
        }
        term.equation = equation
        return term
    }

    /// How many equations a statement means in a table (named by number when more than one).
    static func equationCount(_ s: Statement?, _ table: AlgebraTable) -> Int {
        guard let s else { return 0 }
        let p = s.points.map(\.index), n = s.arguments.compactMap(\.number)
        let contri = s.predicate.isCongruentTriangles
        if s.predicate.isTriangles {
            switch table {
            case .angles: return 2
            case .ratios: return contri ? 3 : 2
            case .lengths, .squares: return contri ? 3 : 0
            }
        }
        if s.predicate == .midp { return table == .ratios || table == .squares ? 2 : table == .lengths ? 1 : 0 }
        let terms = switch table {
        case .angles: (FactStore.angleTerms(s.predicate, p, n) ?? []) + FactStore.angleConsequences(s.predicate, p)
        case .ratios: FactStore.ratioTerms(s.predicate, p, n) ?? []
        case .lengths: FactStore.lengthTerms(s.predicate, p, n) ?? []
        case .squares: FactStore.squareTerms(s.predicate, p, n) ?? []
        }
        return terms.count
    }

    // MARK: Reasons

    /// The structured form of a justification: its kind, rule and binding, or certificates.
    func structure(_ why: Justification, into step: inout Step) {
        switch why {
        case .premise: step.kind = .premise
        case .rule(let rule, _, let binding, let sides):
            step.kind = .rule
            step.rule = rule
            step.binding = binding.mapValues(name)
            step.sideConditions = sides.map(problem.text(of:))
        case .chain(_, _, let list):
            step.kind = .chain
            if !list.isEmpty { step.certificates = certificates(list) }
        case .algebra(let list):
            step.kind = .algebra
            step.certificates = certificates(list)
        }
    }

    /// A justification in words, and the steps it cites.
    func describe(_ why: Justification) -> (String, [Int]) {
        switch why {
        case .premise(let clause):
            return (Step.premiseReason(clause: problem.text(of: problem.clauses[clause])), [])
        case .rule(let rule, let premises, let binding, let sides):
            let cites = premises.compactMap { numbers[$0] }
            let text = Step.ruleReason(rule, binding: binding.mapValues(name), cites: cites, sideConditions: sides.map(problem.text(of:)))
            return (text, cites)
        case .chain(let predicate, let chained, let list):
            let chain: Proof.Chain = switch predicate {
            case .coll: .line
            case .cyclic: .circle
            case .midp: .midpoint
            // A fact restated (a goal that is a premise).
            case .para, .perp, .cong, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri,
                 .simtri2, .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff,
                 .ncoll, .npara, .nperp, .simtriEither, .contriEither: .restatement
            }
            let text = Step.chainReason(chain, chained: chained.compactMap { numbers[$0] }, certificates: certificates(list))
            return (text, why.dependencies.compactMap { numbers[$0] }.sorted())
        case .algebra(let list):
            return (Step.certificatesReason(certificates(list)), why.dependencies.compactMap { numbers[$0] }.sorted())
        }
    }
}
