import Testing
import GouguDeduction
import GouguLanguage
@testable import GouguSearch

/// Where the proposer ranks an author's auxiliary construction: by the point it lands on,
/// whatever construction builds it.
@Suite struct AuthorConstructionRanksTests {
    /// IMO 2012 P5 (AlphaGeometry's statement): deduction alone does not prove it; the foot
    /// of b on line ax, given by the author, is enough.
    let imo2012p5 = "c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; "
        + "l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k | y = foot y b a x ? cong m k m l"

    struct Listed: Proposer {
        var clauses: [String]
        func propose(for state: ProofState, limit: Int) -> [Proposal] {
            clauses.prefix(limit).enumerated().map { Proposal(clause: $1.replacingOccurrences(of: "X", with: state.freshPointName), score: -Double($0)) }
        }
    }

    @Test func aProposalLandingOnTheAuthorsPointFindsItsRank() throws {
        let problem = try ProblemParser().parseProblem(name: "imo_2012_p5", statement: imo2012p5)
        // The second lands on d, a point of the statement: it cannot be placed.
        let proposer = Listed(clauses: ["X = midpoint X a b", "X = foot X c a b", "X = foot X b x a", "X = foot X b a x"])
        let ranks = try AuthorConstructionRanks.measure(problem, proposer: proposer, seconds: 10)
        #expect(ranks.count == 1)
        #expect(ranks[0].clause == "y = foot y b a x" && ranks[0].depth == 0 && !ranks[0].provedBefore)
        #expect(ranks[0].rank == 3, "the same point from its points in another order")
        #expect(ranks[0].matchedBy == "x1 = foot x1 b x a")
        #expect(ranks[0].proposals == 4)
    }

    @Test func aPointNeverProposedHasNoRank() throws {
        let problem = try ProblemParser().parseProblem(name: "imo_2012_p5", statement: imo2012p5)
        let ranks = try AuthorConstructionRanks.measure(problem, proposer: Listed(clauses: ["X = midpoint X a b"]), seconds: 10)
        #expect(ranks[0].rank == nil && ranks[0].matchedBy == nil && ranks[0].proposals == 1)
    }

    @Test func theHeuristicProposesTheAuthorsPoint() throws {
        let problem = try ProblemParser().parseProblem(name: "imo_2012_p5", statement: imo2012p5)
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
