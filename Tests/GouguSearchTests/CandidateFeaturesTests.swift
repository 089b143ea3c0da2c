import Foundation
import Testing
import GouguDeduction
import GouguGeometry
import GouguLanguage
@testable import GouguSearch

/// IMO 2012 P5 (AlphaGeometry's statement): deduction alone does not prove it.
private let imo2012p5 = "c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l"

private func rootState(_ statement: String) throws -> (ProofState, Diagram, EngineResult) {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: 0)
    let result = Engine().run(diagram, budget: Budget(seconds: 20))
    return (ProofState(problem: problem, diagram: diagram, store: result.store, originalClauseCount: problem.clauses.count), diagram, result)
}

/// Scores a candidate by one feature (its weight times the feature's value).
private struct OneFeatureRanker: CandidateRanker {
    var feature: String
    var weight: Float = 10
    func scores(features: [Float], count: Int) -> [Float] {
        let column = CandidateFeatures.names.firstIndex(of: feature)!
        return (0..<count).map { weight * features[$0 * CandidateFeatures.count + column] }
    }
}

/// The construction a proposal's clause uses first (`x1 = foot x1 a b c` → `foot`).
private func construction(_ clause: String) -> String {
    String(clause.split(separator: " ")[2])
}

@Suite struct CandidateFeaturesTests {
    @Test func everyProposalCarriesOneRowOfFeaturesNamingItsKind() throws {
        let (state, _, _) = try rootState(imo2012p5)
        let proposals = HeuristicProposer(attachesFeatures: true).propose(for: state, limit: 300)
        #expect(HeuristicProposer().propose(for: state, limit: 300).allSatisfy { $0.features == nil })
        #expect(proposals.count > 100)
        let kinds = CandidateFeatures.kinds.count
        let rank = CandidateFeatures.names.firstIndex(of: "log1p_heuristic_rank")!
        for (k, proposal) in proposals.enumerated() {
            let row = try #require(proposal.features)
            #expect(row.count == CandidateFeatures.count)
            #expect(row.prefix(kinds).filter { $0 == 1 }.count == 1)
            #expect(abs(row[rank] - Float(log1p(Double(k)))) < 1e-4)
            #expect(Array(row[CandidateFeatures.candidateCount...]) == CandidateFeatures.goalRow(predicate: "cong"))
            let kind = CandidateFeatures.kinds[row.prefix(kinds).firstIndex(of: 1)!]
            let written = construction(proposal.clause)
            switch kind {
            case "line_circle": #expect(written == "on_line")
            case "circle_circle": #expect(written == "on_circum")
            default: #expect(written == kind)
            }
        }
    }

    @Test func aRankerAloneOrdersTheCandidatesByItsOwnScores() throws {
        let (state, _, _) = try rootState(imo2012p5)
        let plain = HeuristicProposer().propose(for: state, limit: 20)
        #expect(construction(plain[0].clause) != "orthocenter")
        let ranked = HeuristicProposer(learned: LearnedRanking(ranker: OneFeatureRanker(feature: "kind=orthocenter"), mode: .alone))
            .propose(for: state, limit: 20)
        #expect(construction(ranked[0].clause) == "orthocenter")
        // Scores fall down the list, and a candidate the ranker is sure of scores about the anchor.
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(ranked[0].score <= 3.0)
    }

    @Test func combinedWithWeightZeroTheOrderIsTheHeuristics() throws {
        let (state, _, _) = try rootState(imo2012p5)
        let plain = HeuristicProposer().propose(for: state, limit: 50)
        var ranking = LearnedRanking(ranker: OneFeatureRanker(feature: "kind=orthocenter"), mode: .combined)
        ranking.weight = 0
        #expect(HeuristicProposer(learned: ranking).propose(for: state, limit: 50).map(\.clause) == plain.map(\.clause))
        ranking.weight = 0.5
        #expect(HeuristicProposer(learned: ranking).propose(for: state, limit: 50).map(\.clause) != plain.map(\.clause))
    }

    @Test func aTracedStateKeepsFeaturesOfMoreCandidatesThanTheSearchTries() throws {
        let (_, diagram, root) = try rootState(imo2012p5)
        var budget = SearchBudget(seconds: 30, branching: 10, maximumDepth: 2)
        budget.recordsTrace = true
        budget.tracedCandidates = 60
        let search = BestFirstSearch(proposer: HeuristicProposer(attachesFeatures: true), budget: budget, workers: 1).run(from: root, on: diagram)
        #expect(search.proved)
        let first = try #require(search.trace.first)
        #expect(first.offered.count == 60)
        let rows = try #require(first.features)
        #expect(rows.count == 60)
        #expect(rows.allSatisfy { SearchTraceState.values(ofRow: $0)?.count == CandidateFeatures.count })
        #expect(!first.used.isEmpty && first.used.allSatisfy { $0 < 10 })
    }

    @Test func aRowOfFeaturesReadsBackAsWritten() {
        let row: [Float] = [0, 1, 0.5, -2.25, 1234.5]
        #expect(SearchTraceState.row(row) == "0,1,0.5,-2.25,1234")
        #expect(SearchTraceState.values(ofRow: "0,1,0.5,-2.25") == [0, 1, 0.5, -2.25])
        #expect(SearchTraceState.values(ofRow: "0,x,1") == nil)
    }
}

@Suite struct GoalFeaturesTests {
    @Test func theGoalsPredicateHasOneEntryAndItsVariantsShareIt() {
        #expect(CandidateFeatures.goalRow(predicate: "simtri2") == CandidateFeatures.goalRow(predicate: "simtri"))
        #expect(CandidateFeatures.goalRow(predicate: "cyclic").filter { $0 == 1 }.count == 1)
        #expect(CandidateFeatures.goalRow(predicate: "eqangle6").allSatisfy { $0 == 0 })
        #expect(CandidateFeatures.goalRow(predicate: nil).allSatisfy { $0 == 0 })
        #expect(CandidateFeatures.goalPredicate(ofStatement: "a b c = triangle a b c ? perp a b a c") == "perp")
        #expect(CandidateFeatures.goalPredicate(ofStatement: "a b c = triangle a b c") == nil)
    }
}
