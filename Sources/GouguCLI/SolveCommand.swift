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
}

/// `gougu solve`: prove problems with deduction (rules of the theorem library plus
/// angle and ratio chasing) and print the proofs.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Prove each problem's goal and print the proof.",
        discussion: "Exit status: 0 when every selected goal is proved, 1 when one is not, 2 on bad input."
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
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard searchWorkers >= 1 else { throw ValidationError("--search-workers must be at least 1") }
        guard maxStates >= 0, maxDepth >= 1 else { throw ValidationError("--max-states must be non-negative and --max-depth positive") }
        if all && selection.problem != nil { throw ValidationError("--all and --problem exclude each other") }
    }

    func run() throws {
        let problems = try selection.load()
        let engine = Engine()
        let proposer: any Proposer
        let model: NeuralProposer?
        do {
            (proposer, model) = try proposerOptions.make()
        } catch {
            fail("error: cannot load the neural proposer: \(error)")
        }
        var allProved = true
        if let proofOut {
            do {
                try FileManager.default.createDirectory(atPath: proofOut, withIntermediateDirectories: true)
            } catch {
                fail("\(proofOut): error: cannot create the proof directory")
            }
        }
        for problem in problems {
            let diagram: Diagram
            do {
                diagram = try configurationOptions.build(problem, seed: seed)
            } catch let error as DiagramError {
                fail("\(error) (problem '\(problem.name)')")
            }
            let start = Date()
            var result = engine.run(diagram, budget: Budget(seconds: timeout, memoryMiB: memory))
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
            // Deduction first; then coordinates or auxiliary constructions, in the time that is left.
            if coordinatesOrder == .first, !result.proved {
                coordinateOutcome = proveByCoordinates(diagram, start: start)
            }
            let remaining = timeout - Date().timeIntervalSince(start)
            if !noAux, !result.proved, coordinateOutcome?.proof == nil, remaining > 0.05, maxStates > 0,
               [.saturated, .roundLimit, .factLimit].contains(result.stopReason) {
                let searcher = BestFirstSearch(engine: engine, proposer: proposer, budget: SearchBudget(seconds: remaining, states: maxStates, memoryMiB: memory,
                                                                                    maximumDepth: maxDepth),
                                               workers: searchWorkers)
                let found = searcher.run(from: result, on: diagram)
                search = found
                if let proved = found.result, let augmented = found.problem {
                    result = proved
                    provedProblem = augmented
                }
            }
            if coordinatesOrder == .last, !result.proved {
                coordinateOutcome = proveByCoordinates(diagram, start: start)
            }
            let coordinateProof = coordinateOutcome?.proof
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
            let proof = !result.proved ? nil
                : search?.identification.map(\.proof) ?? Proof(result: result, problem: provedProblem)
            if proof == nil && coordinateProof == nil { allProved = false }
            var record = SolveRecord(problem: problem.name, proved: proof != nil || coordinateProof != nil, stopReason: result.stopReason.rawValue,
                                     seconds: Date().timeIntervalSince(start), rounds: result.rounds.count, facts: result.store.facts.count,
                                     steps: proof?.steps.count, proof: proof)
            if let search {
                record.auxiliary = search.auxiliary + (search.identification.map { ["\($0.restatement.clause) (identification)"] } ?? [])
                record.statesExpanded = search.statesExpanded
                record.searchSeconds = search.seconds
                record.searchStopReason = search.stopReason.rawValue
                if !search.auxiliary.isEmpty || search.identification != nil { record.statement = provedProblem.statementText }
            }
            record.coordinateProof = coordinateProof?.text
            record.coordinateFailure = coordinateOutcome?.failure?.description
            if let proofOut, let proof { write(proof.text, json: proof, record: record, to: proofOut) }
            if let proofOut, let coordinateProof { write(coordinateProof.text, json: nil, record: record, to: proofOut) }
            if json {
                print(String(decoding: try encoder(pretty: false).encode(record), as: UTF8.self))
                continue
            }
            var summary = "\(problem.name): \(result.stopReason.rawValue) after \(result.rounds.count) rounds, \(result.store.facts.count) facts, \(String(format: "%.3f", record.seconds)) s"
            if let proof { summary += ", \(proof.steps.count) steps" }
            if let coordinateProof {
                summary += "; proved by coordinates (\(coordinateProof.model.variables.count) variables, \(String(format: "%.3f", coordinateProof.seconds)) s)"
                if !quiet { print(coordinateProof.text) }
            }
            if let search {
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
                    print("Augmented statement: \(provedProblem.statementText)")
                }
                print(proof.text)
            }
            print(summary)
            if !quiet { print() }
        }
        if !allProved { throw ExitCode(1) }
    }

    private func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        return encoder
    }

    /// The proof within the time left of --timeout, --coordinates-seconds at most.
    private func proveByCoordinates(_ diagram: Diagram, start: Date) -> Result<AlgebraicProof, AlgebraicProver.Failure> {
        let deadline = min(start.addingTimeInterval(timeout), Date().addingTimeInterval(coordinateOptions.coordinatesSeconds))
        return AlgebraicProver.prove(diagram, deadline: deadline)
    }

    /// Writes DIR/NAME.txt, and DIR/NAME.json when the proof has a JSON form.
    private func write(_ text: String, json proof: Proof?, record: SolveRecord, to directory: String) {
        let base = URL(fileURLWithPath: directory).appendingPathComponent(record.problem)
        do {
            try (text + "\n").write(to: base.appendingPathExtension("txt"), atomically: true, encoding: .utf8)
            if let proof { try encoder(pretty: true).encode(proof).write(to: base.appendingPathExtension("json")) }
            // A proof with auxiliary points proves the augmented problem: write it beside the
            // proof as a problem file (name line, statement line) for a checker to read.
            if let statement = record.statement {
                try "\(record.problem)\n\(statement)\n".write(to: base.appendingPathExtension("problem.txt"), atomically: true, encoding: .utf8)
            }
        } catch {
            fail("\(directory): error: cannot write the proof of '\(record.problem)'")
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
