import Foundation
import Testing
import GouguTestSupport

/// `gougu generate --shard I/N` and `gougu generate --merge`: with a budget of random
/// problems and no balancing, the merged shards are the unsharded run's corpus, byte for
/// byte; shards that do not make up one run are rejected.
@Suite struct GenerateShardTests {
    /// A scratch directory, removed afterwards.
    final class Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-generate-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    }

    /// `gougu generate` of the run's first 12 random problems of seed 7, all kept.
    static func generate(_ extra: [String]) throws -> CLIRun {
        try CLI.run(["generate", "--problems", "12", "--balance", "0", "--seed", "7", "--threads", "1"] + extra)
    }

    @Test func mergedShardsAreTheUnshardedCorpus() throws {
        let scratch = Scratch()
        #expect(try Self.generate(["--out", scratch.path("whole")]).status == 0)
        for i in 0..<3 {
            let run = try Self.generate(["--shard", "\(i)/3", "--out", scratch.path("shards")])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("from 4 random problems"))
        }
        let merge = try CLI.run(["generate", "--merge", scratch.path("shards"), "--out", scratch.path("merged")])
        #expect(merge.status == 0, "\(merge.stderr)")
        let whole = try scratch.text("whole/train.txt") + scratch.text("whole/heldout.txt")
        #expect(whole.split(separator: "\n").count >= 4, "the run mines examples")
        #expect(try scratch.text("merged/train.txt") == scratch.text("whole/train.txt"))
        #expect(try scratch.text("merged/heldout.txt") == scratch.text("whole/heldout.txt"))
    }

    @Test func mergeRejectsMissingOverlappingAndForeignShards() throws {
        let scratch = Scratch()
        for (shard, directory) in [("0/3", "a"), ("1/3", "a"), ("1/3", "b")] {
            #expect(try Self.generate(["--shard", shard, "--out", scratch.path(directory)]).status == 0)
        }
        let missing = try CLI.run(["generate", "--merge", scratch.path("a"), "--out", scratch.path("m")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "--merge: error: missing shard 2/3 (given: 0/3, 1/3)\n")

        let overlap = try CLI.run(["generate", "--merge", scratch.path("a"), scratch.path("b"), "--out", scratch.path("m")])
        #expect(overlap.status == 2)
        #expect(overlap.stderr == "\(scratch.path("b")): error: shard 1/3 is also in \(scratch.path("a")) (overlapping shards)\n")

        let seed = try CLI.run(["generate", "--problems", "12", "--balance", "0", "--seed", "8", "--threads", "1", "--shard", "2/3", "--out", scratch.path("c")])
        #expect(seed.status == 0)
        let foreign = try CLI.run(["generate", "--merge", scratch.path("a"), scratch.path("c"), "--out", scratch.path("m")])
        #expect(foreign.status == 2)
        #expect(foreign.stderr == "\(scratch.path("c")): error: shard 2/3 has seed 8, shard 0/3 in \(scratch.path("a")) has 7 (not shards of one run)\n")
        let bigger = try Self.generate(["--steps", "5...8", "--shard", "2/3", "--out", scratch.path("d")])
        #expect(bigger.status == 0, "\(bigger.stderr)")
        let sizes = try CLI.run(["generate", "--merge", scratch.path("a"), scratch.path("d"), "--out", scratch.path("m")])
        #expect(sizes.status == 2)
        #expect(sizes.stderr == "\(scratch.path("d")): error: shard 2/3 has steps 5...8, shard 0/3 in \(scratch.path("a")) has 3...6 (not shards of one run)\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("m/train.txt")), "nothing is written when the shards do not merge")
    }

    @Test func problemSizesMustBeARangeOfClauseCounts() throws {
        for bad in ["6...3", "0...4", "4", "a...b"] {
            let run = try Self.generate(["--steps", bad, "--out", Scratch().path("x")])
            #expect(run.status != 0)
            #expect(run.stderr.contains("--steps must be MIN...MAX with 1 <= MIN <= MAX, got '\(bad)'"), "\(run.stderr)")
        }
    }

    @Test func aBrokenExampleLineNamesFileAndLine() throws {
        let scratch = Scratch()
        #expect(try Self.generate(["--shard", "0/1", "--out", scratch.path("a")]).status == 0)
        try "synthetic_1_0\tonly two fields\n".write(toFile: scratch.path("a/heldout.txt"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["generate", "--merge", scratch.path("a"), "--out", scratch.path("m")])
        #expect(run.status == 2)
        #expect(run.stderr == "\(scratch.path("a/heldout.txt")):1:1: error: expected 6 tab-separated fields (name, problem, auxiliary, needed, proof, search trace), found 2\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("m/train.txt")), "nothing is half merged")
    }
}
