import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage

extension Solver {
    /// How many two-way choices of auxiliary points `deduceWithAuxiliaryPointsFlipped` varies.
    static let maximumAuxiliaryChoices = 3
    /// The share of the time left it may spend.
    static let auxiliaryConfigurationShare = 0.25

    /// Deduction again in the other figures of the statement's auxiliary points, when it
    /// saturated without the goal in the figure drawn.
    ///
    /// A point the goal does not depend on (the author's auxiliary point `t = eq_triangle t
    /// b r`, the apex on either side of br) may be drawn at either of two positions, and
    /// the statement's theorem holds in both figures: the goal's points are the same. A
    /// proof in either one is a proof, but deduction may find one in only one of them (the
    /// equilateral triangle on the side the author drew). So the figures flipping those
    /// choices (fewest flips first, at most `maximumAuxiliaryChoices` choices, within
    /// `auxiliaryConfigurationShare` of the time left) are deduced in turn, on the same
    /// free points, and the first run that proves the goal is returned with its diagram.
    /// The proof names its configuration, and the checker draws it again.
    func deduceWithAuxiliaryPointsFlipped(_ problem: Problem, drawn diagram: Diagram, first: EngineResult,
                                          options: SolveOptions, end: Date) -> (diagram: Diagram, result: EngineResult)? {
        guard first.stopReason == .saturated, !options.seededConfiguration, let goal = problem.goal else { return nil }
        let choices = Array(Self.auxiliaryChoices(of: problem, goal: goal, in: diagram).prefix(Self.maximumAuxiliaryChoices))
        guard !choices.isEmpty else { return nil }
        let stop = Date().addingTimeInterval(max(0, end.timeIntervalSinceNow) * Self.auxiliaryConfigurationShare)
        let masks = (1..<(1 << choices.count)).sorted { ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1) }
        for mask in masks {
            let seconds = stop.timeIntervalSinceNow
            guard seconds > 0.01 else { break }
            var flips = diagram.configuration.flips
            for (bit, choice) in choices.enumerated() where mask & (1 << bit) != 0 { flips ^= 1 << UInt64(choice) }
            let builder = DiagramBuilder(maximumAttempts: options.diagramAttempts, deadline: ContinuousClock.now + .seconds(seconds))
            guard let other = try? builder.build(problem, seed: diagram.seed, configuration: Configuration(flips: flips)),
                  other.attempts == diagram.attempts, other.goalHolds == true else { continue }
            let result = engine.run(other, budget: Budget(seconds: max(0, stop.timeIntervalSinceNow), facts: options.facts,
                                                          memoryMiB: options.memoryMiB))
            if result.proved { return (other, result) }
        }
        return nil
    }

    /// The two-way choices of `diagram` (indices into its `branchPoints`) that place points
    /// the goal does not depend on: not the goal's points, nor any point a clause defining
    /// one of them (or one of theirs) is built from, nor a point defined beside one.
    public static func auxiliaryChoices(of problem: Problem, goal: Statement, in diagram: Diagram) -> [Int] {
        let ancestors = problem.ancestors(of: goal.points, siblings: true)
        return diagram.branchPoints.indices.filter { !ancestors.contains(diagram.branchPoints[$0]) }
    }
}
