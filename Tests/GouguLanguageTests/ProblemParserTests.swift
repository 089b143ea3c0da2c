import Testing
@testable import GouguLanguage
import GouguTestSupport

@Suite struct ProblemParserTests {
    let parser = ProblemParser()

    func parse(_ statement: String) throws -> Problem {
        try parser.parseProblem(name: "test", statement: statement, file: "t.txt", line: 2)
    }

    /// The diagnostic `statement` produces, or nil when it parses.
    func diagnostic(_ statement: String) -> Diagnostic? {
        do {
            _ = try parse(statement)
            return nil
        } catch let d as Diagnostic {
            return d
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    // MARK: Accepted input

    @Test(.enabled(if: SharedFiles.available), arguments: SharedFiles.benchmarkFiles)
    func everyBenchmarkFileLoadsUnchanged(file: String) throws {
        let text = try #require(SharedFiles.text(file))
        let problems = try parser.parseFile(text, file: file)
        let nameLines = text.split(separator: "\n").count / 2
        #expect(problems.count == nameLines)
        #expect(problems.allSatisfy { $0.goal != nil })
    }

    @Test func orthocenterProblemHasFourPointsAndAPerpendicularGoal() throws {
        let p = try parse("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        #expect(p.points.map(\.name) == ["a", "b", "c", "h"])
        #expect(p.clauses.count == 2)
        #expect(p.clauses[1].constructions.map(\.definition.name) == ["on_tline", "on_tline"])
        #expect(p.goal.map(p.text(of:)) == "perp a h b c")
    }

    @Test func abbreviatedCallsGetTheClausePointsFirst() throws {
        let p = try parse("a b c = triangle; h = on_tline b a c, on_tline c a b ? perp a h b c")
        #expect(p.statementText == "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
    }

    @Test func abbreviatedMultiPointCallFillsEveryNewPoint() throws {
        let p = try parse("a b c = triangle; d1 d2 d3 d = incenter2 a b c ? perp d d1 b c")
        #expect(p.statementText.contains("d1 d2 d3 d = incenter2 d1 d2 d3 d a b c"))
    }

    @Test func coordinateHintsAreKept() throws {
        let p = try parse("x@4.96_-0.13 y z = triangle x y z ? coll x y z")
        #expect(p.points[0].name == "x")
        #expect(p.points[0].coordinateHint == SIMD2(4.96, -0.13))
        #expect(p.points[1].coordinateHint == nil)
    }

    @Test func numberArgumentsAreParsed() throws {
        let p = try parse("a b = segment a b; x = s_angle a b x 30 ? aconst b x b a 1pi/6")
        #expect(p.clauses[1].constructions[0].arguments.last?.number?.degrees == 30)
        #expect(p.goal?.arguments.last?.number?.degrees == 30)
    }

    @Test func premisesAreTheInstantiatedFacts() throws {
        let p = try parse("a b c = triangle; d = foot d a b c ? perp a d b c")
        #expect(p.premises.map(p.text(of:)) == ["perp d a b c", "coll d b c"])
    }

    @Test func aProblemWithoutAGoalParses() throws {
        let p = try parse("a b c = triangle a b c")
        #expect(p.goal == nil)
    }

    @Test func fileSkipsBlankAndCommentLines() throws {
        let text = "# a comment\n\nfirst\na b c = triangle ? coll a b c\n\n# another\nsecond\na b = segment ? cong a b a b\n"
        let problems = try parser.parseFile(text, file: "f.txt")
        #expect(problems.map(\.name) == ["first", "second"])
        #expect(problems[1].location.line == 7)
    }

    // MARK: Rejected input: every diagnostic names the place and what was expected

    @Test func unknownConstructionIsNamedWithASuggestion() throws {
        let d = try #require(diagnostic("a b c = triangle; h = orthocentre h a b c ? perp a h b c"))
        #expect(d.location == SourceLocation(file: "t.txt", line: 2, column: 23))
        #expect(d.message == "unknown construction 'orthocentre' (did you mean 'orthocenter'?)")
    }

    @Test func wrongArgumentCountNamesTheSignature() throws {
        let d = try #require(diagnostic("a b c = triangle; h = foot h a b ? perp a h b c"))
        #expect(d.location.column == 23)
        #expect(d.message == "'foot' takes 4 arguments (or 3 leaving out the new points), found 3; expected 'foot x a b c'")
    }

    @Test func pointUsedBeforeItIsDefined() throws {
        let d = try #require(diagnostic("a b c = triangle; h = foot h a b q ? perp a h b c"))
        #expect(d.location.column == 34)
        #expect(d.message == "point 'q' is used before it is defined")
    }

    @Test func pointDefinedTwice() throws {
        let d = try #require(diagnostic("a b c = triangle; a = midpoint a b c ? perp a b b c"))
        #expect(d.location.column == 19)
        #expect(d.message.hasPrefix("point 'a' is defined twice (first at t.txt:2:1)"))
    }

    @Test func goalWithUnknownPredicate() throws {
        let d = try #require(diagnostic("a b c = triangle ? prep a b b c"))
        #expect(d.location.column == 20)
        #expect(d.message == "unknown predicate 'prep' in the goal (did you mean 'perp'?)")
    }

    @Test func goalWithWrongArity() throws {
        let d = try #require(diagnostic("a b c = triangle ? perp a b c"))
        #expect(d.message == "'perp' takes 4 arguments, found 3; expected 'perp a b c d'")
    }

    @Test func emptyGoal() throws {
        let d = try #require(diagnostic("a b c = triangle ?"))
        #expect(d.location.column == 19)
        #expect(d.message == "expected a goal such as 'perp a h b c' after '?', found the end of the line")
    }

    @Test func goalWithUndefinedPoint() throws {
        let d = try #require(diagnostic("a b c = triangle ? perp a b c z"))
        #expect(d.message == "point 'z' in the goal is not defined by any clause")
    }

    @Test func missingEquals() throws {
        let d = try #require(diagnostic("a b c triangle ? coll a b c"))
        #expect(d.message.hasPrefix("expected '=' after the new points"))
    }

    @Test func givenPointCannotBeANewPointOfTheSameClause() throws {
        let d = try #require(diagnostic("a b = segment; x = on_line x a x ? coll x a b"))
        #expect(d.message.contains("is created by this clause"))
    }

    @Test func declaredPointThatNoConstructionCreates() throws {
        let d = try #require(diagnostic("a b = segment; x y = on_line x a b ? coll x a b"))
        #expect(d.message == "point 'y' is declared here but no construction in the clause creates it")
    }

    @Test func malformedCoordinateHint() throws {
        let d = try #require(diagnostic("a@1_ b c = triangle ? coll a b c"))
        #expect(d.location.column == 1)
        #expect(d.message.hasPrefix("expected coordinates as 'name@x_y'"))
    }

    @Test func numberWhereAPointIsExpected() throws {
        let d = try #require(diagnostic("a b c = triangle; d = foot d a b 3 ? coll a b c"))
        #expect(d.message == "expected a point name for argument 'c' of 'foot', found '3'")
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: Diagnostic("empty file: expected a problem name line followed by a statement line",
                                   at: SourceLocation(file: "e.txt", line: 1, column: 1))) {
            try parser.parseFile("\n\n", file: "e.txt")
        }
    }

    @Test func truncatedFileNamesTheProblemWithoutAStatement() {
        #expect(throws: Diagnostic("truncated file: the problem named on line 3 has no statement line after it",
                                   at: SourceLocation(file: "e.txt", line: 3, column: 5))) {
            try parser.parseFile("first\na b = segment ? cong a b a b\nlast\n", file: "e.txt")
        }
    }

    @Test func statementWhereANameLineIsExpected() throws {
        #expect(throws: Diagnostic.self) {
            try parser.parseFile("a b = segment ? cong a b a b\n", file: "e.txt")
        }
    }

    @Test func duplicateProblemNames() {
        #expect(throws: Diagnostic.self) {
            try parser.parseFile("p\na b = segment\np\na b = segment\n", file: "e.txt")
        }
    }
}
