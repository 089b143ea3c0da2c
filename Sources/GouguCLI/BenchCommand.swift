import ArgumentParser
import Foundation
import Gougu

/// `gougu bench`: every problem of the files, each in its own process and time budget,
/// in parallel; a table per problem and totals.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run every problem of the files in parallel, each in its own process and budget, and report.",
        discussion: """
            A crash or a hang in one problem never takes the batch down: it is reported as such. \
            With --shard I/N only the problems at positions I, I + N, I + 2N, ... of the whole list \
            (every problem of the files, in order, from 0) run; the JSON reports of shards 0/N ... \
            N-1/N merge with `gougu bench --merge A.json B.json ... --report OUT.{json,csv,md}` into \
            the report of the unsharded run. Exit status 0 when the batch ran (or the reports \
            merged), 2 on bad input.
            """
    )

    @ArgumentParser.Argument(help: "Problem files.")
    var files: [String] = []

    @Option(help: "Seconds allowed per problem.")
    var timeout: Double = 60

    @Option(help: "Problems run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The diagram's random seed.")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Write a report: PATH.json, PATH.csv or PATH.md.")
    var report: String?

    @Option(help: "Write each proof as an HTML page in this folder (NAME.html), and index.html, the report's table linking them.")
    var html: String?

    @Flag(help: "Deduction only: no search over auxiliary constructions, and no proof by coordinates unless --coordinates is given.")
    var noAux = false

    @OptionGroup var proposerOptions: ProposerOptions

    @OptionGroup var searchOptions: SearchOptions

    @OptionGroup var coordinateOptions: CoordinateOptions

    @Option(help: "Threads each problem's search uses (default: the number of cores divided by --jobs).")
    var searchWorkers: Int?

    @Option(help: "Run only this shard of the problem list, as I/N (0 <= I < N): the problems at positions I, I + N, I + 2N, ...")
    var shard: String = "0/1"

    @Option(parsing: .upToNextOption, help: "Merge these JSON shard reports into --report instead of running.")
    var merge: [String] = []

    func validate() throws {
        guard Shard(shard) != nil else { throw ValidationError("--shard must be I/N with 0 <= I < N, got '\(shard)'") }
        if !merge.isEmpty {
            guard files.isEmpty else { throw ValidationError("--merge takes JSON reports, not problem files: give no problem file with it") }
            guard report != nil else { throw ValidationError("--merge needs --report PATH.{json,csv,md}") }
            guard shard == "0/1" else { throw ValidationError("--shard is for running a shard, not for --merge") }
        } else {
            guard !files.isEmpty else { throw ValidationError("give at least one problem file") }
        }
        try requireLimit(timeout, "--timeout")
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let report, !["json", "csv", "md"].contains(URL(fileURLWithPath: report).pathExtension) {
            throw ValidationError("--report must end in .json, .csv or .md")
        }
    }

    struct Running {
        var process: Process
        var task: Task
        var output: URL
        var started: Date
    }

    /// A problem to run: its position in the whole list, its file and its name (and, for a
    /// problem that cannot be read, why: it gets a `bad input` row and is not run).
    struct Task {
        var index: Int
        var file: String
        var problem: String
        var badInput: Diagnostic? = nil
    }

    func run() throws {
        if !merge.isEmpty { return mergeReports() }
        let (benchRun, allTasks) = try plan()
        let tasks = benchRun.shard.positions(of: allTasks.count).map { allTasks[$0] }
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
        var pageNames = OutputNames()
        let pages = Dictionary(uniqueKeysWithValues: tasks.map { ($0.index, pageNames.name(for: $0.problem) + ".html") })
        if let html { FileAccess.makeDirectory(html, what: "the folder of proof pages") }
        // A problem gets its budget plus time to build its diagram and write its proof.
        let hardLimit = timeout * 1.5 + 5

        while !pending.isEmpty || !running.isEmpty {
            while running.count < jobs, let task = pending.popFirst() {
                if let diagnostic = task.badInput {
                    records.append(BenchRecord(index: task.index, file: task.file, problem: task.problem, status: "bad input", proved: false,
                                               seconds: 0, detail: diagnostic.description))
                    progress(records, total: tasks.count, interactive: interactive)
                    continue
                }
                let output = scratch.appendingPathComponent("\(records.count + running.count).json")
                // Failure shows below: FileHandle(forWritingTo:) throws for a missing file.
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                // Each problem is solved (through `Solver`) by a `gougu solve` process of its own,
                // given the same option groups: a crash, a hang or a blown memory budget ends that
                // process only and becomes a row, and each row's peak memory is its own.
                let process = Process()
                process.executableURL = executable
                process.arguments = ["solve", task.file, "--problem", task.problem, "--timeout", "\(timeout)", "--seed", "\(seed)", "--json",
                                     "--search-workers", "\(searchWorkers ?? max(1, ProcessInfo.processInfo.activeProcessorCount / jobs))"]
                    + proposerOptions.arguments
                    + searchOptions.arguments
                    + (noAux ? ["--no-aux"] : [])
                    + coordinateOptions.arguments(noAux: noAux)
                    + (configurationOptions.seededConfiguration ? ["--seeded-configuration"] : [])
                    + (html.map { ["--html", ($0 as NSString).appendingPathComponent(pages[task.index]!)] } ?? [])
                process.standardOutput = try FileHandle(forWritingTo: output)
                process.standardError = FileHandle.nullDevice
                try process.run()
                running.append(Running(process: process, task: task, output: output, started: Date()))
            }
            usleep(10_000)
            var still: [Running] = []
            for job in running {
                let elapsed = Date().timeIntervalSince(job.started)
                if job.process.isRunning {
                    if elapsed > hardLimit {
                        kill(job.process.processIdentifier, SIGKILL)
                        job.process.waitUntilExit()
                        records.append(BenchRecord(index: job.task.index, file: job.task.file, problem: job.task.problem, status: "killed", proved: false, seconds: elapsed,
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
        let ordered = records.sorted { $0.index < $1.index }
        let totals = BenchReport.totals(of: ordered, wallSeconds: Date().timeIntervalSince(batchStart), jobs: jobs,
                                        timeout: timeout, maxResidentMiB: Double(usage.ru_maxrss) / 1024)
        let result = BenchReport(run: benchRun, problems: ordered, totals: totals)
        print(result.markdown)
        if let report { result.write(to: report) }
        if let html {
            let index = BenchPages.index(of: result, pages: pages, folder: html)
            FileAccess.writeOrFail(Data(index.utf8), to: (html as NSString).appendingPathComponent("index.html"), what: "the index of proof pages")
        }
        // Bad input only when no problem of the files could be read.
        if !ordered.isEmpty, ordered.allSatisfy({ $0.status == "bad input" }) { throw ExitCode(2) }
    }

    /// The run these options ask for and every problem of the input files, in order.
    private func plan() throws -> (BenchRun, [Task]) {
        var tasks: [Task] = []
        var inputs: [BenchRun.Input] = []
        for file in files {
            let read = readProblemFile(file)
            let bytes = FileManager.default.contents(atPath: file) ?? Data()
            inputs.append(BenchRun.Input(file: file, problems: read.entries.count, fingerprint: BenchRun.fingerprint(bytes)))
            for entry in read.entries {
                switch entry {
                case .problem(let problem):
                    tasks.append(Task(index: tasks.count, file: file, problem: problem.name))
                case .unreadable(let name, let diagnostic):
                    warn(diagnostic.description)
                    tasks.append(Task(index: tasks.count, file: file, problem: name ?? "(line \(diagnostic.location.line))", badInput: diagnostic))
                }
            }
        }
        let run = BenchRun(inputs: inputs, shard: Shard(shard)!, timeout: timeout, seed: seed, noAux: noAux,
                           seededConfiguration: configurationOptions.seededConfiguration,
                           coordinates: coordinateOptions.order(noAux: noAux).rawValue,
                           coordinatesSeconds: coordinateOptions.coordinatesSeconds)
        return (run, tasks)
    }

    /// `--merge`: reads the shard reports, merges them (or exits with status 2 saying why
    /// they do not make up one run), prints the table and writes `--report`.
    private func mergeReports() {
        let reports = merge.map { (path: $0, report: BenchReport.read($0)) }
        do {
            let merged = try BenchMerge.merge(reports)
            print(merged.markdown)
            merged.write(to: report!)
        } catch let failure as BenchMerge.Failure {
            fail(failure.description)
        } catch {
            fail("--merge: error: \(error)")
        }
    }

    private func record(for job: Running, seconds: Double) -> BenchRecord {
        var record = BenchRecord(index: job.task.index, file: job.task.file, problem: job.task.problem, status: "error", proved: false, seconds: seconds)
        let text = (try? String(contentsOf: job.output, encoding: .utf8)) ?? ""
        if job.process.terminationReason == .uncaughtSignal {
            record.status = "crashed"
            record.detail = "signal \(job.process.terminationStatus)"
            return record
        }
        guard let line = text.split(separator: "\n").first,
              let solved = try? decoder().decode(SolveRecord.self, from: Data(line.utf8)) else {
            record.detail = "exit status \(job.process.terminationStatus)"
            if job.process.terminationStatus == 2 { record.status = "bad input" }
            return record
        }
        record.proved = solved.proved
        record.steps = solved.steps
        record.facts = solved.facts
        record.auxiliary = solved.auxiliary
        record.auxiliaryRanks = solved.auxiliaryRanks
        record.peakMemoryMebibytes = solved.peakMemoryMebibytes
        record.states = solved.statesExpanded
        if solved.coordinateProof != nil { record.byCoordinates = true }
        record.status = solved.proved ? "proved"
            : solved.stopReason == StopReason.timeout.rawValue ? "timeout"
            : solved.stopReason == StopReason.goalFalseInDiagram.rawValue ? "goal false in diagram"
            : "not proved"
        if !solved.proved { record.detail = solved.stopReason }
        // A proof the checker rejected: never proved, and a bug to report.
        if job.process.terminationStatus == 3 { record.status = "internal error" }
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
}
