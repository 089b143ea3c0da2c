import Testing
import GouguArithmetic
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguTestSupport

/// The engine on small configurations: a rule family that must fire, a near miss the
/// diagram refutes, determinism, and proofs whose every step holds in the diagram.
@Suite struct EngineTests {
    func run(_ statement: String, seed: UInt64 = 0, seconds: Double = 20) throws -> (EngineResult, Problem) {
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
        let diagram = try DiagramBuilder().build(problem, seed: seed)
        return (Engine().run(diagram, budget: Budget(seconds: seconds)), problem)
    }

    @Test func inscribedAnglesOnAChordAreEqual() throws {
        let (result, _) = try run("a b c = triangle a b c; o = circumcenter o a b c; d = on_circle d o a ? eqangle c a c b d a d b")
        #expect(result.proved)
    }

    @Test func equalInscribedAnglesGiveACyclicQuadrilateral() throws {
        // The feet of two altitudes see ab at right angles.
        let (result, _) = try run("a b c = triangle a b c; d = foot d a b c; e = foot e b c a ? cyclic a b d e")
        #expect(result.proved)
    }

    @Test func midlineIsParallelToTheBase() throws {
        let (result, _) = try run("a b c = triangle a b c; d = midpoint d a b; e = midpoint e a c ? para d e b c")
        #expect(result.proved)
    }

    @Test func medianToTheHypotenuseIsHalfOfIt() throws {
        let (result, _) = try run("a b c = r_triangle a b c; m = midpoint m b c ? cong m a m b")
        #expect(result.proved)
    }

    @Test func angleChasingProvesParallelsFromTwoPerpendiculars() throws {
        let (result, _) = try run("a b c = triangle a b c; d = on_tline d a b c; e = on_tline e b b c ? para a d b e")
        #expect(result.proved)
    }

    @Test func distanceChasingAddsSegmentsAlongALine() throws {
        // de = dc + ce = ac/2 + cb/2 = ac: a sum of lengths, beyond ratio chasing.
        let (result, problem) = try run("a b = segment a b; c = midpoint c a b; d = midpoint d a c; e = midpoint e c b ? cong d e a c")
        #expect(result.proved)
        guard case .algebra(let certificates)? = result.goalJustification, certificates.count == 1 else {
            Issue.record("expected an algebraic step, got \(String(describing: result.goalJustification))")
            return
        }
        #expect(certificates[0].table == .lengths)
        #expect(certificates[0].terms.contains { $0.equation.contains("between") })
        #expect(Proof(result: result, problem: problem)?.text.contains("distance chasing") == true)
    }

    @Test func distanceChasingUsesEqualitiesFoundByRules() throws {
        // ma = mb (the median to the hypotenuse), then bd = bm + md = 3/2 bm along bc.
        let (result, _) = try run("a b c = r_triangle a b c; m = midpoint m b c; d = midpoint d m c ? rconst b d m a 3/2")
        #expect(result.proved)
        guard case .algebra(let certificates)? = result.goalJustification, certificates.count == 1 else {
            Issue.record("expected an algebraic step")
            return
        }
        #expect(certificates[0].table == .lengths)
    }

    @Test func pythagorasGivesEqualDistancesFromRightAngles() throws {
        // The circles centred at the midpoints e, f of ac, ab through the orthocentre h cut
        // those sides at b1, c1 equidistant from the circumcentre o: |ob1|² = |oe|² + |eh|² and
        // |oc1|² = |of|² + |fh|², and |ae|² − |af|² = |he|² − |hf|² because ah ⊥ ef.
        let (result, problem) = try run("a b c = triangle a b c; h = orthocenter h a b c; e = midpoint e a c; f = midpoint f a b; b1 = on_circle b1 e h, on_line b1 a c; c1 = on_circle c1 f h, on_line c1 a b; o = circle o a b c ? cong o b1 o c1")
        #expect(result.proved)
        let proof = try #require(Proof(result: result, problem: problem))
        let pythagoras = proof.steps.filter { $0.certificates?.contains { $0.table == .squares } == true }
        #expect(!pythagoras.isEmpty)
        #expect(proof.text.contains("Pythagoras (squared lengths)"))
    }

    @Test func aRightAngleMeansPythagorasInTheSquaredLengths() {
        // perp a b c d: |ac|² − |ad|² − |bc|² + |bd|² = 0; with the lines meeting at a point of
        // both (b = d), the square of b with itself drops out: |ac|² − |ab|² − |bc|² = 0.
        let general = FactStore.squareTerms(.perp, [0, 1, 2, 3], [])!
        #expect(general.count == 1 && general[0].terms.count == 4 && general[0].constant == .zero)
        let rightAngle = FactStore.squareTerms(.perp, [0, 1, 2, 1], [])![0].terms
        let expected: [Int: Rational] = [FactStore.pair(0, 2): 1, FactStore.pair(0, 1): -1, FactStore.pair(1, 2): -1]
        #expect(Dictionary(uniqueKeysWithValues: rightAngle.map { ($0.0, $0.1) }) == expected)
        // Parallels and angle equalities mean nothing there.
        #expect(FactStore.squareTerms(.para, [0, 1, 2, 3], []) == nil)
        #expect(FactStore.squareTerms(.eqangle, Array(0..<8), []) == nil)
    }

    @Test func withoutTheRightAngleThereIsNoPythagoras() throws {
        // The same figure with the centroid g for the orthocentre (y, z the midpoints of ca,
        // ab): ag is not perpendicular to yz, the distances differ, and the diagram refutes
        // the goal.
        let (result, _) = try run("a b c = triangle a b c; x y z g = centroid x y z g a b c; b1 = on_circle b1 y g, on_line b1 a c; c1 = on_circle c1 z g, on_line c1 a b; o = circle o a b c ? cong o b1 o c1")
        #expect(result.stopReason == .goalFalseInDiagram)
    }

    @Test func aGoalFalseInTheDiagramIsNeverProved() throws {
        // A midpoint is not the foot of the altitude: the near miss of the median theorem.
        let (result, _) = try run("a b c = triangle a b c; m = midpoint m b c ? perp a m b c")
        #expect(result.stopReason == .goalFalseInDiagram)
    }

    @Test func aTrueGoalBeyondTheRulesSaturatesCleanly() throws {
        // Pappus's theorem needs more than these rules: the engine stops, saying so.
        let (result, _) = try run("a b = segment a b; c = on_line c a b; d e = segment d e; f = on_line f d e; x = on_line x a e, on_line x b d; y = on_line y a f, on_line y c d; z = on_line z b f, on_line z c e ? coll x y z")
        #expect(result.stopReason == .saturated)
    }

    @Test func theSameProblemAndSeedGiveTheSameProof() throws {
        let statement = "a b c = triangle a b c; p = on_circum p a b c; x = foot x p b c; y = foot y p c a; z = foot z p a b ? coll x y z"
        let (first, problem) = try run(statement)
        let (second, _) = try run(statement)
        let a = try #require(Proof(result: first, problem: problem)), b = try #require(Proof(result: second, problem: problem))
        #expect(a.text == b.text)
    }

    @Test func everyDerivedFactOfABundledProofHoldsInTheDiagram() throws {
        let text = try #require(RepositoryFiles.text("Problems/classics.txt"))
        var proved = 0
        for problem in try ProblemParser().parseFile(text, file: "classics.txt") {
            let diagram = try DiagramBuilder().build(problem, seed: 0)
            let result = Engine().run(diagram, budget: Budget(seconds: 10))
            for fact in result.store.facts {
                #expect(diagram.holds(fact.statement), "\(problem.name): \(problem.text(of: fact.statement))")
            }
            if result.proved {
                proved += 1
                #expect(Proof(result: result, problem: problem) != nil)
            }
        }
        #expect(proved >= 20, "proved \(proved) bundled problems")
    }

    @Test func aMemoryBudgetStopsTheEngineCleanly() throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; f = midpoint f a b; g = foot g a b c; h = orthocenter h a b c ? cyclic d e f g")
        let result = Engine().run(try DiagramBuilder().build(problem), budget: Budget(memoryMiB: 1))
        #expect(result.stopReason == .memoryLimit)
    }

    @Test func aTimeBudgetStopsTheEngineCleanly() throws {
        let (result, _) = try run("a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; f = midpoint f a b; g = foot g a b c ? cyclic d e f g", seconds: 0)
        #expect(result.stopReason == .timeout || result.proved)
    }
}

@Suite struct PointClassesTests {
    @Test func twoLinesSharingTwoPointsAreOneLine() {
        var lines = PointClasses(arity: 2)
        _ = lines.merge([0, 1, 2], because: 10)
        _ = lines.merge([1, 2, 3], because: 11)
        #expect(lines.together([0, 3, 1]) == [10, 11])
    }

    @Test func linesSharingOnePointStayApart() {
        var lines = PointClasses(arity: 2)
        _ = lines.merge([0, 1, 2], because: 10)
        _ = lines.merge([2, 3, 4], because: 11)
        #expect(lines.together([0, 1, 3]) == nil)
    }

    @Test func circlesSharingThreePointsAreOneCircle() {
        var circles = PointClasses(arity: 3)
        _ = circles.merge([0, 1, 2, 3], because: 5)
        _ = circles.merge([1, 2, 3, 4], because: 6)
        #expect(circles.together([0, 4, 1, 2]) == [5, 6])
    }
}

/// Rules that angle or ratio chasing already imply are left to the algebra; the others run.
@Suite struct AlgebraImpliedRuleTests {
    func rule(_ name: String) throws -> CompiledRule {
        CompiledRule(try #require(TheoremLibrary.standard.rules.first { $0.name == name }))
    }

    @Test func twoPerpendicularsGivingAParallelIsAngleChasing() throws {
        #expect(try rule("perpendiculars_to_one_line_are_parallel").isImpliedByAlgebra)
    }

    @Test func ratioTransitivityIsRatioChasing() throws {
        #expect(try rule("ratio_equality_is_transitive").isImpliedByAlgebra)
    }

    @Test func twoBisectorsArePerpendicularByTwiceTheRightAngle() throws {
        // 2x = c has two solutions modulo 180 degrees: the table proves twice the right
        // angle, and the diagram, where the rule's conclusion is checked, has the solution.
        #expect(try rule("two_bisectors_of_an_angle_are_perpendicular").isImpliedByAlgebra)
    }

    @Test func parallelsThroughAPointNeedTheirCommonPoint() throws {
        // Not a matter of directions alone: two parallels coincide as lines only when they
        // share a point, which no multiple of an angle equation says.
        #expect(try !rule("parallel_lines_through_a_point_coincide").isImpliedByAlgebra)
    }

    @Test func isoscelesBaseAnglesCrossTheTables() throws {
        #expect(try !rule("equal_base_angles_give_an_isosceles_triangle").isImpliedByAlgebra)
    }
}
