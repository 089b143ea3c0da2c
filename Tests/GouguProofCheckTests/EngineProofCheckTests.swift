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
        let proof = try #require(EngineProofs.inscribedAngles.first)
        #expect(ProofChecker().check(proof.json, for: proof.problem) == .valid)
        #expect(ProofChecker().check(proof.text, for: proof.problem) == .valid)
        let cited = try #require(proof.textSource.range(of: #"\[circle o a b c #\d\]"#, options: .regularExpression))
        let number = proof.textSource[cited].dropLast().last!
        let other: Character = number == "1" ? "2" : "1"
        let edited = proof.textSource.replacingCharacters(in: cited, with: "[circle o a b c #\(other)]")
        let verdict = ProofChecker().check(try Proof.read(edited, file: "edited.txt"), for: proof.problem)
        guard case .invalid = verdict else { Issue.record("another inscribed angle accepted"); return }
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
