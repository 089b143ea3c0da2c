import Foundation
import Gougu
import GouguTestSupport
import Testing

/// Problems in AlphaGeometry 2's premise language, end to end: drawn at their coordinates,
/// refused when a premise is false there, proved from their premises (and only from them)
/// with proofs the checker accepts; and `PremiseConversion`, which writes any problem in
/// the premise language, round-trips the classics.
@Suite struct PremiseLanguageSolverTests {
    func problem(_ statement: String) throws -> Problem {
        try ProblemParser().parseProblem(name: "t", statement: statement, file: "p.txt", line: 2)
    }

    static let orthocentre = "a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = ; h@1.0_1.0 = perp a h b c, perp b h a c ? perp c h a b"

    @Test func theDiagramIsTheGivenCoordinatesForEverySeed() throws {
        let p = try problem(Self.orthocentre)
        for seed: UInt64 in [0, 7] {
            let diagram = try DiagramBuilder().build(p, seed: seed)
            #expect(diagram.positions == [Vector2(0, 0), Vector2(4, 0), Vector2(1, 3), Vector2(1, 1)])
            #expect(diagram.goalHolds == true)
        }
        #expect(PremiseCheck.diagnostic(for: p) == nil)
    }

    @Test func aPremiseFalseAtTheGivenCoordinatesIsBadInputNamedByLineAndColumn() throws {
        // h is not on the altitude from a: the first premise fails.
        let statement = "a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = ; h@1.0_1.5 = perp a h b c, perp b h a c ? perp c h a b"
        let p = try problem(statement)
        let d = try #require(PremiseCheck.diagnostic(for: p))
        #expect(d.location == SourceLocation(file: "p.txt", line: 2, column: 55))
        #expect(d.message.contains("premise 'perp a h b c'") && d.message.contains("false at the given coordinates"))
        // Reading a file turns it into a problem that cannot be read, and the rest are read.
        let file = "bad\n\(statement)\ngood\n\(Self.orthocentre)\n"
        let read = ProblemParser().readFile(file, file: "f.txt").checkingPremises()
        #expect(read.problems.map(\.name) == ["good"])
        #expect(read.diagnostics.map(\.location) == [SourceLocation(file: "f.txt", line: 2, column: 55)])
        // The diagram builder refuses it too, at once and at the premise.
        #expect(throws: DiagramError.self) { try DiagramBuilder().build(p) }
        do { _ = try DiagramBuilder().build(p) } catch let error as DiagramError {
            #expect(error.location.column == 55)
            #expect(error.attempts == 0)
        }
        // A premise read as another predicate is named as written, with its reading.
        let angle = try problem("a@0_0 = ; b@1_0 = ; c@0_1 = angeq a b a c 1 -1 45 ? perp a b a c")
        #expect(PremiseCheck.diagnostic(for: angle)?.message.contains("'angeq a b a c 1 -1 45' (read as 'aconst a c a b 135')") == true)
    }

    @Test func aconstIsCheckedInAlphaGeometry2sOrder() throws {
        // The direction of ab minus the direction of ac is 60 degrees here, not -60.
        let c = Vector2(cos(-Double.pi / 3), sin(-Double.pi / 3))
        #expect(PremiseCheck.diagnostic(for: try problem("a@0_0 = ; b@1_0 = ; c@\(c.x)_\(c.y) = aconst a b a c 60 ? cong a b a c")) == nil)
        #expect(PremiseCheck.diagnostic(for: try problem("a@0_0 = ; b@1_0 = ; c@\(c.x)_\(c.y) = aconst a c a b 60 ? cong a b a c")) != nil)
    }

    @Test func twoPointsAtOnePlaceAreRefused() throws {
        let p = try problem("a@0_0 = ; b@1_0 = ; c@1_0.001 = ? coll a b c")
        let d = try #require(PremiseCheck.diagnostic(for: p))
        #expect(d.message.contains("'c' is given at the place of 'b'"))
        #expect(d.location.column == 21)
    }

    @Test func theOrthocentreGivenByPremisesIsProvedAndItsProofChecked() throws {
        let outcome = try Solver().solve(try problem(Self.orthocentre), options: SolveOptions(seconds: 20))
        #expect(outcome.proved)
        #expect(outcome.method == .deduction)
        #expect(outcome.verification == .valid)
        let proof = try #require(outcome.proof)
        #expect(proof.premises.map(\.statement).sorted() == ["perp a h b c", "perp b h a c"])
        #expect(proof.auxiliaryConstructions.isEmpty)
        // The proof as a document checks against the problem read again from its text.
        let reread = try ProblemParser().parseProblem(name: "t", statement: outcome.problem.writtenText)
        #expect(ProofVerifier.verify(proof, of: reread) == .valid)
    }

    @Test func aFactTrueAtTheCoordinatesIsNoHypothesisUnlessAPremiseStatesIt() throws {
        // h is drawn at the orthocentre, but only one altitude is a premise: the goal holds
        // in the drawing and does not follow.
        let p = try problem("a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = ; h@1.0_1.0 = perp a h b c ? perp c h a b")
        #expect(try DiagramBuilder().build(p).goalHolds == true)
        let outcome = try Solver().solve(p, options: SolveOptions(seconds: 10, coordinates: .off, search: false))
        #expect(!outcome.proved)
    }

    @Test func premisesAboutPointsTheGoalDoesNotNameAreHypothesesOfTheStatement() throws {
        // d, a point the goal does not name, is the centre of a circle through a, b, c and
        // lies on ac: its premises make abc a right angle (Thales).
        let statement = "a@-1.0_0.0 = ; c@1.0_0.0 = ; b@0.6_0.8 = ; d@0.0_0.0 = cong d a d b, cong d b d c, coll d a c ? perp b a b c"
        let outcome = try Solver().solve(try problem(statement), options: SolveOptions(seconds: 20, coordinates: .off, search: false))
        #expect(outcome.proved)
        #expect(outcome.verification == .valid)
        #expect(outcome.proof?.premises.count == 3)
        #expect(outcome.proof?.auxiliaryConstructions.isEmpty == true)
    }

    @Test func theClassicsConvertedToPremisesReadBackAndDeduceAsTheOriginalsDo() throws {
        let text = try #require(RepositoryFiles.text("Problems/classics.txt"))
        let originals = try ProblemParser().parseFile(text, file: "classics.txt")
        #expect(originals.count >= 20)
        let engine = Engine()
        for original in originals {
            let diagram = try DiagramBuilder().build(original, seed: 0, seededConfiguration: false)
            let line = try PremiseConversion.statement(of: diagram)
            let converted = try ProblemParser().parseProblem(name: original.name, statement: line)
            #expect(converted.clauses.allSatisfy { $0.isGiven }, "\(original.name)")
            #expect(Set(converted.premises) == Set(original.premises), "\(original.name)")
            #expect(PremiseCheck.diagnostic(for: converted) == nil, "\(original.name)")
            let drawn = try DiagramBuilder().build(converted, seed: 0, seededConfiguration: false)
            #expect(drawn.positions == diagram.positions, "\(original.name)")
            let before = engine.run(diagram, budget: Budget(seconds: 20))
            let after = engine.run(drawn, budget: Budget(seconds: 20))
            #expect(before.proved == after.proved, "\(original.name)")
            #expect(before.store.facts.count == after.store.facts.count, "\(original.name)")
            if after.proved {
                let proof = try #require(Proof(result: after, problem: converted))
                #expect(ProofVerifier.verify(proof, of: converted) == .valid, "\(original.name)")
            }
        }
    }
}

/// AlphaGeometry 2's questions (`acompute`, `rcompute`): the value in the diagram suggests a
/// rational answer, reported only with a checked proof of it.
@Suite struct QuestionSolverTests {
    func problem(_ statement: String) throws -> Problem {
        try ProblemParser().parseProblem(name: "q", statement: statement)
    }

    let options = SolveOptions(seconds: 10, coordinates: .off, search: false)

    @Test func anAngleIsAnsweredWithAProofTheCheckerAccepts() throws {
        // Thales: d is the centre of a circle through a, b, c, on ac.
        let p = try problem("a@-1.0_0.0 = ; c@1.0_0.0 = ; b@0.6_0.8 = ; d@0.0_0.0 = cong d a d b, cong d b d c, coll d a c ? acompute b a b c")
        let outcome = try Solver().solve(p, options: options)
        let answer = try #require(outcome.answer)
        #expect(outcome.problem.text(of: answer) == "perp b c b a")
        #expect(Question.valueText(of: answer) == "90°")
        #expect(outcome.verification == .valid)
        // The checker reads the answer off the proof's last step, against the question.
        let proof = try #require(outcome.proof)
        let document = try Proof.readJSON(try GouguJSON.encoder(pretty: false).encode(proof), file: "q.json")
        #expect(ProofChecker().check(document, for: p) == .valid)
    }

    @Test func aGivenAngleIsCarriedAlongParallels() throws {
        // The angle from ac to ab is given as 30 degrees; cd is parallel to ab.
        let c = Vector2(cos(Double.pi / 6), -sin(Double.pi / 6)) * 2
        let p = try problem("a@0_0 = ; b@1_0 = ; c@\(c.x)_\(c.y) = aconst a b a c 30; d@\(c.x + 1)_\(c.y) = para c d a b ? acompute c d a c")
        let outcome = try Solver().solve(p, options: options)
        #expect(outcome.answer.map(Question.valueText(of:)) == "30°")
        #expect(outcome.verification == .valid)
    }

    @Test func aRatioIsAnswered() throws {
        let outcome = try Solver().solve(try problem("a b = segment a b; m = midpoint m a b ? rcompute a b a m"), options: options)
        #expect(outcome.answer.map(Question.valueText(of:)) == "2")
        #expect(outcome.verification == .valid)
    }

    @Test func aValueThatOnlyTheDrawingHasIsNoAnswer() throws {
        // ab : ac is 2 in the drawing, and nothing says so.
        let drawn = try Solver().solve(try problem("a@0_0 = ; b@2_0 = ; c@0_1 = ? rcompute a b a c"), options: options)
        #expect(drawn.answer == nil)
        #expect(!drawn.proved)
        // An irrational value: no candidate at all.
        let irrational = try Solver().solve(try problem("a@0_0 = ; b@1_0 = ; c@0_\(2.0.squareRoot()) = ? rcompute a c a b"), options: options)
        #expect(irrational.answer == nil)
        #expect(irrational.stopReason.hasPrefix("no answer: the value in the diagram is 1.414214"))
    }

    @Test func aProofOfAnotherStatementAnswersNoQuestion() throws {
        let p = try problem("a@-1.0_0.0 = ; c@1.0_0.0 = ; b@0.6_0.8 = ; d@0.0_0.0 = cong d a d b, cong d b d c, coll d a c ? acompute b a b c")
        let other = try problem("a@-1.0_0.0 = ; c@1.0_0.0 = ; b@0.6_0.8 = ; d@0.0_0.0 = cong d a d b, cong d b d c, coll d a c ? cong d a d c")
        let outcome = try Solver().solve(other, options: options)
        let proof = try #require(outcome.proof)
        var document = try Proof.readJSON(try GouguJSON.encoder(pretty: false).encode(proof), file: "q.json")
        document.problemName = "q"
        guard case .invalid(let failure) = ProofChecker().check(document, for: p) else {
            Issue.record("a proof of another statement was accepted")
            return
        }
        #expect(failure.reason.contains("does not state a value of the question"))
    }
}

/// Random premise-language statements, well and badly formed: reading, the check at the
/// coordinates, drawing and deduction never crash, and every refusal points into the line.
@Suite struct PremiseLanguageFuzzTests {
    static let predicates = Array(PremiseLanguage.predicates) + ["circle", "midp", "foo", "on_line", "s_angle"]
    static let numbers = ["0", "1", "-1", "2", "30", "90", "1/2", "-3/2", "1pi/3", "2/0", "-", "1e5", "999999999999999999", "0o", "45o"]
    static let coordinates = ["0", "1", "-1", "0.5", "2", "0.001", "-0.0", "3.25", "-2.5", "1.75"]
    static let badCoordinates = ["1e300", "nan", "1_2", "", "inf"]
    static let wellFormed: [(String, Int)] = [("coll", 3), ("cong", 4), ("perp", 4), ("para", 4), ("eqangle", 8), ("cyclic", 4), ("eqratio", 8)]

    @Test func randomStatementsNeverCrash() throws {
        var rng = GouguTestSupport.SplitMix64(seed: 24)
        let names = ["a", "b", "c", "d", "e", "x'"]
        var read = 0, drawn = 0
        for _ in 0..<3000 {
            let count = 2 + rng.below(names.count - 1)
            var clauses: [String] = []
            for i in 0..<count {
                func coordinate() -> String {
                    rng.below(20) == 0 ? Self.badCoordinates[rng.below(Self.badCoordinates.count)] : Self.coordinates[rng.below(Self.coordinates.count)]
                }
                let x = coordinate(), y = coordinate()
                var premises: [String] = []
                for _ in 0..<rng.below(3) {
                    if rng.below(3) > 0 {
                        let (predicate, arity) = Self.wellFormed[rng.below(Self.wellFormed.count)]
                        premises.append(([predicate] + (0..<arity).map { _ in names[rng.below(count)] }).joined(separator: " "))
                        continue
                    }
                    var words = [Self.predicates[rng.below(Self.predicates.count)]]
                    for _ in 0..<rng.below(9) {
                        words.append(rng.below(3) == 0 ? Self.numbers[rng.below(Self.numbers.count)] : names[rng.below(count)])
                    }
                    premises.append(words.joined(separator: " "))
                }
                let point = rng.below(30) == 0 ? names[i] : "\(names[i])@\(x)_\(y)"
                clauses.append("\(point) = " + premises.joined(separator: rng.below(10) == 0 ? ", , " : ", "))
            }
            let goals = ["coll a b c", "cong a b a c", "acompute a b a c", "rcompute a b b c", "aconst a b a c 30", "perp a b", "para a b a b"]
            let statement = clauses.joined(separator: "; ") + " ? " + goals[rng.below(goals.count)]
            let problem: Problem
            do {
                problem = try ProblemParser().parseProblem(name: "fuzz", statement: statement, file: "f.txt", line: 1)
            } catch let d as Diagnostic {
                #expect(d.location.column >= 1 && d.location.column <= statement.count + 1, "\(statement): \(d)")
                continue
            }
            read += 1
            if let d = PremiseCheck.diagnostic(for: problem) {
                #expect(d.location.column >= 1 && d.location.column <= statement.count + 1, "\(statement): \(d)")
                continue
            }
            let diagram = try DiagramBuilder().build(problem)
            drawn += 1
            for premise in problem.premises { #expect(diagram.holds(premise), "\(statement)") }
            _ = try Solver().solve(problem, options: SolveOptions(seconds: 2, coordinates: .off, search: false))
        }
        #expect(read > 40, "\(read) read")
        #expect(drawn > 20, "\(drawn) drawn")
    }
}
