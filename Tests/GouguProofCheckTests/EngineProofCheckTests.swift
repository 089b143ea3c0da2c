import Testing
import GouguProofCheck
import GouguLanguage
import GouguProof
import GouguTestSupport

/// Every proof the engine produces checks, as JSON and as text read back.
@Suite struct EngineProofCheckTests {
    @Test func everyProofOfTheBundledClassicsChecks() {
        let proofs = EngineProofs.classics
        // 26: the butterfly's one-step "proof" took its four points of one line for a
        // parallelogram (parallelogram_diagonals_bisect_each_other now needs ncoll a b c);
        // the search proves it.
        #expect(proofs.count >= 26, "\(proofs.count) classics proved")
        for proof in proofs {
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
    }

    @Test func proofsByDistanceChasingCheck() {
        let proofs = EngineProofs.distances
        #expect(proofs.count == 2)
        #expect(proofs.allSatisfy { $0.textSource.contains("distance chasing (lengths)") && $0.textSource.contains(" between ") })
        for proof in proofs {
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
    }

    @Test func proofsByPythagorasCheck() throws {
        let proof = try #require(EngineProofs.pythagoras.first)
        #expect(proof.textSource.contains("Pythagoras (squared lengths)"))
        #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid)
        #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid)
    }

    @Test func proofsByTheLawOfSinesCheck() throws {
        let proof = try #require(EngineProofs.sines.first)
        #expect(proof.textSource.contains("[law of sines in triangle "))
        #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid)
        #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid)
    }

    @Test func proofsByTheDiagramsSolutionOfAMultipleCheck() {
        let proofs = EngineProofs.angleMultiples
        #expect(proofs.map(\.problem.name) == ["two_points_of_the_inner_bisector", "inner_and_outer_bisectors"])
        for proof in proofs {
            #expect(proof.textSource.contains("angle chasing (mod 180°), 2 × the statement (the diagram's solution): "), "\(proof.textSource)")
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
    }

    @Test func aMultipleMustSumToThatMultipleOfTheStatement() throws {
        // The same terms claimed to sum to the statement itself, or to three times it.
        let proof = try #require(EngineProofs.angleMultiples.first)
        for edit in ["angle chasing (mod 180°):", "angle chasing (mod 180°), 3 × the statement (the diagram's solution):"] {
            let edited = proof.textSource.replacingOccurrences(of: "angle chasing (mod 180°), 2 × the statement (the diagram's solution):", with: edit)
            #expect(edited != proof.textSource)
            let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: proof.problem)
            guard case .invalid(let failure) = verdict else { Issue.record("accepted with '\(edit)'"); continue }
            #expect(failure.reason.contains("certificate sums to"), "\(failure.reason)")
        }
    }

    @Test func aMultipleBelongsToTheAngleTableAndIsSmall() throws {
        let proof = try #require(EngineProofs.angleMultiples.first)
        var json = proof.json
        let step = try #require(json.steps.firstIndex { $0.certificates?.first?.multiple == 2 })
        json.steps[step].certificates![0].multiple = 24
        guard case .invalid(let failure) = ProofChecker().check(json, for: proof.problem) else { Issue.record("a multiple of 24 accepted"); return }
        #expect(failure.reason.contains("from 2 to 12"), "\(failure.reason)")
    }

    @Test func theLawOfSinesNeedsATriangle() throws {
        // b, p, c lie on one line (p = on_line p b c): no triangle, no angles, no sines.
        let proof = try #require(EngineProofs.sines.first)
        let cited = try #require(proof.textSource.range(of: #"\[law of sines in triangle [a-z0-9]+ [a-z0-9]+ [a-z0-9]+ #"#, options: .regularExpression))
        let edited = proof.textSource.replacingCharacters(in: cited, with: "[law of sines in triangle b p c #")
        let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: proof.problem)
        guard case .invalid(let failure) = verdict else { Issue.record("a law of sines of three points of a line accepted"); return }
        #expect(failure.reason.contains("b p c is not a triangle in the checker's diagram"), "\(failure.reason)")
    }

    @Test func theLawOfSinesIsTheCheckersOwn() throws {
        // The other equation of the same triangle: the certificate no longer sums to the goal.
        let proof = try #require(EngineProofs.sines.first)
        let cited = try #require(proof.textSource.range(of: #"\[law of sines in triangle [a-z0-9 ]+ #1\]"#, options: .regularExpression))
        let edited = proof.textSource.replacingCharacters(in: cited, with: String(proof.textSource[cited]).replacingOccurrences(of: "#1]", with: "#2]"))
        let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: proof.problem)
        guard case .invalid = verdict else { Issue.record("another law of sines equation accepted"); return }
    }

    @Test func aRightAngleIsAnEquationOfSquaredLengthsOnly() throws {
        // The same certificate read as distance chasing: a perpendicularity means nothing
        // among lengths themselves, and the checker refuses it.
        let proof = try #require(EngineProofs.pythagoras.first)
        let edited = proof.textSource.replacingOccurrences(of: "Pythagoras (squared lengths):", with: "distance chasing (lengths):")
        #expect(edited != proof.textSource)
        let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: proof.problem)
        guard case .invalid = verdict else { Issue.record("a right angle accepted as an equation of lengths"); return }
    }

    @Test func aGoalThatIsAPremiseIsRestatedAndChecks() throws {
        let problem = try ProblemParser().parseProblem(name: "premise_goal", statement: "a b = segment a b; m = midpoint m a b ? cong m a m b")
        let proof = try #require(EngineProofs.proofs(of: [problem], seconds: 5).first)
        #expect(proof.textSource.contains("cong m a m b    by the same fact as: (1)"), "\(proof.textSource)")
        #expect(ProofChecker().check(proof.json, for: problem) == .valid)
        #expect(ProofChecker().check(proof.text, for: problem) == .valid)
    }

    @Test func inscribedAnglesOfACentreCheckAndAreNumbered() throws {
        // The engine now proves this goal by the diagram's solution of twice it (the
        // isosceles triangles' base angles); this proof, as it wrote it before, cites the
        // centre's inscribed angle instead.
        let problem = try #require(EngineProofs.inscribedAngles.first?.problem)
        let source = """
            Proof of altitude_and_radius_are_isogonal
            Diagram seed: 0
            Premises:
              (1) cong o a o b    [premise: o = circle o a b c]
              (2) cong o b o c    [premise: o = circle o a b c]
              (3) perp h a b c    [premise: h = foot h a b c]
            Steps:
              (4) eqangle o b b a b a o a    by rule isosceles_triangle_has_equal_base_angles [a=b b=a o=o] from (1); checked on the diagram: ncoll o b a
              (5) circle o a b c    by ratio chasing (log-lengths): 1 × [cong o a o b] (1); ratio chasing (log-lengths): 1 × [cong o a o b] (1) + 1 × [cong o b o c] (2)
              (6) eqangle a b a h a o a c    by angle chasing (mod 180°): 1 × [perp h a b c] (3) + -1 × [eqangle o b b a b a o a] (4) + -1 × [circle o a b c #1] (5)
            Goal eqangle a b a h a o a c proved in 3 steps.
            """
        #expect(ProofChecker().check(try Proof.read(source, file: "inscribed.txt"), for: problem) == .valid)
        for other in ["#2", "#3"] {
            let edited = source.replacingOccurrences(of: "[circle o a b c #1]", with: "[circle o a b c \(other)]")
            let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: problem)
            guard case .invalid = verdict else { Issue.record("another inscribed angle (\(other)) accepted"); continue }
        }
        let proof = try #require(EngineProofs.inscribedAngles.first)
        #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid)
        #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid)
    }

    @Test func segmentAdditionNeedsTheMiddlePointBetween() throws {
        let proof = try #require(EngineProofs.distances.first)
        let edited = proof.textSource.replacingOccurrences(of: "[c between a and b on one line]", with: "[a between c and b on one line]")
        #expect(edited != proof.textSource)
        let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: proof.problem)
        guard case .invalid(let failure) = verdict else { Issue.record("accepted"); return }
        #expect(failure.reason.contains("a is not between c and b in the checker's diagram"))
    }

    @Test func proofsInAStatedConfigurationCheckThereAndNowhereElse() throws {
        let proofs = EngineProofs.configurations
        #expect(proofs.count == 8, "every seed's goal is proved in its stated configuration")
        let flipped = proofs.filter { $0.json.configuration != nil }
        #expect(!flipped.isEmpty && flipped.count < proofs.count, "some seeds draw each branch")
        for proof in proofs {
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
        for proof in flipped {
            #expect(proof.text.configuration == proof.json.configuration)
            #expect(proof.textSource.contains("Diagram configuration: \(proof.json.configuration!) (c at the other of two positions)"))
            var seeded = proof.json
            seeded.configuration = nil
            guard case .invalid(let failure) = ProofChecker().check(seeded, for: proof.problem) else {
                Issue.record("\(proof.problem.name): accepted in the other configuration"); continue
            }
            #expect(failure.reason.contains("false in the checker's diagram"))
        }
    }

    @Test(.enabled(if: SharedFiles.available)) func everyProofOfIMOAG30Checks() {
        let proofs = EngineProofs.imo
        #expect(proofs.map(\.problem.name) == EngineProofs.provedIMO)
        for proof in proofs {
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
    }

    @Test func proofsWithAuxiliaryPointsCheck() {
        let proofs = EngineProofs.auxiliaries
        #expect(proofs.count == 4)
        for proof in proofs {
            #expect(proof.json.auxiliaryConstructions == ["h = orthocenter h a b c"], "\(proof.problem.name)")
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
    }

    @Test func auxiliaryConstructionsMissingFromTheProblemAreAddedBack() {
        let proofs = EngineProofs.withAuxiliaryRemoved
        #expect(proofs.count >= 4)
        for proof in proofs {
            #expect(proof.problem.clauses.count < proof.json.problem.map { $0.components(separatedBy: "; ").count } ?? 0)
            #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid, "\(proof.problem.name) (JSON)")
            #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid, "\(proof.problem.name) (text)")
        }
    }
}
