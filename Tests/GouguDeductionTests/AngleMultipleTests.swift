import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage

/// Angle chasing concludes an equation from a multiple of it only with the diagram's
/// solution (`FactStore.angleMultiple`): from 2x ≡ 0 (mod 180°), x ≡ 0 where the figure
/// has x ≡ 0, and x ≡ 90° where it has that.
@Suite struct AngleMultipleTests {
    /// a, b, c, and d on the inner bisector of angle bac; `e` is a fifth point with
    /// `eqangle b a a e a e a c` (either bisector), given by coordinates.
    func statement(e: String, goal: String) -> String {
        "a@0_0 = ; b@4_0 = ; c@1_3 = ; d@1.6224843703511218_1.16942056932753 = eqangle b a a d a d a c; "
            + "e@\(e) = eqangle b a a e a e a c ? \(goal)"
    }
    static let inner = "3.2449687407022436_2.33884113865506", outer = "-1.1694205693275297_1.6224843703511218"

    func run(_ text: String) throws -> (EngineResult, Problem) {
        let problem = try ProblemParser().parseProblem(name: "t", statement: text)
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        return (Engine().run(diagram, budget: Budget(seconds: 10)), problem)
    }

    func multiples(_ justification: Justification?) -> [Int] {
        guard case .algebra(let certificates)? = justification else { return [] }
        return certificates.map(\.multiple)
    }

    @Test func twoPointsOfOneBisectorAreCollinearWithItsVertex() throws {
        let (result, _) = try run(statement(e: Self.inner, goal: "coll a d e"))
        #expect(result.proved, "\(result.stopReason)")
        let steps = result.store.facts.map(\.justification) + [result.goalJustification]
        #expect(steps.contains { multiples($0) == [2] }, "a certificate of twice the equation")
    }

    @Test func theInnerAndOuterBisectorsArePerpendicularAndNeverParallel() throws {
        let (result, problem) = try run(statement(e: Self.outer, goal: "perp a d a e"))
        #expect(result.proved, "\(result.stopReason)")
        var store = result.store
        func s(_ predicate: Predicate, _ names: String) -> Statement {
            Statement(predicate: predicate, arguments: names.split(separator: " ").map { .point(problem.point(named: String($0))!) })
        }
        // The same premises give 2·(d(ad) − d(ae)) ≡ 0; the figure has the right angle.
        #expect(store.holds(s(.para, "a d a e")) == nil)
        #expect(store.holds(s(.coll, "a d e")) == nil)
        #expect(store.holds(s(.perp, "a d a e")) != nil)
    }

    @Test func whatAMultipleConcludesBecomesAFactForEveryTable() throws {
        // Asked about (as a rule asks about its conclusion), the right angle the angle table
        // knows only twice over is learned as a fact, justified by the multiple.
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement(e: Self.outer, goal: "perp a d a e"))
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        var store = Engine().saturate(diagram, budget: Budget(rounds: 0)).store
        let right = try #require(problem.goal)
        #expect(!store.facts.contains { $0.statement == right })
        let known = store.isKnown(right)
        #expect(known)
        let fact = try #require(store.facts.first { $0.statement == right })
        #expect(multiples(fact.justification) == [2])
    }

    @Test func withoutTheMultipleInTheTableNothingIsConcluded() throws {
        // e with no bisector premise: 2·(d(ad) − d(ae)) is not implied, so no perpendicular.
        let problem = try ProblemParser().parseProblem(name: "t", statement:
            "a@0_0 = ; b@4_0 = ; c@1_3 = ; d@1.6224843703511218_1.16942056932753 = eqangle b a a d a d a c; e@\(Self.outer) = ; f@1_0 = coll a b f ? perp a d a e")
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let result = Engine().run(diagram, budget: Budget(seconds: 10))
        #expect(!result.proved)
    }
}
