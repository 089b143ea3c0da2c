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

    static let pappus = "pappus\na b = segment a b; c = on_line c a b; d e = segment d e; f = on_line f d e; x = on_line x a e, on_line x b d; y = on_line y a f, on_line y c d; z = on_line z b f, on_line z c e ? coll x y z\n"

    @Test func anUnprovedGoalExitsWithOne() throws {
        let run = try CLI.run(["solve", "{input}", "--quiet", "--no-aux"], input: Self.pappus)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("pappus: saturated: no rule adds a fact"))
    }

    @Test func coordinatesProveWhatDeductionAloneDoesNot() throws {
        // Pappus's theorem is beyond the rules, and a polynomial identity in coordinates.
        let run = try CLI.run(["solve", "{input}", "--no-aux", "--coordinates", "first"], input: Self.pappus)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Proof by coordinates (exact arithmetic over the rationals):"))
        #expect(run.stdout.contains("coll x y z: the numerator"))
        #expect(run.stdout.contains("; proved by coordinates"))
        let json = try CLI.run(["solve", "{input}", "--no-aux", "--coordinates", "first", "--json"], input: Self.pappus)
        #expect(json.stdout.contains("\"coordinate_proof\":\"Proof by coordinates"))
    }

    @Test func theSearchAddsAnAuxiliaryPointWhenDeductionAloneFails() throws {
        let imo2012p5 = "imo_2012_p5\nc a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l\n"
        let alone = try CLI.run(["solve", "{input}", "--quiet", "--no-aux"], input: imo2012p5)
        #expect(alone.status == 1)
        let run = try CLI.run(["solve", "{input}", "--json", "--timeout", "30", "--coordinates", "off"], input: imo2012p5)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"auxiliary\":[\"x1 = "))
        #expect(run.stdout.contains("\"statement\":\"c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k; x1 = "))
        #expect(run.stdout.contains("\"auxiliary_constructions\":[\"x1 = "))
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
