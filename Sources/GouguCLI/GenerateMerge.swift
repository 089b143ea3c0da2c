import Foundation
import Gougu

/// Merges `gougu generate` output directories into one corpus (`train.txt`, `heldout.txt`).
///
/// Unsharded files (`train.txt`) come first, in the order the directories are given. Shard
/// files (`train-I-of-N.txt`) must make up whole runs: for each N, shards 0 ... N-1 each
/// exactly once, all of one seed and the same options (read from `summary-I-of-N.json`).
/// A run's shards are interleaved back into the order of its random problems, so that of
/// two examples equal up to point renaming the one the unsharded run keeps is kept.
enum GenerateMerge {
    /// Why directories do not merge; `description` is the diagnostic.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A shard's files in one directory, and the options its summary records.
    struct ShardFiles {
        var directory: String
        var shard: Shard
        /// The summary's seed, count, problems, balance, steps, style and goal order: equal for shards of one run.
        var options: [String: String]
        var seed: UInt64
    }

    /// Merges `directories` into `out`; returns the examples written and the duplicates dropped.
    static func merge(_ directories: [String], into out: String) throws -> (written: Int, duplicates: Int) {
        var unsharded: [String] = []
        var runs: [Int: [ShardFiles]] = [:]
        for directory in directories {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                throw Failure(description: "\(directory): error: not a readable directory")
            }
            if files.contains("train.txt") { unsharded.append(directory) }
            for file in files.sorted() {
                guard let shard = shard(ofTrainingFile: file) else { continue }
                runs[shard.count, default: []].append(try shardFiles(directory, shard))
            }
        }
        for (count, shards) in runs { try checkWholeRun(shards, count: count) }
        var seen = Set<String>()
        var written = 0, duplicates = 0
        var texts: [(file: String, text: String)] = []
        for part in ["train", "heldout"] {
            var lines: [String] = []
            for directory in unsharded {
                lines += try examples(in: (directory as NSString).appendingPathComponent("\(part).txt"))
            }
            for count in runs.keys.sorted() {
                lines += try interleaved(part, runs[count]!)
            }
            let kept = lines.filter { seen.insert(ExampleMiner.canonicalKey(field(1, of: $0))).inserted }
            duplicates += lines.count - kept.count
            written += kept.count
            texts.append(("\(part).txt", kept.joined(separator: "\n") + (kept.isEmpty ? "" : "\n")))
        }
        // Written only once every input was read: a broken file leaves nothing half merged.
        for (file, text) in texts {
            try text.write(toFile: (out as NSString).appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return (written, duplicates)
    }

    /// The shard of a `train-I-of-N.txt` name, or nil for any other file.
    static func shard(ofTrainingFile file: String) -> Shard? {
        guard file.hasPrefix("train-"), file.hasSuffix(".txt") else { return nil }
        let parts = file.dropFirst("train-".count).dropLast(".txt".count).components(separatedBy: "-of-")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else { return nil }
        return Shard(index: i, count: n)
    }

    /// A shard's files, with the seed and options its summary records.
    private static func shardFiles(_ directory: String, _ shard: Shard) throws -> ShardFiles {
        let suffix = "-\(shard.index)-of-\(shard.count)"
        let summaryPath = (directory as NSString).appendingPathComponent("summary\(suffix).json")
        guard let data = FileManager.default.contents(atPath: summaryPath),
              let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let seed = (summary["seed"] as? NSNumber)?.uint64Value else {
            throw Failure(description: "\(summaryPath): error: missing or without a seed: cannot tell which run shard \(shard) is of")
        }
        guard FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("heldout\(suffix).txt")) else {
            throw Failure(description: "\(directory): error: train\(suffix).txt without heldout\(suffix).txt")
        }
        // Summaries written before an option existed ran with its default.
        let defaults = ["steps": GenerateCommand.defaultSteps, "style": "none", "prefer_larger_problems": "0"]
        var options: [String: String] = [:]
        for key in ["seed", "count", "problems", "balance", "steps", "style", "prefer_larger_problems"] {
            options[key] = summary[key].map { $0 is NSNull ? "none" : "\($0)" } ?? defaults[key] ?? "unknown"
        }
        return ShardFiles(directory: directory, shard: shard, options: options, seed: seed)
    }

    /// Shards 0 ... N-1 each exactly once, all with the options of the first.
    private static func checkWholeRun(_ shards: [ShardFiles], count: Int) throws {
        var byIndex: [Int: ShardFiles] = [:]
        for files in shards {
            if let other = byIndex[files.shard.index] {
                throw Failure(description: "\(files.directory): error: shard \(files.shard) is also in \(other.directory) (overlapping shards)")
            }
            byIndex[files.shard.index] = files
            let first = shards[0]
            for key in files.options.keys.sorted() where files.options[key] != first.options[key] {
                throw Failure(description: "\(files.directory): error: shard \(files.shard) has \(key) \(files.options[key]!), shard \(first.shard) in \(first.directory) has \(first.options[key] ?? "unknown") (not shards of one run)")
            }
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let given = byIndex.keys.sorted().map { "\($0)/\(count)" }.joined(separator: ", ")
            throw Failure(description: "--merge: error: missing shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) (given: \(given))")
        }
    }

    /// The examples of one part of a run's shards, in the order of the run's random problems
    /// (each shard's file is in that order already; one problem's examples stay together).
    private static func interleaved(_ part: String, _ shards: [ShardFiles]) throws -> [String] {
        var keyed: [(problem: UInt64, line: String)] = []
        for files in shards.sorted(by: { $0.shard.index < $1.shard.index }) {
            let path = (files.directory as NSString).appendingPathComponent("\(part)-\(files.shard.index)-of-\(files.shard.count).txt")
            for (number, line) in try examples(in: path).enumerated() {
                guard let problem = SyntheticGenerator.problemIndex(ofExampleNamed: field(0, of: line), runSeed: files.seed) else {
                    throw Failure(description: "\(path):\(number + 1):1: error: expected an example name synthetic_SEED_N, found '\(field(0, of: line))'")
                }
                keyed.append((problem, line))
            }
        }
        // A stable sort: examples of one problem keep their order.
        return keyed.enumerated().sorted { ($0.element.problem, $0.offset) < ($1.element.problem, $1.offset) }.map(\.element.line)
    }

    /// The lines of an example file, each checked to have the six fields (five in files
    /// written before the search trace was).
    private static func examples(in path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure(description: "\(path): error: not readable as UTF-8") }
        return try text.split(separator: "\n").enumerated().map { number, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).count
            guard fields == 6 || fields == 5 else {
                throw Failure(description: "\(path):\(number + 1):1: error: expected 6 tab-separated fields (name, problem, auxiliary, needed, proof, search trace), found \(fields)")
            }
            return String(line)
        }
    }

    private static func field(_ index: Int, of line: String) -> String {
        String(line.split(separator: "\t", omittingEmptySubsequences: false)[index])
    }
}
