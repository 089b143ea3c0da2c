import ArgumentParser
import Foundation
import Gougu

/// One problem's line in a benchmark report.
struct BenchRecord: Codable {
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
    /// States the search evaluated.
    var states: Int? = nil
}

struct BenchTotals: Codable {
    var problems: Int
    var proved: Int
    /// The sum of per-problem wall-clock seconds, unsolved problems included.
    var seconds: Double
    /// Wall-clock seconds for the whole batch.
    var wallSeconds: Double
    var jobs: Int
    var timeout: Double
    /// The largest resident set of any problem's process, in MiB.
    var maxResidentMiB: Double
}

struct BenchReport: Codable {
    var problems: [BenchRecord]
    var totals: BenchTotals
}

/// `gougu bench`: every problem of the files, each in its own process and time budget,
/// in parallel; a table per problem and totals.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run every problem of the files in parallel, each in its own process and budget, and report.",
        discussion: "A crash or a hang in one problem never takes the batch down: it is reported as such. Exit status 0 when the batch ran, 2 on bad input."
    )

    @ArgumentParser.Argument(help: "Problem files.")
    var files: [String]

    @Option(help: "Seconds allowed per problem.")
    var timeout: Double = 60

    @Option(help: "Problems run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The diagram's random seed.")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Write a report: PATH.json, PATH.csv or PATH.md.")
    var report: String?

    @Flag(help: "Deduction only: no search over auxiliary constructions.")
    var noAux = false

    @OptionGroup var proposerOptions: ProposerOptions

    @Option(help: "Threads each problem's search uses (default: the number of cores divided by --jobs).")
    var searchWorkers: Int?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one problem file") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let report, !["json", "csv", "md"].contains(URL(fileURLWithPath: report).pathExtension) {
            throw ValidationError("--report must end in .json, .csv or .md")
        }
    }

    struct Running {
        var process: Process
        var file: String
        var problem: String
        var output: URL
        var started: Date
    }

    func run() throws {
        var tasks: [(file: String, problem: String)] = []
        for file in files {
            for problem in try loadProblemFile(file) { tasks.append((file, problem.name)) }
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-bench-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The progress bar goes to standard error, so that standard output stays the report.
        let interactive = isatty(STDERR_FILENO) != 0
        let batchStart = Date()
        var pending = tasks[...]
        var running: [Running] = []
        var records: [BenchRecord] = []
        // A problem gets its budget plus time to build its diagram and write its proof.
        let hardLimit = timeout * 1.5 + 5

        while !pending.isEmpty || !running.isEmpty {
            while running.count < jobs, let task = pending.popFirst() {
                let output = scratch.appendingPathComponent("\(records.count + running.count).json")
                FileManager.default.createFile(atPath: output.path, contents: nil)
                let process = Process()
                process.executableURL = executable
                process.arguments = ["solve", task.file, "--problem", task.problem, "--timeout", "\(timeout)", "--seed", "\(seed)", "--json",
                                     "--search-workers", "\(searchWorkers ?? max(1, ProcessInfo.processInfo.activeProcessorCount / jobs))"]
                    + proposerOptions.arguments
                    + (noAux ? ["--no-aux"] : [])
                    + (configurationOptions.seededConfiguration ? ["--seeded-configuration"] : [])
                process.standardOutput = try FileHandle(forWritingTo: output)
                process.standardError = FileHandle.nullDevice
                try process.run()
                running.append(Running(process: process, file: task.file, problem: task.problem, output: output, started: Date()))
            }
            usleep(10_000)
            var still: [Running] = []
            for job in running {
                let elapsed = Date().timeIntervalSince(job.started)
                if job.process.isRunning {
                    if elapsed > hardLimit {
                        kill(job.process.processIdentifier, SIGKILL)
                        job.process.waitUntilExit()
                        records.append(BenchRecord(file: job.file, problem: job.problem, status: "killed", proved: false, seconds: elapsed,
                                                   detail: "still running after \(Int(hardLimit)) s"))
                        progress(records, total: tasks.count, interactive: interactive)
                    } else {
                        still.append(job)
                    }
                    continue
                }
                records.append(record(for: job, seconds: elapsed))
                progress(records, total: tasks.count, interactive: interactive)
            }
            running = still
        }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }

        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let ordered = tasks.compactMap { task in records.first { $0.file == task.file && $0.problem == task.problem } }
        let totals = BenchTotals(problems: ordered.count, proved: ordered.filter(\.proved).count,
                                 seconds: ordered.map(\.seconds).reduce(0, +), wallSeconds: Date().timeIntervalSince(batchStart),
                                 jobs: jobs, timeout: timeout, maxResidentMiB: Double(usage.ru_maxrss) / 1024)
        let result = BenchReport(problems: ordered, totals: totals)
        print(markdown(result))
        if let report { write(result, to: report) }
    }

    private func record(for job: Running, seconds: Double) -> BenchRecord {
        var record = BenchRecord(file: job.file, problem: job.problem, status: "error", proved: false, seconds: seconds)
        let text = (try? String(contentsOf: job.output, encoding: .utf8)) ?? ""
        if job.process.terminationReason == .uncaughtSignal {
            record.status = "crashed"
            record.detail = "signal \(job.process.terminationStatus)"
            return record
        }
        guard let line = text.split(separator: "\n").first,
              let solved = try? decoder().decode(SolveRecord.self, from: Data(line.utf8)) else {
            record.detail = "exit status \(job.process.terminationStatus)"
            return record
        }
        record.proved = solved.proved
        record.steps = solved.steps
        record.facts = solved.facts
        record.auxiliary = solved.auxiliary
        record.states = solved.statesExpanded
        record.status = solved.proved ? "proved"
            : solved.stopReason == StopReason.timeout.rawValue ? "timeout"
            : solved.stopReason == StopReason.goalFalseInDiagram.rawValue ? "goal false in diagram"
            : "not proved"
        if !solved.proved { record.detail = solved.stopReason }
        return record
    }

    private func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    private func progress(_ records: [BenchRecord], total: Int, interactive: Bool) {
        let proved = records.filter(\.proved).count
        if interactive {
            let width = 30
            let filled = total == 0 ? width : records.count * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(records.count)/\(total), \(proved) proved".utf8))
        } else if let last = records.last {
            FileHandle.standardError.write(Data("[\(records.count)/\(total)] \(last.problem): \(last.status) (\(String(format: "%.2f", last.seconds)) s)\n".utf8))
        }
    }

    private func markdown(_ report: BenchReport) -> String {
        var lines = ["| problem | status | seconds | steps | facts | states | auxiliary |", "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
        for r in report.problems {
            let aux = r.auxiliary.map { $0.isEmpty ? (r.proved ? "none" : "") : $0.joined(separator: "; ") } ?? (r.proved ? "none" : "")
            lines.append("| \(r.problem) | \(r.status) | \(String(format: "%.2f", r.seconds)) | \(r.steps.map(String.init) ?? "") | \(r.facts.map(String.init) ?? "") | \(r.states.map(String.init) ?? "") | \(aux) |")
        }
        let t = report.totals
        lines.append("")
        let withAux = report.problems.filter { $0.proved && !($0.auxiliary ?? []).isEmpty }
        lines.append("Proved with auxiliary points: \(withAux.count)\(withAux.isEmpty ? "" : " (" + withAux.map(\.problem).joined(separator: ", ") + ")"); by deduction alone: \(report.problems.filter(\.proved).count - withAux.count).")
        lines.append("Proved \(t.proved) of \(t.problems); \(String(format: "%.2f", t.seconds)) s summed over problems, \(String(format: "%.2f", t.wallSeconds)) s wall clock with \(t.jobs) jobs; timeout \(t.timeout) s; largest process \(String(format: "%.1f", t.maxResidentMiB)) MiB.")
        return lines.joined(separator: "\n")
    }

    private func write(_ report: BenchReport, to path: String) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        switch url.pathExtension {
        case "json":
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            data = (try? encoder.encode(report)) ?? Data()
        case "csv":
            var lines = ["file,problem,status,proved,seconds,steps,facts,states,auxiliary"]
            for r in report.problems {
                let aux = "\"" + (r.auxiliary ?? []).joined(separator: "; ") + "\""
                lines.append("\(r.file),\(r.problem),\(r.status),\(r.proved),\(String(format: "%.3f", r.seconds)),\(r.steps.map(String.init) ?? ""),\(r.facts.map(String.init) ?? ""),\(r.states.map(String.init) ?? ""),\(aux)")
            }
            data = Data((lines.joined(separator: "\n") + "\n").utf8)
        default:
            data = Data((markdown(report) + "\n").utf8)
        }
        do { try data.write(to: url) } catch { fail("\(path): error: cannot write the report") }
    }
}
