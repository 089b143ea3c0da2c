import Testing
@testable import GouguLanguage

/// What the parser does with input that is wrong on purpose: degenerate goals, CRLF line
/// endings, control characters, huge words, files that are not problem files. Every error
/// is a short diagnostic at a line and column; nothing of a file that is not a problem
/// file is quoted back.
@Suite struct HostileParsingTests {
    func diagnostic(_ text: String) -> Diagnostic? {
        do {
            _ = try ProblemParser().parseFile(text, file: "hostile.txt")
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            Issue.record("not a Diagnostic: \(error)")
            return nil
        }
    }

    @Test(arguments: [
        "perp a a b c", "para a a b c", "eqangle a a b c b c a a", "rconst a a b c 1/2", "midp a a a",
        "aconst b b b c 30", "cyclic a b c a", "cong a b c c", "simtri a b b a b c",
    ])
    func aDegenerateGoalIsBadInputAtTheGoal(goal: String) throws {
        let text = "t\na b c = triangle a b c ? \(goal)\n"
        let found = try #require(diagnostic(text))
        #expect(found.location.line == 2)
        #expect(found.location.column == 26)
        #expect(found.message.hasPrefix("degenerate goal '\(goal)'"), "\(found.message)")
    }

    @Test func goalsWithRepeatedPointsThatSaySomethingAreAccepted() throws {
        // A point on a line through itself, one segment twice, one angle twice: true, not degenerate.
        for goal in ["coll a a b", "cong a b a b", "eqangle a b a c a b a c", "cyclic a b c d a"] {
            let text = "t\na b c d = free a, free b, free c, free d ? \(goal)\n"
            #expect(diagnostic(text) == nil, "\(goal)")
        }
    }

    @Test func crlfLineEndingsReadLikeNewlines() throws {
        let lf = "orthocenter\na b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c\n\nsecond\na b = segment a b; m = midpoint m a b ? cong m a m b\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let fromLF = try ProblemParser().parseFile(lf, file: "lf.txt")
        let fromCRLF = try ProblemParser().parseFile(crlf, file: "crlf.txt")
        #expect(fromCRLF.map(\.name) == ["orthocenter", "second"])
        #expect(fromCRLF.map(\.statementText) == fromLF.map(\.statementText))
        #expect(fromCRLF[1].location.line == 4)
    }

    @Test func aNameWithAControlCharacterIsRefusedAndEscaped() throws {
        let found = try #require(diagnostic("a\u{0}b\u{1b}[2J\na b = segment a b ? cong a b a b\n"))
        #expect(found.location.line == 1 && found.location.column == 2)
        #expect(!found.description.contains("\u{0}") && !found.description.contains("\u{1b}"))
        #expect(found.message.contains("\\u{0}"))
    }

    @Test func anOverlongNameIsRefusedWithoutBeingEchoed() throws {
        let name = String(repeating: "x", count: 5_000_000)
        let found = try #require(diagnostic("\(name)\na b = segment a b ? cong a b a b\n"))
        #expect(found.message.contains("5000000 characters"))
        #expect(found.description.count < 300)
    }

    @Test func aHugeWordIsQuotedShortAndEscaped() throws {
        let word = "\u{7}" + String(repeating: "q", count: 1_000_000)
        let found = try #require(diagnostic("t\na b = \(word) a b ? cong a b a b\n"))
        #expect(found.location.column == 7)
        #expect(found.description.count < 300, "\(found.description.count) characters")
        #expect(!found.description.contains("\u{7}"))
        #expect(found.message.contains("(1000001 characters)"))
    }

    @Test func aFileThatIsNotAProblemFileIsNotQuotedBack() throws {
        let secret = "root:$6$saltsalt$c2VjcmV0IGhhc2g:19000:0:99999:7:::"
        let found = try #require(diagnostic("root:x:0:0:root:/root:/bin/bash\n\(secret)\n"))
        #expect(found.location.line == 2)
        #expect(!found.description.contains("saltsalt"))
        #expect(!found.description.contains("root:x"))
        #expect(found.message.contains("is this a problem file?"))
    }

    @Test func tooManyPointsAreRefused() throws {
        let names = (0...ProblemParser.maximumPoints).map { "p\($0)" }
        let clauses = names.map { "\($0) = free \($0)" }.joined(separator: "; ")
        let found = try #require(diagnostic("t\n\(clauses)\n"))
        #expect(found.message.contains("at most \(ProblemParser.maximumPoints)"))
    }

    @Test func writtenTextKeepsTheAuthorsCoordinatesAndReadsBack() throws {
        let statement = "a@0.0_0.0 b@2.0_0.0 c@1.0_5.0 = triangle a b c; m = midpoint m a b ? cong c a c b"
        let problem = try ProblemParser().parseProblem(name: "isosceles_drawing", statement: statement)
        #expect(problem.writtenText == "a@0.0_0.0 b@2.0_0.0 c@1.0_5.0 = triangle a b c; m = midpoint m a b ? cong c a c b")
        // The statement text (proofs, prompts) is without them.
        #expect(problem.statementText == "a b c = triangle a b c; m = midpoint m a b ? cong c a c b")
        let again = try ProblemParser().parseProblem(name: "again", statement: problem.writtenText)
        #expect(again.points.map(\.coordinateHint) == problem.points.map(\.coordinateHint))
    }

    @Test func oneBadProblemDoesNotStopTheFile() throws {
        let text = """
            good
            a b = segment a b; m = midpoint m a b ? cong m a m b
            misspelt
            a b = segment a b; m = midpointt m a b ? cong m a m b
            a b = segment a b ? cong a b a b
            also_good
            a b c = triangle a b c ? coll a a b
            good
            a b = segment a b ? cong a b a b
            """
        let read = ProblemParser().readFile(text, file: "batch.txt")
        #expect(read.problems.map(\.name) == ["good", "also_good"])
        #expect(read.diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["4:24", "5:1", "8:1"])
        guard case .unreadable(let name, let why) = read.entries[1] else { Issue.record("\(read.entries[1])"); return }
        #expect(name == "misspelt")
        #expect(why.message.hasPrefix("unknown construction 'midpointt'"))
        #expect(read.diagnostics[2].message.hasPrefix("problem 'good' is defined twice"))
        #expect(throws: Diagnostic.self) { try ProblemParser().parseFile(text, file: "batch.txt") }
    }
}
