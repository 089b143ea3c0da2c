import GouguDeduction
import GouguGeometry
import GouguLanguage

/// What a proposer sees: a problem (possibly already augmented), its diagram and what the
/// engine has derived on it.
public struct ProofState: Sendable {
    /// The problem with the auxiliary clauses added so far.
    public let problem: Problem
    /// Its diagram (old points keep their coordinates as clauses are added).
    public let diagram: Diagram
    /// The engine's closure on this problem.
    public let store: FactStore
    /// How many clauses the original problem has; later clauses are auxiliary.
    public let originalClauseCount: Int

    public init(problem: Problem, diagram: Diagram, store: FactStore, originalClauseCount: Int) {
        self.problem = problem
        self.diagram = diagram
        self.store = store
        self.originalClauseCount = originalClauseCount
    }

    /// A point name not used by the problem (`x1`, `x2`, ...).
    public var freshPointName: String {
        let used = Set(problem.points.map(\.name))
        var k = 1
        while used.contains("x\(k)") { k += 1 }
        return "x\(k)"
    }
}

/// One auxiliary construction: a clause of the problem language that creates new points
/// (`x1 = midpoint x1 a b`), with a score (higher is more promising). Scores of one
/// proposer are comparable with each other; the search orders states by them.
public struct Proposal: Sendable, Hashable {
    public var clause: String
    public var score: Double
    /// What the heuristic proposer knew about the candidate (`CandidateFeatures`), when it
    /// proposed it: what a learned ranker is trained on.
    public var features: [Float]?

    public init(clause: String, score: Double, features: [Float]? = nil) {
        self.clause = clause
        self.score = score
        self.features = features
    }
}

/// Proposes auxiliary constructions for a proof state. The heuristic enumerator
/// (`HeuristicProposer`) is one; a neural proposer plugs in through the same interface.
public protocol Proposer: Sendable {
    /// Up to `limit` constructions for `state`, best first. Each names new points not in
    /// `state.problem` and must be placeable without free choice, so that its position
    /// does not depend on the order constructions are added in.
    func propose(for state: ProofState, limit: Int) -> [Proposal]
}

/// Appending clauses to a problem and extending its diagram and closure.
public enum Augmentation {
    /// The problem with `clause` appended before the goal (`ProblemParser.problem(_:appending:)`):
    /// old points keep their indices, so facts and diagrams of the old problem stay valid.
    public static func problem(_ problem: Problem, adding clause: String,
                               parser: ProblemParser = ProblemParser()) throws -> Problem {
        let augmented = try parser.problem(problem, appending: [clause])
        guard augmented.points.count > problem.points.count else {
            throw AugmentationError(reason: "'\(clause)' does not add new points after the old ones")
        }
        return augmented
    }
}

/// A construction that cannot be added to a problem.
public struct AugmentationError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
