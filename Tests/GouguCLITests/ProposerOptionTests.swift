import Foundation
import Testing
import GouguTestSupport

/// `--proposer heuristic|neural|both|rescored|learned|combined` on `gougu solve` and `gougu bench`.
@Suite struct ProposerOptionTests {
    private let incenter = "incenter\na b c = triangle a b c; i = angle_bisector i b a c, angle_bisector i a b c ? eqangle c a c i c i c b\n"
    /// Needs one auxiliary point (deduction alone saturates).
    private let imo2012p5 = "imo_2012_p5\nc a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l\n"

    @Test func anUnknownProposerIsBadInput() throws {
        let run = try CLI.run(["solve", "{input}", "--proposer", "oracle"], input: incenter)
        #expect(run.status == 2)
        #expect(run.stderr.contains("proposer"))
        let bench = try CLI.run(["bench", "{input}", "--proposer", "oracle"], input: incenter)
        #expect(bench.status == 2)
        #expect(try CLI.run(["solve", "{input}", "--proposer", "both", "--neural-depth", "-1"], input: incenter).status == 2)
        #expect(try CLI.run(["solve", "{input}", "--proposer", "neural", "--beam", "0"], input: incenter).status == 2)
    }

    @Test func aMissingModelFileIsBadInput() throws {
        let run = try CLI.run(["solve", "{input}", "--proposer", "neural", "--proposer-model", "/nonexistent.safetensors"], input: incenter)
        #expect(run.status == 2)
    }

    @Test func theNeuralProposerPrintsClausesWithFreshPoints() throws {
        let run = try CLI.run(["solve", "{input}", "--proposer", "neural", "--proposals", "4", "--no-aux", "--quiet"], input: incenter)
        let proposals = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(!proposals.isEmpty)
        #expect(proposals.allSatisfy { $0.contains(" x1 = ") })
        // Each with the model's log-probability. Beams constrained to usable clauses score
        // each token over the allowed ones only, so a score is at least that log-probability.
        let columns = proposals.map { $0.split(separator: " ") }
        #expect(columns.allSatisfy { $0.count > 3 && $0[1] == "logP" && (Double($0[2]) ?? 1) <= 0 })
        #expect(columns.allSatisfy { (Double($0[0]) ?? -1000) >= (Double($0[2]) ?? 0) - 0.006 })
    }

    @Test func unconstrainedBeamsScoreTheirFavouriteByItsLogProbability() throws {
        let run = try CLI.run(["solve", "{input}", "--proposer", "neural", "--proposals", "4", "--no-aux", "--quiet",
                               "--unconstrained-beams"], input: incenter)
        let proposals = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
        let first = try #require(proposals.first?.split(separator: " "))
        #expect(first.count > 3 && first[1] == "logP")
        #expect(abs(try #require(Double(first[0])) - (try #require(Double(first[2])))) < 0.006)
    }

    @Test func theHeuristicProposerPrintsNoLogProbabilities() throws {
        let run = try CLI.run(["solve", "{input}", "--proposals", "4", "--no-aux", "--quiet"], input: incenter)
        let proposals = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(!proposals.isEmpty)
        #expect(proposals.allSatisfy { !$0.contains("logP") })
    }

    @Test func theShippedRankerCombinedWithTheHeuristicProvesIMO2012P5() throws {
        let run = try CLI.run(["solve", "{input}", "--json", "--timeout", "60", "--proposer", "combined", "--coordinates", "off"],
                              input: imo2012p5)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"proved\":true"))
        #expect(run.stdout.contains("\"auxiliary\":[\"x"))
    }

    @Test func rankerFilesGivenTwiceOrderAsAPortfolioAndEachMustExist() throws {
        let shipped = SharedFiles.root.appendingPathComponent("Sources/GouguProposer/Resources/ranker.safetensors").path
        func proposals(_ rankers: [String]) throws -> [Substring] {
            let run = try CLI.run(["solve", "{input}", "--proposals", "6", "--no-aux", "--quiet", "--proposer", "combined"]
                                  + rankers.flatMap { ["--ranker", $0] }, input: imo2012p5)
            #expect(run.status == 1, "deduction alone does not prove it")
            return run.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
        }
        // A portfolio of one ranker twice is that ranker.
        let single = try proposals([shipped])
        #expect(single.count == 6)
        #expect(try proposals([shipped, shipped]) == single)
        let missing = try CLI.run(["solve", "{input}", "--proposer", "combined", "--ranker", shipped,
                                   "--ranker", "/nonexistent.safetensors"], input: incenter)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent.safetensors"))
    }

    @Test func aRankerFileThatIsNoRankerIsBadInputThatSaysSo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-ranker-\(UUID().uuidString).safetensors")
        try Data("not a model".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CLI.run(["solve", "{input}", "--proposer", "learned", "--ranker", file.path], input: incenter)
        #expect(run.status == 2)
        #expect(run.stderr.contains("learned ranker"))
        #expect(try CLI.run(["solve", "{input}", "--proposer", "combined", "--ranker", "/nonexistent.safetensors"], input: incenter).status == 2)
        #expect(try CLI.run(["solve", "{input}", "--proposer", "combined", "--ranker-weight", "-1"], input: incenter).status == 2)
    }

    @Test func bothProposersTogetherProveIMO2012P5() throws {
        // Tests run a debug build, where the model decodes slowly: a narrow beam, at the root only.
        let run = try CLI.run(["solve", "{input}", "--json", "--timeout", "60", "--proposer", "both", "--beam", "2", "--neural-depth", "1",
                               "--coordinates", "off"],
                              input: imo2012p5)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"auxiliary\":[\"x1 = "))
    }
}
