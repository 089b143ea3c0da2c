import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage

/// The auxiliary clauses a found proof keeps: the fewest the engine still proves the goal
/// with, found by leaving clauses out and running the engine again.
extension BestFirstSearch {
    /// A proof of the root's problem with some of a state's auxiliary clauses.
    typealias PrunedProof = (problem: Problem, result: EngineResult, auxiliary: [String], ranks: [Int])

    /// The proof's auxiliary clauses: those its premises cite, and the auxiliary clauses
    /// their points are built from. When some clause is not needed, the engine is run
    /// again from the root's closure on the problem with the needed clauses only (same
    /// coordinates), so the final proof is an engine proof of exactly that problem; if
    /// that run does not prove the goal, the unpruned proof is kept.
    ///
    /// Then, until `deadline`, each clause no other one is built on is left out in turn,
    /// last first, and kept out when the engine still proves the goal without it: a proof
    /// the engine found through one point among several it did not need reads with that
    /// point only. Every new proof is pruned to the clauses it cites before the next clause
    /// is left out, so that clauses one proof needed and the next does not go in one run.
    /// Clauses that are all among those of a state the search saturated on the way are
    /// not run: they do not prove the goal.
    func prune(node: Node, result: EngineResult, root: Node, rootStore: FactStore, originalClauses: Int, deadline: Date)
        -> PrunedProof {
        let all = Array(node.auxiliary.indices)
        let unpruned: PrunedProof = (node.problem, result, node.auxiliary, node.ranks)
        func secondsLeft() -> Double { deadline.timeIntervalSinceNow }

        /// The engine's run on the root's problem with the auxiliary clauses at `indices`
        /// (into `node.auxiliary`), when it proves the goal with every point where the
        /// search placed it.
        func proof(with indices: [Int], seconds: Double) -> PrunedProof? {
            let chosen = indices.map { node.auxiliary[$0] }
            var current = root.problem
            var diagram = root.diagram
            do {
                for clause in chosen {
                    current = try Augmentation.problem(current, adding: clause)
                    diagram = try DiagramBuilder().extend(diagram, to: current)
                }
            } catch {
                return nil
            }
            // The same points at the same places, or the pruned run would be another problem.
            for point in current.points.indices where point >= root.problem.points.count {
                guard let same = node.problem.point(named: current.points[point].name),
                      node.diagram.positions[same.index].distance(to: diagram.positions[point]) < 1e-9 else { return nil }
            }
            let again = engine.run(continuing: rootStore, on: diagram, budget: Budget(seconds: seconds, memoryMiB: budget.memoryMiB))
            return again.proved ? (current, again, chosen, indices.map { node.ranks[$0] }) : nil
        }

        // The first clauses of a state the search saturated without proving the goal cannot
        // prove it, nor can fewer of them: the engine derives no more from fewer premises.
        var ancestor = node.parent
        while let state = ancestor, !state.saturated { ancestor = state.parent }
        let unprovedPrefix = ancestor?.auxiliary.count ?? 0

        var best = unpruned
        var kept = all
        /// Whether the proof with the clauses `indices` proves the goal; if so, it is the best
        /// one, and then the clauses its proof cites, when fewer, are tried the same way.
        func tryKeeping(_ indices: [Int]) -> Bool {
            guard let last = indices.last, last >= unprovedPrefix else { return false }
            let seconds = min(secondsLeft(), max(kept == all ? 5 : 0.5, best.result.seconds * 3))
            guard secondsLeft() > 0, let proved = proof(with: indices, seconds: seconds) else { return false }
            (best, kept) = (proved, indices)
            let cited = Self.citedClauses(of: proved.result, problem: proved.problem, originalClauses: originalClauses)
            if cited.count < indices.count { _ = tryKeeping(cited.map { indices[$0] }) }
            return true
        }
        let cited = Self.citedClauses(of: result, problem: node.problem, originalClauses: originalClauses)
        if cited.count < all.count, !tryKeeping(cited) { return unpruned }

        // Leave out one clause at a time, last first, while the goal is still proved.
        /// Whether no clause of `kept` after `clause` is built on it.
        func isLeaf(_ clause: Int) -> Bool {
            !kept.contains { $0 > clause && Self.clause($0 + originalClauses, of: node.problem, isBuiltOn: clause + originalClauses) }
        }
        var below = Int.max
        while kept.count > 1, secondsLeft() > 0, let candidate = kept.last(where: { $0 < below && isLeaf($0) }) {
            _ = tryKeeping(kept.filter { $0 != candidate })
            below = candidate
        }
        return best
    }

    /// The positions among `problem`'s auxiliary clauses (those from `originalClauses`
    /// on) that the proof of the goal in `result` cites, with those their points are built
    /// from, in order.
    static func citedClauses(of result: EngineResult, problem: Problem, originalClauses: Int) -> [Int] {
        let facts = result.store.facts
        var needed = Set<FactID>()
        var stack = result.goalJustification?.dependencies ?? []
        while let f = stack.popLast() {
            guard needed.insert(f).inserted else { continue }
            stack += facts[f].dependencies
        }
        var clauses = Set<Int>()
        for f in needed { if case .premise(let clause) = facts[f].justification, clause >= originalClauses { clauses.insert(clause) } }
        // Auxiliary clauses the cited ones are built from.
        for index in (originalClauses..<problem.clauses.count).reversed() where clauses.contains(index) {
            for other in originalClauses..<index where clause(index, of: problem, isBuiltOn: other) {
                clauses.insert(other)
            }
        }
        return clauses.sorted().map { $0 - originalClauses }
    }
}
