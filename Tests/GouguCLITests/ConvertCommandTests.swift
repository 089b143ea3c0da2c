import Foundation
import Testing
import GouguTestSupport

/// `gougu convert --to premises`, and premise-language files through `solve` and `check`:
/// what a user sees.
@Suite struct ConvertCommandTests {
    static let orthocentre = "a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = ; h@1.0_1.0 = perp a h b c, perp b h a c ? perp c h a b"

    func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-convert-\(UUID().uuidString).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func writesAProblemInThePremiseLanguageThatSolveProvesAndCheckAccepts() throws {
        let convert = try CLI.run(["convert", "--to", "premises", "Problems/classics.txt", "--problem", "thales"])
        #expect(convert.status == 0)
        let lines = convert.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "thales")
        // Every clause gives its points by coordinates; no construction is named.
        let statement = String(lines.last ?? "")
        for clause in statement.split(separator: "?")[0].split(separator: ";") {
            let newPoints = clause.split(separator: "=")[0].split(separator: " ")
            #expect(newPoints.allSatisfy { $0.contains("@") }, "\(clause)")
        }
        let file = try temporaryFile(convert.stdout)
        defer { try? FileManager.default.removeItem(at: file) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-convert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let solve = try CLI.run(["solve", file.path, "--quiet", "--proof-out", directory.path])
        #expect(solve.status == 0, "\(solve.stderr)")
        let check = try CLI.run(["check", file.path, "--problem", "thales", directory.appendingPathComponent("thales.json").path])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func aFalsePremiseIsReportedByLineAndColumnAndTheRestOfTheFileIsSolved() throws {
        let bad = Self.orthocentre.replacingOccurrences(of: "h@1.0_1.0", with: "h@1.0_1.5")
        let run = try CLI.run(["solve", "{input}", "--quiet"], input: "bad\n\(bad)\ngood\n\(Self.orthocentre)\n")
        #expect(run.stderr.contains(":2:55: error: premise 'perp a h b c' is false at the given coordinates"))
        #expect(run.stdout.contains("good: goal proved"))
        #expect(run.status == 1)
        // Nothing to read: bad input.
        let alone = try CLI.run(["solve", "{input}"], input: "bad\n\(bad)\n")
        #expect(alone.status == 2)
    }

    @Test func aPremiseWithoutMeaningInGouguIsRefusedNamingIt() throws {
        let run = try CLI.run(["solve", "{input}"], input: "t\na@0_0 = ; b@1_0 = ; c@0_1 = ; d@2_2 = overlap c d ? coll a b c\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains(":2:39: error: premise 'overlap c d' is refused"))
    }

    @Test func convertReportsAProblemItCannotReadAndWritesTheOthers() throws {
        let run = try CLI.run(["convert", "--to", "premises", "{input}"],
                              input: "broken\na b c = triangle a b c; h = on_tline h b a ? perp a h b c\nmid\na b = segment a b; m = midpoint m a b ? cong m a m b\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("on_tline"))
        #expect(run.stdout.hasPrefix("mid\na@"))
        #expect(run.stdout.contains("= coll m a b, cong m a m b ? cong m a m b"))
    }

    @Test func solveAnswersAQuestionAndCheckAcceptsTheProofOfTheAnswer() throws {
        let text = "thales_question\na@-1.0_0.0 = ; c@1.0_0.0 = ; b@0.6_0.8 = ; d@0.0_0.0 = cong d a d b, cong d b d c, coll d a c ? acompute b a b c\n"
        let file = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: file) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-question-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let solve = try CLI.run(["solve", file.path, "--quiet", "--proof-out", directory.path])
        #expect(solve.status == 0)
        #expect(solve.stdout.contains("; answer: the angle from bc to ba is 90°"))
        for proof in ["thales_question.json", "thales_question.txt"] {
            let check = try CLI.run(["check", file.path, "--problem", "thales_question", directory.appendingPathComponent(proof).path])
            #expect(check.status == 0, "\(check.stdout)")
        }
    }
}
