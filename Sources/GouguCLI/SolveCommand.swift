import ArgumentParser
import Foundation
import Gougu

/// One problem's outcome, as `gougu solve --json` prints it (one JSON object per line)
/// and as `gougu bench` reads it back.
struct SolveRecord: Codable {
    var problem: String
    var proved: Bool
    var stopReason: String
    var seconds: Double
    var rounds: Int
    var facts: Int
    var steps: Int?
    var proof: Proof?
    /// The auxiliary clauses the proof uses (empty when deduction alone proved the goal;
    /// nil when the search did not run).
    var auxiliary: [String]? = nil
    /// Where each of the search's auxiliary clauses stood among the proposals of the state it
    /// extended (1: the proposer's first choice); nil when the search found no proof.
    var auxiliaryRanks: [Int]? = nil
    /// The augmented statement the proof is a proof of, when auxiliary clauses were added.
    var statement: String? = nil
    /// States the search evaluated, and its seconds (nil when it did not run).
    var statesExpanded: Int? = nil
    var searchSeconds: Double? = nil
    /// Why the search stopped.
    var searchStopReason: String? = nil
    /// The proof by coordinates, as text, when that is how the goal was proved.
    var coordinateProof: String? = nil
    /// Its certificate (`gougu-coordinates/1`), which `gougu check` checks.
    var coordinateCertificate: CoordinateCertificate? = nil
    /// Why the proof by coordinates failed, when it was tried and failed.
    var coordinateFailure: String? = nil
    /// Seconds the checker took to accept the proof before it was reported.
    var checkSeconds: Double? = nil
    /// The largest resident memory of the process so far, in MiB (the problem's own peak
    /// when the process solves one problem, as each of `gougu bench`'s does).
    var peakMemoryMebibytes: Double? = nil
    /// The answer to the problem's question (`acompute`, `rcompute`), when proved: the
    /// statement of the value, and the value ("90°", "3/2").
    var answer: String? = nil
    var value: String? = nil
}

extension SolveRecord {
    /// The largest resident set of this process so far, in MiB (`getrusage`; nil where it
    /// reports none).
    static func peakResidentMiB() -> Double? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        return Double(usage.ru_maxrss) / 1024
    }

    /// The record of an outcome.
    init(_ outcome: SolveOutcome) {
        let result = outcome.engine
        self.init(problem: outcome.problem.name, proved: outcome.proved, stopReason: outcome.stopReason, seconds: outcome.seconds,
                  rounds: result?.rounds.count ?? 0, facts: result?.store.facts.count ?? 0, steps: outcome.proof?.steps.count,
                  proof: outcome.proof)
        if let answer = outcome.answer {
            self.answer = outcome.problem.text(of: answer)
            value = Question.valueText(of: answer)
        }
        if let search = outcome.search {
            auxiliary = search.auxiliary + (search.identification.map { ["\($0.restatement.clause) (identification)"] } ?? [])
            if !search.auxiliary.isEmpty { auxiliaryRanks = search.auxiliaryRanks }
            statesExpanded = search.statesExpanded
            searchSeconds = search.seconds
            searchStopReason = search.stopReason.rawValue
            if !search.auxiliary.isEmpty || search.identification != nil { statement = outcome.provedProblem.writtenText }
        }
        coordinateProof = outcome.coordinateProof?.text
        if let proof = outcome.coordinateProof, let diagram = outcome.diagram { coordinateCertificate = proof.certificate(on: diagram) }
        coordinateFailure = outcome.coordinates?.failure?.description
        checkSeconds = outcome.checkSeconds
        peakMemoryMebibytes = Self.peakResidentMiB()
    }
}

/// `gougu solve`: prove problems with deduction (rules of the theorem library plus
/// angle and ratio chasing) and print the proofs.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Prove each problem's goal and print the proof.",
        discussion: "Exit status: 0 when every selected goal is proved, 1 when one is not, 2 on bad input (every problem unreadable), 3 on an internal error (a proof found that the checker rejects: it is kept for a bug report and never reported as proved)."
    )

    @OptionGroup var selection: ProblemSelection

    @Flag(help: "Solve every problem in the file (the default when --problem is not given).")
    var all = false

    @Option(help: "Seconds allowed per problem.")
    var timeout: Double = 60

    @Option(help: "The diagram's random seed.")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Resident memory allowed, in MiB.")
    var memory: Double = 1024

    @Flag(help: "Print one JSON object per problem (with the proof when proved) instead of text.")
    var json = false

    @Option(help: "Also write each proof to DIR/NAME.txt and DIR/NAME.json (gougu-proof/3, or gougu-coordinates/1 for a proof by coordinates) (and the augmented problem to DIR/NAME.problem.txt when the proof adds auxiliary points).")
    var proofOut: String?

    @Option(help: "Also write each proof as an HTML page (the figure beside the proof; selecting a step lights up its objects): to this file for one problem, as FOLDER/NAME.html for several.")
    var html: String?

    @Flag(help: "Print one summary line per problem instead of proofs.")
    var quiet = false

    @Flag(help: "Print per-round statistics and the derived facts by predicate.")
    var stats = false

    @Flag(help: "Deduction only: no search over auxiliary constructions, and no proof by coordinates unless --coordinates is given.")
    var noAux = false

    @Option(help: "Threads the search evaluates states on.")
    var searchWorkers: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var searchOptions: SearchOptions

    @OptionGroup var proposerOptions: ProposerOptions

    @OptionGroup var coordinateOptions: CoordinateOptions

    @Option(help: "Print the proposer's first N auxiliary constructions for the problem, with their scores (and, with --proposer neural or both, the model's log-probability of each).")
    var proposals: Int?

    func validate() throws {
        try requireLimit(timeout, "--timeout")
        try requireLimit(memory, "--memory")
        guard searchWorkers >= 1 else { throw ValidationError("--search-workers must be at least 1") }
        if all && selection.problem != nil { throw ValidationError("--all and --problem exclude each other") }
    }

    /// The options as the library's `SolveOptions`.
    var solveOptions: SolveOptions {
        var options = SolveOptions(seconds: timeout, memoryMiB: memory, seed: seed, seededConfiguration: configurationOptions.seededConfiguration,
                                   coordinates: coordinateOptions.order(noAux: noAux), coordinatesSeconds: coordinateOptions.coordinatesSeconds,
                                   prefer: coordinateOptions.prefer, search: !noAux, searchWorkers: searchWorkers)
        searchOptions.apply(to: &options)
        return options
    }

    func run() throws {
        let (problems, unreadableProblems) = selection.loadReadable()
        let proposer: any Proposer
        let model: NeuralProposer?
        do {
            (proposer, model) = try proposerOptions.make()
        } catch {
            fail("error: cannot load the \(proposerOptions.modelDescription): \(error)")
        }
        var solver = Solver(proposer: proposer)
        if FaultInjection.rejectProofs { solver.proofTamperer = FaultInjection.corrupt }
        if let proofOut { FileAccess.makeDirectory(proofOut, what: "the proof directory") }
        if let html, problems.count > 1 { FileAccess.makeDirectory(html, what: "the folder of proof pages") }
        var outputNames = OutputNames()
        var pageNames = OutputNames()
        var allProved = unreadableProblems == 0
        var unreadable = unreadableProblems
        var internalErrors = 0
        for problem in problems {
            if let proposals { printProposals(proposals, for: problem, proposer: proposer, model: model) }
            let outcome: SolveOutcome
            do {
                outcome = try solver.solve(problem, options: solveOptions)
            } catch {
                // Bad input for this problem only: the rest of the file still runs.
                warn("\(error) (problem '\(problem.name)')")
                unreadable += 1
                allProved = false
                continue
            }
            if !outcome.proved { allProved = false }
            if outcome.isInternalError {
                internalErrors += 1
                keepWithdrawn(outcome)
            }
            if stats { printStatistics(outcome) }
            let record = SolveRecord(outcome)
            if let proofOut, outcome.proved {
                write(outcome, record: record, to: (proofOut as NSString).appendingPathComponent(outputNames.name(for: problem.name)))
            }
            if let html, outcome.proved, let page = ProofPage(outcome) {
                let path = problems.count > 1 ? (html as NSString).appendingPathComponent(pageNames.name(for: problem.name) + ".html") : html
                FileAccess.writeOrFail(Data(page.html.utf8), to: path, what: "the proof page of '\(problem.name)'")
            }
            if json {
                print(String(decoding: try GouguJSON.encoder(pretty: false).encode(record), as: UTF8.self))
                continue
            }
            printText(outcome)
        }
        if internalErrors > 0 { throw ExitCode(3) }
        // Bad input only when nothing could be solved at all.
        if unreadable == problems.count + unreadableProblems { throw ExitCode(2) }
        if !allProved { throw ExitCode(1) }
    }

    /// The proof (unless --quiet) and the summary line.
    private func printText(_ outcome: SolveOutcome) {
        let problem = outcome.problem
        guard let result = outcome.engine else {
            print("\(problem.name): \(outcome.stopReason), \(String(format: "%.3f", outcome.seconds)) s")
            if !quiet { print() }
            return
        }
        var summary = "\(problem.name): \(outcome.stopReason) after \(result.rounds.count) rounds, \(result.store.facts.count) facts, \(String(format: "%.3f", outcome.seconds)) s"
        if let proof = outcome.proof { summary += ", \(proof.steps.count) steps" }
        if let answer = outcome.answer, let question = problem.question {
            let pairs = question.points.map(problem.name(of:))
            summary += question.kind == .angle
                ? "; answer: the angle from \(pairs[2])\(pairs[3]) to \(pairs[0])\(pairs[1]) is \(Question.valueText(of: answer))"
                : "; answer: \(pairs[0])\(pairs[1]) : \(pairs[2])\(pairs[3]) = \(Question.valueText(of: answer))"
        }
        if let coordinateProof = outcome.coordinateProof {
            summary += "; proved by coordinates (\(coordinateProof.model.variables.count) variables, \(String(format: "%.3f", coordinateProof.seconds)) s)"
            if !quiet { print(coordinateProof.text) }
        }
        if let search = outcome.search, !outcome.isInternalError {
            if let identified = search.identification {
                summary += "; identification: \(identified.restatement.clause) is the statement's "
                    + "\(problem.name(of: identified.restatement.point))"
            } else if search.proved, !search.auxiliary.isEmpty {
                summary += "; auxiliary: \(search.auxiliary.joined(separator: "; ")) (\(search.statesExpanded) states searched)"
            } else if !search.proved {
                summary += "; search: \(search.stopReason.rawValue) after \(search.statesExpanded) states, \(String(format: "%.1f", search.seconds)) s"
                if let best = search.bestPartial { summary += "; most progress: \(best.auxiliary.joined(separator: "; ")) (+\(best.newFacts) facts)" }
            }
        }
        if let proof = outcome.proof, !quiet {
            if outcome.provedProblem.clauses.count > problem.clauses.count {
                print("Augmented statement: \(outcome.provedProblem.writtenText)")
            }
            print(proof.text)
        }
        print(summary)
        if !quiet { print() }
    }

    /// --proposals: the proposer's first auxiliary constructions after deduction alone.
    private func printProposals(_ count: Int, for problem: Problem, proposer: any Proposer, model: NeuralProposer?) {
        guard let diagram = try? configurationOptions.build(problem, seed: seed, deadline: ContinuousClock.now + .seconds(timeout)) else { return }
        let result = Engine().run(diagram, budget: Budget(seconds: timeout, memoryMiB: memory))
        let state = ProofState(problem: problem, diagram: diagram, store: result.store, originalClauseCount: problem.clauses.count)
        let list = proposer.propose(for: state, limit: count)
        let modelScores = model?.logProbabilities(of: list.map(\.clause), in: state)
        for (i, proposal) in list.enumerated() {
            let modelScore = modelScores.map { $0[i].map { String(format: "  logP %7.2f", $0) } ?? "  logP    none" } ?? ""
            print(String(format: "  %6.3f", proposal.score) + modelScore + "  " + proposal.clause)
        }
    }

    /// Keeps a proof the checker rejected for a bug report, and says where on standard error.
    private func keepWithdrawn(_ outcome: SolveOutcome) {
        let problem = outcome.problem
        let reason = outcome.stopReason
        var names = OutputNames()
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("gougu-rejected-proofs")
        let path = (directory as NSString).appendingPathComponent("\(names.name(for: problem.name))-\(ProcessInfo.processInfo.processIdentifier).txt")
        let report = "\(problem.name)\n\(problem.writtenText)\nseed \(seed)\n\(reason)\n\n\(outcome.withdrawnProofText ?? "")\n"
        let kept = (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil
            && (try? FileAccess.write(Data(report.utf8), to: path)) != nil
        warn("\(selection.file): internal error: the proof found of '\(problem.name)' is rejected by the checker; "
             + "it is not reported as proved (\(reason)). " + (kept ? "The proof is kept in \(path): please report it." : "Please report it."))
    }

    /// Writes BASE.txt, and BASE.json when the proof has a JSON form (and BASE.problem.txt
    /// for a proof with auxiliary points).
    private func write(_ outcome: SolveOutcome, record: SolveRecord, to base: String) {
        do {
            if let proof = outcome.proof {
                try FileAccess.write(Data((proof.text + "\n").utf8), to: base + ".txt")
                try FileAccess.write(try GouguJSON.encoder(pretty: true).encode(proof), to: base + ".json")
            } else if let coordinateProof = outcome.coordinateProof {
                try FileAccess.write(Data((coordinateProof.text + "\n").utf8), to: base + ".txt")
                if let certificate = record.coordinateCertificate { try FileAccess.write(certificate.json(pretty: true), to: base + ".json") }
            }
            // A proof with auxiliary points proves the augmented problem: write it beside the
            // proof as a problem file (name line, statement line) for a checker to read.
            if let statement = record.statement {
                try FileAccess.write(Data("\(record.problem)\n\(statement)\n".utf8), to: base + ".problem.txt")
            }
        } catch let error as OutputError {
            fail("\(error.path): error: cannot write the proof of '\(record.problem)': \(error.reason)")
        } catch {
            fail("\(base): error: cannot write the proof of '\(record.problem)'")
        }
    }

    private func printStatistics(_ outcome: SolveOutcome) {
        if let result = outcome.deduction { printStatistics(result) }
        if let failure = outcome.coordinates?.failure { print("  coordinates: \(failure)") }
        if let search = outcome.search {
            print("  search: \(search.stopReason.rawValue); \(search.statesExpanded) states, \(search.duplicates) duplicates, \(search.unplaceable) not placeable, \(String(format: "%.2f", search.seconds)) s" + (search.evictions > 0 ? "; \(search.evictions) closures dropped under memory pressure, \(search.recomputations) derived again" : ""))
            // What each search (one construction a state, or batches) did at each depth.
            var summary: [Int: [Int: (states: Int, seconds: Double)]] = [:]
            for tried in search.tried {
                guard let size = tried.batchSize, let depth = tried.depth else { continue }
                let old = summary[size, default: [:]][depth, default: (0, 0)]
                summary[size, default: [:]][depth] = (old.states + 1, old.seconds + tried.seconds)
            }
            for (size, byDepth) in summary.sorted(by: { $0.key < $1.key }) {
                print("    \(size == 1 ? "one construction a state" : "batches of \(size)"): "
                      + byDepth.sorted { $0.key < $1.key }.map { "depth \($0.key) \($0.value.states) states \(String(format: "%.1f", $0.value.seconds)) s" }
                        .joined(separator: ", "))
            }
            for (reason, count) in search.placementFailures.sorted(by: { $0.value > $1.value }).prefix(5) {
                print("    not placeable \(count)×: \(reason)")
            }
            for tried in search.tried {
                let ranks = tried.ranks.map { "  ranks " + $0.map(String.init).joined(separator: ",") } ?? ""
                print(String(format: "    %6.3f s  %+5d facts  score %6.3f  ", tried.seconds, tried.newFacts, tried.score)
                      + tried.auxiliary.joined(separator: "; ") + "  (\(tried.stopReason))" + ranks)
            }
            if search.proved, !search.auxiliary.isEmpty {
                print("  the proof's constructions, with their ranks among the proposals of the state they extended: "
                      + zip(search.auxiliary, search.auxiliaryRanks).map { "\($0) (rank \($1))" }.joined(separator: "; "))
            }
        }
    }

    private func printStatistics(_ result: EngineResult) {
        for r in result.rounds {
            print("  round \(r.round): +\(r.newFacts) facts (\(r.totalFacts) in all), \(String(format: "%.3f", r.seconds)) s")
        }
        var byPredicate: [String: Int] = [:]
        var byRule: [String: Int] = [:]
        for fact in result.store.facts {
            byPredicate[fact.statement.predicate.name, default: 0] += 1
            if case .rule(let name, _, _, _) = fact.justification { byRule[name, default: 0] += 1 }
        }
        print("  facts by predicate: " + byPredicate.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let slowest = result.ruleSeconds.sorted { $0.value > $1.value }.prefix(8)
        print("  seconds by rule: " + slowest.map { "\($0.key) \(String(format: "%.3f", $0.value))" }.joined(separator: ", "))
        print("  facts by rule: " + byRule.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}

/// A test hook: `GOUGU_FAULT_INJECTION=reject-proofs` in the environment makes `gougu solve`
/// corrupt every synthetic proof it finds before the check, so that tests can see a proof
/// the checker rejects reported as an internal error (exit status 3) and never as proved.
enum FaultInjection {
    static let rejectProofs = ProcessInfo.processInfo.environment["GOUGU_FAULT_INJECTION"] == "reject-proofs"

    /// Makes the last step cite a rule the theorem library does not have.
    static func corrupt(_ proof: inout Proof) {
        guard !proof.steps.isEmpty else { return }
        proof.steps[proof.steps.count - 1].kind = .rule
        proof.steps[proof.steps.count - 1].rule = "rule_that_does_not_exist"
    }
}
