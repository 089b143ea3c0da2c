import Foundation

/// Merges the JSON reports of the shards of one bench run into the report the unsharded
/// run would have written: the same run (shard 0/1), every problem once in list order, and
/// totals over them. Timings differ: the wall clock is the longest shard's, and `jobs` is
/// summed over the shards.
enum BenchMerge {
    /// Why shard reports do not merge; `description` is the diagnostic.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The merged report of `reports` (path, report), or the first reason they do not make
    /// up exactly one run: a different run, shards of different splits, a shard given
    /// twice, a shard whose problems are not its slice, a shard missing.
    static func merge(_ reports: [(path: String, report: BenchReport)]) throws -> BenchReport {
        guard let (firstPath, first) = reports.first else { throw Failure(description: "--merge: error: give the JSON reports of the shards") }
        var byShard: [Int: String] = [:]
        for (path, report) in reports {
            try checkSameRun(report.run, path: path, as: first.run, of: firstPath)
            if let other = byShard[report.run.shard.index] {
                throw Failure(description: "\(path): error: shard \(report.run.shard) is also given by \(other) (overlapping shards)")
            }
            byShard[report.run.shard.index] = path
            try checkSlice(report, path: path)
        }
        let count = first.run.shard.count
        let missing = (0..<count).filter { byShard[$0] == nil }
        guard missing.isEmpty else {
            let given = byShard.keys.sorted().map { "\($0)/\(count)" }.joined(separator: ", ")
            let names = missing.map { "\($0)/\(count)" }.joined(separator: ", ")
            throw Failure(description: "--merge: error: missing shard\(missing.count > 1 ? "s" : "") \(names) (given: \(given))")
        }
        return merged(reports.map(\.report))
    }

    /// The merge of shard reports already checked to make up one run.
    private static func merged(_ reports: [BenchReport]) -> BenchReport {
        var run = reports[0].run
        run.shard = .whole
        let problems = reports.flatMap(\.problems).sorted { $0.index < $1.index }
        let totals = BenchReport.totals(of: problems, wallSeconds: reports.map(\.totals.wallSeconds).max() ?? 0,
                                        jobs: reports.map(\.totals.jobs).reduce(0, +), timeout: run.timeout,
                                        maxResidentMiB: reports.map(\.totals.maxResidentMiB).max() ?? 0)
        return BenchReport(run: run, problems: problems, totals: totals)
    }

    /// Everything but the shard index must be equal: inputs, settings and the split.
    private static func checkSameRun(_ run: BenchRun, path: String, as reference: BenchRun, of referencePath: String) throws {
        func differ(_ what: String) -> Failure {
            Failure(description: "\(path): error: \(what) differs from \(referencePath)'s (not shards of one run)")
        }
        if run.inputs.map(\.file) != reference.inputs.map(\.file) {
            throw Failure(description: "\(path): error: input files \(run.inputs.map(\.file)) differ from \(referencePath)'s \(reference.inputs.map(\.file)) (not shards of one run)")
        }
        for (input, other) in zip(run.inputs, reference.inputs) where input != other {
            throw Failure(description: "\(path): error: input \(input.file) (\(input.problems) problems, fingerprint \(input.fingerprint)) differs from \(referencePath)'s (\(other.problems) problems, fingerprint \(other.fingerprint)) (not shards of one run)")
        }
        if run.timeout != reference.timeout { throw differ("--timeout (\(run.timeout) against \(reference.timeout))") }
        if run.seed != reference.seed { throw differ("--seed (\(run.seed) against \(reference.seed))") }
        if run.noAux != reference.noAux { throw differ("--no-aux (\(run.noAux ? "given" : "not given") here)") }
        if run.seededConfiguration != reference.seededConfiguration {
            throw differ("--seeded-configuration (\(run.seededConfiguration ? "given" : "not given") here)")
        }
        if run.shard.count != reference.shard.count {
            throw Failure(description: "\(path): error: shard \(run.shard) is of another split than \(referencePath)'s shard \(reference.shard)")
        }
    }

    /// A shard's records must be exactly its slice of the problem list, in order.
    private static func checkSlice(_ report: BenchReport, path: String) throws {
        let expected = report.run.shard.positions(of: report.run.totalProblems)
        let indices = report.problems.map(\.index)
        guard indices != expected else { return }
        let missing = Set(expected).subtracting(indices).sorted()
        let extra = Set(indices).subtracting(expected).sorted()
        var what: [String] = []
        if !missing.isEmpty { what.append("lacks problem\(missing.count > 1 ? "s" : "") \(list(missing))") }
        if !extra.isEmpty { what.append("has problem\(extra.count > 1 ? "s" : "") \(list(extra)) of other shards") }
        if what.isEmpty { what.append("lists its problems out of order or twice") }
        throw Failure(description: "\(path): error: shard \(report.run.shard) \(what.joined(separator: " and ")) (positions in the problem list, from 0)")
    }

    private static func list(_ indices: [Int]) -> String {
        indices.prefix(5).map(String.init).joined(separator: ", ") + (indices.count > 5 ? ", ..." : "")
    }
}
