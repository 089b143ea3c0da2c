import Foundation
import GouguDeduction
import GouguGeometry
import GouguSearch

/// Generates a deduplicated, balanced corpus of synthetic examples in parallel, split into
/// a training part and a held-out part, and optionally one shard of a larger run.
///
/// Determinism: the random problems come from seeds `seed &* 1_000_003 &+ k` for
/// k = shard, shard + shards, ...; batches are mined in parallel but merged in seed order,
/// so the same arguments give the same corpus on any number of threads.
///
/// Shards: with a budget of `problems` random problems for the whole run, no count limit
/// and no balancing, the shards' examples together are exactly the unsharded run's (the
/// first of each duplicate in seed order is the one kept by both; see `problemIndex`).
public struct SyntheticGenerator: Sendable {
    public var miner: ExampleMiner
    /// Keep at most this many examples without auxiliary points per example with them
    /// (nil: keep all). 1 balances the two kinds.
    public var balance: Double? = 1
    /// The share of examples (by a stable hash of the problem up to renaming) held out.
    public var heldOutShare = 0.05
    /// Parallel workers.
    public var threads: Int

    public init(miner: ExampleMiner = ExampleMiner(), threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.miner = miner
        self.threads = max(1, threads)
    }

    /// What a run produced.
    public struct Output: Sendable {
        public var training: [SyntheticExample] = []
        public var heldOut: [SyntheticExample] = []
        /// Random problems sampled.
        public var sampled = 0
        /// Examples mined before deduplication and balancing.
        public var mined = 0
        public var duplicates = 0
        /// Examples without auxiliary points left out to keep the balance.
        public var unbalanced = 0
        public var seconds = 0.0
        public var all: [SyntheticExample] { training + heldOut }
        public var withAuxiliary: Int { all.filter { !$0.auxiliary.isEmpty }.count }
        public var examplesPerMinute: Double { seconds > 0 ? Double(all.count) / seconds * 60 : 0 }
    }

    /// Mines until `count` examples are kept, `maximumSamples` problems were sampled, the
    /// run's random problems k < `problems` of this shard (k = shard, shard + shards, ...)
    /// were all mined, or `seconds` ran out.
    public func generate(count: Int, seed: UInt64, shard: Int = 0, shards: Int = 1,
                         problems: Int? = nil, maximumSamples: Int = 1_000_000, seconds: Double = .infinity,
                         progress: ((Output) -> Void)? = nil) -> Output {
        precondition(shards >= 1 && (0..<shards).contains(shard), "shard must be in 0..<shards")
        precondition(problems.map { $0 >= 0 } ?? true, "problems must not be negative")
        let start = Date()
        var output = Output()
        var keys = Set<String>()
        var pendingWithoutAuxiliary: [SyntheticExample] = []
        var k = 0
        let batch = threads * 4
        func kept() -> Int { output.training.count + output.heldOut.count }
        func keep(_ example: SyntheticExample) {
            // Exactly `count`, the first ones in seed order, whatever the batch size.
            guard kept() < count else { return }
            if StableHash.of(example.key.utf8) % 10_000 < UInt64(heldOutShare * 10_000) {
                output.heldOut.append(example)
            } else {
                output.training.append(example)
            }
        }
        while kept() < count, output.sampled < maximumSamples, Date().timeIntervalSince(start) < seconds {
            let seeds = (0..<batch).map { i in (k + i) * shards + shard }
                .filter { $0 < problems ?? .max }
                .map { seed &* 1_000_003 &+ UInt64($0) }
            k += batch
            if seeds.isEmpty { break }
            let results = Parallel.map(seeds, threads: threads) { miner.mine(seed: $0) }
            output.sampled += seeds.count
            for examples in results {
                for example in examples {
                    output.mined += 1
                    guard keys.insert(example.key).inserted else { output.duplicates += 1; continue }
                    if example.auxiliary.isEmpty, balance != nil {
                        pendingWithoutAuxiliary.append(example)
                    } else {
                        keep(example)
                    }
                }
            }
            // Examples without auxiliary points wait until enough with them exist.
            if let balance {
                let allowed = Int((Double(output.withAuxiliary) * balance).rounded(.up))
                let withoutNow = output.all.count - output.withAuxiliary
                let take = max(0, min(pendingWithoutAuxiliary.count, allowed - withoutNow, count - kept()))
                for example in pendingWithoutAuxiliary.prefix(take) { keep(example) }
                pendingWithoutAuxiliary.removeFirst(take)
            }
            output.seconds = Date().timeIntervalSince(start)
            progress?(output)
        }
        output.unbalanced = pendingWithoutAuxiliary.count
        output.seconds = Date().timeIntervalSince(start)
        return output
    }

    /// The position k of a random problem in its run (`seed &* 1_000_003 &+ k`) from the
    /// seed in an example's name (`synthetic_SEED_N`): the order of the unsharded run.
    public static func problemIndex(ofExampleNamed name: String, runSeed: UInt64) -> UInt64? {
        let parts = name.split(separator: "_")
        guard parts.count == 3, parts[0] == "synthetic", let problemSeed = UInt64(parts[1]) else { return nil }
        return problemSeed &- runSeed &* 1_000_003
    }
}
