import Foundation
import Testing
import GouguTestSupport

/// The command line as a hostile user meets it: a false goal is never reported as proved,
/// no proof is reported unchecked, every stage keeps its budget, and files are written only
/// where asked.
@Suite struct SoundnessCommandTests {
    static let orthocenter = "orthocenter\na b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c\n"

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-soundness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aDegenerateGoalIsBadInputNotAProof() throws {
        let run = try CLI.run(["solve", "{input}", "--json"], input: "t\na b c = triangle a b c ? perp a a b c\n")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(":2:26: error: degenerate goal 'perp a a b c'"), "\(run.stderr)")
    }

    @Test func aGoalFalseInTheDiagramGoesToNoProver() throws {
        // Concyclic is false for a free quadrilateral; neither coordinates nor search run.
        let run = try CLI.run(["solve", "{input}", "--json", "--coordinates", "first"],
                              input: "t\na b c d = free a, free b, free c, free d ? cyclic a b c d\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"proved\":false"))
        #expect(run.stdout.contains("\"stop_reason\":\"goal is false in the diagram\""))
        #expect(!run.stdout.contains("coordinate_proof"))
        #expect(!run.stdout.contains("states_expanded"))
    }

    @Test func aProofTheCheckerRejectsIsAnInternalErrorNeverAProof() throws {
        let file = try temporaryDirectory().appendingPathComponent("orthocenter.txt")
        try Self.orthocenter.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["solve", file.path, "--json"], environment: ["GOUGU_FAULT_INJECTION": "reject-proofs"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("\"proved\":false"))
        #expect(run.stdout.contains("internal error: the checker rejects the proof found"))
        #expect(run.stderr.contains("internal error"))
        let path = try #require(run.stderr.components(separatedBy: "The proof is kept in ").last?.components(separatedBy: ": please").first)
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.contains("rule_that_does_not_exist"))
        try? FileManager.default.removeItem(atPath: path)
        // Without the fault, the same proof is checked and reported.
        let clean = try CLI.run(["solve", file.path, "--json"])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("\"check_seconds\":"))
    }

    @Test func aSpecialDrawingOfAFreeTriangleProvesNothingAboutIt() throws {
        // The drawn triangle is isosceles; the clause is a free triangle: the goal does not follow.
        let run = try CLI.run(["solve", "{input}", "--json", "--timeout", "8"],
                              input: "t\na@0_0 b@2_0 c@1_5 = triangle a b c ? cong c a c b\n")
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("\"proved\":false"))
    }

    @Test func problemNamesNeverLeaveTheProofFolder() throws {
        let folder = try temporaryDirectory()
        let out = folder.appendingPathComponent("a/b/proofs")
        let input = "../../escaped\na b = segment a b; m = midpoint m a b ? cong m a m b\n"
        let run = try CLI.run(["solve", "{input}", "--quiet", "--proof-out", out.path], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("a/escaped.txt").path))
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(written == ["_._.._escaped.json", "_._.._escaped.txt"])
        // Written again: the existing proofs are replaced, and the command says so.
        let again = try CLI.run(["solve", "{input}", "--quiet", "--proof-out", out.path], input: input)
        #expect(again.status == 0)
        #expect(again.stderr.contains("_._.._escaped.txt: note: replacing the existing file"))
    }

    @Test func outputsGoOnlyToNewPathsOrRegularFiles() throws {
        let folder = try temporaryDirectory()
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = folder.appendingPathComponent("link.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.appendingPathComponent("target.svg").path)
        for target in [fifo, link, folder.path] {
            let run = try CLI.run(["draw", "Problems/classics.txt", "--problem", "simson_line", "-o", target])
            #expect(run.status == 2, "\(target)")
            #expect(run.stderr.contains("an output is written only to a new path or over a regular file"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("target.svg").path))
        let regular = folder.appendingPathComponent("figure.svg").path
        #expect(try CLI.run(["draw", "Problems/classics.txt", "--problem", "simson_line", "-o", regular]).status == 0)
        let replaced = try CLI.run(["draw", "Problems/classics.txt", "--problem", "simson_line", "-o", regular])
        #expect(replaced.status == 0)
        #expect(replaced.stderr.contains("note: replacing the existing file"))
    }

    @Test func inputsMustBeRegularFiles() throws {
        let folder = try temporaryDirectory()
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [("/dev/zero", "a character device"), (fifo, "a FIFO"), (folder.path, "a directory")] {
            let run = try CLI.run(["solve", path])
            #expect(run.status == 2)
            #expect(run.stderr == "\(path): error: not a regular file (\(kind)); expected a text file\n")
        }
    }

    @Test(arguments: [["--timeout", "inf"], ["--timeout", "nan"], ["--memory", "nan"], ["--memory", "inf"], ["--memory", "0"],
                      ["--coordinates-seconds", "inf"]])
    func everyLimitIsAPositiveFiniteNumber(option: [String]) throws {
        let run = try CLI.run(["solve", "Problems/classics.txt"] + option)
        #expect(run.status == 2)
        #expect(run.stderr.contains("must be a positive finite number"), "\(run.stderr)")
    }

    @Test func aMemoryBudgetStopsEveryStage() throws {
        // Deduction stops at once, and neither coordinates nor the search start.
        let run = try CLI.run(["solve", "{input}", "--json", "--memory", "1"], input: Self.orthocenter)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"stop_reason\":\"memory budget exhausted\""))
        #expect(!run.stdout.contains("coordinate_proof"))
    }

    @Test func aHugeDiagramKeepsTheTimeBudget() throws {
        // 1,000 free points took over a minute to draw; the budget now stops the drawing.
        let clauses = (0..<1000).map { "p\($0) = free p\($0)" }.joined(separator: "; ")
        let start = Date()
        let run = try CLI.run(["solve", "{input}", "--json", "--timeout", "1"], input: "huge\n\(clauses) ? coll p0 p1 p2\n")
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"proved\":false"))
    }

    @Test func checkKeepsItsTimeBudget() throws {
        let folder = try temporaryDirectory()
        let problem = folder.appendingPathComponent("p.txt")
        try SolveCommandTests.pappus.write(to: problem, atomically: true, encoding: .utf8)
        let solved = try CLI.run(["solve", problem.path, "--no-aux", "--coordinates", "first", "--proof-out", folder.path])
        #expect(solved.status == 0)
        let proofPath = folder.appendingPathComponent("pappus.json").path
        let proof = try String(contentsOfFile: proofPath, encoding: .utf8)
        #expect(proof.contains("\"format\" : \"gougu-coordinates/1\""))
        let valid = try CLI.run(["check", problem.path, "--problem", "pappus", proofPath])
        #expect(valid.status == 0, "\(valid.stdout)")
        // Out of time, the check stops and says the proof was not checked.
        let late = try CLI.run(["check", problem.path, "--problem", "pappus", proofPath, "--timeout", "0.000001"])
        #expect(late.status == 1)
        #expect(late.stdout.contains("not checked"), "\(late.stdout)")
        // The other coordinate system named: refused.
        let other = proof.contains("\"system\" : \"isotropic\"")
            ? proof.replacingOccurrences(of: "\"system\" : \"isotropic\"", with: "\"system\" : \"cartesian\"")
            : proof.replacingOccurrences(of: "\"system\" : \"cartesian\"", with: "\"system\" : \"isotropic\"")
        #expect(other != proof)
        try other.write(toFile: proofPath, atomically: true, encoding: .utf8)
        let changed = try CLI.run(["check", problem.path, "--problem", "pappus", proofPath, "--timeout", "5"])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("invalid") || changed.stdout.contains("not checked"), "\(changed.stdout)")
    }

    @Test func aNegativeSeedInAProofIsAnInvalidValueNotBadJSON() throws {
        let folder = try temporaryDirectory()
        let proof = folder.appendingPathComponent("proof.json")
        let solved = try CLI.run(["solve", "Problems/classics.txt", "--problem", "simson_line", "--proof-out", folder.path, "--quiet"])
        #expect(solved.status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("simson_line.json"), encoding: .utf8)
        try text.replacingOccurrences(of: "\"seed\" : 0", with: "\"seed\" : -1").write(to: proof, atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "simson_line", proof.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("invalid value at seed"), "\(run.stderr)")
    }

    static let batchWithABadProblem = """
        midpoint_halves
        a b = segment a b; m = midpoint m a b ? cong m a m b
        misspelt
        a b = segment a b; m = midpointt m a b ? cong m a m b
        orthocenter
        a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c

        """

    @Test func solveReadsPastABadProblem() throws {
        let run = try CLI.run(["solve", "{input}", "--quiet"], input: Self.batchWithABadProblem)
        #expect(run.status == 1)
        #expect(run.stdout.contains("midpoint_halves: goal proved"))
        #expect(run.stdout.contains("orthocenter: goal proved"))
        #expect(run.stderr.contains(":4:24: error: unknown construction 'midpointt'"), "\(run.stderr)")
        let alone = try CLI.run(["solve", "{input}", "--problem", "misspelt"], input: Self.batchWithABadProblem)
        #expect(alone.status == 2)
        let nothing = try CLI.run(["solve", "{input}"], input: "bad\na b = segmentt a b ? cong a b a b\n")
        #expect(nothing.status == 2)
    }

    @Test func benchReportsEveryGoodProblemAndOneBadInputRow() throws {
        let run = try CLI.run(["bench", "{input}", "--timeout", "10", "--jobs", "1"], input: Self.batchWithABadProblem)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| midpoint_halves | proved |"))
        #expect(run.stdout.contains("| orthocenter | proved |"))
        #expect(run.stdout.contains("| misspelt | bad input |"))
        #expect(run.stdout.contains("Proved 2 of 3 (1 bad input)"), "\(run.stdout)")
    }
}
