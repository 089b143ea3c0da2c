import ArgumentParser
import Foundation
import Gougu

/// `gougu diagram`: build numeric diagrams and check the goal on them.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Build a numeric diagram of each problem, print the coordinates and check the goal.",
        discussion: "Exit status: 0 when every goal holds, 1 when a goal is false in a diagram, 2 on bad input or a construction that cannot be satisfied."
    )

    @OptionGroup var selection: ProblemSelection

    @Option(help: "The random seed: the same seed gives the same diagram.")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Build this many diagrams per problem, from seeds seed, seed+1, ... and print only the checks.")
    var seeds: Int?

    @Flag(help: "Print a summary with the wall-clock time to build every diagram.")
    var timing = false

    func validate() throws {
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    }

    func run() throws {
        let problems = try selection.load()
        let clock = ContinuousClock()
        let start = clock.now
        var built = 0, goalsHeld = 0
        var goalFailed = false
        var constructionFailed = false
        for problem in problems {
            let count = seeds ?? 1
            var holds = 0, configured = 0
            for offset in 0..<count {
                let seed = self.seed &+ UInt64(offset)
                let diagram: Diagram
                do {
                    diagram = try configurationOptions.build(problem, seed: seed)
                } catch let error as DiagramError {
                    warn("\(error) (problem '\(problem.name)', seed \(seed))")
                    constructionFailed = true
                    continue
                }
                built += 1
                if seeds == nil { printDiagram(diagram) }
                if diagram.goalHolds ?? true { holds += 1 } else { goalFailed = true }
                if diagram.configuration != .seeded { configured += 1 }
            }
            if let seeds {
                print("\(problem.name): goal holds in \(holds) of \(seeds) diagrams"
                      + (configured > 0 ? " (\(configured) in a configuration other than the seed's)" : ""))
            }
            goalsHeld += holds
        }
        if timing {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("\(problems.count) problems, \(built) diagrams built, goal holds in \(goalsHeld); \(String(format: "%.3f", seconds)) s")
        }
        if constructionFailed { throw ExitCode(2) }
        if goalFailed { throw ExitCode(1) }
    }

    private func printDiagram(_ diagram: Diagram) {
        let problem = diagram.problem
        print("problem \(problem.name) (seed \(diagram.seed)" + (configurationText(diagram).map { ", \($0)" } ?? "") + ")")
        let width = problem.points.map(\.name.count).max() ?? 1
        for (index, point) in problem.points.enumerated() {
            let p = diagram.positions[index]
            let padded = point.name + String(repeating: " ", count: width - point.name.count)
            print("  \(padded) \(formatCoordinate(p.x)) \(formatCoordinate(p.y))")
        }
        if let goal = problem.goal {
            let verdict = diagram.holds(goal) ? "holds" : "FALSE in this diagram"
            print("goal \(problem.text(of: goal)): \(verdict)")
        } else {
            print("no goal")
        }
    }
}
