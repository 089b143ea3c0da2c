import Testing
import GouguLanguage

/// Problems edited as values: a clause appended or replaced is read in the context of the
/// problem's points, and everything else (indices, `@` coordinates, the goal, the author's
/// auxiliary clauses) stays as it was.
@Suite struct ProblemEditingTests {
    let parser = ProblemParser()

    func problem(_ statement: String) throws -> Problem {
        try parser.parseProblem(name: "p", statement: statement)
    }

    @Test func anAppendedClauseComesAfterTheLastOneAndBeforeTheGoal() throws {
        let orthocenter = try problem("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        let extended = try parser.problem(orthocenter, appending: ["m = midpoint m a h", "n = foot n m b c"])
        #expect(extended.statementText
            == "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b; m = midpoint m a h; n = foot n m b c ? perp a h b c")
        #expect(extended.points.map(\.name) == ["a", "b", "c", "h", "m", "n"])
        #expect(extended.goal == orthocenter.goal, "old points keep their indices, so the goal is the same value")
        #expect(Array(extended.clauses.prefix(2)) == orthocenter.clauses)
    }

    @Test func anAppendedClauseKeepsTheAuthorsCoordinatesAndAuxiliaryClauses() throws {
        let drawn = try problem("a@0_0 b@4_0 c@1_3 = triangle a b c; d = midpoint d a b | e = midpoint e a c ? para d e b c")
        let extended = try parser.problem(drawn, appending: ["x = midpoint x b c"])
        #expect(extended.writtenText == "a@0.0_0.0 b@4.0_0.0 c@1.0_3.0 = triangle a b c; d = midpoint d a b | e = midpoint e a c; x = midpoint x b c ? para d e b c")
        #expect(extended.authorAuxiliaryStart == drawn.authorAuxiliaryStart)
    }

    @Test func anAppendedClauseMustReadAsOneClauseOfNewPoints() throws {
        let triangle = try problem("a b c = triangle a b c ? cong a b a c")
        #expect(throws: Diagnostic.self) { try parser.problem(triangle, appending: ["b = midpoint b a c"]) }
        #expect(throws: Diagnostic.self) { try parser.problem(triangle, appending: ["m = midpoint m a b; n = midpoint n a c"]) }
        #expect(throws: Diagnostic.self) { try parser.problem(triangle, appending: ["m = midpoint m a z"]) }
        #expect(throws: Diagnostic.self) { try parser.problem(triangle, appending: ["m = midpoint m a b ? perp a b a c"]) }
    }

    @Test func restrictingKeepsTheClausesAskedForAndRenumbersTheirPoints() throws {
        let full = try problem("a b c = triangle a b c; d = midpoint d a b; e = midpoint e b c; f = midpoint f d e ? para d e a c")
        let kept = try full.restricted(to: [0, 2])
        #expect(kept.statementText == "a b c = triangle a b c; e = midpoint e b c")
        #expect(kept.points.map(\.name) == ["a", "b", "c", "e"])
        let goal = try #require(full.statement(Statement(predicate: .cong, arguments: [4, 1, 4, 2].map { .point(PointID($0)) }),
                                               restrictedTo: [0, 2]))
        #expect(kept.replacingGoal(goal).statementText == "a b c = triangle a b c; e = midpoint e b c ? cong e b e c")
        // The same problem as reading its text.
        let read = try problem(kept.replacingGoal(goal).statementText)
        #expect(read.clauses.map(read.text(of:)) == kept.clauses.map(kept.text(of:)))
        #expect(read.goal == kept.replacingGoal(goal).goal)
    }

    @Test func restrictingRefusesClausesThatUsePointsLeftOut() throws {
        let full = try problem("a b c = triangle a b c; d = midpoint d a b; f = midpoint f d c ? cong a b a c")
        #expect(throws: ProblemEditingError.self) { try full.restricted(to: [0, 2]) }
        #expect(full.statement(Statement(predicate: .coll, arguments: [0, 1, 3].map { .point(PointID($0)) }), restrictedTo: [0]) == nil)
    }

    @Test func aReplacedClauseDefinesTheSamePointsAndTheRestStays() throws {
        let stated = try problem("a@0_0 b@4_0 c@1_3 = triangle a b c; o = on_bline o a b, on_bline o b c; m = midpoint m o a ? cong o a o b")
        let restated = try parser.problem(stated, replacingClauseAt: 1, with: "o = circle o a b c")
        #expect(restated.writtenText == "a@0.0_0.0 b@4.0_0.0 c@1.0_3.0 = triangle a b c; o = circle o a b c; m = midpoint m o a ? cong o a o b")
        #expect(restated.goal == stated.goal)
        #expect(throws: ProblemEditingError.self) { try parser.problem(stated, replacingClauseAt: 1, with: "p = circle p a b c") }
        #expect(throws: Diagnostic.self) { try parser.problem(stated, replacingClauseAt: 1, with: "o = midpoint o a m") }
    }

    @Test func theGoalCanBeReplacedOrDropped() throws {
        let orthocenter = try problem("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        #expect(orthocenter.replacingGoal(nil).statementText == "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b")
        #expect(orthocenter.replacingGoal(nil).goal == nil && orthocenter.replacingGoal(nil).goalLocation == nil)
        #expect(orthocenter.renamed("q").name == "q")
    }

    @Test func aPremiseLanguageProblemExtendedByAConstructionKeepsItsPremises() throws {
        let given = try problem("a@0_0 = ; b@4_0 = ; c@1_3 = ; h@1_1 = perp a h b c, perp b h a c ? perp c h a b")
        let extended = try parser.problem(given, appending: ["m = midpoint m a b"])
        #expect(extended.clauses.prefix(4).map(\.isGiven) == [true, true, true, true])
        #expect(extended.premises.count == given.premises.count + 2, "the midpoint's facts come on top")
        #expect(extended.goal == given.goal)
        #expect(try problem(extended.writtenText).statementText == extended.statementText, "it reads back")
    }
}
