import Foundation
import Gougu
import GouguTestSupport
import Testing

/// The README's "From Swift" example, compiled and run: the code between the markers below
/// is the README's code block, letter for letter (the second test compares them).
@Suite struct ReadmeExampleTests {
    @Test func theExampleSolvesAndChecks() throws {
        var printed: [String] = []
        func print(_ text: String) { printed.append(text) }
        // README example: begin
        let problem = try ProblemParser().parseProblem(name: "orthocenter",
            statement: "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        let outcome = try Solver().solve(problem, options: SolveOptions(seconds: 30))
        print(outcome.stopReason)                  // goal proved
        if let proof = outcome.proof {
            print(proof.text)                      // numbered steps, each with its reason
            // Checked before it was returned; check it again as a user would, from JSON.
            let json = try GouguJSON.encoder(pretty: true).encode(proof)
            let document = try Proof.readJSON(json, file: "orthocenter.json")
            print(ProofChecker().check(document, for: problem) == .valid ? "valid" : "invalid")
        }
        // README example: end
        #expect(printed.first == "goal proved")
        #expect(printed.last == "valid")
        #expect(printed.count == 3)
    }

    @Test func theReadmeShowsThisExample() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let readme = try #require(RepositoryFiles.text("README.md"))
        func lines(_ text: some StringProtocol) -> [String] {
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let begin = try #require(source.range(of: "// README example: " + "begin\n"))
        let end = try #require(source.range(of: "// README example: " + "end", range: begin.upperBound..<source.endIndex))
        let example = lines(source[begin.upperBound..<end.lowerBound])
        let heading = try #require(readme.range(of: "### From Swift"))
        let open = try #require(readme.range(of: "```swift\n", range: heading.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
        let shown = lines(readme[open.upperBound..<close.lowerBound]).filter { $0 != "import Gougu" }
        #expect(shown == example)
    }
}
