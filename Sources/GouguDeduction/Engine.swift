import GouguArithmetic
import Foundation
import GouguGeometry
import GouguLanguage

/// Limits on one run of the engine. When one runs out the engine stops cleanly with what
/// it has found.
public struct Budget: Sendable {
    /// Wall-clock seconds.
    public var seconds: Double
    /// Facts in the store.
    public var facts: Int
    /// Saturation rounds.
    public var rounds: Int
    /// Resident memory of the process, in MiB (checked between rules).
    public var memoryMiB: Double
    /// Raised by another thread to stop the run as if its time had run out (`cancelled`).
    public var cancellation: CancellationFlag?

    public init(seconds: Double = 60, facts: Int = 200_000, rounds: Int = 1000, memoryMiB: Double = 1024,
                cancellation: CancellationFlag? = nil) {
        self.seconds = seconds
        self.facts = facts
        self.rounds = rounds
        self.memoryMiB = memoryMiB
        self.cancellation = cancellation
    }
}

/// Why the engine stopped.
public enum StopReason: String, Sendable {
    case proved = "goal proved"
    case saturated = "saturated: no rule adds a fact"
    case timeout = "time budget exhausted"
    case factLimit = "fact budget exhausted"
    case memoryLimit = "memory budget exhausted"
    case roundLimit = "round budget exhausted"
    case goalFalseInDiagram = "goal is false in the diagram"
    case cancelled = "stopped: another prover finished first"
    case noGoal = "the problem states no goal"
}

/// What one saturation round did.
public struct RoundStatistics: Sendable {
    public var round: Int
    public var newFacts: Int
    public var totalFacts: Int
    public var seconds: Double
}

/// The outcome of running the engine on a problem.
public struct EngineResult: Sendable {
    public var stopReason: StopReason
    public var store: FactStore
    /// The goal's justification when proved.
    public var goalJustification: Justification?
    public var rounds: [RoundStatistics]
    /// Seconds spent matching each rule, over all rounds (where the engine's time goes).
    public var ruleSeconds: [String: Double] = [:]
    public var seconds: Double
    public var proved: Bool { stopReason == .proved }
}

/// Deduction to a fixpoint: rules of the theorem library (DD) over a store whose angle
/// and ratio tables do the algebra (AR). Every conclusion must hold in the diagram before
/// it is added.
public struct Engine: Sendable {
    public let library: TheoremLibrary
    let rules: [CompiledRule]

    public init(library: TheoremLibrary = .standard) {
        self.library = library
        self.rules = library.rules.map(CompiledRule.init).filter { !$0.isImpliedByAlgebra }
    }

    /// Runs deduction on a diagram of the problem until the goal is proved, nothing new
    /// follows, or the budget runs out.
    public func run(_ diagram: Diagram, budget: Budget = Budget()) -> EngineResult {
        run(diagram, budget: budget, withoutGoal: false)
    }

    /// Statements true in the diagram that rules can conclude (collinearities, concyclic
    /// points, parallels, perpendiculars, equal segments, midpoints, similar triangles), one
    /// per unordered instance up to the obvious symmetries: the facts worth asking about.
    public static func candidateGoals(in diagram: Diagram) -> [Statement] {
        let candidates = NumericCandidates(diagram: diagram)
        var result: [Statement] = []
        func add(_ predicate: GouguLanguage.Predicate, _ points: [Int]) {
            result.append(Statement(predicate: predicate, arguments: points.map { .point(PointID($0)) }))
        }
        for p in candidates.instances(of: .coll) where p[0] < p[1] && p[1] < p[2] { add(.coll, p) }
        for p in candidates.instances(of: .cyclic) where p[0] < p[1] && p[1] < p[2] && p[2] < p[3] { add(.cyclic, p) }
        for predicate in [GouguLanguage.Predicate.para, .perp, .cong] {
            for p in candidates.instances(of: predicate)
            where p[0] < p[1] && p[2] < p[3] && FactStore.pair(p[0], p[1]) < FactStore.pair(p[2], p[3]) { add(predicate, p) }
        }
        for p in candidates.instances(of: .midp) where p[1] < p[2] { add(.midp, p) }
        for predicate in [GouguLanguage.Predicate.simtri, .simtri2, .contri, .contri2] {
            for p in candidates.instances(of: predicate) where p[0] < p[3] && p[0] < p[1] && p[0] < p[2] { add(predicate, p) }
        }
        return result
    }

    /// Runs deduction to a fixpoint whatever the goal (none is needed): everything the rules
    /// and tables derive from the premises, within the budget. Ends `saturated` (or on a
    /// budget), never `proved`. Synthetic problems are mined from such closures.
    public func saturate(_ diagram: Diagram, budget: Budget = Budget()) -> EngineResult {
        run(diagram, budget: budget, withoutGoal: true)
    }

    private func run(_ diagram: Diagram, budget: Budget, withoutGoal: Bool) -> EngineResult {
        let start = Date()
        var store = FactStore(diagram: diagram)
        addPremises(of: diagram.problem, clauses: diagram.problem.clauses.indices, to: &store)
        return saturate(store, start: start, budget: budget, withoutGoal: withoutGoal)
    }

    /// Continues a run on an extended diagram: `diagram.problem` is the problem of
    /// `previous` with clauses appended (auxiliary constructions), and every old point keeps
    /// its index and its coordinates (`DiagramBuilder.extend`). The new clauses' premises are
    /// added to a copy of `previous` and saturation resumes from there, so nothing the
    /// previous run derived is derived again. The result is an ordinary run on the extended
    /// problem: its facts cite clauses of `diagram.problem`.
    ///
    /// - Complexity: one saturation of the extended problem starting from the old closure;
    ///   copying the store is copy-on-write.
    public func run(continuing previous: FactStore, on diagram: Diagram, budget: Budget = Budget()) -> EngineResult {
        let start = Date()
        let old = previous.diagram.problem
        precondition(diagram.problem.clauses.count >= old.clauses.count
                     && zip(old.points, diagram.problem.points).allSatisfy { $0.name == $1.name },
                     "the diagram must extend the previous run's problem")
        var store = previous
        store.diagram = diagram
        addPremises(of: diagram.problem, clauses: old.clauses.count..<diagram.problem.clauses.count, to: &store)
        return saturate(store, start: start, budget: budget, withoutGoal: false)
    }

    private func addPremises(of problem: Problem, clauses: Range<Int>, to store: inout FactStore) {
        for index in clauses {
            for call in problem.clauses[index].constructions {
                for fact in call.facts { store.add(fact, because: .premise(clause: index), round: 0) }
            }
        }
    }

    /// Saturates `store` (whose diagram is the problem's) until the goal (unless
    /// `withoutGoal`), a fixpoint or the budget.
    private func saturate(_ initial: FactStore, start: Date, budget: Budget, withoutGoal: Bool) -> EngineResult {
        func elapsed() -> Double { Date().timeIntervalSince(start) }
        var store = initial
        let diagram = store.diagram
        let problem = diagram.problem
        var rounds: [RoundStatistics] = []
        var ruleSeconds: [String: Double] = [:]
        func finish(_ reason: StopReason, _ why: Justification? = nil) -> EngineResult {
            EngineResult(stopReason: reason, store: store, goalJustification: why, rounds: rounds,
                         ruleSeconds: ruleSeconds, seconds: elapsed())
        }
        let goal = withoutGoal ? nil : problem.goal
        if let goal {
            guard diagram.holds(goal) else { return finish(.goalFalseInDiagram) }
            if let why = store.holds(goal) { return finish(.proved, why) }
        } else if !withoutGoal {
            return finish(.noGoal)
        }

        var memory = MemorySampler()
        var candidatesStop: StopReason?
        let candidates = NumericCandidates(diagram: diagram) {
            if elapsed() > budget.seconds || budget.cancellation?.isCancelled == true { candidatesStop = .timeout }
            else if let resident = memory.residentMiB(), resident > budget.memoryMiB { candidatesStop = .memoryLimit }
            return candidatesStop != nil
        }
        if candidates.interrupted { return finish(candidatesStop ?? .timeout) }
        var round = 0
        while true {
            round += 1
            if round > budget.rounds { return finish(.roundLimit) }
            let roundStart = elapsed()
            let before = store.facts.count
            func closeRound() {
                rounds.append(RoundStatistics(round: round, newFacts: store.facts.count - before, totalFacts: store.facts.count,
                                              seconds: elapsed() - roundStart))
            }
            /// The goal's justification once the store knows it.
            func goalProof() -> Justification? {
                guard let goal, store.isKnown(goal) else { return nil }
                return store.holds(goal)
            }
            let stop = StopSignal()
            let shouldStop: () -> Bool = { stop.reason != nil }
            for rule in rules {
                let ruleStart = elapsed()
                defer { ruleSeconds[rule.definition.name, default: 0] += elapsed() - ruleStart }
                let matcher = RuleMatcher(rule: rule, diagram: diagram, candidates: candidates, shouldStop: shouldStop)
                matcher.run(store: &store) { store, binding in
                    if elapsed() > budget.seconds { stop.reason = .timeout; return }
                    if let cancellation = budget.cancellation, cancellation.isCancelled { stop.reason = .cancelled; return }
                    if store.facts.count >= budget.facts { stop.reason = .factLimit; return }
                    // A degenerate conclusion (eqratio6 a a a x ...: a zero length) holds
                    // numerically but is no fact; its equations could cancel into false ones.
                    // (The diagram is the matcher's: captured here, the struct would be
                    // copied at every level of the matcher's recursion.)
                    guard matcher.holdsInDiagram(rule.conclusion, binding) else { return }
                    let conclusion = matcher.instantiate(rule.conclusion, binding)
                    guard !conclusion.isDegenerate, !store.isKnown(conclusion) else { return }
                    var premiseFacts: [FactID] = []
                    var sideConditions: [Statement] = []
                    for pattern in rule.premises {
                        let statement = matcher.instantiate(pattern, binding)
                        if pattern.isSideCondition { sideConditions.append(statement); continue }
                        // The matcher found it known; the store says why.
                        guard let reason = store.holds(statement) else { return }
                        premiseFacts.append(store.materialize(statement, because: reason, round: round))
                    }
                    let names = Dictionary(uniqueKeysWithValues: rule.variableNames.enumerated().map { ($1, binding[$0]) })
                    store.add(conclusion, because: .rule(name: rule.definition.name, premises: premiseFacts,
                                                         binding: names, sideConditions: sideConditions), round: round)
                }
                if let reason = stop.reason { return finish(reason) }
                if let resident = memory.residentMiB(), resident > budget.memoryMiB { return finish(.memoryLimit) }
                if let why = goalProof() {
                    closeRound()
                    return finish(.proved, why)
                }
            }
            // Equal lengths found by one of ratio, distance and Pythagoras chasing feed the
            // others; right angles go between angle chasing and Pythagoras.
            store.shareEqualLengths(candidates.instances(of: .cong), round: round)
            store.sharePerpendiculars(candidates.instances(of: .perp), round: round)
            // Centres proved equidistant give the angle table their inscribed angles.
            let centres = store.shareCentres(candidates.instances(of: .circle), round: round)
            // Equal angles give ratio chasing equal sines, and triangles the law of sines.
            let sines = store.shareSines(round: round)
            if let why = goalProof() {
                closeRound()
                return finish(.proved, why)
            }
            closeRound()
            if store.facts.count == before && centres == 0 && sines == 0 { return finish(.saturated) }
        }
    }
}

/// Why matching must stop, set by the engine's callback and read by the matcher at every
/// node of its search. A variable captured by both closures would be checked for exclusive
/// access at each read; this one is only ever used on the engine's thread.
private final class StopSignal {
    @exclusivity(unchecked) var reason: StopReason?
}
