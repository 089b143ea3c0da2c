import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProofCheck
import GouguSearch
import Testing

/// Proofs the search finds with auxiliary constructions check against the original problem:
/// the checker adds the proof's auxiliary clauses itself.
@Suite struct SearchProofCheckTests {
    @Test func aProofWithAnAuxiliaryPointFoundByTheSearchChecks() throws {
        let problem = try ProblemParser().parseProblem(
            name: "incenter", statement: "a b c = triangle a b c; i = angle_bisector i b a c, angle_bisector i a b c ? eqangle c a c i c i c b")
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let root = Engine().run(diagram, budget: Budget(seconds: 10))
        #expect(root.stopReason == .saturated)
        let search = BestFirstSearch(budget: SearchBudget(seconds: 30, states: 50), workers: 2).run(from: root, on: diagram)
        let result = try #require(search.result), augmented = try #require(search.problem)
        let proof = try #require(Proof(result: result, problem: augmented))
        #expect(!proof.auxiliaryConstructions.isEmpty)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try ProofDocument.readJSON(try encoder.encode(proof), file: "incenter.json")
        #expect(ProofChecker().check(json, for: problem) == .valid)
        let text = try ProofDocument.read(proof.text, file: "incenter.txt")
        #expect(ProofChecker().check(text, for: problem) == .valid)
        // Without its auxiliary construction the same proof is rejected.
        var stripped = json
        stripped.auxiliaryConstructions = []
        stripped.problem = nil
        #expect(ProofChecker().check(stripped, for: problem) != .valid)
    }
}
