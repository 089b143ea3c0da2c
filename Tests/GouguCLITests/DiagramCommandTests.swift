import Testing
import GouguTestSupport

/// `gougu diagram`: golden output, exit codes and diagnostics.
@Suite struct DiagramCommandTests {
    @Test func printsCoordinatesAndTheGoalCheck() throws {
        let run = try CLI.run(["diagram", "Problems/classics.txt", "--problem", "orthocenter_concurrence", "--seed", "3"])
        #expect(run.status == 0)
        #expect(run.stdout == CLI.golden("diagram-orthocenter.txt"))
    }

    @Test func countsGoalChecksOverSeeds() throws {
        let run = try CLI.run(["diagram", "Problems/classics.txt", "--problem", "simson_line", "--seeds", "5"])
        #expect(run.status == 0)
        #expect(run.stdout == "simson_line: goal holds in 5 of 5 diagrams\n")
    }

    @Test func falseGoalExitsWithOne() throws {
        let run = try CLI.run(["diagram", "{input}"], input: "wrong\na b c = triangle; m = midpoint m b c ? perp a m b c\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("goal perp a m b c: FALSE in this diagram"))
    }

    /// c is one of two points of line ab at distance |ab| from m; the goal holds beyond b only.
    static let twoBranches = "branches\na b = segment a b; m = midpoint m a b; c = on_line c a b, eqdistance c m a b ? cong b c a m\n"

    @Test func aGoalTrueOnOneBranchHoldsInTheStatedConfigurationAndSaysSo() throws {
        let run = try CLI.run(["diagram", "{input}", "--seeds", "8"], input: Self.twoBranches)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("branches: goal holds in 8 of 8 diagrams ("))
        #expect(run.stdout.contains(" in a configuration other than the seed's)"))
    }

    @Test func seededConfigurationKeepsTheSeedsBranchAndReportsTheFalseGoal() throws {
        let run = try CLI.run(["diagram", "{input}", "--seeds", "8", "--seeded-configuration"], input: Self.twoBranches)
        #expect(run.status == 1)
        #expect(!run.stdout.contains("configuration"))
    }

    @Test func parseErrorNamesFileLineAndColumnAndExitsWithTwo() throws {
        let run = try CLI.run(["diagram", "{input}"], input: "bad\na b c = triangle; h = orthocentre h a b c ? perp a h b c\n")
        #expect(run.status == 2)
        #expect(run.stderr.hasSuffix(":2:23: error: unknown construction 'orthocentre' (did you mean 'orthocenter'?)\n"))
        #expect(run.stdout.isEmpty)
    }

    @Test func missingFileExitsWithTwo() throws {
        let run = try CLI.run(["diagram", "no/such/file.txt"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("no/such/file.txt: error: cannot read the file"))
    }

    @Test func unknownProblemNameExitsWithTwo() throws {
        let run = try CLI.run(["diagram", "Problems/classics.txt", "--problem", "simson"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no problem named 'simson' (did you mean 'simson_line'?)"))
    }

    @Test func unsatisfiableConstructionExitsWithTwo() throws {
        let run = try CLI.run(["diagram", "{input}"], input: "p\na b c = triangle; d = on_pline d a b c; x = on_pline x a b c, on_pline x d b c\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains(":2:41: error: cannot construct 'x = on_pline x a b c, on_pline x d b c'"))
    }
}
