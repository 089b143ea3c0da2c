import Foundation
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguTestSupport
import Testing

/// What the checker accepts and refuses, one small proof at a time (Thales' theorem, its
/// goal restated from the rule's conclusion by angle chasing).
@Suite struct ProofCheckerTests {
    static let problem = try! ProblemParser().parseProblem(
        name: "thales", statement: "a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp a c b c")

    static let thales = """
        Proof of thales
        Diagram seed: 0
        Premises:
          (1) coll o a b    [premise: o = midpoint o a b]
          (2) cong o a o b    [premise: o = midpoint o a b]
          (3) cong o c o a    [premise: c = on_circle c o a]
        Steps:
          (4) circle o a c b    by ratio chasing (log-lengths): -1 × [cong o c o a] (3); ratio chasing (log-lengths): 1 × [cong o a o b] (2)
          (5) perp a c c b    by rule diameter_subtends_a_right_angle [a=a b=c c=b o=o] from (4) (1)
          (6) perp a c b c    by angle chasing (mod 180°): 1 × [perp a c c b] (5)
        Goal perp a c b c proved in 3 steps.
        """

    /// The verdict on Thales' proof with `old` replaced by `new`.
    static func verdict(_ old: String = "", _ new: String = "") throws -> ProofVerdict {
        let text = old.isEmpty ? thales : thales.replacingOccurrences(of: old, with: new)
        #expect(old.isEmpty || text != thales, "the edit applies")
        return ProofChecker().check(try Proof.read(text, file: "thales.txt"), for: problem)
    }

    static func failure(_ verdict: ProofVerdict) -> ProofFailure? {
        if case .invalid(let f) = verdict { return f }
        return nil
    }

    /// A rule instance whose premises repeat points: chords ad and ek of one circle meet at
    /// i, and the three-circles rule bound with y1 = y2 = e "concludes" cyclic a d e k (true)
    /// from cyclic e e k d, which any three points satisfy; no step may state that.
    @Test func aRuleInstanceWithADegeneratePremiseIsRejected() throws {
        let problem = try ProblemParser().parseProblem(
            name: "degenerate", statement: "a d e = triangle a d e; o = circle o a d e; k = on_circle k o a; i = on_line i a d, on_line i e k ? cyclic a d e k")
        let text = """
            Proof of degenerate
            Auxiliary constructions: i = on_line i a d, on_line i e k
            Diagram seed: 0
            Premises:
              (1) coll i a d    [premise: i = on_line i a d, on_line i e k]
              (2) coll i e k    [premise: i = on_line i a d, on_line i e k]
            Steps:
              (3) coll a d i    by one line through shared points: (1)
              (4) coll d d i    by one line through shared points: 
              (5) coll e i k    by one line through shared points: (2)
              (6) coll k k d    by one line through shared points: 
              (7) coll d k d    by one line through shared points: 
              (8) cyclic e e k d    by one circle through shared points: 
              (9) cyclic k d a d    by one circle through shared points: 
              (10) cyclic a d e e    by one circle through shared points: 
              (11) cyclic a d e k    by rule three_circles_through_pairs_of_side_points_are_one [a=k b=d c=i x1=a x2=d y1=e y2=e z1=k z2=d] from (3) (4) (5) (5) (6) (7) (8) (9) (10)
            Goal cyclic a d e k proved in 9 steps.
            """
        let f = Self.failure(ProofChecker().check(try Proof.read(text, file: "degenerate.txt"), for: problem))
        // The premise is refused as a step of its own, before the rule cites it.
        #expect(f?.step == 8)
        #expect(f?.reason.contains("degenerate") == true, "\(String(describing: f))")
    }

    /// A statement with a zero length, eqratio6 o o o a o o o b (0 : oa = 0 : ob), holds in
    /// the diagram, but its ratio equation cancels the zero lengths away into |oa| = |ob|,
    /// which a certificate then proves: no step may state it, whatever its justification.
    @Test func aDegenerateStatementIsNoStep() throws {
        let f = Self.failure(try Self.verdict("(5) perp a c c b    by rule diameter_subtends_a_right_angle [a=a b=c c=b o=o] from (4) (1)",
                                              "(5) eqratio6 o o o a o o o b    by ratio chasing (log-lengths): -1 × [cong o a o b] (2)"))
        #expect(f?.step == 5)
        #expect(f?.reason.contains("degenerate") == true, "\(String(describing: f))")
    }

    @Test func thalesProofIsValid() throws {
        #expect(try Self.verdict() == .valid)
    }

    @Test func aPremiseTheProblemDoesNotAssertIsRejected() throws {
        // True in the figure (c is on the circle), but no construction says it.
        let f = Self.failure(try Self.verdict("(3) cong o c o a", "(3) cong o c o b"))
        #expect(f?.step == 3)
        #expect(f?.reason.contains("not asserted by a construction") == true)
    }

    @Test func aStatementFalseInTheDiagramIsRejected() throws {
        let f = Self.failure(try Self.verdict("(6) perp a c b c    by", "(6) perp a b b c    by"))
        #expect(f?.step == 6)
        #expect(f?.reason.contains("false in the checker's diagram") == true)
    }

    @Test func aRuleMustConcludeTheStatement() throws {
        // cong o a o c is true, but the rule under this binding concludes perp a c c b.
        let f = Self.failure(try Self.verdict("(5) perp a c c b    by", "(5) cong o a o c    by"))
        #expect(f?.step == 5)
        #expect(f?.reason == "diameter_subtends_a_right_angle under this binding concludes perp a c c b")
    }

    @Test func aRuleMayConcludeItsStatementInAnyOfItsForms() throws {
        // perp c b a c is perp a c c b, its lines and their points swapped; the goal's step
        // then cites it with the opposite sign (d(cb) − d(ac) + 1/2 is minus d(ac) − d(cb) + 1/2).
        let text = Self.thales.replacingOccurrences(of: "(5) perp a c c b    by", with: "(5) perp c b a c    by")
            .replacingOccurrences(of: "1 × [perp a c c b] (5)", with: "-1 × [perp c b a c] (5)")
        #expect(ProofChecker().check(try Proof.read(text, file: "thales.txt"), for: Self.problem) == .valid)
    }

    // MARK: Facts in any of their forms

    /// A rectangle's two halves: triangles abc and cda have their three sides equal.
    static let rectangle = try! ProblemParser().parseProblem(
        name: "rectangle_halves", statement: "a b c d = rectangle a b c d ? contri a b c c d a")

    static let halves = """
        Proof of rectangle_halves
        Diagram seed: 0
        Premises:
          (1) cong a b c d    [premise: a b c d = rectangle a b c d]
          (2) cong a d b c    [premise: a b c d = rectangle a b c d]
        Steps:
          (3) cong c a a c    by ratio chasing (log-lengths): trivial
          (4) contri a b c c d a    by rule side_side_side [a=a b=b c=c p=c q=d r=a] from (1) (2) (3)
        Goal contri a b c c d a proved in 2 steps.
        """

    static func rectangleVerdict(_ old: String = "", _ new: String = "") throws -> ProofVerdict {
        let text = old.isEmpty ? halves : halves.replacingOccurrences(of: old, with: new)
        #expect(old.isEmpty || text != halves, "the edit applies")
        return ProofChecker().check(try Proof.read(text, file: "halves.txt"), for: rectangle)
    }

    @Test func aRulePremiseMayBeCitedInAnyOfItsForms() throws {
        // The rule's second premise is cong b c d a: (2) states it with its segments swapped.
        #expect(try Self.rectangleVerdict() == .valid)
    }

    @Test func aRulePremiseCitedWithItsPointsReorderedByNoSymmetryIsRejected() throws {
        // cong a d b c is true in the rectangle and has the points of cong a b c d, but it
        // is another fact: its first premise is not cited.
        let f = Self.failure(try Self.rectangleVerdict("from (1) (2) (3)", "from (2) (2) (3)"))
        #expect(f?.step == 4)
        #expect(f?.reason == "premise 1 of side_side_side is cong a b c d, but (2) states cong a d b c")
    }

    @Test func aFactMayBeRestatedInAnyOfItsForms() throws {
        let problem = try ProblemParser().parseProblem(name: "rectangle_sides", statement: "a b c d = rectangle a b c d ? cong d c b a")
        let text = """
            Proof of rectangle_sides
            Diagram seed: 0
            Premises:
              (1) cong a b c d    [premise: a b c d = rectangle a b c d]
            Steps:
              (2) cong d c b a    by the same fact as: (1)
            """
        #expect(ProofChecker().check(try Proof.read(text, file: "sides.txt"), for: problem) == .valid)
    }

    @Test func aRestatementWithItsPointsReorderedByNoSymmetryIsRejected() throws {
        // The diagonals are equal too, cong a c b d, but that is not the fact cited.
        let problem = try ProblemParser().parseProblem(name: "rectangle_diagonals", statement: "a b c d = rectangle a b c d ? cong a c b d")
        let text = """
            Proof of rectangle_diagonals
            Diagram seed: 0
            Premises:
              (1) cong a b c d    [premise: a b c d = rectangle a b c d]
            Steps:
              (2) cong a c b d    by the same fact as: (1)
            """
        let f = Self.failure(ProofChecker().check(try Proof.read(text, file: "diagonals.txt"), for: problem))
        #expect(f?.step == 2)
        #expect(f?.reason == "a chain concludes coll, cyclic or midp, or restates one cited fact")
    }

    @Test func aRuleCitesItsPremisesInOrder() throws {
        let f = Self.failure(try Self.verdict("from (4) (1)", "from (1) (4)"))
        #expect(f?.step == 5)
        #expect(f?.reason.hasPrefix("premise 1 of diameter_subtends_a_right_angle is circle o a c b") == true)
    }

    @Test func halvingAnAngleEquationIsRefused() throws {
        let f = Self.failure(try Self.verdict("1 × [perp a c c b] (5)", "1/2 × [perp a c c b] (5)"))
        #expect(f?.step == 6)
        #expect(f?.reason.contains("is not an integer") == true)
    }

    @Test func aCertificateMustSumToTheStatement() throws {
        let f = Self.failure(try Self.verdict("1 × [cong o a o b] (2)", "-1 × [cong o a o b] (2)"))
        #expect(f?.step == 4)
        #expect(f?.reason.contains("ratios certificate sums to") == true)
    }

    @Test func aTermNamesTheStepItCites() throws {
        let f = Self.failure(try Self.verdict("-1 × [cong o c o a] (3)", "-1 × [cong o a o b] (3)"))
        #expect(f?.step == 4)
        #expect(f?.reason.contains("names [cong o a o b] but cites (3)") == true)
    }

    @Test func aCircleNeedsOneCertificatePerEquation() throws {
        let f = Self.failure(try Self.verdict("; ratio chasing (log-lengths): 1 × [cong o a o b] (2)", ""))
        #expect(f?.step == 4)
        #expect(f?.reason.contains("needs certificates in: ratios, ratios") == true)
    }

    @Test func aStepCitesOnlyEarlierSteps() throws {
        let f = Self.failure(try Self.verdict("1 × [perp a c c b] (5)", "1 × [perp a c c b] (6)"))
        #expect(f?.step == 6)
        #expect(f?.reason == "cites (6), which is not an earlier step")
    }

    @Test func theLastStepIsTheGoal() throws {
        let f = Self.failure(try Self.verdict("  (6) perp a c b c    by angle chasing (mod 180°): 1 × [perp a c c b] (5)\n", ""))
        #expect(f?.step == 5)
        #expect(f?.reason == "the last step is not the goal perp a c b c")
    }

    @Test func aChainCitesOnlyWhatItNeeds() throws {
        let f = Self.failure(try Self.verdict("(6) perp a c b c    by angle chasing (mod 180°): 1 × [perp a c c b] (5)",
                                              "(6) coll b a o    by one line through shared points: (1) (2)"))
        #expect(f?.step == 6)
        #expect(f?.reason == "(2) is not needed")
    }

    @Test func aDifferentDiagramSeedStillChecksWhenNoSideConditionDependsOnIt() throws {
        #expect(try Self.verdict("Diagram seed: 0", "Diagram seed: 5") == .valid)
    }

    @Test func anotherFormatIsRefused() throws {
        var proof = try Proof.read(Self.thales, file: "thales.txt")
        proof.format = "gougu-proof/1"
        #expect(Self.failure(ProofChecker().check(proof, for: Self.problem))?.reason == "format 'gougu-proof/1' is not gougu-proof/2 or gougu-proof/3")
    }

    @Test func aProofOfTheFormerFormatStillChecks() throws {
        var proof = try Proof.read(Self.thales, file: "thales.txt")
        proof.format = "gougu-proof/2"
        #expect(ProofChecker().check(proof, for: Self.problem) == .valid)
    }

    @Test func anExpressionThatIsNotTheCitedEquationIsRefused() throws {
        var proof = try Proof.read(Self.thales, file: "thales.txt")
        proof.steps[2].certificates![0].terms[0].expression = .init(terms: [.init(coefficient: "1", points: ["a", "c"], logPrime: nil)], constant: "0")
        let f = Self.failure(ProofChecker().check(proof, for: Self.problem))
        #expect(f?.step == 6)
        #expect(f?.reason.contains("stated expression is not the equation it cites") == true)
    }

    @Test func unreadableTextSaysWhere() throws {
        #expect(throws: ProofReadError.self) { try Proof.read(Self.thales.replacingOccurrences(of: "from (4) (1)", with: "from (4 (1)"), file: "t.txt") }
        do {
            _ = try Proof.read(Self.thales.replacingOccurrences(of: "    by rule", with: " by rule"), file: "t.txt")
        } catch let error as ProofReadError {
            #expect(error.description == "t.txt:9:3: error: expected 'statement    by justification' (four spaces, then 'by')")
        }
    }
}

/// The checker trusts the theorem library, the parser, `Rational`, the diagrams and the proof
/// document, and nothing of the engine: no source file of it imports the engine, and the
/// package does not let it. The proof document is data that imports nothing of Gougu.
@Suite struct CheckerIndependenceTests {
    @Test func noSourceOfTheCheckerImportsTheEngine() throws {
        let folder = SharedFiles.root.appendingPathComponent("Sources/GouguProofCheck")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 3)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("import GouguDeduction"), "\(file)")
            #expect(!text.contains("import Gougu\n"), "\(file)")
        }
        let package = try #require(RepositoryFiles.text("Package.swift"))
        let line = try #require(package.split(separator: "\n").first { $0.contains("name: \"GouguProofCheck\"") && $0.contains(".target(") })
        #expect(!line.contains("GouguDeduction"))
    }

    @Test func theProofDocumentImportsNothingOfGougu() throws {
        let folder = SharedFiles.root.appendingPathComponent("Sources/GouguProof")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 3)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("import Gougu"), "\(file)")
        }
        let package = try #require(RepositoryFiles.text("Package.swift"))
        #expect(package.contains(".target(name: \"GouguProof\"),"))
    }
}
