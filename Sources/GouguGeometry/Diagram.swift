import GouguLanguage

/// A problem drawn on the plane: one position per point, built from the constructions
/// alone from its seed and configuration (no position is ever moved to make the goal
/// hold; `DiagramBuilder.buildInStatedConfiguration` may choose another seed or
/// configuration in which it holds).
public struct Diagram: Sendable {
    /// The problem drawn.
    public let problem: Problem
    /// The seed the diagram was built from: the same seed gives the same diagram.
    public let seed: UInt64
    /// The position of each point, indexed by `PointID.index`.
    public let positions: [Vector2]
    /// How many whole-diagram attempts the builder needed (1 when the first one worked).
    public let attempts: Int
    /// Which of the statement's two-way choices take the other solution than the seed's.
    public let configuration: Configuration
    /// The point placed at each two-way choice, in order: bit `k` of a configuration
    /// concerns `branchPoints[k]`.
    public let branchPoints: [PointID]

    public init(problem: Problem, seed: UInt64, positions: [Vector2], attempts: Int,
                configuration: Configuration = .seeded, branchPoints: [PointID] = []) {
        self.problem = problem
        self.seed = seed
        self.positions = positions
        self.attempts = attempts
        self.configuration = configuration
        self.branchPoints = branchPoints
    }

    /// The points the configuration puts at the other of their two positions, in order.
    public var flippedPoints: [PointID] {
        branchPoints.enumerated().compactMap { k, point in configuration.flips(k) ? point : nil }
    }

    /// The configuration in words (`f, g at the other of two positions`); nil for the
    /// seeded one.
    public var configurationNote: String? {
        guard configuration != .seeded else { return nil }
        return flippedPoints.map(problem.name(of:)).joined(separator: ", ") + " at the other of two positions"
    }

    /// The position of a point.
    public func position(of point: PointID) -> Vector2 { positions[point.index] }

    /// Whether a statement about the problem's points holds in this diagram.
    public func holds(_ statement: Statement) -> Bool {
        let positions = self.positions  // captured alone, not the whole diagram
        return NumericFacts.holds(statement) { positions[$0.index] }
    }

    /// This diagram's positions as a diagram of `problem`, another statement about the same
    /// points (the same names in the same order: a `Restatement`, or another goal); nil when
    /// the points differ or some premise of `problem` fails at these positions.
    public func restated(as problem: Problem) -> Diagram? {
        guard problem.points.map(\.name) == self.problem.points.map(\.name) else { return nil }
        let diagram = Diagram(problem: problem, seed: seed, positions: positions, attempts: attempts,
                              configuration: configuration, branchPoints: branchPoints)
        return diagram.failedPremises.isEmpty ? diagram : nil
    }

    /// Whether the problem's goal holds here; nil when the problem states no goal.
    public var goalHolds: Bool? { problem.goal.map(holds) }

    /// The premises (facts asserted by the constructions) that do not hold here: empty
    /// for every diagram the builder returns.
    public var failedPremises: [Statement] { problem.premises.filter { !holds($0) } }
}
