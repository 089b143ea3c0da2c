import Foundation
import Testing
import GouguTestSupport

/// `gougu bench`: every problem in its own process; a report per problem and totals.
@Suite struct BenchCommandTests {
    @Test func reportsEveryProblemWithTotals() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: report) }
        let input = "thales\na b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp a c b c\n"
            + "wrong\na b c = triangle; m = midpoint m b c ? perp a m b c\n"
        let run = try CLI.run(["bench", "{input}", "--timeout", "20", "--jobs", "2", "--report", report.path], input: input)
        #expect(run.status == 0)
        #expect(run.stdout.contains("| thales | proved |"))
        #expect(run.stdout.contains("| wrong | goal false in diagram |"))
        #expect(run.stdout.contains("Proved 1 of 2;"))
        let csv = try String(contentsOf: report, encoding: .utf8)
        #expect(csv.hasPrefix("file,problem,status,proved,seconds,steps,facts,states,peak_mib,auxiliary\n"))
        #expect(csv.split(separator: "\n").count == 3)
    }

    @Test func anUnknownReportFormatIsBadInput() throws {
        let run = try CLI.run(["bench", "Problems/classics.txt", "--report", "out.xlsx"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--report must end in .json, .csv or .md"))
    }
}
