import Testing
import GouguTestSupport

/// `gougu solve`: proofs on stdout, exit 0 when proved, 1 when not, 2 on bad input.
@Suite struct SolveCommandTests {
    @Test func printsTheSimsonLineProof() throws {
        let run = try CLI.run(["solve", "Problems/classics.txt", "--problem", "simson_line"])
        #expect(run.status == 0)
        // The timing on the last line varies; everything before it is golden.
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let proof = lines.prefix { !$0.hasPrefix("simson_line: goal proved") }.joined(separator: "\n")
        #expect(proof + "\n" == CLI.golden("solve-simson.txt"))
    }

    @Test func anUnprovedGoalExitsWithOne() throws {
        let run = try CLI.run(["solve", "{input}", "--quiet"], input: "incentre\na b c = triangle a b c; i = angle_bisector i b a c, angle_bisector i a b c ? eqangle c a c i c i c b\n")
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("incentre: saturated: no rule adds a fact"))
    }

    @Test func aGoalFalseInTheDiagramIsReported() throws {
        let run = try CLI.run(["solve", "{input}", "--quiet"], input: "wrong\na b c = triangle; m = midpoint m b c ? perp a m b c\n")
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("wrong: goal is false in the diagram"))
    }

    @Test func badInputExitsWithTwo() throws {
        let run = try CLI.run(["solve", "{input}"], input: "bad\na b c = triangle ? perp a b c\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains(":2:20: error: 'perp' takes 4 arguments, found 3"))
    }
}
