import Foundation
import Gougu

/// One problem's line in a benchmark report.
struct BenchRecord: Codable, Equatable {
    /// The problem's position in the run's whole problem list (every problem of every
    /// input file, in order, from 0), whichever shard ran it.
    var index: Int
    var file: String
    var problem: String
    /// `proved`, `not proved`, `goal false in diagram`, `timeout`, `killed`, `crashed`, `error`.
    var status: String
    var proved: Bool
    var seconds: Double
    var steps: Int?
    var facts: Int?
    var detail: String?
    /// The auxiliary clauses the proof uses (empty: deduction alone; nil: no search ran).
    var auxiliary: [String]? = nil
    /// Where each auxiliary clause stood among the proposals of the state it extended (1:
    /// the proposer's first choice); nil when not known.
    var auxiliaryRanks: [Int]? = nil
    /// States the search evaluated.
    var states: Int? = nil
    /// The problem's process's largest resident memory, in MiB, as it reported it.
    var peakMemoryMebibytes: Double? = nil
    /// Whether the proof is a proof by coordinates (nil: not proved that way).
    var byCoordinates: Bool? = nil
}

extension BenchRecord {
    /// The auxiliary clauses, each with its rank when known: `x1 = midpoint x1 a b (rank 3)`.
    var auxiliaryText: String {
        let clauses = auxiliary ?? []
        guard let ranks = auxiliaryRanks, ranks.count == clauses.count else { return clauses.joined(separator: "; ") }
        return zip(clauses, ranks).map { "\($0) (rank \($1))" }.joined(separator: "; ")
    }
}

struct BenchTotals: Codable, Equatable {
    var problems: Int
    var proved: Int
    /// The sum of per-problem wall-clock seconds, unsolved problems included.
    var seconds: Double
    /// Wall-clock seconds for the whole batch (merged shards: the longest shard's).
    var wallSeconds: Double
    /// Problems run at once (merged shards: summed over the shards).
    var jobs: Int
    var timeout: Double
    /// The largest resident set of any problem's process, in MiB.
    var maxResidentMiB: Double
}

/// What a bench run was asked to do: the inputs, the settings that decide the verdicts,
/// and which shard of the problem list it ran. Shard reports merge only when everything
/// but the shard is equal.
struct BenchRun: Codable, Equatable {
    /// A problem file as given on the command line, how many problems it has, and a
    /// fingerprint of its bytes (FNV-1a, 64 bits, hex).
    struct Input: Codable, Equatable {
        var file: String
        var problems: Int
        var fingerprint: String
    }

    var inputs: [Input]
    var shard: Shard
    var timeout: Double
    var seed: UInt64
    var noAux: Bool
    var seededConfiguration: Bool
    /// When proofs by coordinates were tried (`first`, `last`, `off`), and for how long.
    var coordinates: String? = nil
    var coordinatesSeconds: Double? = nil

    /// Problems in all the inputs together.
    var totalProblems: Int { inputs.map(\.problems).reduce(0, +) }

    /// FNV-1a of the bytes: the same on every run and machine.
    static func fingerprint(_ data: Data) -> String {
        String(StableHash.of(data), radix: 16)
    }
}

/// A benchmark report: the run, one record per problem in list order, and totals.
struct BenchReport: Codable, Equatable {
    var run: BenchRun
    var problems: [BenchRecord]
    var totals: BenchTotals

    /// Totals of `problems`; the timings and resources are the caller's.
    static func totals(of problems: [BenchRecord], wallSeconds: Double, jobs: Int, timeout: Double, maxResidentMiB: Double) -> BenchTotals {
        BenchTotals(problems: problems.count, proved: problems.filter(\.proved).count,
                    seconds: problems.map(\.seconds).reduce(0, +), wallSeconds: wallSeconds,
                    jobs: jobs, timeout: timeout, maxResidentMiB: maxResidentMiB)
    }
}

// MARK: - Formats

extension BenchReport {
    /// The table per problem and the totals, as Markdown.
    var markdown: String {
        var lines = ["| problem | status | seconds | steps | facts | states | peak MiB | auxiliary |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        for r in problems {
            let aux = r.byCoordinates == true ? "(proof by coordinates)"
                : r.auxiliary.map { $0.isEmpty ? (r.proved ? "none" : "") : r.auxiliaryText } ?? (r.proved ? "none" : "")
            lines.append("| \(r.problem) | \(r.status) | \(String(format: "%.2f", r.seconds)) | \(r.steps.map(String.init) ?? "") | \(r.facts.map(String.init) ?? "") | \(r.states.map(String.init) ?? "") | \(r.peakMemoryMebibytes.map { String(format: "%.0f", $0) } ?? "") | \(aux) |")
        }
        let t = totals
        lines.append("")
        if run.shard.count > 1 {
            let first = run.shard.positions(of: run.totalProblems).prefix(3).map(String.init).joined(separator: ", ")
            lines.append("Shard \(run.shard): \(problems.count) of the \(run.totalProblems) problems (positions \(first), ... counted from 0).")
        }
        let withAux = problems.filter { $0.proved && !($0.auxiliary ?? []).isEmpty }
        let byCoordinates = problems.filter { $0.proved && $0.byCoordinates == true }
        lines.append("Proved with auxiliary points: \(withAux.count)\(withAux.isEmpty ? "" : " (" + withAux.map(\.problem).joined(separator: ", ") + ")"); "
                     + "by coordinates: \(byCoordinates.count)\(byCoordinates.isEmpty ? "" : " (" + byCoordinates.map(\.problem).joined(separator: ", ") + ")"); "
                     + "by deduction alone: \(problems.filter(\.proved).count - withAux.count - byCoordinates.count).")
        let badInput = problems.filter { $0.status == "bad input" }.count
        lines.append("Proved \(t.proved) of \(t.problems)\(badInput > 0 ? " (\(badInput) bad input)" : ""); \(String(format: "%.2f", t.seconds)) s summed over problems, \(String(format: "%.2f", t.wallSeconds)) s wall clock with \(t.jobs) jobs; timeout \(t.timeout) s; largest process \(String(format: "%.1f", t.maxResidentMiB)) MiB.")
        return lines.joined(separator: "\n")
    }

    /// One row per problem, with a header.
    var csv: String {
        var lines = ["file,problem,status,proved,seconds,steps,facts,states,peak_mib,auxiliary"]
        for r in problems {
            let aux = "\"" + (r.auxiliary ?? []).joined(separator: "; ") + "\""
            lines.append("\(r.file),\(r.problem),\(r.status),\(r.proved),\(String(format: "%.3f", r.seconds)),\(r.steps.map(String.init) ?? ""),\(r.facts.map(String.init) ?? ""),\(r.states.map(String.init) ?? ""),\(r.peakMemoryMebibytes.map { String(format: "%.1f", $0) } ?? ""),\(aux)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole report as JSON (snake_case keys, sorted): what `gougu bench --merge` reads.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Writes the report in the format its extension names (json, csv, otherwise Markdown);
    /// exits with status 2 when it cannot.
    func write(to path: String) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        switch url.pathExtension {
        case "json": data = (try? json()) ?? Data()
        case "csv": data = Data(csv.utf8)
        default: data = Data((markdown + "\n").utf8)
        }
        FileAccess.writeOrFail(data, to: path, what: "the report")
    }

    /// Reads a JSON report that `gougu bench --report PATH.json` wrote; exits with status 2,
    /// naming the file and what is wrong, when it cannot.
    static func read(_ path: String) -> BenchReport {
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): error: cannot read the file") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(BenchReport.self, from: data)
        } catch let error as DecodingError {
            fail("\(path): error: not a gougu bench JSON report: \(describe(error))")
        } catch {
            fail("\(path): error: not a gougu bench JSON report")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.isEmpty ? "" : " at '" + path.enumerated().map { i, key in
                key.intValue.map { "[\($0)]" } ?? (i == 0 ? "" : ".") + key.stringValue
            }.joined() + "'"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)'\(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(context.debugDescription)\(at(context.codingPath))"
        case .dataCorrupted(let context): return "invalid JSON\(at(context.codingPath)) (\(context.debugDescription))"
        @unknown default: return "\(error)"
        }
    }
}
