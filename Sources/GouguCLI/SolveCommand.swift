import ArgumentParser
import Foundation
import Gougu

/// `gougu solve`: prove problems with deduction (rules of the theorem library plus
/// angle and ratio chasing) and print the proofs.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Prove each problem's goal and print the proof.",
        discussion: "Exit status: 0 when every selected goal is proved, 1 when one is not, 2 on bad input."
    )

    @OptionGroup var selection: ProblemSelection

    @Option(help: "Seconds allowed per problem.")
    var timeout: Double = 60

    @Option(help: "The diagram's random seed.")
    var seed: UInt64 = 0

    @Flag(help: "Print one summary line per problem instead of proofs.")
    var quiet = false

    @Flag(help: "Print per-round statistics and the derived facts by predicate.")
    var stats = false

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        let problems = try selection.load()
        let engine = Engine()
        var allProved = true
        for problem in problems {
            let diagram: Diagram
            do {
                diagram = try DiagramBuilder().build(problem, seed: seed)
            } catch let error as DiagramError {
                fail("\(error) (problem '\(problem.name)')")
            }
            let result = engine.run(diagram, budget: Budget(seconds: timeout))
            if stats { printStatistics(result) }
            let summary = "\(problem.name): \(result.stopReason.rawValue) after \(result.rounds.count) rounds, \(result.store.facts.count) facts, \(String(format: "%.3f", result.seconds)) s"
            if result.proved, let proof = Proof(result: result, problem: problem) {
                if quiet { print(summary + ", \(proof.steps.count) steps") } else { print(proof.text); print(summary); print() }
            } else {
                allProved = false
                print(summary)
                if !quiet { print() }
            }
        }
        if !allProved { throw ExitCode(1) }
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
        print("  facts by rule: " + byRule.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
