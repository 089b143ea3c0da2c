import GouguDeduction
import GouguGeometry
import GouguLanguage

/// Where a proposer ranks the auxiliary constructions a problem's author gives (Newclid's
/// clauses after `|`): the measure of how far the search is from a known proof.
///
/// The problem is taken without the author's clauses. For each author clause in turn, the
/// state is the statement plus the author's clauses before it (their diagram: the
/// statement's, extended by them), deduction runs on it, and the proposer's list for that
/// state is searched for a proposal whose new point lands on the author's point (the same
/// position in the diagram, whatever the construction). The author's clauses are ground
/// truth here, never input to a benchmark run.
public enum AuthorConstructionRanks {
    /// One author clause, as the proposer saw it.
    public struct Rank: Sendable {
        /// The author's clause (`k = on_bline k m n`).
        public var clause: String
        /// How many author clauses come before it.
        public var depth: Int
        /// The 1-based rank of the first proposal whose new point is the author's, nil
        /// when none of the `proposals` examined is.
        public var rank: Int?
        /// That proposal.
        public var matchedBy: String?
        /// Proposals examined (at most the limit).
        public var proposals: Int
        /// Whether deduction already proves the goal in this state (the clause is not needed
        /// after the earlier ones).
        public var provedBefore: Bool
    }

    /// Why a problem's ranks cannot be measured.
    public struct Unmeasurable: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The rank of each of `problem`'s author clauses among `proposer`'s first `limit`
    /// proposals, deduction running at most `seconds` a state.
    ///
    /// - Throws: `Unmeasurable` when the problem has no author clauses, its goal speaks of
    ///   their points, or a diagram cannot be drawn.
    public static func measure(_ problem: Problem, proposer: any Proposer, engine: Engine = Engine(),
                               limit: Int = 200, seconds: Double = 30, seed: UInt64 = 0) throws -> [Rank] {
        guard let start = problem.authorAuxiliaryStart, let goal = problem.goal else {
            throw Unmeasurable(reason: "the problem has no author's auxiliary clauses (after '|') or no goal")
        }
        let statementClauses = Set(0..<start)
        guard let statementGoal = problem.statement(goal, restrictedTo: statementClauses) else {
            throw Unmeasurable(reason: "the goal speaks of the author's auxiliary points")
        }
        func state(upTo end: Int) throws -> Problem {
            try problem.restricted(to: Set(0..<end)).replacingGoal(statementGoal)
        }
        var current = try state(upTo: start)
        var diagram: Diagram
        do {
            diagram = try DiagramBuilder().buildInStatedConfiguration(current, seed: seed)
        } catch {
            throw Unmeasurable(reason: "the statement cannot be drawn: \(error)")
        }
        var ranks: [Rank] = []
        let scale = diagram.positions.map { max(abs($0.x), abs($0.y)) }.max() ?? 1
        for index in start..<problem.clauses.count {
            let next = try state(upTo: index + 1)
            let withAuthor: Diagram
            do {
                withAuthor = try DiagramBuilder().extend(diagram, to: next)
            } catch {
                throw Unmeasurable(reason: "the author's clause '\(problem.text(of: problem.clauses[index]))' cannot be drawn: \(error)")
            }
            let authorPoints = next.clauses[index].points.map { withAuthor.position(of: $0) }
            let result = engine.run(diagram, budget: Budget(seconds: seconds))
            var rank = Rank(clause: problem.text(of: problem.clauses[index]), depth: index - start, rank: nil, matchedBy: nil,
                            proposals: 0, provedBefore: result.proved)
            if !result.proved {
                let proposals = proposer.propose(for: ProofState(problem: current, diagram: diagram, store: result.store,
                                                                 originalClauseCount: start), limit: limit)
                rank.proposals = proposals.count
                for (i, proposal) in proposals.enumerated() {
                    guard let augmented = try? Augmentation.problem(current, adding: proposal.clause),
                          let placed = try? DiagramBuilder().extend(diagram, to: augmented) else { continue }
                    let new = placed.positions[current.points.count...]
                    if new.contains(where: { p in authorPoints.contains { $0.distance(to: p) <= 1e-7 * max(1, scale) } }) {
                        rank.rank = i + 1
                        rank.matchedBy = proposal.clause
                        break
                    }
                }
            }
            ranks.append(rank)
            current = next
            diagram = withAuthor
        }
        return ranks
    }
}
