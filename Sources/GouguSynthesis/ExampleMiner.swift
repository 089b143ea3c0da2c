import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguSearch
import GouguSolver

/// One synthetic training example: a problem (with its goal), the auxiliary constructions
/// its proof needs, and that proof.
public struct SyntheticExample: Sendable {
    /// The problem's name (`synthetic_SEED_N`).
    public var name: String
    /// The statement with its goal, in the problem language, without the auxiliary clauses.
    public var problem: String
    /// The auxiliary clauses, in the problem language, in construction order (may be empty):
    /// clauses the proof uses whose points the goal does not depend on.
    public var auxiliary: [String]
    /// Whether DD + AR cannot prove the goal without the auxiliary clauses (else they give
    /// one proof among others).
    public var auxiliaryNeeded: Bool
    /// The proof of the problem with the auxiliary clauses appended.
    public var proof: Proof
    /// The problem up to point renaming: equal keys are duplicates.
    public var key: String
    /// The seed of the random problem and of the diagrams it was proved on.
    public var seed: UInt64
    /// The problem with the auxiliary clauses appended before its goal, in the problem
    /// language.
    public var fullProblem: String
    /// When the search found the auxiliary clauses: each state on its way to the proof, with
    /// every construction the proposer offered there and the ones the proof uses (empty
    /// otherwise).
    public var searchTrace: [SearchTraceState] = []
}

/// Mines examples from random premises: builds the diagram, saturates with DD + AR, picks
/// derived facts as goals, and traces each back to its proof. Constructions the proof
/// uses whose points the goal does not depend on are the auxiliary ones; each example says
/// whether the engine can prove the goal without them.
public struct ExampleMiner: Sendable {
    public var sampler: ProblemSampler
    public let engine: Engine
    /// Budget for saturating the random premises.
    public var saturationBudget = Budget(seconds: 2, facts: 4000, memoryMiB: 4096)
    /// Budget for re-proving a mined goal from its own premises.
    public var solveBudget = Budget(seconds: 2, facts: 4000, memoryMiB: 4096)
    /// At most this many goals per random problem.
    public var goalsPerProblem = 2
    /// Proofs shorter than this many derived steps are too easy to keep.
    public var minimumSteps = 2
    /// The predicates worth asking as goals.
    public var goalPredicates: Set<GouguLanguage.Predicate> = [.coll, .cyclic, .para, .perp, .cong, .eqangle, .eqratio, .midp,
                                                 .simtri, .simtri2, .contri, .contri2, .circle]

    public init(sampler: ProblemSampler = ProblemSampler(), engine: Engine = Engine()) {
        self.sampler = sampler
        self.engine = engine
    }

    /// Budget of the search for auxiliary constructions that prove a statement true in the
    /// diagram which DD + AR cannot prove from the premises alone; nil skips that source.
    public var auxiliarySearch: SearchBudget? = SearchBudget(seconds: 2, states: 40, secondsPerState: 0.5,
                                                              branching: 40, maximumDepth: 2)
    /// At most this many such statements searched per random problem.
    public var searchedStatementsPerProblem = 2
    /// The proposer of that search (its proposals' features go into the traces).
    public var proposer: any Proposer = HeuristicProposer(attachesFeatures: true)
    /// Whether only the search gives examples (the two other sources, which need no search,
    /// are skipped): for ranking data from the search's traces.
    public var searchedOnly = false
    /// Whether an example whose auxiliary constructions are needed and known without a
    /// search (from the extension or the problem's own closure) gets a trace too: its root
    /// state, with the heuristic's candidates and, marked used, those that build one of its
    /// auxiliary points, wherever the heuristic ranks them (`knownConstructionTrace`).
    public var tracesKnownConstructions = false
    /// In such a trace: the heuristic's first candidates kept, and as many drawn at random
    /// from the rest (besides the used ones).
    public var tracedFirstCandidates = 100

    /// Whether goals whose statements need more of the random problem's clauses are tried
    /// first (longer problems, like competition statements); else in random order.
    public var preferLargerProblems = false

    /// How many auxiliary clauses to add to a random problem (inclusive range).
    public var auxiliarySteps: ClosedRange<Int> = 1...2

    /// The examples mined from the random problem of `seed` (often none: degenerate
    /// premises, or nothing interesting derived).
    ///
    /// Goals come from two places. The problem's own closure: derived facts, those whose
    /// derivation cites clauses the goal does not depend on first (they give examples with
    /// auxiliary points). And an extension: the problem gets one or two more random
    /// constructions, and a goal is a statement about the original points, true in its
    /// diagram, that the extended closure knows and the original closure (saturated, so
    /// DD + AR cannot prove it) does not: auxiliary points that are needed.
    public func mine(seed: UInt64) -> [SyntheticExample] {
        var rng = SeededGenerator(seed: seed)
        let sample = sampler.sample(using: &rng)
        let parser = ProblemParser(library: engine.library)
        guard let problem = try? parser.parseProblem(name: "synthetic_\(seed)", statement: sample.statement),
              let diagram = try? DiagramBuilder(maximumAttempts: Self.diagramAttempts).build(problem, seed: seed) else { return [] }
        var closure = engine.saturate(diagram, budget: saturationBudget)
        var examples: [SyntheticExample] = []
        var seen = Set<String>()
        func consider(_ goals: [(Statement, [FactID])], in result: EngineResult, of problem: Problem, limit: Int) {
            var found = 0
            for (goal, dependencies) in goals where found < limit {
                guard let example = example(for: goal, dependencies: dependencies, in: result, problem: problem,
                                            seed: seed, number: examples.count),
                      seen.insert(example.key).inserted else { continue }
                examples.append(example)
                found += 1
            }
        }

        // Statements true in the diagram that DD + AR cannot prove (the closure saturated
        // without them): the two sources of examples with needed auxiliary points start there.
        let unproved = closure.stopReason == .saturated
            ? Engine.candidateGoals(in: diagram).filter { goalPredicates.contains($0.predicate) && !closure.store.isKnown($0) }
            : []

        // The search looks for auxiliary constructions that prove them.
        if let budget = auxiliarySearch {
            for goal in unproved.shuffled(using: &rng).prefix(searchedStatementsPerProblem) {
                guard let example = searchedExample(for: goal, in: problem, budget: budget, seed: seed, number: examples.count),
                      seen.insert(example.key).inserted else { continue }
                examples.append(example)
            }
        }

        if searchedOnly { return examples }

        // With auxiliary points: statements about the original points, true in its diagram,
        // that the extended closure knows and the original one (saturated) does not.
        if closure.stopReason == .saturated {
            var extended = sample
            let steps = auxiliarySteps.lowerBound + Int(rng.next() % UInt64(auxiliarySteps.count))
            for _ in 0..<steps { sampler.extend(&extended, using: &rng) }
            if extended.points.count > sample.points.count,
               let bigger = try? parser.parseProblem(name: "synthetic_\(seed)", statement: extended.statement),
               let biggerDiagram = try? DiagramBuilder(maximumAttempts: Self.diagramAttempts).build(bigger, seed: seed) {
                var extendedClosure = engine.saturate(biggerDiagram, budget: saturationBudget)
                var goals: [(Statement, [FactID])] = []
                for statement in unproved {
                    guard extendedClosure.store.isKnown(statement), let why = extendedClosure.store.holds(statement) else { continue }
                    goals.append((statement, why.dependencies))
                }
                goals.shuffle(using: &rng)
                consider(largerFirst(goals, in: bigger), in: extendedClosure, of: bigger, limit: goalsPerProblem)
            }
        }

        // Derived facts of the problem itself, those citing clauses the goal does not depend on first.
        let facts = closure.store.facts
        var goals: [(Statement, [FactID])] = facts.indices.compactMap { id in
            if case .premise = facts[id].justification { return nil }
            return goalPredicates.contains(facts[id].statement.predicate) ? (facts[id].statement, [id]) : nil
        }
        goals.shuffle(using: &rng)
        let citesOthers = goals.map { !auxiliaryClauses(of: $0.0, dependencies: $0.1, in: closure, problem: problem).auxiliary.isEmpty }
        let ordered = zip(goals, citesOthers).filter { $0.1 }.map(\.0) + zip(goals, citesOthers).filter { !$0.1 }.map(\.0)
        consider(largerFirst(ordered, in: problem), in: closure, of: problem, limit: goalsPerProblem)
        return examples
    }

    /// `goals` unchanged, or with `preferLargerProblems` those whose points need more clauses
    /// first (ties keep their order).
    func largerFirst(_ goals: [(Statement, [FactID])], in problem: Problem) -> [(Statement, [FactID])] {
        guard preferLargerProblems else { return goals }
        let sizes = goals.map { Self.clausesDefining($0.0.points, in: problem).count }
        return goals.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }.map { goals[$0] }
    }

    /// An example whose auxiliary constructions the search found: `goal` is true in the
    /// diagram of `plain` and DD + AR cannot prove it from its premises, so they are needed.
    func searchedExample(for goal: Statement, in plain: Problem, budget: SearchBudget,
                         seed: UInt64, number: Int) -> SyntheticExample? {
        let name = "synthetic_\(seed)_\(number)"
        // The goal's problem: the clauses its points depend on.
        guard let problem = Self.problem(plain, keeping: Self.clausesDefining(goal.points, in: plain), proving: goal, name: name),
              let outcome = try? Solver(engine: engine, proposer: proposer).solve(problem, options: searchOptions(budget, seed: seed)),
              outcome.deduction?.stopReason == .saturated, outcome.method == .auxiliaryConstructions,
              let proof = outcome.proof, proof.steps.count >= minimumSteps,
              let found = outcome.search, !found.auxiliary.isEmpty else { return nil }
        var example = make(problem, found.auxiliary, needed: true, proof, seed)
        example.searchTrace = found.trace
        return example
    }

    /// The example asking for `goal`, derived in `closure` from the facts `dependencies`, or
    /// nil when it is not worth keeping or the engine cannot re-prove it from the reduced
    /// statement.
    func example(for goal: Statement, dependencies: [FactID], in closure: EngineResult, problem: Problem,
                 seed: UInt64, number: Int) -> SyntheticExample? {
        let (goalClauses, auxiliary) = auxiliaryClauses(of: goal, dependencies: dependencies, in: closure, problem: problem)
        let name = "synthetic_\(seed)_\(number)"
        guard let stated = Self.problem(problem, keeping: goalClauses, proving: goal, name: name) else { return nil }
        if auxiliary.isEmpty {
            guard let proof = prove(stated, seed: seed), proof.steps.count >= minimumSteps else { return nil }
            return make(stated, [], needed: false, proof, seed)
        }
        // The proof of the problem with its auxiliary clauses must use them (the engine may
        // find another route); they are needed when the engine cannot do without them.
        guard let withAuxiliary = Self.problem(problem, keeping: goalClauses.union(auxiliary), proving: goal, name: name),
              let proof = prove(withAuxiliary, seed: seed), proof.steps.count >= minimumSteps else { return nil }
        guard !proof.auxiliaryConstructions.isEmpty else {
            return make(withAuxiliary, [], needed: false, proof, seed)
        }
        let needed = prove(stated, seed: seed) == nil
        let auxiliaryText = auxiliary.sorted().map { problem.text(of: problem.clauses[$0]) }
        var example = make(stated, auxiliaryText, needed: needed, proof, seed)
        if needed, tracesKnownConstructions { example.searchTrace = knownConstructionTrace(stated, auxiliary: auxiliaryText, seed: seed) }
        return example
    }

    /// The root state of `stated` as a one-state trace: the heuristic's candidates (its first
    /// `tracedFirstCandidates`, those that land on a point of the `auxiliary` clauses, and
    /// as many others drawn at random), with the latter marked used. Empty when no candidate
    /// builds an auxiliary point. Unlike a search's trace, the used candidates may be
    /// anywhere in the heuristic's order: the ranking signal a learned ranker needs most.
    func knownConstructionTrace(_ stated: Problem, auxiliary: [String], seed: UInt64) -> [SearchTraceState] {
        guard let diagram = try? DiagramBuilder(maximumAttempts: Self.diagramAttempts).build(stated, seed: seed),
              let augmented = try? ProblemParser(library: engine.library).problem(stated, appending: auxiliary),
              let extended = try? DiagramBuilder().extend(diagram, to: augmented) else { return [] }
        let closure = engine.saturate(diagram, budget: solveBudget)
        let state = ProofState(problem: stated, diagram: diagram, store: closure.store, originalClauseCount: stated.clauses.count)
        let targets = Array(extended.positions[diagram.positions.count...])
        let scale = max(1, diagram.positions.map(\.length).max() ?? 1)
        let all = HeuristicProposer(attachesFeatures: true).placedProposals(for: state, limit: .max)
        let used = Set(all.indices.filter { k in targets.contains { $0.distance(to: all[k].position) < 1e-6 * scale } })
        guard !used.isEmpty else { return [] }
        var rng = SeededGenerator(seed: seed ^ 0x5EED_7ACE)
        var kept = Set(0..<min(tracedFirstCandidates, all.count)).union(used)
        kept.formUnion(all.indices.filter { !kept.contains($0) }.shuffled(using: &rng).prefix(tracedFirstCandidates))
        let order = kept.sorted()
        return [SearchTraceState(auxiliary: [], offered: order.map { all[$0].proposal.clause },
                                 used: order.indices.filter { used.contains(order[$0]) },
                                 features: order.map { SearchTraceState.row(all[$0].proposal.features ?? []) })]
    }

    /// `problem` with only the clauses `kept` (closed under the points they use), `goal` (a
    /// statement about their points) as its goal, and `name`; nil when the goal names other
    /// points or is degenerate.
    static func problem(_ problem: Problem, keeping kept: Set<Int>, proving goal: Statement, name: String) -> Problem? {
        guard let restricted = try? problem.restricted(to: kept),
              let restrictedGoal = problem.statement(goal, restrictedTo: kept), !restrictedGoal.isDegenerate else { return nil }
        return restricted.replacingGoal(restrictedGoal).renamed(name)
    }

    /// The clauses the goal's points are built from, and the other clauses the derivation
    /// (from the facts `dependencies`) cites, with the clauses their points are built from:
    /// the auxiliary ones.
    func auxiliaryClauses(of goal: Statement, dependencies: [FactID], in closure: EngineResult,
                          problem: Problem) -> (goal: Set<Int>, auxiliary: Set<Int>) {
        let facts = closure.store.facts
        var used = Set<Int>(), visited = Set<FactID>()
        var stack = dependencies
        while let f = stack.popLast() {
            guard visited.insert(f).inserted else { continue }
            if case .premise(let clause) = facts[f].justification { used.insert(clause) }
            stack += facts[f].dependencies
        }
        let goalClauses = Self.clausesDefining(goal.points, in: problem)
        var auxiliary = used.subtracting(goalClauses)
        let auxiliaryPoints = auxiliary.flatMap { problem.clauses[$0].constructions.flatMap(\.arguments).compactMap(\.point) }
        auxiliary.formUnion(Self.clausesDefining(auxiliaryPoints, in: problem).subtracting(goalClauses))
        return (goalClauses, auxiliary)
    }

    private func make(_ problem: Problem, _ auxiliary: [String], needed: Bool, _ proof: Proof, _ seed: UInt64) -> SyntheticExample {
        let statement = problem.statementText
        let full = (try? ProblemParser(library: engine.library).problem(problem, appending: auxiliary))?.statementText ?? statement
        return SyntheticExample(name: problem.name, problem: statement, auxiliary: auxiliary, auxiliaryNeeded: needed, proof: proof,
                                key: Self.canonicalKey(statement), seed: seed, fullProblem: full)
    }

    /// A checked proof of `statement` by deduction alone on its own diagram, or nil.
    func prove(_ statement: String, name: String, seed: UInt64) -> Proof? {
        guard let problem = try? ProblemParser(library: engine.library).parseProblem(name: name, statement: statement) else { return nil }
        return prove(problem, seed: seed)
    }

    /// A checked proof of `problem` by deduction alone on its own diagram, or nil.
    func prove(_ problem: Problem, seed: UInt64) -> Proof? {
        (try? Solver(engine: engine).solve(problem, options: deductionOptions(seed: seed)))?.proof
    }

    /// `Solver`'s options for deduction alone within `solveBudget`, on the diagram of `seed`
    /// as drawn (every two-way choice as the seed draws it), no coordinates.
    func deductionOptions(seed: UInt64) -> SolveOptions {
        SolveOptions(seconds: solveBudget.seconds, memoryMiB: solveBudget.memoryMiB, facts: solveBudget.facts, seed: seed,
                     seededConfiguration: true, diagramAttempts: Self.diagramAttempts, coordinates: .off, search: false)
    }

    /// `Solver`'s options for deduction within `solveBudget`, then the search within
    /// `budget` on one thread, no coordinates.
    func searchOptions(_ budget: SearchBudget, seed: UInt64) -> SolveOptions {
        var options = deductionOptions(seed: seed)
        options.seconds = solveBudget.seconds + budget.seconds
        options.search = true
        options.searchWorkers = 1
        options.maxStates = budget.states
        options.maxDepth = budget.maximumDepth
        options.secondsPerState = budget.secondsPerState
        options.branching = budget.branching
        options.recordsSearchTrace = true
        options.memoryMiB = min(solveBudget.memoryMiB, budget.memoryMiB)
        return options
    }

    /// Random drawings tried for a random problem before it is given up.
    static let diagramAttempts = 4

    /// The clauses that define `points` and, recursively, every point they are built from.
    static func clausesDefining(_ points: [PointID], in problem: Problem) -> Set<Int> {
        var needed = Set(points)
        var clauses = Set<Int>()
        for (index, clause) in problem.clauses.enumerated().reversed() where clause.points.contains(where: needed.contains) {
            clauses.insert(index)
            for call in clause.constructions { for case .point(let p) in call.arguments { needed.insert(p) } }
        }
        return clauses
    }

    /// A statement with its points renamed in the order the clauses define them: two
    /// statements that differ only in point names get the same key.
    public static func canonicalKey(_ statement: String) -> String {
        var names: [Substring: String] = [:]
        for clause in statement.split(separator: ";") {
            guard let equals = clause.firstIndex(of: "=") else { continue }
            for token in clause[..<equals].split(separator: " ") where names[token] == nil { names[token] = "p\(names.count)" }
        }
        return statement.split(separator: " ").map { token -> String in
            var word = token
            var suffix = ""
            if word.hasSuffix(";") || word.hasSuffix(",") { suffix = String(word.last!); word = word.dropLast() }
            return (names[word] ?? String(word)) + suffix
        }.joined(separator: " ")
    }
}
