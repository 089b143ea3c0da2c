import GouguDeduction
import GouguGeometry
import GouguLanguage
@testable import GouguSearch
import Testing

/// Proof by identification: a point of the statement restated as the point of another
/// construction that lands on it.
@Suite struct PointIdentificationTests {
    /// The circumcentre, stated as the meeting point of two perpendicular bisectors.
    static let bisectors = "a b c = triangle a b c; o = on_bline o a b, on_bline o a c; d = on_line d a b ? cong o b o c"

    func problem(_ statement: String) throws -> Problem {
        try ProblemParser().parseProblem(name: "t", statement: statement)
    }

    @Test func aRestatementReplacesThePointsClauseAndOwesItsFacts() throws {
        let p = try problem(Self.bisectors)
        let restated = try Restatement(p, point: try #require(p.point(named: "o")), clause: "o = circle o a b c")
        #expect(restated.problem.statementText
                == "a b c = triangle a b c; o = circle o a b c; d = on_line d a b ? cong o b o c")
        #expect(restated.statedClause == "o = on_bline o a b, on_bline o a c")
        #expect(restated.obligations.map(p.text(of:))
                == ["cong o a o b", "eqangle a o a b b a b o", "cong o a o c", "eqangle a o a c c a c o"])
        let target = try restated.problem(proving: restated.obligations[0])
        #expect(target.goal.map(target.text(of:)) == "cong o a o b")
    }

    @Test func aRestatementNeedsOneClauseOfEarlierPointsThatIsNotTheStatedOne() throws {
        let p = try problem(Self.bisectors)
        let o = try #require(p.point(named: "o"))
        #expect(throws: RestatementError.self) { try Restatement(p, point: o, clause: "o = midpoint o a d") }
        #expect(throws: RestatementError.self) { try Restatement(p, point: o, clause: "o = on_bline o a b, on_bline o a c") }
        #expect(throws: RestatementError.self) { try Restatement(p, point: o, clause: "x = circle x a b c") }
        #expect(throws: RestatementError.self) { try Restatement(p, point: o, clause: "o = circle o a b c; e = midpoint e a b") }
        let triangle = try #require(p.point(named: "a"))
        #expect(throws: RestatementError.self) { try Restatement(p, point: triangle, clause: "a = midpoint a b c") }
    }

    @Test func twoCrossingLociOrAFixedPlacementPinAPointDown() throws {
        let p = try problem("a b c = triangle a b c; o = on_bline o a b, on_bline o a c; d = on_line d a b; m = midpoint m a b; f = free f")
        let diagram = try DiagramBuilder().build(p, seed: 0)
        func pinned(_ name: String) throws -> Bool { DiagramBuilder().pinsDown(try #require(p.point(named: name)), in: diagram) }
        #expect(try pinned("o"))
        #expect(try pinned("m"))
        #expect(try !pinned("d"), "a point of a line is not pinned down")
        #expect(try !pinned("f"))
        #expect(try !pinned("b"), "the triangle's points are drawn at random")
    }

    @Test func theCircumcentreIsProposedForTheMeetingPointOfTheBisectors() throws {
        let p = try problem(Self.bisectors)
        let diagram = try DiagramBuilder().build(p, seed: 0)
        let store = Engine().run(diagram).store
        let state = ProofState(problem: p, diagram: diagram, store: store, originalClauseCount: p.clauses.count)
        let constructions = HeuristicProposer().constructionsOfExistingPoints(for: state, limit: 50)
        #expect(!constructions.isEmpty)
        let candidates = PointIdentifier().candidates(for: diagram, constructions: constructions)
        #expect(candidates.map(\.clause).contains("o = circle o a b c"))
        // Nothing proposed for d, which its clause does not pin down.
        #expect(candidates.allSatisfy { p.name(of: $0.point) == "o" })
        let circumcentre = try #require(candidates.first { $0.clause == "o = circle o a b c" })
        let found = try #require(PointIdentifier().prove(circumcentre, on: diagram, budget: Budget(seconds: 10)))
        #expect(found.facts.count == found.restatement.obligations.count)
        #expect(found.proof?.identification?.facts.count == 4)
    }

    @Test func aRestatementAssertingOnlyKnownFactsIsNotWorthAnEngineRun() throws {
        let p = try problem("a b c = triangle a b c; m = midpoint m b c; o = on_bline o a b, on_bline o a c ? perp o m b c")
        let diagram = try DiagramBuilder().build(p, seed: 0)
        let o = try #require(p.point(named: "o"))
        // The premises alone: o is equidistant from a, b and c, but nothing says om ⟂ bc.
        var premises = Engine().run(diagram, budget: Budget(rounds: 0)).store
        let circumcentre = try Restatement(p, point: o, clause: "o = circle o a b c")
        let perpendicular = try Restatement(p, point: o, clause: "o = on_tline o m b c, on_bline o a b")
        #expect(!PointIdentifier.assertsSomethingNew(circumcentre, beyond: &premises))
        #expect(PointIdentifier.assertsSomethingNew(perpendicular, beyond: &premises))
    }

    @Test func renamingTouchesWholeNamesOnly() {
        #expect(PointIdentifier.renaming("x1", to: "o", in: "x1 = circle x1 x10 a b") == "o = circle o x10 a b")
        #expect(PointIdentifier.split("x1 = circle x1 a b c")?.0 == "x1")
        #expect(PointIdentifier.split("x y = segment x y") == nil)
    }
}
