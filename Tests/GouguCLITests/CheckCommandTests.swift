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
        #expect(run.stdout.hasSuffix(": valid proof of simson_line (15 steps)\n"))
    }

    @Test func acceptsTheJSONProofThatSolveWrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let solve = try CLI.run(["solve", "Problems/classics.txt", "--problem", "thales", "--quiet", "--proof-out", directory.path])
        #expect(solve.status == 0)
        let run = try CLI.run(["check", "Problems/classics.txt", "--problem", "thales", directory.appendingPathComponent("thales.json").path])
        #expect(run.status == 0)
    }

    @Test func checksAProofByCoordinatesFromItsCertificate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let solve = try CLI.run(["solve", "Problems/classics.txt", "--problem", "pappus", "--no-aux", "--coordinates", "first",
                                 "--quiet", "--proof-out", directory.path])
        #expect(solve.status == 0)
        let certificate = directory.appendingPathComponent("pappus.json")
        let valid = try CLI.run(["check", "Problems/classics.txt", "--problem", "pappus", certificate.path])
        #expect(valid.status == 0)
        #expect(valid.stdout.hasSuffix(": valid proof by coordinates of pappus (9 points, 6 variables)\n"))
        // A coordinate moved: the family no longer passes through the diagram.
        let text = try String(contentsOf: certificate, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"numerator\" : \"t_c\"", with: "\"numerator\" : \"t_c + 1\"")
        #expect(edited != text)
        let invalid = try CLI.run(["check", "Problems/classics.txt", "--problem", "pappus", "{input}"], input: edited)
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("invalid: the coordinates of c do not reproduce the diagram"))
        // The record `gougu solve --json` prints carries the certificate too.
        let json = try CLI.run(["solve", "Problems/classics.txt", "--problem", "pappus", "--no-aux", "--coordinates", "first", "--json"])
        let record = try CLI.run(["check", "Problems/classics.txt", "--problem", "pappus", "{input}"], input: json.stdout)
        #expect(record.status == 0)
        // The text is for reading: checking it would mean running the prover again.
        let proofText = try String(contentsOf: directory.appendingPathComponent("pappus.txt"), encoding: .utf8)
        let refused = try CLI.run(["check", "Problems/classics.txt", "--problem", "pappus", "{input}"], input: proofText)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(":1:1: error: this is the text of a proof by coordinates, which is not checked: check its certificate"))
        // A polynomial that does not read: file and place named, exit status 2.
        let garbled = text.replacingOccurrences(of: "\"numerator\" : \"t_c\"", with: "\"numerator\" : \"t_c ^ 2\"")
        let unreadable = try CLI.run(["check", "Problems/classics.txt", "--problem", "pappus", "{input}"], input: garbled)
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains(".x.numerator, column 5: expected '+', '-' or '*'"))
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
