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
    /// The augmented statement the proof is a proof of, when auxiliary clauses were added.
    var statement: String? = nil
    /// States the search evaluated, and its seconds (nil when it did not run).
    var statesExpanded: Int? = nil
    var searchSeconds: Double? = nil
    /// Why the search stopped.
    var searchStopReason: String? = nil
    /// The proof by coordinates, as text, when that is how the goal was proved.
    var coordinateProof: String? = nil
    /// Why the proof by coordinates failed, when it was tried and failed.
    var coordinateFailure: String? = nil
    /// Seconds the checker took to accept the proof before it was reported.
    var checkSeconds: Double? = nil
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

    @Option(help: "Also write each proof to DIR/NAME.txt and DIR/NAME.json (and the augmented problem to DIR/NAME.problem.txt when the proof adds auxiliary points).")
    var proofOut: String?

    @Flag(help: "Print one summary line per problem instead of proofs.")
    var quiet = false

    @Flag(help: "Print per-round statistics and the derived facts by predicate.")
    var stats = false

    @Flag(help: "Deduction only: no search over auxiliary constructions, and no proof by coordinates unless --coordinates is given.")
    var noAux = false

    @Option(help: "Threads the search evaluates states on.")
    var searchWorkers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "States (augmented problems) the search may evaluate.")
    var maxStates: Int = 10_000

    @Option(help: "Most auxiliary constructions in one state.")
    var maxDepth: Int = 3

    @OptionGroup var proposerOptions: ProposerOptions

    @OptionGroup var coordinateOptions: CoordinateOptions

    @Option(help: "Print the proposer's first N auxiliary constructions for the problem, with their scores (and, with --proposer neural or both, the model's log-probability of each).")
    var proposals: Int?

    func validate() throws {
        try requireLimit(timeout, "--timeout")
        try requireLimit(memory, "--memory")
        guard searchWorkers >= 1 else { throw ValidationError("--search-workers must be at least 1") }
        guard maxStates >= 0, maxDepth >= 1 else { throw ValidationError("--max-states must be non-negative and --max-depth positive") }
        if all && selection.problem != nil { throw ValidationError("--all and --problem exclude each other") }
    }

    func run() throws {
        let (problems, unreadableProblems) = selection.loadReadable()
        let engine = Engine()
        let proposer: any Proposer
        let model: NeuralProposer?
        do {
            (proposer, model) = try proposerOptions.make()
        } catch {
            fail("error: cannot load the neural proposer: \(error)")
        }
        if let proofOut { FileAccess.makeDirectory(proofOut, what: "the proof directory") }
        var outputNames = OutputNames()
        var allProved = unreadableProblems == 0
        var unreadable = unreadableProblems
        var internalErrors = 0
        for problem in problems {
            let start = Date()
            let diagram: Diagram
            do {
                diagram = try configurationOptions.build(problem, seed: seed, deadline: ContinuousClock.now + .seconds(timeout))
            } catch let error as DiagramError {
                // Bad input for this problem only: the rest of the file still runs.
                warn("\(error) (problem '\(problem.name)')")
                unreadable += 1
                allProved = false
                continue
            } catch {
                allProved = false
                let record = SolveRecord(problem: problem.name, proved: false, stopReason: "\(error)", seconds: Date().timeIntervalSince(start),
                                         rounds: 0, facts: 0)
                try report(record, summary: "\(problem.name): \(error), \(String(format: "%.3f", record.seconds)) s")
                continue
            }
            let remaining = { timeout - Date().timeIntervalSince(start) }
            var result = engine.run(diagram, budget: Budget(seconds: max(0, remaining()), memoryMiB: memory))
            if stats { printStatistics(result) }
            if let proposals {
                let state = ProofState(problem: problem, diagram: diagram, store: result.store, originalClauseCount: problem.clauses.count)
                let list = proposer.propose(for: state, limit: proposals)
                let modelScores = model?.logProbabilities(of: list.map(\.clause), in: state)
                for (i, proposal) in list.enumerated() {
                    let modelScore = modelScores.map { $0[i].map { String(format: "  logP %7.2f", $0) } ?? "  logP    none" } ?? ""
                    print(String(format: "  %6.3f", proposal.score) + modelScore + "  " + proposal.clause)
                }
            }
            var provedProblem = problem
            var search: SearchResult?
            var coordinateOutcome: Result<AlgebraicProof, AlgebraicProver.Failure>?
            let coordinatesOrder = coordinateOptions.order(noAux: noAux)
            // Deduction first; then coordinates or auxiliary constructions, in the time that
            // is left. A goal false in the diagram, or a budget already spent, goes to neither.
            let goesOn = [.saturated, .roundLimit, .factLimit].contains(result.stopReason)
            if coordinatesOrder == .first, goesOn {
                coordinateOutcome = proveByCoordinates(diagram, start: start)
            }
            if !noAux, goesOn, coordinateOutcome?.proof == nil, remaining() > 0.05, maxStates > 0 {
                let searcher = BestFirstSearch(engine: engine, proposer: proposer, budget: SearchBudget(seconds: remaining(), states: maxStates, memoryMiB: memory,
                                                                                    maximumDepth: maxDepth),
                                               workers: searchWorkers)
                let found = searcher.run(from: result, on: diagram)
                search = found
                if let proved = found.result, let augmented = found.problem {
                    result = proved
                    provedProblem = augmented
                }
            }
            if coordinatesOrder == .last, goesOn, !result.proved {
                coordinateOutcome = proveByCoordinates(diagram, start: start)
            }
            var coordinateProof = coordinateOutcome?.proof
            if stats, let failure = coordinateOutcome?.failure { print("  coordinates: \(failure)") }
            if stats, let search {
                print("  search: \(search.stopReason.rawValue); \(search.statesExpanded) states, \(search.duplicates) duplicates, \(search.unplaceable) not placeable, \(String(format: "%.2f", search.seconds)) s" + (search.evictions > 0 ? "; \(search.evictions) closures dropped under memory pressure, \(search.recomputations) derived again" : ""))
                for (reason, count) in search.placementFailures.sorted(by: { $0.value > $1.value }).prefix(5) {
                    print("    not placeable \(count)×: \(reason)")
                }
                for tried in search.tried {
                    print(String(format: "    %6.3f s  %+5d facts  score %6.3f  ", tried.seconds, tried.newFacts, tried.score)
                          + tried.auxiliary.joined(separator: "; ") + "  (\(tried.stopReason))")
                }
            }
            var proof = !result.proved ? nil
                : search?.identification.map(\.proof) ?? Proof(result: result, problem: provedProblem)
            if FaultInjection.rejectProofs, var corrupted = proof {
                FaultInjection.corrupt(&corrupted)
                proof = corrupted
            }
            // No proof is reported before the checker has accepted it.
            var stopReason = result.stopReason.rawValue
            var rejection: String?
            let checkStart = Date()
            let verification = verify(proof, coordinateProof, of: problem, on: diagram, start: start)
            let checkSeconds = Date().timeIntervalSince(checkStart)
            switch verification {
            case nil, .valid?: break
            case .unfinished(let why)?:
                stopReason = "a proof was found but not checked within the budget (\(why))"
                proof = nil
                coordinateProof = nil
            case .rejected(let why)?:
                rejection = why
                stopReason = "internal error: the checker rejects the proof found (\(why))"
                internalErrors += 1
                keepRejected(proof.map { $0.text } ?? coordinateProof?.text ?? "", of: problem, reason: why)
                proof = nil
                coordinateProof = nil
            }
            if proof == nil && coordinateProof == nil { allProved = false }
            var record = SolveRecord(problem: problem.name, proved: proof != nil || coordinateProof != nil, stopReason: stopReason,
                                     seconds: Date().timeIntervalSince(start), rounds: result.rounds.count, facts: result.store.facts.count,
                                     steps: proof?.steps.count, proof: proof)
            if let search {
                record.auxiliary = search.auxiliary + (search.identification.map { ["\($0.restatement.clause) (identification)"] } ?? [])
                record.statesExpanded = search.statesExpanded
                record.searchSeconds = search.seconds
                record.searchStopReason = search.stopReason.rawValue
                if !search.auxiliary.isEmpty || search.identification != nil { record.statement = provedProblem.writtenText }
            }
            record.coordinateProof = coordinateProof?.text
            record.coordinateFailure = coordinateOutcome?.failure?.description
            if verification != nil { record.checkSeconds = checkSeconds }
            if let proofOut, proof != nil || coordinateProof != nil {
                let base = (proofOut as NSString).appendingPathComponent(outputNames.name(for: problem.name))
                if let proof { write(proof.text, json: proof, record: record, to: base) }
                if let coordinateProof { write(coordinateProof.text, json: nil, record: record, to: base) }
            }
            if json {
                try report(record, summary: "")
                continue
            }
            var summary = "\(problem.name): \(stopReason) after \(result.rounds.count) rounds, \(result.store.facts.count) facts, \(String(format: "%.3f", record.seconds)) s"
            if let proof { summary += ", \(proof.steps.count) steps" }
            if let coordinateProof {
                summary += "; proved by coordinates (\(coordinateProof.model.variables.count) variables, \(String(format: "%.3f", coordinateProof.seconds)) s)"
                if !quiet { print(coordinateProof.text) }
            }
            if let search, rejection == nil {
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
            if let proof, !quiet {
                if provedProblem.clauses.count > problem.clauses.count {
                    print("Augmented statement: \(provedProblem.writtenText)")
                }
                print(proof.text)
            }
            print(summary)
            if !quiet { print() }
        }
        if internalErrors > 0 { throw ExitCode(3) }
        // Bad input only when nothing could be solved at all.
        if unreadable == problems.count + unreadableProblems { throw ExitCode(2) }
        if !allProved { throw ExitCode(1) }
    }

    /// Prints a record: its JSON line with --json, else `summary` (when not empty).
    private func report(_ record: SolveRecord, summary: String) throws {
        if json {
            print(String(decoding: try GouguJSON.encoder(pretty: false).encode(record), as: UTF8.self))
        } else if !summary.isEmpty {
            print(summary)
            if !quiet { print() }
        }
    }

    /// The checker's verdict on the proof about to be reported (nil when there is none).
    /// The check may run one second past the budget, so that a proof found at the last
    /// moment is still checked; a check that needs longer leaves the goal unproved.
    private func verify(_ proof: Proof?, _ coordinateProof: AlgebraicProof?, of problem: Problem, on diagram: Diagram,
                        start: Date) -> ProofVerification? {
        let end = max(start.addingTimeInterval(timeout), Date()).addingTimeInterval(1)
        if let proof {
            return ProofVerifier.verify(proof, of: problem, deadline: ContinuousClock.now + .seconds(end.timeIntervalSinceNow))
        }
        if let coordinateProof {
            return MemoryWatch.run(budgetMiB: memory) { cancellation in
                ProofVerifier.verify(coordinateProof, on: diagram, deadline: end, cancellation: cancellation)
            }
        }
        return nil
    }

    /// Keeps a proof the checker rejected for a bug report, and says where on standard error.
    private func keepRejected(_ text: String, of problem: Problem, reason: String) {
        var names = OutputNames()
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("gougu-rejected-proofs")
        let path = (directory as NSString).appendingPathComponent("\(names.name(for: problem.name))-\(ProcessInfo.processInfo.processIdentifier).txt")
        let kept = (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil
            && (try? FileAccess.write(Data("\(problem.name)\n\(problem.writtenText)\nseed \(seed)\n\(reason)\n\n\(text)\n".utf8), to: path)) != nil
        warn("\(selection.file): internal error: the proof found of '\(problem.name)' is rejected by the checker (\(reason)); "
             + "it is not reported as proved. " + (kept ? "The proof is kept in \(path): please report it." : "Please report it."))
    }

    /// The proof within the time left of --timeout, --coordinates-seconds at most, and
    /// within the memory budget.
    private func proveByCoordinates(_ diagram: Diagram, start: Date) -> Result<AlgebraicProof, AlgebraicProver.Failure> {
        let deadline = min(start.addingTimeInterval(timeout), Date().addingTimeInterval(coordinateOptions.coordinatesSeconds))
        return MemoryWatch.run(budgetMiB: memory) { cancellation in
            AlgebraicProver.prove(diagram, deadline: deadline, cancellation: cancellation)
        }
    }

    /// Writes BASE.txt, and BASE.json when the proof has a JSON form (and BASE.problem.txt
    /// for a proof with auxiliary points).
    private func write(_ text: String, json proof: Proof?, record: SolveRecord, to base: String) {
        do {
            try FileAccess.write(Data((text + "\n").utf8), to: base + ".txt")
            if let proof { try FileAccess.write(try GouguJSON.encoder(pretty: true).encode(proof), to: base + ".json") }
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

    private func printStatistics(_ result: EngineResult) {
        for r in result.rounds {
            print("  round \(r.round): +\(r.newFacts) facts (\(r.totalFacts) in all), \(String(format: "%.3f", r.seconds)) s")
        }
        var byPredicate: [String: Int] = [:]
        var byRule: [String: Int] = [:]
        for fact in result.store.facts {
            byPredicate[fact.statement.predicate, default: 0] += 1
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
        proof.steps[proof.steps.count - 1].kind = "rule"
        proof.steps[proof.steps.count - 1].rule = "rule_that_does_not_exist"
    }
}
