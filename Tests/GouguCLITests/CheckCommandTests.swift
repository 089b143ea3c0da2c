import Foundation
import Testing
import GouguTestSupport

/// `gougu check`: exit 0 for a valid proof, 1 for an invalid one (with the first failing
/// step and why), 2 for input it cannot read.
@Suite struct CheckCommandTests {
    /// The Simson line proof `gougu solve` prints (the golden file of SolveCommandTests).
    static var simson: String { CLI.golden("solve-simson.txt") ?? "" }

    @Test func acceptsTheTextProofThatSolvePrints() throws {
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "simson_line", "{input}"], input: Self.simson)
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix(": valid proof of simson_line (17 steps)\n"))
    }

    @Test func acceptsTheJSONProofThatSolveWrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let solve = try CLI.run(["solve", "Problems/classics.txt", "--problem", "thales", "--quiet", "--proof-out", directory.path])
        #expect(solve.status == 0)
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "thales", directory.appendingPathComponent("thales.json").path])
        #expect(run.status == 0)
    }

    @Test func checksAProofByCoordinatesByRecomputingIt() throws {
        let proof = try CLI.run(["solve", "{input}", "--no-aux", "--coordinates", "first"], input: SolveCommandTests.pappus)
        let text = proof.stdout.split(separator: "\n").prefix { !$0.hasPrefix("pappus:") }.joined(separator: "\n") + "\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-pappus-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try SolveCommandTests.pappus.write(to: file, atomically: true, encoding: .utf8)
        let valid = try CLI.run(["check", file.path, "--problem", "pappus", "{input}"], input: text)
        #expect(valid.status == 0)
        #expect(valid.stdout.hasSuffix(": valid proof by coordinates of pappus\n"))
        let edited = text.replacingOccurrences(of: "QED", with: "Q.E.D.")
        #expect(edited != text)
        let invalid = try CLI.run(["check", file.path, "--problem", "pappus", "{input}"], input: edited)
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("invalid: line"))
        // The second line names the coordinates; the check recomputes in the ones named.
        let system = text.split(separator: "\n")[1]
        #expect(system == "  in isotropic coordinates (z, w) = (x + iy, x - iy)")
        let otherSystem = text.replacingOccurrences(of: system, with: "  in cartesian coordinates (x, y)")
        let rerun = try CLI.run(["check", file.path, "--problem", "pappus", "{input}"], input: otherSystem)
        #expect(rerun.status == 1)
        #expect(rerun.stdout.contains("invalid: line 4 is 'b = (1, 1)   free: at 1', the computation gives 'b = (x_b, 0)   free: on the x-axis'"))
        let unnamed = text.replacingOccurrences(of: system + "\n", with: "")
        let refused = try CLI.run(["check", file.path, "--problem", "pappus", "{input}"], input: unnamed)
        #expect(refused.stdout.contains("line 2 does not name the coordinate system"))
    }

    @Test func reportsTheFirstBrokenStepOfAnEditedProof() throws {
        let edited = Self.simson.replacingOccurrences(of: "by angle chasing (mod 180°): -1 × [perp y p c a] (4)",
                                                      with: "by angle chasing (mod 180°): -2 × [perp y p c a] (4)")
        #expect(edited != Self.simson)
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "simson_line", "{input}"], input: edited)
        #expect(run.status == 1)
        let line = run.stdout.components(separatedBy: ": invalid: ").last ?? ""
        #expect(line + "" == (CLI.golden("check-simson-edited.txt") ?? "-"))
    }

    @Test func aRuleAppliedToTheWrongStepIsRejected() throws {
        let edited = Self.simson.replacingOccurrences(of: "[a=a b=b p=c q=p] from (1)", with: "[a=a b=b p=c q=p] from (9)")
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "simson_line", "{input}"], input: edited)
        #expect(run.status == 1)
        #expect(run.stdout.contains("step (8) eqangle c a c b p a p b: cites (9), which is not an earlier step"))
    }

    @Test func unreadableInputExitsWithTwo() throws {
        let text = Self.simson.replacingOccurrences(of: "  (8) eqangle c a c b p a p b    by", with: "  (8) eqangle c a c b p a p b    because")
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "simson_line", "{input}"], input: text)
        #expect(run.status == 2)
        #expect(run.stderr.contains(":12:3: error: expected 'statement    by justification'"))
        let json = try CLI.run(["check", "Problems/classics.txt", "--problem", "simson_line", "{input}"], input: "{\"format\": \"gougu-proof/2\"}")
        #expect(json.status == 2)
        #expect(json.stderr.contains("error: missing key"))
    }
}
