import Testing
import GouguDeduction
import GouguLanguage
@testable import GouguSearch

/// Where the proposer ranks an author's auxiliary construction: by the point it lands on,
/// whatever construction builds it.
@Suite struct AuthorConstructionRanksTests {
    /// The internal bisectors of a triangle meet at one point: deduction alone does not
    /// prove it; the centre of the circle through a, b and i, given by the author, does.
    let incenter = "a b c = triangle a b c; i = angle_bisector i b a c, angle_bisector i a b c | x = circle x a b i ? eqangle c a c i c i c b"

    struct Listed: Proposer {
        var clauses: [String]
        func propose(for state: ProofState, limit: Int) -> [Proposal] {
            clauses.prefix(limit).enumerated().map { Proposal(clause: $1.replacingOccurrences(of: "X", with: state.freshPointName), score: -Double($0)) }
        }
    }

    @Test func aProposalLandingOnTheAuthorsPointFindsItsRank() throws {
        let problem = try ProblemParser().parseProblem(name: "incenter", statement: incenter)
        let proposer = Listed(clauses: ["X = midpoint X a b", "X = foot X c a b", "X = circle X b i a", "X = circle X a b i"])
        let ranks = try AuthorConstructionRanks.measure(problem, proposer: proposer, seconds: 10)
        #expect(ranks.count == 1)
        #expect(ranks[0].clause == "x = circle x a b i" && ranks[0].depth == 0 && !ranks[0].provedBefore)
        #expect(ranks[0].rank == 3, "the same point from its points in another order")
        #expect(ranks[0].matchedBy == "x1 = circle x1 b i a")
        #expect(ranks[0].proposals == 4)
    }

    @Test func aPointNeverProposedHasNoRank() throws {
        let problem = try ProblemParser().parseProblem(name: "incenter", statement: incenter)
        let ranks = try AuthorConstructionRanks.measure(problem, proposer: Listed(clauses: ["X = midpoint X a b"]), seconds: 10)
        #expect(ranks[0].rank == nil && ranks[0].matchedBy == nil && ranks[0].proposals == 1)
    }

    @Test func theHeuristicProposesTheAuthorsPoint() throws {
        let problem = try ProblemParser().parseProblem(name: "incenter", statement: incenter)
        let ranks = try AuthorConstructionRanks.measure(problem, proposer: HeuristicProposer(), limit: 500, seconds: 10)
        #expect(ranks[0].rank != nil, "\(ranks)")
    }

    @Test func aProblemWithoutAuthorsClausesIsNotMeasured() throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c ? perp a b a c")
        #expect(throws: AuthorConstructionRanks.Unmeasurable.self) {
            try AuthorConstructionRanks.measure(problem, proposer: HeuristicProposer())
        }
    }
}
