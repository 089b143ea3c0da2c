import Foundation
import Gougu
import Testing

/// `Solver`: the pipeline of `gougu solve` as a library call, and its promises: a goal false
/// in the diagram goes to no prover, every stage keeps the budget, and no proof is
/// reported before the checker has accepted it.
@Suite struct SolverTests {
    func problem(_ statement: String) throws -> Problem {
        try ProblemParser().parseProblem(name: "t", statement: statement)
    }

    @Test func provesTheOrthocentreByDeductionAndChecksTheProof() throws {
        let outcome = try Solver().solve(try problem("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"),
                                         options: SolveOptions(seconds: 20))
        #expect(outcome.proved)
        #expect(outcome.method == .deduction)
        #expect(outcome.verification == .valid)
        #expect(outcome.stopReason == StopReason.proved.rawValue)
        #expect(outcome.proof?.steps.isEmpty == false)
    }

    @Test func provesPappusByCoordinatesWhenDeductionCannot() throws {
        let pappus = "a b = segment a b; c = on_line c a b; d e = segment d e; f = on_line f d e; x = on_line x a e, on_line x b d; y = on_line y a f, on_line y c d; z = on_line z b f, on_line z c e ? coll x y z"
        let outcome = try Solver().solve(try problem(pappus), options: SolveOptions(seconds: 20, search: false))
        #expect(outcome.method == .coordinates)
        #expect(outcome.verification == .valid)
    }

    /// IMO 1975 P3 with the author's auxiliary equilateral triangle on br: deduction proves
    /// the goal with t on one side of br, not with the seed's t on the other.
    static let imo1975P3 = "a b c = triangle a b c; p = s_angle c b p 45o, s_angle b c p 150o; q = s_angle a c q 30o, s_angle c a q 135o; r = s_angle b a r 15o, s_angle a b r 165o; t = eq_triangle t b r ? perp q r r p"

    @Test func deductionTriesTheOtherFigureOfAnAuxiliaryPoint() throws {
        let outcome = try Solver().solve(try problem(Self.imo1975P3), options: SolveOptions(seconds: 20, coordinates: .off, search: false))
        #expect(outcome.method == .deduction)
        #expect(outcome.verification == .valid)
        #expect(outcome.proof?.configuration == 1, "t at the other of its two positions")
        // In the seeded figure alone, deduction saturates.
        let seeded = try Solver().solve(try problem(Self.imo1975P3),
                                        options: SolveOptions(seconds: 20, seededConfiguration: true, coordinates: .off, search: false))
        #expect(!seeded.proved)
        #expect(seeded.stopReason == StopReason.saturated.rawValue)
    }

    @Test func aPointTheGoalDependsOnIsNoAuxiliaryChoice() throws {
        // x is one of two intersections and the goal names it: its other position is
        // another theorem, never tried by deduction's second attempts.
        let statement = "a b c = triangle a b c; o = circle o a b c; m = midpoint m a b; n = midpoint n a c; x = on_circle x o a, on_line x m n ? cong o x o c"
        let p = try problem(statement)
        let diagram = try DiagramBuilder().build(p, seed: 0)
        #expect(!diagram.branchPoints.isEmpty)
        #expect(Solver.auxiliaryChoices(of: p, goal: try #require(p.goal), in: diagram).isEmpty)
    }

    @Test func aGoalFalseInTheDiagramGoesToNoProver() throws {
        let outcome = try Solver().solve(try problem("a b c d = free a, free b, free c, free d ? cyclic a b c d"),
                                         options: SolveOptions(seconds: 20))
        #expect(!outcome.proved)
        #expect(outcome.stopReason == StopReason.goalFalseInDiagram.rawValue)
        #expect(outcome.coordinates == nil)
        #expect(outcome.search == nil)
        #expect(outcome.verification == nil)
    }

    @Test func aProofTheCheckerRejectsIsWithdrawnAsAnInternalError() throws {
        var solver = Solver()
        solver.proofTamperer = { proof in
            proof.steps[proof.steps.count - 1].kind = .rule
            proof.steps[proof.steps.count - 1].rule = "rule_that_does_not_exist"
        }
        let outcome = try solver.solve(try problem("a b = segment a b; m = midpoint m a b ? cong m a m b"), options: SolveOptions(seconds: 20))
        #expect(!outcome.proved)
        #expect(outcome.isInternalError, "\(outcome.stopReason)")
        #expect(outcome.stopReason.hasPrefix("internal error: the checker rejects the proof found"))
        #expect(outcome.withdrawnProofText?.contains("rule_that_does_not_exist") == true)
    }

    @Test func aMemoryBudgetStopsEveryStage() throws {
        let pappus = "a b = segment a b; c = on_line c a b; d e = segment d e; f = on_line f d e; x = on_line x a e, on_line x b d; y = on_line y a f, on_line y c d; z = on_line z b f, on_line z c e ? coll x y z"
        let outcome = try Solver().solve(try problem(pappus), options: SolveOptions(seconds: 20, memoryMiB: 1))
        #expect(!outcome.proved)
        #expect(outcome.stopReason == StopReason.memoryLimit.rawValue)
        #expect(outcome.coordinates == nil)
    }

    @Test func drawingAHugeDiagramKeepsTheTimeBudget() throws {
        let clauses = (0..<1000).map { "p\($0) = free p\($0)" }.joined(separator: "; ")
        let outcome = try Solver().solve(try problem(clauses + " ? coll p0 p1 p2"), options: SolveOptions(seconds: 0.01))
        #expect(!outcome.proved)
        #expect(outcome.diagram == nil)
        #expect(outcome.stopReason == DiagramOutOfTime().description)
    }

    @Test func anUndrawableProblemIsBadInput() throws {
        // Two parallels through one point meet nowhere else.
        #expect(throws: DiagramError.self) {
            try Solver().solve(try problem("a b c = triangle a b c; d = on_pline d a b c, on_pline d a b c ? coll a b d"),
                               options: SolveOptions(seconds: 5))
        }
    }

    @Test func deductionKeepsTheBudgetOnHundredsOfPoints() throws {
        // The candidate enumeration is quartic in the points; it stops on the budget.
        let free = (0..<300).map { "p\($0) = free p\($0)" }.joined(separator: "; ")
        let statement = "a b c = triangle a b c; m = midpoint m a b; \(free); n = midpoint n a c ? para m n b c"
        let start = Date()
        let outcome = try Solver().solve(try problem(statement), options: SolveOptions(seconds: 1, search: false))
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(!outcome.proved)
        // (In a debug build the budget may run out while drawing.)
        #expect([StopReason.timeout.rawValue, DiagramOutOfTime().description].contains(outcome.stopReason), "\(outcome.stopReason)")
    }
}
