import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import HeapModule

/// One run of `BestFirstSearch`: the root state, the queue and counters the workers share
/// (`BestFirstSearch.Shared`, under its lock), and the steps each worker repeats: take the
/// best proposal (`nextEntry`), place it (`place`), admit the new state once
/// (`admit`), continue the engine on it (`evaluate`), record it and queue its proposals
/// (`record`).
final class SearchRun: @unchecked Sendable {
    // @unchecked Sendable: the mutable state is `shared`, used under its locks; the rest is
    // set once at initialisation.
    typealias Node = BestFirstSearch.Node
    typealias Entry = BestFirstSearch.Entry

    let search: BestFirstSearch
    let root: EngineResult
    let rootNode: Node
    let start: Date
    let originalClauses: Int
    let originalPoints: Int
    let shared = BestFirstSearch.Shared()

    var budget: SearchBudget { search.budget }

    init(search: BestFirstSearch, root: EngineResult, diagram: Diagram, start: Date) {
        self.search = search
        self.root = root
        self.start = start
        originalClauses = diagram.problem.clauses.count
        originalPoints = diagram.problem.points.count
        rootNode = Node(problem: diagram.problem, diagram: diagram, store: root.store, auxiliary: [], ranks: [], parent: nil,
                        saturated: root.stopReason == .saturated)
        shared.queues = search.budget.strategies.map { _ in Heap<Entry>() }
        shared.spent = search.budget.strategies.map { _ in 0 }
    }

    func elapsed() -> Double { Date().timeIntervalSince(start) }

    /// Queues the proposals for `node` in the queue of `strategy` (every strategy's for the
    /// root), one entry each or in batches of the strategy's size (consecutive in the
    /// proposer's order, each at the score of its best). A node that was itself a proposal
    /// (popped at `priority`) also queues its best entry at that same priority: a greedy
    /// dive, evaluated next, so that every state tried is followed by its proposer's first
    /// choices down to the maximum depth, however the depth penalty ranks them.
    func push(_ node: Node, store: FactStore, divingAt priority: Double?, strategy: Int?) {
        let state = ProofState(problem: node.problem, diagram: node.diagram, store: store, originalClauseCount: originalClauses)
        let asked = budget.recordsTrace ? max(budget.branching, budget.tracedCandidates) : budget.branching
        let offered = search.proposer.propose(for: state, limit: asked)
        let proposals = Array(offered.prefix(budget.branching))
        let sizes = budget.strategies
        shared.lock.lock()
        defer { shared.lock.unlock() }
        if budget.recordsTrace { node.offered = offered }
        for s in strategy.map({ [$0] }) ?? Array(sizes.indices) {
            let batches = stride(from: 0, to: proposals.count, by: sizes[s]).map { start in
                let end = min(start + sizes[s], proposals.count)
                return (proposals: Array(proposals[start..<end]), ranks: Array((start + 1)...end))
            }
            for batch in batches {
                shared.sequence += 1
                shared.queues[s].insert(Entry(priority: batch.proposals[0].score - search.depthPenalty * Double(node.layers),
                                              sequence: shared.sequence, strategy: s, parent: node,
                                              proposals: batch.proposals, ranks: batch.ranks))
            }
            if let priority, let best = batches.first {
                shared.sequence += 1
                shared.queues[s].insert(Entry(priority: priority, sequence: shared.sequence, strategy: s, parent: node,
                                              proposals: best.proposals, ranks: best.ranks))
            }
        }
    }

    /// A state's closure, derived again from its parent's if it was evicted.
    func closure(of node: Node) -> FactStore {
        node.store { node, parentStore in
            self.shared.heldLock.lock()
            self.shared.recomputations += 1
            self.shared.held.append(BestFirstSearch.WeakNode(node: node))
            self.shared.heldLock.unlock()
            return self.search.engine.run(continuing: parentStore, on: node.diagram,
                                          budget: Budget(seconds: self.budget.secondsPerState, memoryMiB: self.budget.memoryMiB)).store
        }
    }

    /// Under memory pressure (resident memory above `evictionShare` of the budget):
    /// drops the older half of the held closures, least recently used first, and hands
    /// the freed memory back to the system. Called with `shared.lock` held.
    func evictUnderPressure(resident memory: Double) -> Double {
        guard memory > budget.memoryMiB * search.evictionShare else { return memory }
        shared.heldLock.lock()
        let candidates = shared.held.compactMap(\.node)
        shared.heldLock.unlock()
        // A state busy deriving its closure reports no residency and is left alone.
        let held = candidates.compactMap { node -> (node: Node, lastUse: UInt64)? in
            guard let residency = node.residency, residency.held else { return nil }
            return (node, residency.lastUse)
        }.sorted { $0.lastUse < $1.lastUse }
        guard !held.isEmpty else { return memory }
        let dropped = held.prefix(max(1, held.count / 2)).filter { $0.node.evict() }.map { ObjectIdentifier($0.node) }
        let gone = Set(dropped)
        shared.heldLock.lock()
        shared.evictions += dropped.count
        shared.held.removeAll { $0.node.map { gone.contains(ObjectIdentifier($0)) } ?? true }
        shared.heldLock.unlock()
        releaseFreeMemory()
        return shared.memory.freshResidentMiB() ?? memory
    }

    /// The state's identity: the positions of its auxiliary points, in any order.
    func key(_ diagram: Diagram) -> [SIMD2<Int64>] {
        diagram.positions[originalPoints...].map {
            SIMD2(Int64(($0.x * 1e5).rounded()), Int64(($0.y * 1e5).rounded()))
        }.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
    }

    /// A worker's loop: until the search stops, evaluate the best proposal in the queue.
    func work(worker: Int = 0) {
        while true {
            while waitsForALentCore(worker: worker) { usleep(2000) }
            guard let entry = nextEntry() else { return }
            let started = elapsed()
            if let placed = place(entry), admit(placed.diagram) {
                let (child, outcome, parentFacts) = evaluate(entry, placed: placed)
                record(child, outcome: outcome, entry: entry, parentFacts: parentFacts)
            }
            shared.lock.lock()
            shared.spent[entry.strategy] += elapsed() - started
            shared.inFlight -= 1
            shared.lock.unlock()
        }
    }

    /// Whether worker `worker` (0 for the first) waits: it is beyond the workers at work
    /// while a core is lent (`BestFirstSearch.workersAtWork`), and the search goes on. The
    /// first worker never waits, and it is the one that finds the search stopped.
    func waitsForALentCore(worker: Int) -> Bool {
        guard worker >= search.workersAtWork else { return false }
        shared.lock.lock()
        defer { shared.lock.unlock() }
        return shared.stop == nil
    }

    /// The best proposal in the queue, counted in flight; nil once the search stops (a
    /// budget spent, cancelled, or nothing left while no worker is busy). Waits while the
    /// queue is empty and other workers may still fill it.
    func nextEntry() -> Entry? {
        while true {
            shared.lock.lock()
            if shared.stop == nil {
                if elapsed() > budget.seconds { shared.stop = .timeout }
                else if budget.cancellation?.isCancelled == true || budget.abort?.isCancelled == true { shared.stop = .cancelled }
                else if shared.evaluated >= budget.states { shared.stop = .stateLimit }
                else if let memory = shared.memory.residentMiB(), evictUnderPressure(resident: memory) > budget.memoryMiB {
                    shared.stop = .memoryLimit
                }
            }
            if shared.stop != nil { shared.lock.unlock(); return nil }
            let waiting = shared.queues.indices.filter { !shared.queues[$0].isEmpty }
            let shares = budget.shares
            guard let next = waiting.min(by: { shared.spent[$0] / shares[$0] < shared.spent[$1] / shares[$1] }),
                  let entry = shared.queues[next].popMax() else {
                let idle = shared.inFlight == 0
                if idle { shared.stop = .exhausted }
                shared.lock.unlock()
                if idle { return nil }
                usleep(2000)
                continue
            }
            shared.inFlight += 1
            shared.lock.unlock()
            return entry
        }
    }

    /// The entry's state: its parent's problem with the entry's proposals appended (each
    /// new point renamed apart from the points before it) and the diagram extended, with
    /// the clauses and ranks of the proposals placed; nil (counted as unplaceable, with the
    /// reason) when none can be placed. In a batch, a proposal that cannot be placed (it
    /// lands on a point of an earlier one) is left out.
    func place(_ entry: Entry) -> (problem: Problem, diagram: Diagram, clauses: [String], ranks: [Int])? {
        var problem = entry.parent.problem
        var diagram = entry.parent.diagram
        var clauses: [String] = [], ranks: [Int] = []
        var failure = ""
        for (proposal, rank) in zip(entry.proposals, entry.ranks) {
            do {
                let clause = clauses.isEmpty ? proposal.clause : Self.renamingCreatedPoints(of: proposal.clause, apartFrom: problem)
                let augmented = try Augmentation.problem(problem, adding: clause)
                diagram = try DiagramBuilder().extend(diagram, to: augmented)
                problem = augmented
                clauses.append(clause)
                ranks.append(rank)
            } catch let error as DiagramError {
                failure = error.reason
            } catch {
                failure = "\(error)"
            }
        }
        if !clauses.isEmpty { return (problem, diagram, clauses, ranks) }
        shared.lock.lock()
        shared.unplaceable += 1
        shared.failures[failure, default: 0] += 1
        shared.lock.unlock()
        return nil
    }

    /// `clause` with the points it creates (the names before `=`) renamed to names
    /// `problem` does not use (`x1`, `x2`, ...), for a batch whose proposals were all named
    /// for the parent state.
    static func renamingCreatedPoints(of clause: String, apartFrom problem: Problem) -> String {
        let words = clause.split(separator: " ").map(String.init)
        guard let equals = words.firstIndex(of: "=") else { return clause }
        var used = Set(problem.points.map(\.name))
        var renaming: [String: String] = [:]
        for created in words[..<equals] {
            var k = 1
            while used.contains("x\(k)") || words.contains("x\(k)") { k += 1 }
            renaming[created] = "x\(k)"
            used.insert("x\(k)")
        }
        return words.map { word in
            if let new = renaming[word] { return new }
            if word.hasSuffix(","), let new = renaming[String(word.dropLast())] { return new + "," }
            return word
        }.joined(separator: " ")
    }

    /// Whether the state of `diagram` is new and within the state budget: the budget is
    /// taken here, under the lock, so that workers that popped entries while slots remained
    /// do not all evaluate them. A state seen before counts as a duplicate.
    func admit(_ diagram: Diagram) -> Bool {
        let k = key(diagram)
        shared.lock.lock()
        defer { shared.lock.unlock() }
        let fresh = shared.seen.insert(k).inserted
        let admitted = fresh && shared.evaluated < budget.states
        if admitted { shared.evaluated += 1 }
        else if fresh { shared.stop = shared.stop ?? .stateLimit }
        else { shared.duplicates += 1 }
        return admitted
    }

    /// The engine continued from the parent's closure on the new state, within the time
    /// left and `secondsPerState`: the child state, the run, and the parent's fact count.
    func evaluate(_ entry: Entry, placed: (problem: Problem, diagram: Diagram, clauses: [String], ranks: [Int])) -> (Node, EngineResult, Int) {
        let (problem, diagram) = (placed.problem, placed.diagram)
        let parent = entry.parent
        let parentStore = closure(of: parent)
        let remaining = budget.seconds - elapsed()
        let result = search.engine.run(continuing: parentStore, on: diagram,
                                       budget: Budget(seconds: max(0.01, min(budget.secondsPerState, remaining)),
                                                      memoryMiB: budget.memoryMiB, cancellation: budget.abort))
        let child = Node(problem: problem, diagram: diagram, store: result.store,
                         auxiliary: parent.auxiliary + placed.clauses, ranks: parent.ranks + placed.ranks, parent: parent,
                         saturated: result.stopReason == .saturated)
        return (child, result, parentStore.facts.count)
    }

    /// Records a tried state; a proof stops the search, and an unproved state above the
    /// maximum depth queues its own proposals.
    func record(_ child: Node, outcome: EngineResult, entry: Entry, parentFacts: Int) {
        var tried = TriedState(auxiliary: child.auxiliary, stopReason: outcome.stopReason.rawValue,
                               facts: outcome.store.facts.count,
                               newFacts: outcome.store.facts.count - parentFacts,
                               seconds: outcome.seconds, score: entry.priority, ranks: child.ranks)
        tried.depth = child.layers
        tried.batchSize = budget.strategies[entry.strategy]
        shared.lock.lock()
        shared.tried.append(tried)
        if outcome.proved, shared.success == nil {
            shared.success = (child, outcome)
            shared.stop = .proved
        }
        shared.lock.unlock()
        if !outcome.proved, outcome.stopReason != .goalFalseInDiagram,
           child.layers < budget.maximumDepth, elapsed() < budget.seconds {
            shared.heldLock.lock()
            shared.held.append(BestFirstSearch.WeakNode(node: child))
            shared.heldLock.unlock()
            push(child, store: outcome.store, divingAt: entry.priority, strategy: entry.strategy)
        }
    }

    /// The states from the root to `node`, each with what it offered and which of its
    /// offers are constructions of the proof (whose clauses are `kept`): the same
    /// construction of the same points, whatever its new point is named. (A state may
    /// offer a construction the search took only later: a proof that drops the state's own
    /// choice may use one of its other offers.)
    func trace(to node: Node, using kept: [String]) -> [SearchTraceState] {
        var path: [Node] = []
        var current: Node? = node
        while let n = current { path.append(n); current = n.parent }
        path.reverse()
        let proofConstructions = Set(kept.map(Self.anonymous))
        return path.dropLast().compactMap { state in
            guard let offered = state.offered else { return nil }
            var traced = SearchTraceState(auxiliary: state.auxiliary, offered: offered.map(\.clause),
                                          used: offered.indices.filter { proofConstructions.contains(Self.anonymous(offered[$0].clause)) })
            let rows = offered.compactMap(\.features)
            if rows.count == offered.count { traced.features = rows.map(SearchTraceState.row) }
            return traced
        }
    }

    /// A clause with the points it creates (the names before `=`) written `_`:
    /// `x2 = foot x2 f a c` and `x1 = foot x1 f a c` are one construction.
    static func anonymous(_ clause: String) -> String {
        let words = clause.split(separator: " ")
        guard let equals = words.firstIndex(of: "=") else { return clause }
        let created = Set(words[..<equals])
        return words.map { created.contains($0) ? "_" : $0.hasSuffix(",") && created.contains($0.dropLast()) ? "_," : $0 }
            .joined(separator: " ")
    }

    /// What the run found, its proof's auxiliary clauses pruned to those it needs.
    func result() -> SearchResult {
        var result = SearchResult(stopReason: shared.stop ?? .exhausted, auxiliary: [], statesExpanded: shared.evaluated,
                                  duplicates: shared.duplicates, unplaceable: shared.unplaceable, seconds: 0,
                                  tried: shared.tried)
        result.placementFailures = shared.failures
        result.evictions = shared.evictions
        result.recomputations = shared.recomputations
        result.bestPartial = shared.tried.filter { $0.stopReason != StopReason.proved.rawValue }.max { $0.newFacts < $1.newFacts }
        if let (node, outcome) = shared.success {
            let pruned = search.prune(node: node, result: outcome, root: rootNode, rootStore: root.store, originalClauses: originalClauses,
                                      deadline: start.addingTimeInterval(budget.seconds))
            result.problem = pruned.problem
            result.result = pruned.result
            result.auxiliary = pruned.auxiliary
            result.auxiliaryRanks = pruned.ranks
            if budget.recordsTrace { result.trace = trace(to: node, using: pruned.auxiliary) }
        }
        result.seconds = elapsed()
        return result
    }
}
