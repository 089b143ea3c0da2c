import Foundation
import Testing
import GouguTestSupport

/// `gougu bench --shard I/N` and `gougu bench --merge`: shards of one run cover every
/// problem exactly once, and their reports merge into the unsharded run's report.
@Suite struct BenchShardTests {
    /// Seven small problems in two files: proved, false in the diagram and not proved by
    /// deduction alone, so that the verdicts differ from problem to problem.
    static let first = """
        thales
        a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp a c b c
        wrong
        a b c = triangle; m = midpoint m b c ? perp a m b c
        orthocenter
        a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c
        imo_2012_p5
        c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l

        """
    static let second = """
        midline
        a b c = triangle; m = midpoint m a b; n = midpoint n a c ? para m n b c
        median_wrong
        a b c = triangle; m = midpoint m a b ? cong c m a b
        circumcenter
        a b c = triangle; o = circle o a b c ? cong o a o b

        """

    /// A scratch directory with the two problem files, removed afterwards.
    final class Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-shards-\(UUID().uuidString)")
        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try BenchShardTests.first.write(to: url("first.txt"), atomically: true, encoding: .utf8)
            try BenchShardTests.second.write(to: url("second.txt"), atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(at: directory) }
        func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
        func path(_ name: String) -> String { url(name).path }
    }

    /// Runs `gougu bench` on the two files with deduction alone, writing `report`.
    static func bench(_ scratch: Scratch, report: String, _ extra: [String] = []) throws -> CLIRun {
        try CLI.run(["bench", scratch.path("first.txt"), scratch.path("second.txt"), "--no-aux", "--timeout", "20", "--jobs", "2",
                     "--report", scratch.path(report)] + extra)
    }

    /// The parts of a JSON report: the run, and per problem everything but its seconds.
    static func content(_ url: URL) throws -> (run: NSDictionary, rows: [NSDictionary], problems: Int, proved: Int) {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let rows = (json["problems"] as! [[String: Any]]).map { row in
            // Timings and memory are the run's, not the problem's: left out of the comparison.
            NSDictionary(dictionary: row.filter { $0.key != "seconds" && $0.key != "peak_memory_mebibytes" })
        }
        let totals = json["totals"] as! [String: Any]
        return (NSDictionary(dictionary: json["run"] as! [String: Any]), rows, totals["problems"] as! Int, totals["proved"] as! Int)
    }

    @Test func shardsCoverEveryProblemExactlyOnce() throws {
        let scratch = try Scratch()
        var seen: [Int] = []
        for i in 0..<3 {
            let run = try Self.bench(scratch, report: "shard-\(i).json", ["--shard", "\(i)/3"])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try Self.content(scratch.url("shard-\(i).json")).rows
            let indices = rows.map { $0["index"] as! Int }
            #expect(indices == Array(stride(from: i, to: 7, by: 3)), "shard \(i)/3 runs every third problem from the \(i)th")
            seen += indices
        }
        #expect(seen.sorted() == Array(0..<7))
    }

    @Test func mergedShardsEqualTheUnshardedReport() throws {
        let scratch = try Scratch()
        let whole = try Self.bench(scratch, report: "whole.json")
        #expect(whole.status == 0, "\(whole.stderr)")
        for i in 0..<3 {
            #expect(try Self.bench(scratch, report: "shard-\(i).json", ["--shard", "\(i)/3"]).status == 0)
        }
        // Given in any order.
        let merge = try CLI.run(["bench", "--merge", scratch.path("shard-2.json"), scratch.path("shard-0.json"), scratch.path("shard-1.json"),
                                 "--report", scratch.path("merged.json")])
        #expect(merge.status == 0, "\(merge.stderr)")
        let expected = try Self.content(scratch.url("whole.json"))
        let merged = try Self.content(scratch.url("merged.json"))
        #expect(merged.run == expected.run)
        #expect(merged.rows == expected.rows)
        #expect(merged.rows.map { $0["problem"] as! String } == ["thales", "wrong", "orthocenter", "imo_2012_p5", "midline", "median_wrong", "circumcenter"])
        #expect(Set(merged.rows.map { $0["status"] as! String }) == ["proved", "goal false in diagram", "not proved"])
        #expect(merged.problems == 7 && merged.proved == expected.proved)
        // The merged table is the unsharded one, apart from the timings.
        #expect(merge.stdout.contains("| imo_2012_p5 | not proved |"))
        #expect(merge.stdout.contains("Proved \(expected.proved) of 7;"))
    }

    @Test func mergeRejectsMissingAndOverlappingShards() throws {
        let scratch = try Scratch()
        for i in 0..<2 {
            #expect(try Self.bench(scratch, report: "shard-\(i).json", ["--shard", "\(i)/3"]).status == 0)
        }
        let missing = try CLI.run(["bench", "--merge", scratch.path("shard-0.json"), scratch.path("shard-1.json"), "--report", scratch.path("m.json")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "--merge: error: missing shard 2/3 (given: 0/3, 1/3)\n")

        try FileManager.default.copyItem(at: scratch.url("shard-1.json"), to: scratch.url("again.json"))
        let overlap = try CLI.run(["bench", "--merge", scratch.path("shard-0.json"), scratch.path("shard-1.json"), scratch.path("again.json"),
                                   "--report", scratch.path("m.json")])
        #expect(overlap.status == 2)
        #expect(overlap.stderr == "\(scratch.path("again.json")): error: shard 1/3 is also given by \(scratch.path("shard-1.json")) (overlapping shards)\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("m.json")), "nothing is written when the shards do not merge")
    }

    @Test func mergeRejectsShardsOfAnotherSplitOrRun() throws {
        let scratch = try Scratch()
        #expect(try Self.bench(scratch, report: "a.json", ["--shard", "0/2"]).status == 0)
        #expect(try Self.bench(scratch, report: "b.json", ["--shard", "1/3"]).status == 0)
        let split = try CLI.run(["bench", "--merge", scratch.path("a.json"), scratch.path("b.json"), "--report", scratch.path("m.md")])
        #expect(split.status == 2)
        #expect(split.stderr.contains("b.json: error: shard 1/3 is of another split than "))

        // The same split of a run on an edited input file (seven problems, not four): not
        // shards of one run.
        try (Self.first + Self.second).write(to: scratch.url("first.txt"), atomically: true, encoding: .utf8)
        #expect(try Self.bench(scratch, report: "c.json", ["--shard", "1/2"]).status == 0)
        let inputs = try CLI.run(["bench", "--merge", scratch.path("a.json"), scratch.path("c.json"), "--report", scratch.path("m.md")])
        #expect(inputs.status == 2)
        #expect(inputs.stderr.contains("c.json: error: input \(scratch.path("first.txt")) (7 problems, fingerprint "))
        #expect(inputs.stderr.contains("(not shards of one run)"))
    }

    @Test func aShardReportWithAProblemMissingIsRejected() throws {
        let scratch = try Scratch()
        #expect(try Self.bench(scratch, report: "a.json", ["--shard", "0/2"]).status == 0)
        #expect(try Self.bench(scratch, report: "b.json", ["--shard", "1/2"]).status == 0)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url("b.json"))) as! [String: Any]
        json["problems"] = Array((json["problems"] as! [Any]).dropLast())
        try JSONSerialization.data(withJSONObject: json).write(to: scratch.url("b.json"))
        let run = try CLI.run(["bench", "--merge", scratch.path("a.json"), scratch.path("b.json"), "--report", scratch.path("m.csv")])
        #expect(run.status == 2)
        #expect(run.stderr == "\(scratch.path("b.json")): error: shard 1/2 lacks problem 5 (positions in the problem list, from 0)\n")
    }

    @Test func badShardAndMergeOptionsAreBadInput() throws {
        let shard = try CLI.run(["bench", "Problems/classics.txt", "--shard", "3/3"])
        #expect(shard.status == 2)
        #expect(shard.stderr.contains("--shard must be I/N with 0 <= I < N, got '3/3'"))
        let noReport = try CLI.run(["bench", "--merge", "a.json"])
        #expect(noReport.status == 2)
        #expect(noReport.stderr.contains("--merge needs --report PATH.{json,csv,md}"))
        let notJSON = try CLI.run(["bench", "--merge", "Problems/classics.txt", "--report", "/tmp/never.md"])
        #expect(notJSON.status == 2)
        #expect(notJSON.stderr.hasPrefix("Problems/classics.txt: error: not a gougu bench JSON report: invalid JSON"))
    }

    @Test func aReportWithoutWhatAMergeNeedsSaysWhatIsMissing() throws {
        let scratch = try Scratch()
        #expect(try Self.bench(scratch, report: "a.json", ["--shard", "0/2"]).status == 0)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url("a.json"))) as! [String: Any]
        var rows = json["problems"] as! [[String: Any]]
        rows[1]["index"] = nil
        json["problems"] = rows
        try JSONSerialization.data(withJSONObject: json).write(to: scratch.url("a.json"))
        let run = try CLI.run(["bench", "--merge", scratch.path("a.json"), "--report", scratch.path("m.md")])
        #expect(run.status == 2)
        #expect(run.stderr == "\(scratch.path("a.json")): error: not a gougu bench JSON report: missing key 'index' at 'problems[1]'\n")
    }
}
