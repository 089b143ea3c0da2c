import Testing
import GouguDeduction
import GouguGeometry
import GouguLanguage
@testable import GouguSearch

/// Pappus's configuration: the heuristic offers many candidates there.
private let pappus = "a b = segment a b; c = on_line c a b; d e = segment d e; f = on_line f d e; x = on_line x a e, on_line x b d; y = on_line y a f, on_line y c d; z = on_line z b f, on_line z c e ? coll x y z"

@Suite struct PerturbedProposerTests {
    private func rootState() throws -> ProofState {
        let problem = try ProblemParser().parseProblem(name: "t", statement: pappus)
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let root = Engine().run(diagram, budget: Budget(seconds: 20))
        return ProofState(problem: problem, diagram: diagram, store: root.store, originalClauseCount: problem.clauses.count)
    }

    @Test func withoutNoiseTheBaseOrderIsKept() throws {
        let state = try rootState()
        let base = HeuristicProposer().propose(for: state, limit: 60)
        let perturbed = PerturbedProposer(base: HeuristicProposer(), noise: 0).propose(for: state, limit: 60)
        #expect(perturbed == base)
    }

    @Test func noiseReordersTheSameCandidatesBestFirstAndKeepsTheirFeatures() throws {
        let state = try rootState()
        let base = HeuristicProposer(attachesFeatures: true).propose(for: state, limit: 60)
        let perturbed = PerturbedProposer(base: HeuristicProposer(attachesFeatures: true), noise: 0.5).propose(for: state, limit: 60)
        #expect(Set(perturbed.map(\.clause)) == Set(base.map(\.clause)))
        #expect(perturbed.map(\.clause) != base.map(\.clause))
        #expect(zip(perturbed, perturbed.dropFirst()).allSatisfy { $0.score >= $1.score })
        let featuresByClause = Dictionary(uniqueKeysWithValues: base.map { ($0.clause, $0.features) })
        #expect(perturbed.allSatisfy { $0.features != nil && $0.features == featuresByClause[$0.clause]! })
    }

    @Test func theOrderDependsOnTheSeedOnly() throws {
        let state = try rootState()
        func order(seed: UInt64) -> [String] {
            PerturbedProposer(base: HeuristicProposer(), noise: 0.5, seed: seed).propose(for: state, limit: 60).map(\.clause)
        }
        #expect(order(seed: 7) == order(seed: 7))
        #expect(order(seed: 7) != order(seed: 8))
    }
}
