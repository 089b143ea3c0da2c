import GouguArithmetic
import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import HeapModule

/// Limits on one search. When one runs out the search stops cleanly and reports what it
/// tried and the best partial progress.
public struct SearchBudget: Sendable {
    /// Wall-clock seconds for the whole search.
    public var seconds: Double
    /// States (augmented problems) the engine may evaluate.
    public var states: Int
    /// Resident memory of the process, in MiB.
    public var memoryMiB: Double
    /// Wall-clock seconds the engine may spend on one state.
    public var secondsPerState: Double
    /// Proposals asked for each time a state is expanded.
    public var branching: Int
    /// Most expansions on the way to one state (each adds one proposal, or a batch of
    /// `batchSize`).
    public var maximumDepth: Int
    /// Proposals added together as one state, besides one at a time: above 1, a second
    /// search runs beside the one-at-a-time search and takes `batchShare` of the time, in
    /// which a state's proposals, best first, are cut into consecutive batches of this size,
    /// each one child. A batch costs one engine run and tries its constructions together, so
    /// two that a proof needs together are found in one state; the proof keeps only the
    /// constructions it uses. The one-at-a-time search follows a proposer's chain of first
    /// choices (a point, then a point built on it) that the batches, re-ranked in a larger
    /// figure, may miss.
    public var batchSize = 1
    /// The share of the time the batch search takes when `batchSize` is above 1.
    public var batchShare = 0.75

    /// The sizes of the states' additions, one search (strategy) each, and the share of the
    /// time each takes.
    var strategies: [Int] { batchSize > 1 ? [1, batchSize] : [1] }
    var shares: [Double] {
        let share = min(0.99, max(0.01, batchShare))
        return batchSize > 1 ? [1 - share, share] : [1]
    }
    /// Whether the result keeps, for each state on the way to the proof, every proposal that
    /// state offered (`SearchResult.trace`): ranking data for a learned proposer.
    public var recordsTrace = false
    /// With `recordsTrace`: each state's trace keeps at least this many of the proposer's
    /// candidates (more than `branching`, so that a ranker learns about candidates below the
    /// cut as well); the search still tries only the first `branching`.
    public var tracedCandidates = 100
    /// Raised by another thread: no new state is evaluated (the states being evaluated
    /// finish), and the search stops `cancelled`.
    public var cancellation: CancellationFlag?
    /// Raised by another thread: the states being evaluated stop too.
    public var abort: CancellationFlag?
    /// Set while a prover beside the search (the proof by coordinates) has a core of its own:
    /// until it is raised, one worker fewer evaluates states, so that the threads at work
    /// are no more than the cores. Raising it gives the core back to the search.
    public var lentCoreReturned: CancellationFlag?

    public init(seconds: Double = 60, states: Int = 10_000, memoryMiB: Double = 2048,
                secondsPerState: Double = 20, branching: Int = 200, maximumDepth: Int = 3) {
        self.seconds = seconds
        self.states = states
        self.memoryMiB = memoryMiB
        self.secondsPerState = secondsPerState
        self.branching = branching
        self.maximumDepth = maximumDepth
    }
}

/// Why a search stopped.
public enum SearchStopReason: String, Sendable, Codable {
    case proved = "goal proved"
    case exhausted = "no proposal left to try"
    case timeout = "time budget exhausted"
    case stateLimit = "state budget exhausted"
    case memoryLimit = "memory budget exhausted"
    case notSearchable = "the engine's run cannot be extended (goal false in the diagram or no goal)"
    case cancelled = "stopped: another prover finished first"
}

/// One evaluated state: its auxiliary clauses and what the engine did with them.
public struct TriedState: Sendable, Codable {
    public var auxiliary: [String]
    public var stopReason: String
    /// Facts of the closure (premises included).
    public var facts: Int
    /// Facts the auxiliary clauses added to the parent's closure.
    public var newFacts: Int
    public var seconds: Double
    public var score: Double
    /// Where each auxiliary clause stood among the proposals of the state it extended
    /// (1: the proposer's first choice), in the order of `auxiliary`; nil for a proof by
    /// identification.
    public var ranks: [Int]? = nil
    /// The expansions from the root to this state, and how many proposals each adds in the
    /// search that tried it (1, or `SearchBudget.batchSize`); nil for a proof by identification.
    public var depth: Int? = nil
    public var batchSize: Int? = nil
}

/// A state on the way to a proof, with what the proposer offered there: the search's own
/// ranking signal (the constructions the proof used, among every one offered), recorded
/// when `SearchBudget.recordsTrace` is set.
public struct SearchTraceState: Sendable, Codable, Equatable {
    /// The auxiliary clauses of this state (the problem is the original one with these
    /// appended), in order.
    public var auxiliary: [String]
    /// The proposals this state offered, best first, as clauses.
    public var offered: [String]
    /// Indices into `offered` of the clauses the proof uses (the one the search took from
    /// this state, unless the proof does without it).
    public var used: [Int]
    /// The `CandidateFeatures` of each of `offered`, one row each, its numbers separated by
    /// commas (nil when the proposer gives none).
    public var features: [String]?

    public init(auxiliary: [String], offered: [String], used: [Int], features: [String]? = nil) {
        self.auxiliary = auxiliary
        self.offered = offered
        self.used = used
        self.features = features
    }

    /// A row of features as text: each number with at most 4 significant digits, `0` for
    /// zero.
    public static func row(_ values: [Float]) -> String {
        values.map { $0 == 0 ? "0" : String(format: "%.4g", Double($0)) }.joined(separator: ",")
    }

    /// The numbers of a row written by `row`, or nil when it is not one.
    public static func values(ofRow text: String) -> [Float]? {
        let fields = text.split(separator: ",")
        let values = fields.compactMap { Float($0) }
        return values.count == fields.count ? values : nil
    }
}

/// The outcome of a search.
public struct SearchResult: Sendable {
    public var stopReason: SearchStopReason
    /// On success, the engine's run on `problem`, the original problem plus the auxiliary
    /// clauses the proof needs (an ordinary run: `Proof(result:problem:)` traces it).
    public var result: EngineResult?
    public var problem: Problem?
    /// The auxiliary clauses of `problem`, in order.
    public var auxiliary: [String]
    /// Where each of `auxiliary` stood among the proposals of the state it extended (1: the
    /// proposer's first choice).
    public var auxiliaryRanks: [Int] = []
    /// States the engine evaluated (the root not included).
    public var statesExpanded: Int
    /// Proposals turned away: the same points as a state already seen, or not placeable.
    public var duplicates: Int
    public var unplaceable: Int
    /// Why proposals could not be placed, with how often.
    public var placementFailures: [String: Int] = [:]
    /// Closures dropped under memory pressure, and closures derived again because a state
    /// was expanded or continued after its closure was dropped.
    public var evictions = 0
    public var recomputations = 0
    public var seconds: Double
    /// Every evaluated state, in evaluation order.
    public var tried: [TriedState]
    /// With `SearchBudget.recordsTrace`, on success: the root and each state on the way to
    /// the proved one, with the proposals each offered.
    public var trace: [SearchTraceState] = []
    /// The unproved state whose constructions added the most facts.
    public var bestPartial: TriedState?
    /// When the goal was proved by identifying a point of the statement with the point of
    /// another construction: that proof (`result` and `problem` are then its run on the
    /// restated problem).
    public var identification: IdentifiedProof? = nil
    public var proved: Bool { stopReason == .proved }
}

/// Best-first search over problems augmented by auxiliary constructions.
///
/// A priority queue holds proposals not yet tried, each with the state it extends; the
/// best is popped, its clause appended to the state's problem, the diagram extended (old
/// points keep their coordinates) and the engine continued from the parent's closure
/// (`Engine.run(continuing:on:budget:)`), so no state re-derives its parent's facts. An
/// unproved state is expanded by the proposer and its proposals pushed with their score
/// minus a penalty per depth, and its best proposal once more at the state's own priority
/// (a greedy dive: the proposer's first choices are followed to the maximum depth from
/// every state tried, which a depth penalty alone would reach only after a whole level of
/// the tree). A state is the set of its auxiliary points' positions: the
/// same points reached in another order, or by another construction, are recognised and
/// skipped. Several workers (threads) pop and evaluate in parallel.
public struct BestFirstSearch: Sendable {
    public var engine: Engine
    public var proposer: any Proposer
    public var budget: SearchBudget
    /// Threads evaluating states at once.
    public var workers: Int
    /// The workers evaluating states now: one fewer (but at least one) while a core is lent
    /// to a prover beside the search (`SearchBudget.lentCoreReturned`).
    var workersAtWork: Int {
        budget.lentCoreReturned.map { !$0.isCancelled } == true ? max(1, workers - 1) : workers
    }
    /// Subtracted from a proposal's score per auxiliary construction its state already has.
    public var depthPenalty: Double
    /// How many proofs by identification (`PointIdentifier`) to try before adding points,
    /// in at most a quarter of the time budget (0: none).
    public var identifications: Int = 8
    /// Above this share of the memory budget, the search drops the closures of the states
    /// it used least recently and derives them again when needed; it stops only when memory
    /// stays above the whole budget with nothing left to drop.
    public var evictionShare: Double = 0.6

    public init(engine: Engine = Engine(), proposer: any Proposer = HeuristicProposer(),
                budget: SearchBudget = SearchBudget(), workers: Int = 2, depthPenalty: Double = 0.8) {
        self.engine = engine
        self.proposer = proposer
        self.budget = budget
        self.workers = max(1, workers)
        self.depthPenalty = depthPenalty
    }

    /// A state of the search: an augmented problem, its diagram and closure.
    ///
    /// The closure is the largest part of a state (hundreds of kilobytes on an IMO problem)
    /// and every state with proposals left in the queue is kept, so under memory pressure
    /// the search evicts the closures used least recently (`evict`); `store(recomputing:)`
    /// derives an evicted one again from its parent's, as it was derived the first time.
    final class Node: @unchecked Sendable {
        let problem: Problem
        let diagram: Diagram
        let auxiliary: [String]
        /// Where each auxiliary clause stood among its state's proposals (1: first).
        let ranks: [Int]
        /// Expansions from the root to this state (the batches it added).
        let layers: Int
        /// Whether the engine's run on this state stopped for want of rules (its closure is
        /// the whole closure of its problem), not for a budget.
        let saturated: Bool
        /// The state this one extends (nil for the root).
        let parent: Node?
        /// The proposals this state offered, when the search records its trace (set once,
        /// when the state is expanded, and read after the workers are done).
        var offered: [Proposal]?
        private let lock = NSLock()
        private var cached: FactStore?
        /// When the closure was last used (uptime in nanoseconds), for eviction.
        private var lastUse: UInt64 = 0

        init(problem: Problem, diagram: Diagram, store: FactStore, auxiliary: [String], ranks: [Int], parent: Node?, saturated: Bool) {
            self.problem = problem
            self.saturated = saturated
            self.diagram = diagram
            self.auxiliary = auxiliary
            self.ranks = ranks
            self.parent = parent
            self.layers = parent.map { $0.layers + 1 } ?? 0
            self.cached = store
            self.lastUse = DispatchTime.now().uptimeNanoseconds
        }

        /// The closure, derived again by `recompute` (given the parent's closure) when it
        /// was evicted. Workers needing the same evicted closure wait for one derivation.
        func store(recomputing recompute: (_ node: Node, _ parentStore: FactStore) -> FactStore) -> FactStore {
            lock.lock()
            defer { lock.unlock() }
            lastUse = DispatchTime.now().uptimeNanoseconds
            if let cached { return cached }
            // Only the root has no parent, and the root is never evicted.
            let store = recompute(self, parent!.store(recomputing: recompute))
            cached = store
            return store
        }

        /// Whether the closure is held, and when it was last used; nil while the state is
        /// busy (its closure being derived).
        var residency: (held: Bool, lastUse: UInt64)? {
            guard lock.try() else { return nil }
            defer { lock.unlock() }
            return (cached != nil, lastUse)
        }

        /// Drops the closure unless the state is busy; whether it did. A worker using the
        /// closure keeps its own reference until done.
        func evict() -> Bool {
            guard lock.try() else { return false }
            cached = nil
            lock.unlock()
            return true
        }
    }

    /// A node that the eviction list does not keep alive.
    struct WeakNode {
        weak var node: Node?
    }

    /// Proposals waiting in the queue: one, or a batch (`SearchBudget.batchSize`) added
    /// together.
    struct Entry: Comparable {
        var priority: Double
        var sequence: Int
        /// The strategy (`SearchBudget.strategies`) whose queue holds the entry.
        var strategy: Int
        var parent: Node
        var proposals: [Proposal]
        /// Where each of `proposals` stood among the parent's proposals (1: first).
        var ranks: [Int]
        static func < (l: Entry, r: Entry) -> Bool {
            l.priority != r.priority ? l.priority < r.priority : l.sequence > r.sequence
        }
        static func == (l: Entry, r: Entry) -> Bool { l.sequence == r.sequence }
    }

    /// What the workers share, under one lock.
    final class Shared: @unchecked Sendable {
        let lock = NSLock()
        /// One queue per strategy, and the seconds each strategy's states took: the next
        /// entry comes from the strategy furthest below its share of the time.
        var queues: [Heap<Entry>] = []
        var spent: [Double] = []
        var sequence = 0
        var seen = Set<[SIMD2<Int64>]>()
        var inFlight = 0
        var stop: SearchStopReason?
        var evaluated = 0
        var duplicates = 0
        var unplaceable = 0
        var failures: [String: Int] = [:]
        var tried: [TriedState] = []
        var success: (node: Node, result: EngineResult)?
        /// Resident memory, read at most every few milliseconds however many workers ask.
        var memory = MemorySampler()
        /// The states whose closures may be held, for eviction, and the two counters below,
        /// under their own lock: a state's closure is derived again under the state's lock,
        /// which must not wait for `lock`.
        let heldLock = NSLock()
        var held: [WeakNode] = []
        var evictions = 0
        var recomputations = 0
    }

    /// Searches for auxiliary constructions under which the engine proves the goal, from
    /// the engine's run `root` on `diagram` (usually saturated without the goal).
    public func run(from root: EngineResult, on diagram: Diagram) -> SearchResult {
        let start = Date()
        let elapsed: @Sendable () -> Double = { Date().timeIntervalSince(start) }
        guard root.stopReason != .goalFalseInDiagram, root.stopReason != .noGoal else {
            return SearchResult(stopReason: .notSearchable, auxiliary: [], statesExpanded: 0, duplicates: 0,
                                unplaceable: 0, seconds: elapsed(), tried: [])
        }
        if root.proved {
            return SearchResult(stopReason: .proved, result: root, problem: diagram.problem, auxiliary: [], statesExpanded: 0,
                                duplicates: 0, unplaceable: 0, seconds: elapsed(), tried: [])
        }
        let (identified, identificationTries) = identify(root: root, on: diagram, elapsed: elapsed)
        if var identified {
            identified.seconds = elapsed()
            return identified
        }
        let run = SearchRun(search: self, root: root, diagram: diagram, start: start)
        run.shared.tried = identificationTries
        run.push(run.rootNode, store: root.store, divingAt: nil, strategy: nil)
        if workers == 1 {
            run.work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in run.work(worker: worker) }
        }
        return run.result()
    }

    /// Proofs by identification: restatements of the problem with a point of the statement
    /// defined by a construction that lands on it, tried in the proposer's order on the
    /// search's workers (each restatement is one engine run). The first in that order that
    /// is proved, and every attempt, in that order: once one is proved no further one is
    /// started, and those started before it finish, so the choice does not depend on timing.
    func identify(root: EngineResult, on diagram: Diagram, elapsed: @escaping @Sendable () -> Double) -> (SearchResult?, [TriedState]) {
        guard identifications > 0 else { return (nil, []) }
        let problem = diagram.problem
        let state = ProofState(problem: problem, diagram: diagram, store: root.store, originalClauseCount: problem.clauses.count)
        let identifier = PointIdentifier(engine: engine)
        let constructions = HeuristicProposer().constructionsOfExistingPoints(for: state, limit: budget.branching)
        // The first few in the proposer's order, less those asserting nothing the saturated
        // closure lacks: they cannot prove the goal.
        var closure = root.store
        let restatements = identifier.candidates(for: diagram, constructions: constructions).prefix(identifications).filter {
            root.stopReason != .saturated || PointIdentifier.assertsSomethingNew($0, beyond: &closure)
        }
        guard !restatements.isEmpty else { return (nil, []) }
        let share = budget.seconds / 4
        let attempts = IdentificationAttempts(count: restatements.count)
        let budget = self.budget
        let attempt = { @Sendable in
            while let index = attempts.next(startingBefore: share, elapsed: elapsed, stoppedBy: [budget.cancellation, budget.abort]) {
                let started = elapsed()
                let found = identifier.prove(restatements[index], on: diagram,
                                             budget: Budget(seconds: max(0.01, min(budget.secondsPerState, share - started)),
                                                            memoryMiB: budget.memoryMiB, cancellation: budget.abort))
                attempts.record(index, found: found,
                                tried: TriedState(auxiliary: ["\(restatements[index].clause) (identification)"],
                                                  stopReason: found == nil ? "not proved" : StopReason.proved.rawValue,
                                                  facts: found?.result.store.facts.count ?? 0, newFacts: 0,
                                                  seconds: elapsed() - started, score: 0))
            }
        }
        let threads = min(workersAtWork, restatements.count)
        if threads == 1 {
            attempt()
        } else {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in attempt() }
        }
        let (tried, found) = attempts.outcome()
        guard let found else { return (nil, tried) }
        var result = SearchResult(stopReason: .proved, result: found.result, problem: found.restatement.problem,
                                  auxiliary: [], statesExpanded: tried.count, duplicates: 0, unplaceable: 0,
                                  seconds: 0, tried: tried)
        result.identification = found
        return (result, tried)
    }

    /// Whether clause `index` of `problem` uses a point that clause `other` creates.
    static func clause(_ index: Int, of problem: Problem, isBuiltOn other: Int) -> Bool {
        let used = Set(problem.clauses[index].constructions.flatMap { $0.arguments.compactMap(\.point) })
        return problem.clauses[other].points.contains(where: used.contains)
    }
}

/// Hands memory freed by the allocator back to the system, so that resident memory falls
/// after closures are dropped (glibc keeps freed pages otherwise).
/// `malloc_trim` is looked up at run time: it is glibc's, and not in Swift's Glibc module.
func releaseFreeMemory() {
    typealias MallocTrim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(nil, "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
}


/// The proofs by identification attempted so far, by their index in the proposer's order,
/// shared by the workers that attempt them.
private final class IdentificationAttempts: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var provedOne = false
    private var found: [IdentifiedProof?]
    private var tried: [TriedState?]

    init(count: Int) {
        found = Array(repeating: nil, count: count)
        tried = Array(repeating: nil, count: count)
    }

    /// The next restatement to attempt; nil once one is proved, all are taken, `share`
    /// seconds have passed or the search is stopped.
    func next(startingBefore share: Double, elapsed: () -> Double, stoppedBy flags: [CancellationFlag?]) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !provedOne, nextIndex < found.count, elapsed() <= share,
              !flags.contains(where: { $0?.isCancelled == true }) else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func record(_ index: Int, found proof: IdentifiedProof?, tried state: TriedState) {
        lock.lock()
        defer { lock.unlock() }
        found[index] = proof
        tried[index] = state
        if proof != nil { provedOne = true }
    }

    /// The attempts in order, and the first proof among them.
    func outcome() -> (tried: [TriedState], found: IdentifiedProof?) {
        lock.lock()
        defer { lock.unlock() }
        return (tried.compactMap { $0 }, found.lazy.compactMap { $0 }.first)
    }
}
