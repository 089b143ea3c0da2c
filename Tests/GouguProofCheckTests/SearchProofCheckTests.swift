import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguSearch
import Testing

/// Proofs the search finds with auxiliary constructions check against the original problem:
/// the checker adds the proof's auxiliary clauses itself.
@Suite struct SearchProofCheckTests {
    @Test func aProofWithAnAuxiliaryPointFoundByTheSearchChecks() throws {
        let problem = try ProblemParser().parseProblem(
            name: "imo_2012_p5", statement: "c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l")
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let root = Engine().run(diagram, budget: Budget(seconds: 10))
        #expect(root.stopReason == .saturated)
        let search = BestFirstSearch(budget: SearchBudget(seconds: 30, states: 50), workers: 2).run(from: root, on: diagram)
        let result = try #require(search.result), augmented = try #require(search.problem)
        let proof = try #require(Proof(result: result, problem: augmented))
        #expect(!proof.auxiliaryConstructions.isEmpty)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try Proof.readJSON(try encoder.encode(proof), file: "imo_2012_p5.json")
        #expect(ProofChecker().check(json, for: problem) == .valid)
        let text = try Proof.read(proof.text, file: "imo_2012_p5.txt")
        #expect(ProofChecker().check(text, for: problem) == .valid)
        // Without its auxiliary construction the same proof is rejected.
        var stripped = json
        stripped.auxiliaryConstructions = []
        stripped.problem = nil
        #expect(ProofChecker().check(stripped, for: problem) != .valid)
    }
}

/// A proof by identification checks against the problem as stated, and every part of it
/// matters: the new clause, each property's proof, the main proof.
@Suite struct IdentificationProofCheckTests {
    /// The configuration of IMO 2020 P1: o is where two angle bisectors meet, and it is the
    /// circumcentre of pab, which the deduction reaches only through that construction.
    static let statement = "p a b = triangle p a b; x = angle_bisector p b a; y = angle_bisector p a b; z = on_aline z a p a b x; t = on_aline t p a p a z; d = on_aline d p t p b a, on_line a z; u = on_aline u b p b a y; v = on_aline v p b p b u; c = on_aline c p v p a b, on_line b u; o = angle_bisector a d p, angle_bisector p c b ? cong o a o b"

    static func solved() throws -> (Problem, Proof) {
        let problem = try ProblemParser().parseProblem(name: "double_point", statement: statement)
        let diagram = try DiagramBuilder().buildInStatedConfiguration(problem, seed: 0)
        let root = Engine().run(diagram, budget: Budget(seconds: 10))
        let search = BestFirstSearch(budget: SearchBudget(seconds: 30, states: 20), workers: 1).run(from: root, on: diagram)
        let proof = try #require(search.identification?.proof)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (problem, try Proof.readJSON(try encoder.encode(proof), file: "double_point.json"))
    }

    @Test func theSearchProvesItByIdentifyingTheCircumcentreAndTheProofChecks() throws {
        let (problem, json) = try Self.solved()
        let identification = try #require(json.identification)
        #expect(identification.point == "o")
        #expect(identification.clause == "o = circle o p a b")
        #expect(ProofChecker().check(json, for: problem) == .valid)
    }

    @Test func everyPartOfTheIdentificationIsChecked() throws {
        let (problem, json) = try Self.solved()
        var wrongClause = json
        wrongClause.identification?.clause = "o = circle o p a d"
        #expect(ProofChecker().check(wrongClause, for: problem) != .valid, "that circumcentre is elsewhere")
        var missing = json
        missing.identification?.facts.removeLast()
        #expect(ProofChecker().check(missing, for: problem) != .valid, "one property left unproved")
        var swapped = json
        swapped.identification?.facts.reverse()
        #expect(ProofChecker().check(swapped, for: problem) != .valid, "each proof proves its own property")
        var unidentified = json
        unidentified.identification = nil
        #expect(ProofChecker().check(unidentified, for: problem) != .valid, "the main proof alone is of another problem")
        var otherPoint = json
        otherPoint.identification?.point = "d"
        otherPoint.identification?.clause = "d = circle d p a b"
        #expect(ProofChecker().check(otherPoint, for: problem) != .valid)
    }
}
