import Foundation
import Testing
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguNeural
@testable import GouguProposer
import GouguSearch

private let incenter = "a b c = triangle a b c; i = angle_bisector i b a c, angle_bisector i a b c ? eqangle c a c i c i c b"

private func state(_ statement: String) throws -> ProofState {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: 0)
    let result = Engine().run(diagram, budget: Budget(seconds: 20))
    return ProofState(problem: problem, diagram: diagram, store: result.store, originalClauseCount: problem.clauses.count)
}

@Suite struct CanonicalNamingTests {
    @Test func pointsAreRenamedInOrderOfFirstAppearance() {
        var naming = CanonicalNaming()
        let text = naming.canonicalize("p q r = triangle p q r; o1 = circle o1 p q r; m = midpoint m q r ? perp o1 m q r")
        #expect(text == "a b c = triangle a b c; d = circle d a b c; e = midpoint e b c ? perp d e b c")
        #expect(naming.toOriginal["d"] == "o1")
        #expect(naming.count == 5)
    }

    @Test func constructionNamesPredicatesAndNumbersAreKept() {
        var naming = CanonicalNaming()
        // `circle` is a construction after `=`, a predicate after `?`; 30 is a number.
        let text = naming.canonicalize("x y = segment x y; z = s_angle x y z 30 ? circle z x y")
        #expect(text == "a b = segment a b; c = s_angle a b c 30 ? circle c a b")
    }

    @Test func renamingBackRoundTrips() {
        let original = "a b c = triangle a b c; h = orthocenter h a b c; t1 t2 t3 i = incenter2 t1 t2 t3 i a b c ? cong i t1 i t2"
        var naming = CanonicalNaming()
        let canonical = naming.canonicalize(original)
        #expect(canonical != original)
        #expect(CanonicalNaming.mapPoints(canonical) { naming.toOriginal[$0]! } == original)
    }

    @Test func namesBeyondTheAlphabetGetADigit() {
        #expect(CanonicalNaming.name(0) == "a")
        #expect(CanonicalNaming.name(25) == "z")
        #expect(CanonicalNaming.name(26) == "a1")
        #expect(CanonicalNaming.name(53) == "b2")
    }
}

@Suite struct ProposerCorpusTests {
    @Test func eachAuxiliaryClauseIsOneLineWithTheEarlierOnesInItsInput() throws {
        let pairs = ProposerCorpus.pairs(problem: "p q r = triangle p q r ? cong p q p r",
                                         auxiliary: ["m = midpoint m q r", "n = foot n p m q"])
        #expect(pairs.count == 2)
        #expect(pairs[0]?.input == "a b c = triangle a b c ? cong a b a c")
        #expect(pairs[0]?.target == "d = midpoint d b c")
        #expect(pairs[1]?.input == "a b c = triangle a b c; d = midpoint d b c ? cong a b a c")
        #expect(pairs[1]?.target == "e = foot e a d b")
    }

    @Test func aClauseRedefiningAnOldPointIsMalformed() {
        let pairs = ProposerCorpus.pairs(problem: "p q r = triangle p q r ? cong p q p r", auxiliary: ["q = midpoint q p r"])
        #expect(pairs.count == 1 && pairs[0] == nil)
    }

    @Test func neededLinesAreCopiedOptionalOnesKeptOnceAndUntokenizableOnesDropped() {
        let lines: [Substring] = [
            "s_1\tp q r = triangle p q r ? cong p q p r\tm = midpoint m q r\tneeded\t{}",
            "s_2\tp q r = triangle p q r ? perp p q p r\tm = foot m p q r\toptional\t{}",
            "s_3\tp q r = triangle p q r ? cong p q p r\t\t\t{}",
            "s_4\tp q r = Triangle p q r ? cong p q p r\tm = midpoint m q r\tneeded\t{}",
        ]
        var counts = ProposerCorpus.Counts()
        let out = ProposerCorpus().convert(lines, counts: &counts)
        #expect(out == ["a b c = triangle a b c ? cong a b a c\td = midpoint d b c",
                        "a b c = triangle a b c ? cong a b a c\td = midpoint d b c",
                        "a b c = triangle a b c ? perp a b a c\td = foot d a b c"])
        #expect(counts.examples == 4 && counts.needed == 2 && counts.optional == 1)
        #expect(counts.unreadable == 1 && counts.untokenizable == 0 && counts.lines == 2 && counts.written == 3)
    }
}

@Suite struct NeuralProposerTests {
    private func canonical(_ statement: String) throws -> (ProofState, CanonicalNaming) {
        let s = try state(statement)
        var naming = CanonicalNaming()
        _ = naming.canonicalize(s.problem.statementText)
        return (s, naming)
    }

    @Test func aModelClauseIsMappedBackWithAFreshName() throws {
        let (s, naming) = try canonical("p q r = triangle p q r; x1 = midpoint x1 p q ? cong x1 p x1 q")
        // Canonical: p q r x1 -> a b c d; the model's new point is e.
        #expect(NeuralProposer.clause(fromCanonical: "e = midpoint e b c", naming: naming, problem: s.problem) == "x2 = midpoint x2 q r")
        #expect(NeuralProposer.clause(fromCanonical: "e = on_line e a b, on_line e c d", naming: naming, problem: s.problem)
                == "x2 = on_line x2 p q, on_line x2 r x1")
    }

    @Test func invalidModelClausesAreDropped() throws {
        let (s, naming) = try canonical(incenter)
        let p = s.problem
        #expect(NeuralProposer.clause(fromCanonical: "e = midpoint f a c", naming: naming, problem: p) == nil)     // f is not defined
        #expect(NeuralProposer.clause(fromCanonical: "e = midpoint e a b c", naming: naming, problem: p) == nil)   // too many arguments
        #expect(NeuralProposer.clause(fromCanonical: "e = midpoint e a q", naming: naming, problem: p) == nil)     // q is unknown
        #expect(NeuralProposer.clause(fromCanonical: "e = midpoint e a", naming: naming, problem: p) == nil)       // does not parse
        #expect(NeuralProposer.clause(fromCanonical: "e = on_line e a b", naming: naming, problem: p) == nil)      // not determined
        #expect(NeuralProposer.clause(fromCanonical: "e = midpoint e a b; f = midpoint f a c", naming: naming, problem: p) == nil)
        #expect(NeuralProposer.clause(fromCanonical: "e = foot e a b c", naming: naming, problem: p) == "x1 = foot x1 a b c")
        // The model reused an old name for its new point: the signature says which words are new.
        #expect(NeuralProposer.clause(fromCanonical: "b = midpoint b a c", naming: naming, problem: p) == "x1 = midpoint x1 a c")
        // In a position the signature declares given, the same word is the old point (d is i).
        #expect(NeuralProposer.clause(fromCanonical: "d = on_line d a b, on_line d c d", naming: naming, problem: p)
                == "x1 = on_line x1 a b, on_line x1 c i")
    }

    @Test func theShippedModelProposesParseableClausesWithFreshPoints() throws {
        let proposer = try NeuralProposer.shipped(beamWidth: 4)
        let s = try state(incenter)
        let proposals = proposer.propose(for: s, limit: 4)
        #expect(!proposals.isEmpty)
        for proposal in proposals {
            #expect(proposal.score <= 0)
            let augmented = try Augmentation.problem(s.problem, adding: proposal.clause)
            #expect(augmented.points.count > s.problem.points.count)
            #expect(proposal.clause.hasPrefix("x1 ") || proposal.clause.hasPrefix("x1 x2 "))
        }
        #expect(proposals.map(\.score) == proposals.map(\.score).sorted(by: >))
    }

    @Test func theModelScoresAGivenClauseAsItsBeamDid() throws {
        // The model's favourite, asked back, gets its beam's score, whatever its new point
        // is called: the scorer names new points as the model would. (Unconstrained beams:
        // constrained ones renormalise each token over the grammar's choices.)
        let proposer = try NeuralProposer.shipped(beamWidth: 4)
        proposer.constrained = false
        let s = try state(incenter)
        let proposals = proposer.propose(for: s, limit: 4)
        let scores = proposer.logProbabilities(of: proposals.map(\.clause), in: s)
        let best = try #require(proposals.first)
        // The beam stepped its beams together (matrix products), the scorer one token at a
        // time (matrix-vector products): the same sums in a different float order.
        #expect(abs(try #require(scores[0]) - best.score) < 1e-4, "\(scores[0]!) vs \(best.score)")
        #expect(scores.allSatisfy { ($0 ?? 1) <= 0 })
        let renamed = proposals.map { $0.clause.replacingOccurrences(of: "x1", with: "q9") }
        #expect(proposer.logProbabilities(of: renamed, in: s) == scores)
        // A clause the tokenizer cannot read gets no score.
        #expect(proposer.logProbabilities(of: ["x1 = no_such_construction x1 a b"], in: s) == [nil])
    }

    @Test func theShippedModelIsSmallAndHalfPrecision() throws {
        let url = try #require(NeuralProposer.shippedModelURL)
        let file = try SafetensorsFile(contentsOf: url)
        let bytes = try Data(contentsOf: url).count
        #expect(bytes <= 20_000_000)
        let model = try Transformer(file: file)
        #expect(model.parameterCount <= 10_000_000)
        let header = try Data(contentsOf: url).prefix(4096)
        #expect(String(decoding: header, as: UTF8.self).contains("\"F16\""))
    }
}

@Suite struct MergedProposerTests {
    @Test func scoresAreAnchoredAtTheBestHeuristicScoreAndAgreementIsRewarded() {
        let merged = MergedProposer.merge(
            heuristic: [Proposal(clause: "A", score: 2.0), Proposal(clause: "B", score: 1.0)],
            neural: [Proposal(clause: "C", score: -0.1), Proposal(clause: "A", score: -2.0), Proposal(clause: "D", score: -3.0)],
            limit: 10)
        #expect(merged.map(\.clause) == ["A", "C", "B", "D"])
        #expect(abs(merged[0].score - 2.5) < 1e-9)   // max(2.0, 2.0 - 2.0) + 0.5
        #expect(abs(merged[1].score - 1.9) < 1e-9)   // 2.0 - 0.1
        #expect(abs(merged[3].score + 1.0) < 1e-9)   // 2.0 - 3.0
        #expect(MergedProposer.merge(heuristic: [Proposal(clause: "A", score: 2.0)], neural: [Proposal(clause: "C", score: -0.1)],
                                     limit: 1).map(\.clause) == ["A"])
    }

    @Test func withoutHeuristicProposalsTheAnchorIsOne() {
        let merged = MergedProposer.merge(heuristic: [], neural: [Proposal(clause: "C", score: -0.5)], limit: 5)
        #expect(merged == [Proposal(clause: "C", score: 0.5)])
    }

    @Test func bothProposersAreAsked() throws {
        struct Fixed: Proposer {
            var proposals: [Proposal]
            func propose(for state: ProofState, limit: Int) -> [Proposal] { proposals }
        }
        let merged = MergedProposer(neural: Fixed(proposals: [Proposal(clause: "n", score: -1)]),
                                    heuristic: Fixed(proposals: [Proposal(clause: "h", score: 3)]))
        #expect(merged.propose(for: try state(incenter), limit: 5).map(\.clause) == ["h", "n"])
    }

    @Test func withANeuralDepthTheModelIsAskedOnlyInShallowStates() throws {
        struct Fixed: Proposer {
            var proposals: [Proposal]
            func propose(for state: ProofState, limit: Int) -> [Proposal] { proposals }
        }
        let merged = MergedProposer(neural: Fixed(proposals: [Proposal(clause: "n", score: -1)]),
                                    heuristic: Fixed(proposals: [Proposal(clause: "h", score: 3)]), neuralDepth: 1)
        let root = try state(incenter)
        #expect(merged.propose(for: root, limit: 5).map(\.clause) == ["h", "n"])
        let deeper = try state(incenter.replacingOccurrences(of: " ? ", with: "; x1 = midpoint x1 a b ? "))
        let child = ProofState(problem: deeper.problem, diagram: deeper.diagram, store: deeper.store,
                               originalClauseCount: deeper.problem.clauses.count - 1)
        #expect(merged.propose(for: child, limit: 5).map(\.clause) == ["h"])
    }
}

@Suite struct RescoredProposerTests {
    struct Fixed: Proposer {
        var proposals: [Proposal]
        func propose(for state: ProofState, limit: Int) -> [Proposal] { Array(proposals.prefix(limit)) }
    }
    /// Log-probabilities by clause; nil for a clause it cannot read.
    struct TableScorer: ClauseScorer {
        var table: [String: Double]
        func logProbabilities(of clauses: [String], in state: ProofState) -> [Double?] { clauses.map { table[$0] } }
    }

    @Test func theModelReordersTheHeuristicsCandidatesAndAddsNone() throws {
        let heuristic = Fixed(proposals: [Proposal(clause: "a", score: 2.0), Proposal(clause: "b", score: 1.9), Proposal(clause: "c", score: 1.0)])
        let scorer = TableScorer(table: ["a": -20, "b": -2, "c": -3])
        let rescored = RescoredProposer(scorer: scorer, base: heuristic, weight: 0.05).propose(for: try state(incenter), limit: 5)
        // a: 2.0 - 1.0; b: 1.9 - 0.1; c: 1.0 - 0.15.
        #expect(rescored.map(\.clause) == ["b", "a", "c"])
        #expect(abs(rescored[0].score - 1.8) < 1e-9 && abs(rescored[1].score - 1.0) < 1e-9)
    }

    @Test func withWeightZeroTheOrderIsTheHeuristicsAndAnUnreadableClauseGetsTheLowestScore() throws {
        let candidates = [Proposal(clause: "a", score: 2.0), Proposal(clause: "b", score: 2.0), Proposal(clause: "c", score: 1.0)]
        #expect(RescoredProposer.rescore(candidates, logProbabilities: [-9, -1, -5], weight: 0) == candidates)
        let rescored = RescoredProposer.rescore(candidates, logProbabilities: [nil, -1, -5], weight: 0.1)
        #expect(rescored.map(\.clause) == ["b", "a", "c"])
        #expect(abs(rescored[1].score - 1.5) < 1e-9)   // 2.0 + 0.1 * (-5), the lowest known
    }

    @Test func theShippedModelScoresEveryHeuristicCandidate() throws {
        let root = try state(incenter)
        let model = try NeuralProposer.shipped()
        let candidates = HeuristicProposer().propose(for: root, limit: 30)
        let rescored = RescoredProposer(scorer: model, weight: 0.05).propose(for: root, limit: 30)
        #expect(Set(rescored.map(\.clause)) == Set(candidates.map(\.clause)))
        #expect(model.logProbabilities(of: candidates.map(\.clause), in: root).allSatisfy { $0 != nil && $0! < 0 })
    }
}

@Suite struct RankingCorpusTests {
    /// An example line of `gougu generate` whose sixth field is `trace`.
    private func line(problem: String = "a b c = triangle a b c ? perp a b a c", trace: [SearchTraceState]) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return ["synthetic_1_0", problem, "x1 = midpoint x1 a b", "needed", "{}",
                String(decoding: try encoder.encode(trace), as: UTF8.self)].joined(separator: "\t")
    }

    private func row(kind: Int, rank: Int) -> String {
        var values = [Float](repeating: 0, count: CandidateFeatures.count)
        values[kind] = 1
        values[CandidateFeatures.names.firstIndex(of: "log1p_heuristic_rank")!] = Float(log1p(Double(rank)))
        return SearchTraceState.row(values)
    }

    @Test func eachTracedStateWithFeaturesAndAUsedConstructionIsOneGroup() throws {
        let good = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b", "x1 = foot x1 a b c"], used: [1],
                                    features: [row(kind: 0, rank: 0), row(kind: 2, rank: 1)])
        let unused = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b"], used: [], features: [row(kind: 0, rank: 0)])
        let bare = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b"], used: [0])
        let text = try [line(trace: [good, unused]), line(trace: [bare]), "synthetic_2_0\tp\t\t\t{}\t"].joined(separator: "\n")
        let (groups, skipped) = RankingCorpus.groups(in: text)
        #expect(groups.count == 1)
        #expect(groups[0].count == 2 && groups[0].positives == [1])
        #expect(skipped == RankingCorpus.Skipped(lines: 1, statesWithoutFeatures: 1, statesWithoutPositives: 1))
        // The heuristic's own order: its first candidate scores highest.
        let heuristic = RankingCorpus.heuristicScores(groups[0])
        #expect(heuristic[0] > heuristic[1])
    }

    @Test func theStatesTheHeuristicMisranksAreThoseWhoseProofConstructionIsNotItsFirst() throws {
        let first = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b", "x1 = foot x1 a b c"], used: [0],
                                     features: [row(kind: 0, rank: 0), row(kind: 2, rank: 1)])
        let second = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b", "x1 = foot x1 a b c"], used: [1],
                                      features: [row(kind: 0, rank: 0), row(kind: 2, rank: 1)])
        let (groups, _) = RankingCorpus.groups(in: try line(trace: [first, second]))
        #expect(groups.count == 2)
        let misranked = RankingCorpus.groupsTheHeuristicMisranks(groups)
        #expect(misranked.map(\.positives) == [[1]])
    }

    @Test func rowsOfTheCandidatesOwnEntriesGetTheGoalsFromTheProblem() throws {
        let own = SearchTraceState.row([Float](repeating: 0.5, count: CandidateFeatures.candidateCount))
        let state = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b"], used: [0], features: [own])
        let (groups, _) = RankingCorpus.groups(in: try line(trace: [state]))
        #expect(groups.count == 1)
        #expect(Array(groups[0].features[CandidateFeatures.candidateCount...]) == CandidateFeatures.goalRow(predicate: "perp"))
    }

    @Test func anExcludedProblemGivesNoGroups() throws {
        let state = SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a b"], used: [0], features: [row(kind: 0, rank: 0)])
        let text = try line(problem: "p q r = triangle p q r ? perp p q p r", trace: [state])
        let (groups, skipped) = RankingCorpus.groups(in: text) { $0.hasPrefix("p q r = triangle") }
        #expect(groups.isEmpty && skipped.excluded == 1)
    }

    @Test func aRankerReadingAnotherNumberOfFeaturesIsRefused() {
        #expect(throws: ProposerModelError.self) {
            try LearnedRanker(network: RankerNetwork(config: RankerConfig(inputs: CandidateFeatures.count + 1), seed: 1))
        }
    }

    @Test func aWrittenRankerLoadsWithTheSameScores() throws {
        let ranker = try LearnedRanker(network: RankerNetwork(config: RankerConfig(inputs: CandidateFeatures.count, hidden: [8]), seed: 2))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ranker-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try ranker.write(to: url)
        let loaded = try LearnedRanker(contentsOf: url)
        let features = (0..<(3 * CandidateFeatures.count)).map { Float($0 % 7) / 7 }
        #expect(loaded.scores(features: features, count: 3) == ranker.scores(features: features, count: 3))
    }
}
