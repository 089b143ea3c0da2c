import Testing
@testable import GouguLanguage

/// The forms Newclid writes (docs/language.md, "Dialects").
@Suite struct DialectTests {
    let parser = ProblemParser()

    func parse(_ statement: String) throws -> Problem {
        try parser.parseProblem(name: "test", statement: statement, file: "t.txt", line: 2)
    }

    func diagnostic(_ statement: String) -> String? {
        do { _ = try parse(statement); return nil } catch { return "\(error)" }
    }

    @Test func authorAuxiliaryClausesAfterABarAreClausesOfTheStatement() throws {
        let p = try parse("a b c = triangle a b c; m = midpoint m a b | n = midpoint n a c; o = midpoint o b c ? para m n b c")
        #expect(p.clauses.count == 4)
        #expect(p.authorAuxiliaryStart == 2)
        #expect(p.authorAuxiliaryClauses.map { p.name(of: $0.points[0]) } == ["n", "o"])
    }

    @Test func aBarRoundTripsThroughWrittenAndStatementText() throws {
        let p = try parse("a@0_0 b c = triangle a b c; m = midpoint a b | n = midpoint n a c ? para m n b c")
        #expect(p.writtenText == "a@0.0_0.0 b c = triangle a b c; m = midpoint m a b | n = midpoint n a c ? para m n b c")
        #expect(p.statementText == "a b c = triangle a b c; m = midpoint m a b | n = midpoint n a c ? para m n b c")
        let again = try parse(p.writtenText)
        #expect(again.writtenText == p.writtenText)
        #expect(again.authorAuxiliaryStart == 2)
    }

    @Test func aProblemWithoutABarHasNoAuthorAuxiliaryClauses() throws {
        let p = try parse("a b c = triangle a b c; m = midpoint m a b ? coll m a b")
        #expect(p.authorAuxiliaryStart == nil)
        #expect(p.authorAuxiliaryClauses.isEmpty)
        #expect(!p.statementText.contains("|"))
    }

    @Test func aSecondBarOrAnEmptyAuxiliaryPartIsRefused() {
        #expect(diagnostic("a b = segment a b | m = midpoint m a b | n = midpoint n a m ? coll m a b")?.contains("second '|'") == true)
        #expect(diagnostic("a b = segment a b | ? coll a a b") != nil)
    }

    @Test func newclidsParallelogramOrderPutsTheNewPointFirst() throws {
        let newclid = try parse("a b c = triangle a b c; x = parallelogram x a b c ? para a b c x")
        let alpha = try parse("a b c = triangle a b c; x = parallelogram a b c x ? para a b c x")
        #expect(newclid.statementText == alpha.statementText)
        #expect(newclid.statementText.contains("x = parallelogram a b c x"))
    }

    @Test func newclidsSquareOrderPutsTheNewPointsFirst() throws {
        let newclid = try parse("a b = segment a b; x y = square x y a b ? perp a b b x")
        #expect(newclid.statementText.contains("x y = square a b x y"))
    }

    @Test func degreesWithATrailingOAreDegrees() throws {
        let p = try parse("a b = segment a b; x = s_angle a b x 45o")
        #expect(p.clauses[1].constructions[0].arguments.last?.number?.degrees == 45)
        #expect(NumberLiteral("150o")?.degrees == 150)
        #expect(NumberLiteral("o") == nil)
    }

    @Test func severalGoalsAreOneProblemPerGoalInAFile() throws {
        let file = "first\na b c = triangle a b c; m = midpoint m a b ? coll m a b; cong m a m b\nsecond\na b = segment a b ? cong a b b a\n"
        let read = parser.readFile(file, file: "t.txt")
        #expect(read.diagnostics.isEmpty)
        #expect(read.problems.map(\.name) == ["first_goal1", "first_goal2", "second"])
        #expect(read.problems[0].goal.map { read.problems[0].text(of: $0) } == "coll m a b")
        #expect(read.problems[1].goal.map { read.problems[1].text(of: $0) } == "cong m a m b")
        #expect(read.problems[1].goalLocation?.column == 58)
        #expect(read.problems[0].clauses.count == read.problems[1].clauses.count)
    }

    @Test func aBadGoalAmongSeveralIsRefusedAtItsColumn() {
        let file = "p\na b c = triangle a b c; m = midpoint m a b ? coll m a b; cong m a z\n"
        let read = parser.readFile(file, file: "t.txt")
        #expect(read.problems.isEmpty)
        #expect(read.diagnostics.map(\.description).first?.hasPrefix("t.txt:2:67:") == true, "\(read.diagnostics)")
        let empty = parser.readFile("p\na b c = triangle a b c ? coll a b c;\n", file: "t.txt")
        #expect(empty.diagnostics.first?.description.contains("another goal after ';'") == true, "\(empty.diagnostics)")
    }

    @Test func severalGoalsInOneStatementAreRefusedWhereOneIsExpected() {
        let d = diagnostic("a b c = triangle a b c; m = midpoint m a b ? coll m a b; cong m a m b")
        #expect(d?.contains("several goals") == true)
    }

    @Test func aConstructionNamingAnotherNewPointIsRefused() {
        let d = diagnostic("a b c = triangle a b c; p = on_line p b c; q = on_line p b c ? coll p q b")
        #expect(d?.contains("not a new point of this clause") == true)
    }

    @Test func newclidsConstructionsParse() throws {
        for statement in ["c a b = between c a b ? coll c a b",
                          "a b = segment a b; x = between_bound x a b ? coll x a b",
                          "a b c = acute_triangle a b c; h = orthocenter h a b c ? perp a h b c",
                          "a b c d = iso_trapezoid a b c d ? para a b c d",
                          "a b c = triangle a b c; x = iso_trapezoid2 x a b c ? cong x b a c",
                          "a b c = triangle a b c; d = eqratio6 d a c b a b c ? eqratio a d c d b a b c"] {
            _ = try parse(statement)
        }
    }
}
