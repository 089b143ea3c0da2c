import Testing
import GouguArithmetic
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
@testable import GouguSearch

/// A triangle and its incentre (the first two points are a and b).
private let incenter = "a b c = triangle a b c; i = angle_bisector i b a c, angle_bisector i a b c ? eqangle c a c i c i c b"
/// IMO 2012 P5 (AlphaGeometry's statement): deduction alone does not prove it; the foot
/// of b on line ax (or another single point) is enough.
private let imo2012p5 = "c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l"
/// Pappus's theorem: beyond these tests' small budgets.
private let pappus = "a b = segment a b; c = on_line c a b; d e = segment d e; f = on_line f d e; x = on_line x a e, on_line x b d; y = on_line y a f, on_line y c d; z = on_line z b f, on_line z c e ? coll x y z"

private func start(_ statement: String) throws -> (Diagram, EngineResult) {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: 0)
    return (diagram, Engine().run(diagram, budget: Budget(seconds: 20)))
}

/// Proposes the same clauses, by depth (the number of auxiliary clauses so far).
private struct FixedProposer: Proposer {
    var byDepth: [[String]]
    func propose(for state: ProofState, limit: Int) -> [Proposal] {
        let depth = state.problem.clauses.count - state.originalClauseCount
        guard depth < byDepth.count else { return [] }
        let name = state.freshPointName
        return byDepth[depth].enumerated().map { k, clause in
            Proposal(clause: clause.replacingOccurrences(of: "X", with: name), score: -Double(k))
        }
    }
}

@Suite struct AugmentationTests {
    @Test func extendingADiagramKeepsEveryOldCoordinate() throws {
        let (diagram, _) = try start(incenter)
        let augmented = try Augmentation.problem(diagram.problem, adding: "m = midpoint m a b")
        let extended = try DiagramBuilder().extend(diagram, to: augmented)
        #expect(Array(extended.positions.prefix(diagram.positions.count)) == diagram.positions)
        let m = extended.positions[augmented.point(named: "m")!.index]
        #expect((m - (diagram.positions[0] + diagram.positions[1]) / 2).length < 1e-12)
    }

    @Test func theAugmentedProblemBuiltFromScratchIsTheExtendedDiagram() throws {
        // A checker that builds the augmented problem's diagram itself sees the same points.
        let (diagram, _) = try start(imo2012p5)
        let augmented = try Augmentation.problem(diagram.problem, adding: "w = foot w b a x")
        let extended = try DiagramBuilder().extend(diagram, to: augmented)
        let rebuilt = try DiagramBuilder().build(augmented, seed: diagram.seed)
        #expect(zip(extended.positions, rebuilt.positions).allSatisfy { $0.distance(to: $1) < 1e-12 })
    }

    @Test func aPointOnAnExistingPointCannotBeAdded() throws {
        let (diagram, _) = try start("a b = segment a b; m = midpoint m a b ? cong m a m b")
        let augmented = try Augmentation.problem(diagram.problem, adding: "x = midpoint x a b")
        #expect(throws: DiagramError.self) { try DiagramBuilder().extend(diagram, to: augmented) }
    }

    @Test func aContinuedRunKeepsItsParentsFactsAndProvesTheAugmentedProblem() throws {
        let (diagram, root) = try start(imo2012p5)
        #expect(!root.proved)
        let augmented = try Augmentation.problem(diagram.problem, adding: "w = foot w b a x")
        let extended = try DiagramBuilder().extend(diagram, to: augmented)
        let child = Engine().run(continuing: root.store, on: extended)
        #expect(child.proved)
        // The parent's facts are the child's first facts, not derived again.
        #expect(child.store.facts.prefix(root.store.facts.count).map(\.statement) == root.store.facts.map(\.statement))
        let proof = try #require(Proof(result: child, problem: augmented))
        #expect(proof.auxiliaryConstructions == ["w = foot w b a x"])
    }
}

@Suite struct BestFirstSearchTests {
    @Test func imo2012P5NeedsOneAuxiliaryPointAndTheSearchFindsIt() throws {
        let (diagram, root) = try start(imo2012p5)
        #expect(root.stopReason == .saturated)
        let search = BestFirstSearch(budget: SearchBudget(seconds: 30, states: 50), workers: 2).run(from: root, on: diagram)
        #expect(search.proved)
        #expect(search.auxiliary.count == 1)
        let problem = try #require(search.problem)
        let result = try #require(search.result)
        // An ordinary engine proof of the augmented problem, naming its auxiliary construction.
        let proof = try #require(Proof(result: result, problem: problem))
        #expect(proof.auxiliaryConstructions == search.auxiliary)
        #expect(proof.auxiliaryConstructions.first?.hasPrefix(problem.points.last!.name + " = ") == true)
        #expect(problem.clauses.count == diagram.problem.clauses.count + 1)
    }

    @Test func aSearchThatLendsACoreGoesOnWithTheOtherWorkersAndEnds() throws {
        let (diagram, root) = try start(imo2012p5)
        // A core lent for the whole search: one worker of two evaluates every state.
        var budget = SearchBudget(seconds: 30, states: 50)
        budget.lentCoreReturned = CancellationFlag()
        let search = BestFirstSearch(budget: budget, workers: 2).run(from: root, on: diagram)
        #expect(search.proved)
        // Lent and never returned, with nothing to find: the search still ends by its budget.
        var short = SearchBudget(seconds: 1, states: 50)
        short.lentCoreReturned = CancellationFlag()
        let (pappusDiagram, pappusRoot) = try start(pappus)
        let unproved = BestFirstSearch(budget: short, workers: 2).run(from: pappusRoot, on: pappusDiagram)
        #expect(!unproved.proved)
        #expect(unproved.seconds < 5)
    }

    @Test func theSameConstructionsInAnotherOrderAreOneState() throws {
        let (diagram, root) = try start(pappus)
        // Depth 1: m(ab), m(de); depth 2: the same two again.
        let clauses = ["X = midpoint X a b", "X = midpoint X d e"]
        let search = BestFirstSearch(proposer: FixedProposer(byDepth: [clauses, clauses]),
                                     budget: SearchBudget(seconds: 30), workers: 1).run(from: root, on: diagram)
        #expect(search.stopReason == .exhausted)
        // {m(ab)}, {m(de)}, {m(ab), m(de)}; {m(de), m(ab)} is a duplicate; a point twice is not
        // placeable. Each first-level state's dive tries its best proposal, m(ab), once more:
        // from {m(ab)} not placeable, from {m(de)} a duplicate.
        #expect(search.statesExpanded == 3)
        #expect(search.duplicates == 2)
        #expect(search.unplaceable == 3)
        #expect(search.tried.count == 3)
    }

    @Test func runningOutOfStatesGivesACleanResultWithWhatWasTried() throws {
        let (diagram, root) = try start(pappus)
        let search = BestFirstSearch(budget: SearchBudget(seconds: 30, states: 3), workers: 2).run(from: root, on: diagram)
        #expect(search.stopReason == .stateLimit)
        #expect(!search.proved && search.result == nil)
        #expect(search.statesExpanded == 3 && search.tried.count == 3)
        #expect(search.bestPartial != nil)
    }

    @Test func memoryStillAboveTheBudgetWithNothingLeftToDropEndsTheSearchCleanly() throws {
        let (diagram, root) = try start(pappus)
        let search = BestFirstSearch(budget: SearchBudget(seconds: 30, memoryMiB: 1), workers: 2).run(from: root, on: diagram)
        #expect(search.stopReason == .memoryLimit)
        #expect(!search.proved && search.result == nil)
    }

    @Test func runningOutOfTimeGivesACleanResult() throws {
        let (diagram, root) = try start(pappus)
        let search = BestFirstSearch(budget: SearchBudget(seconds: 0.3), workers: 2).run(from: root, on: diagram)
        #expect(search.stopReason == .timeout)
        #expect(search.seconds < 5)
    }

    @Test func theProofKeepsOnlyTheAuxiliaryPointsItUses() throws {
        let (diagram, root) = try start(imo2012p5)
        // A useless midpoint first, then the foot that proves the goal.
        let search = BestFirstSearch(proposer: FixedProposer(byDepth: [["X = midpoint X a c"], ["X = foot X b a x"]]),
                                     budget: SearchBudget(seconds: 30), workers: 1).run(from: root, on: diagram)
        #expect(search.proved)
        #expect(search.auxiliary == ["x2 = foot x2 b a x"])
        let problem = try #require(search.problem)
        #expect(problem.point(named: "x1") == nil)
        #expect(Proof(result: try #require(search.result), problem: problem) != nil)
    }

    @Test func eachStateAndTheProofSayWhereTheirConstructionsStoodAmongTheProposals() throws {
        let (diagram, root) = try start(imo2012p5)
        // The foot comes third among the root's proposals: states that add one useless point
        // come first, and the proof's one construction is the third proposal.
        let search = BestFirstSearch(proposer: FixedProposer(byDepth: [["X = midpoint X a c", "X = midpoint X b c", "X = foot X b a x"]]),
                                     budget: SearchBudget(seconds: 30, maximumDepth: 1), workers: 1).run(from: root, on: diagram)
        #expect(search.proved)
        #expect(search.auxiliary == ["x1 = foot x1 b a x"])
        #expect(search.auxiliaryRanks == [3])
        let ranks = search.tried.filter { $0.ranks != nil }.map { $0.ranks! }
        #expect(ranks == [[1], [2], [3]])
    }

    @Test func aBatchTriesItsConstructionsTogetherAndTheProofKeepsThoseItUses() throws {
        let (diagram, root) = try start(imo2012p5)
        // One at a time, the useless midpoints come first; the batch of all three, tried
        // next (the batch search has used no time yet), holds the foot and proves the goal.
        var budget = SearchBudget(seconds: 30, maximumDepth: 1)
        budget.batchSize = 3
        let proposer = FixedProposer(byDepth: [["X = midpoint X a c", "X = midpoint X b c", "X = foot X b a x"]])
        let search = BestFirstSearch(proposer: proposer, budget: budget, workers: 1).run(from: root, on: diagram)
        #expect(search.proved)
        #expect(search.auxiliary == ["x3 = foot x3 b a x"])
        #expect(search.auxiliaryRanks == [3])
        let states = search.tried.filter { $0.ranks != nil }
        #expect(states.map(\.auxiliary) == [["x1 = midpoint x1 a c"],
                                            ["x1 = midpoint x1 a c", "x2 = midpoint x2 b c", "x3 = foot x3 b a x"]])
        #expect(states.map(\.ranks) == [[1], [1, 2, 3]])
    }

    @Test func aBatchNamesEachNewPointApartFromThePointsBeforeIt() throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; x1 = midpoint x1 a b ? cong a x1 x1 b")
        #expect(SearchRun.renamingCreatedPoints(of: "x1 = foot x1 c a b", apartFrom: problem) == "x2 = foot x2 c a b")
        #expect(SearchRun.renamingCreatedPoints(of: "x1 = on_line x1 c x1, on_circum x1 a b c", apartFrom: problem)
                == "x2 = on_line x2 c x2, on_circum x2 a b c")
        #expect(SearchRun.renamingCreatedPoints(of: "x5 = midpoint x5 a c", apartFrom: problem) == "x2 = midpoint x2 a c")
    }

    @Test func theTraceSaysWhatEachStateOnTheWayOfferedAndWhichOffersTheProofUses() throws {
        let (diagram, root) = try start(imo2012p5)
        // The search takes the useless midpoint first and the foot after it; the proof drops
        // the midpoint, so at the root the foot, offered second, is the proof's construction.
        var budget = SearchBudget(seconds: 30, maximumDepth: 2)
        budget.recordsTrace = true
        let proposer = FixedProposer(byDepth: [["X = midpoint X a c", "X = foot X b a x"], ["X = foot X b a x"]])
        let search = BestFirstSearch(proposer: proposer, budget: budget, workers: 1).run(from: root, on: diagram)
        #expect(search.auxiliary == ["x2 = foot x2 b a x"])
        #expect(search.trace == [
            SearchTraceState(auxiliary: [], offered: ["x1 = midpoint x1 a c", "x1 = foot x1 b a x"], used: [1]),
            SearchTraceState(auxiliary: ["x1 = midpoint x1 a c"], offered: ["x2 = foot x2 b a x"], used: [0]),
        ])
        budget.recordsTrace = false
        #expect(BestFirstSearch(proposer: proposer, budget: budget, workers: 1).run(from: root, on: diagram).trace.isEmpty)
    }

    @Test func closuresDroppedUnderMemoryPressureAreDerivedAgainWithTheSameOutcome() throws {
        let (diagram, root) = try start(imo2012p5)
        let proposer = FixedProposer(byDepth: [["X = midpoint X a c"], ["X = foot X b a x"]])
        let plain = BestFirstSearch(proposer: proposer, budget: SearchBudget(seconds: 30), workers: 1)
        var pressed = plain
        pressed.evictionShare = 0  // any resident memory is pressure: every held closure is dropped
        let unpressed = plain.run(from: root, on: diagram)
        let search = pressed.run(from: root, on: diagram)
        #expect(unpressed.evictions == 0 && unpressed.recomputations == 0)
        // The first state's closure is dropped before its proposal is popped, and derived
        // again from the root's to continue: the same states, facts and proof.
        #expect(search.evictions >= 1 && search.recomputations >= 1)
        #expect(search.stopReason == .proved && search.auxiliary == unpressed.auxiliary)
        // (Identifications of existing points run first, within a share of the time: how many
        // fit depends on the machine, so only the states of the search proper are compared.)
        let states = { (tried: [TriedState]) in tried.filter { !$0.auxiliary.contains { $0.hasSuffix("(identification)") } } }
        #expect(states(search.tried).map(\.facts) == states(unpressed.tried).map(\.facts))
        #expect(states(search.tried).map(\.newFacts) == states(unpressed.tried).map(\.newFacts))
    }

    @Test func theProposersFirstChoiceIsFollowedAtOnce() throws {
        // A depth penalty this large would try every first-level proposal before any second
        // level; the greedy dive follows the first state's best proposal straight away.
        let (diagram, root) = try start(imo2012p5)
        let useless = ["X = midpoint X a c", "X = midpoint X a b", "X = midpoint X b c", "X = midpoint X d x"]
        let search = BestFirstSearch(proposer: FixedProposer(byDepth: [useless, ["X = foot X b a x"]]),
                                     budget: SearchBudget(seconds: 30), workers: 1, depthPenalty: 10).run(from: root, on: diagram)
        #expect(search.proved)
        #expect(search.statesExpanded == 2)
        #expect(search.auxiliary == ["x2 = foot x2 b a x"])
    }

    @Test func aGoalFalseInTheDiagramIsNotSearched() throws {
        let (diagram, root) = try start("a b c = triangle a b c; m = midpoint m b c ? perp a m b c")
        let search = BestFirstSearch().run(from: root, on: diagram)
        #expect(search.stopReason == .notSearchable)
    }

    /// A free triangle whose given drawing is isosceles is not proved isosceles. With x1 the
    /// mirror of b in a, x2 the midpoint of a x1 and x3 the foot from c (all on line ab), the
    /// parallelogram rule once took b, x1, x2, x3 for a parallelogram (its para premises hold
    /// for one line) and concluded midp a x2 x3, true only in this drawing; its side
    /// condition `ncoll a b c` refuses that. The proposer offers exactly those points, then
    /// the heuristic proposer gets a small budget.
    @Test func aFreeTriangleDrawnIsoscelesIsNotProvedIsosceles() throws {
        let (diagram, root) = try start("a@0_0 b@2_0 c@1_5 = triangle a b c ? cong c a c b")
        #expect(!root.proved)
        let fixed = BestFirstSearch(proposer: FixedProposer(byDepth: [["X = mirror X b a"], ["X = midpoint X a x1"], ["X = foot X c a b"]]),
                                    budget: SearchBudget(seconds: 30), workers: 1).run(from: root, on: diagram)
        #expect(fixed.statesExpanded == 3)
        #expect(!fixed.proved, "\(fixed.auxiliary)")
        let heuristic = BestFirstSearch(budget: SearchBudget(seconds: 20, states: 200), workers: 2).run(from: root, on: diagram)
        #expect(!heuristic.proved, "\(heuristic.auxiliary)")
    }
}

@Suite struct HeuristicProposerTests {
    @Test func proposalsAreNewPlaceablePointsEachOfferedAtMostTwice() throws {
        let (diagram, root) = try start(pappus)
        let state = ProofState(problem: diagram.problem, diagram: diagram, store: root.store,
                               originalClauseCount: diagram.problem.clauses.count)
        let proposals = HeuristicProposer().propose(for: state, limit: 60)
        #expect(proposals.count == 60)
        #expect(zip(proposals, proposals.dropFirst()).allSatisfy { $0.score >= $1.score })
        var positions: [Vector2] = []
        for proposal in proposals {
            let problem = try Augmentation.problem(diagram.problem, adding: proposal.clause)
            let extended = try DiagramBuilder().extend(diagram, to: problem)
            let x = extended.positions.last!
            #expect(diagram.positions.allSatisfy { $0.distance(to: x) > 1e-6 })
            #expect(positions.filter { $0.distance(to: x) < 1e-6 }.count <= 1, "\(proposal.clause)")
            positions.append(x)
        }
        #expect(Set(proposals.map(\.clause)).count == proposals.count)
    }

    /// The proposals of `statement`'s first state, as clauses.
    private func proposals(_ statement: String, limit: Int = 5000) throws -> [String] {
        let (diagram, root) = try start(statement)
        let state = ProofState(problem: diagram.problem, diagram: diagram, store: root.store,
                               originalClauseCount: diagram.problem.clauses.count)
        return HeuristicProposer().propose(for: state, limit: limit).map(\.clause)
    }

    @Test func whereTwoDrawnCirclesThroughAPointMeetAgainIsOffered() throws {
        // Circles abcd and aefg share only a: their second common point (a Miquel point).
        let clauses = try proposals("a b c = triangle a b c; d = on_circum d a b c; e f = segment e f; g = on_circum g a e f ? cyclic a b c d")
        #expect(clauses.contains { $0.hasPrefix("x1 = on_circum x1 a ") && $0.contains(", on_circum x1 a ") }, "\(clauses.prefix(20))")
    }

    @Test func whereALineThroughAPointOfADrawnCircleMeetsItAgainIsOffered() throws {
        let clauses = try proposals("a b c = triangle a b c; d = on_circum d a b c; e = free e ? cyclic a b c d")
        #expect(clauses.contains { $0.hasPrefix("x1 = on_line x1 a e, on_circum x1 a ") }, "\(clauses.prefix(20))")
    }

    @Test func whereTheTangentsAtTwoPointsOfACircleMeetIsOffered() throws {
        let clauses = try proposals("a b c = triangle a b c; o = circle o a b c ? cong o a o b")
        #expect(clauses.contains("x1 = intersection_tt x1 a a o b b o"), "\(clauses.prefix(20))")
    }

    @Test func whereAMentionedLineMeetsTheParallelThroughAPointIsOffered() throws {
        // Lines abd and ace are mentioned; the parallel to ac through f meets ab.
        let clauses = try proposals("a b c = triangle a b c; d = on_line d a b; e = on_line e a c; f = free f ? coll a b d")
        #expect(clauses.contains("x1 = intersection_lp x1 a b f a e"), "\(clauses.prefix(20))")
    }

    @Test func aPointReachedFromLaterPointsIsAlsoOfferedFromTheFirstTriangle() throws {
        // The centre of the circle through d, e and a is the circumcentre of abc: the
        // proposer offers it built from a, b, c as well as its best-scored construction.
        let (diagram, root) = try start("a b c = triangle a b c; d = on_circum d a b c; e = on_circum e a b c ? cyclic a b d e")
        let state = ProofState(problem: diagram.problem, diagram: diagram, store: root.store,
                               originalClauseCount: diagram.problem.clauses.count)
        let clauses = HeuristicProposer().propose(for: state, limit: 200).map(\.clause)
        #expect(clauses.contains("x1 = circle x1 a b c"), "\(clauses.prefix(20))")
    }
}
