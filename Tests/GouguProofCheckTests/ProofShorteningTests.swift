import GouguArithmetic
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguTestSupport
import Testing

/// The proofs the engine writes are shortened for a reader (`ProofDraft.shorten`) and stay
/// valid: no fact is stated twice in two orders of its points, the goal is stated by the
/// step that proves it, a chase used by one chase only is merged into it, and nothing the
/// goal does not need is left.
@Suite struct ProofShorteningTests {
    static func parse(_ name: String, _ statement: String) -> Problem {
        try! ProblemParser().parseProblem(name: name, statement: statement)
    }

    static func run(_ problem: Problem) throws -> EngineResult {
        Engine().run(try DiagramBuilder().build(problem), budget: Budget(seconds: 10))
    }

    static func statement(_ text: String, in problem: Problem) -> Statement? { problem.statement(parsing: text) }

    @Test func theGoalIsStatedByTheRuleThatProvesIt() throws {
        // The rule concludes perp a c c b; the goal perp a c b c is the same fact, so the
        // rule's step states it, and no step restates it.
        let problem = Self.parse("thales", "a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp a c b c")
        let proof = try #require(Proof(result: try Self.run(problem), problem: problem))
        #expect(proof.steps.count == 2, "\(proof.text)")
        #expect(proof.steps.last?.rule == "diameter_subtends_a_right_angle")
        #expect(proof.steps.last?.statement == "perp a c b c")
        #expect(ProofChecker().check(proof, for: problem) == .valid)
    }

    @Test func shortenedProofsOfTheClassicsAreValidAndNeverLonger() throws {
        let problems = try ProblemParser().parseFile(RepositoryFiles.text("Problems/classics.txt") ?? "", file: "classics.txt")
        var full = 0, short = 0
        for problem in problems {
            guard let run = try? Self.run(problem), run.proved,
                  let long = Proof(result: run, problem: problem, shortened: false),
                  let shortened = Proof(result: run, problem: problem) else { continue }
            #expect(ProofChecker().check(long, for: problem) == .valid, "\(problem.name) unshortened")
            #expect(ProofChecker().check(shortened, for: problem) == .valid, "\(problem.name)")
            #expect(shortened.steps.count <= long.steps.count, "\(problem.name)")
            full += long.steps.count
            short += shortened.steps.count
        }
        #expect(short < full)
    }

    /// No step states a fact an earlier step states in another order of its points, but for
    /// two reasons: the goal restating a premise (a proof has a derived step), and a form
    /// cited for the equal sines it implies, which the earlier form does not (equal angles
    /// ab→cd and pq→rs give s(ab,cd) = s(pq,rs); the alternate form ab→pq, cd→rs gives
    /// s(ab,pq) = s(cd,rs)).
    @Test func noStepRestatesAnEarlierOne() {
        for proof in EngineProofs.classics + EngineProofs.imo + EngineProofs.auxiliaries {
            let document = proof.json
            let all = document.premises + document.steps
            let statements = all.map { Self.statement($0.statement, in: proof.problem) }
            for (k, step) in all.enumerated() where step.kind != .premise {
                guard let s = statements[k],
                      let j = statements.prefix(k).firstIndex(where: { $0.map(s.isRestatement) ?? false }) else { continue }
                let goalRestatingAPremise = step.number == document.steps.last?.number && all[j].kind == .premise
                let citedForSines = document.steps.contains { user in
                    (user.certificates ?? []).contains { $0.table == .ratios && $0.terms.contains { $0.cites == [step.number] } }
                }
                #expect(goalRestatingAPremise || citedForSines,
                        "\(proof.problem.name): (\(step.number)) \(step.statement) restates (\(all[j].number)) \(all[j].statement)")
            }
        }
    }

    @Test func everyStepIsOnTheWayToTheGoal() {
        for proof in EngineProofs.classics + EngineProofs.imo + EngineProofs.auxiliaries {
            let document = proof.json
            let cited = Set(document.steps.flatMap(\.cites))
            for step in document.premises + document.steps.dropLast() where !cited.contains(step.number) {
                Issue.record("\(proof.problem.name): (\(step.number)) \(step.statement) is cited by no step")
            }
        }
    }

    // MARK: Drafts built by hand

    /// Three points on the circle centred at a through b: c, d and e.
    static let circle = parse("three_radii", "a b = segment a b; c = on_circle c a b; d = on_circle d a b; e = on_circle e a b ? cong a c a e")

    /// Three lines perpendicular to bc, through a, b and c.
    static let perpendiculars = parse("three_perpendiculars",
                                      "a b c = triangle a b c; d = on_tline d a b c; e = on_tline e b b c; f = on_tline f c b c ? para a d c f")

    /// A store of the problem's premises and the given facts, each proved by the chase the
    /// store finds (as the engine states a rule's premise that the tables imply).
    static func store(_ problem: Problem, with facts: [String]) throws -> (FactStore, [FactID]) {
        var store = FactStore(diagram: try DiagramBuilder().build(problem))
        for (k, clause) in problem.clauses.enumerated() {
            for call in clause.constructions { for fact in call.facts { _ = store.add(fact, because: .premise(clause: k), round: 0) } }
        }
        var ids: [FactID] = []
        for text in facts {
            let s = try #require(statement(text, in: problem))
            guard let why = store.holds(s) else { throw Missing() }
            ids.append(store.materialize(s, because: why, round: 1))
        }
        return (store, ids)
    }

    /// The first equation of a chase's statement, cited with `coefficient`.
    static func term(_ coefficient: Rational, _ fact: FactID, in store: FactStore) throws -> AlgebraTerm {
        guard case .algebra(let certificates) = store.facts[fact].justification else { throw Missing() }
        return AlgebraTerm(coefficient: coefficient, equation: store.diagram.problem.text(of: store.facts[fact].statement), facts: [fact],
                           source: .fact(index: 0), expression: certificates[0].conclusion)
    }

    struct Missing: Error {}

    /// The proof of `goal` by a chase of `terms` in `table`, shortened or not.
    static func proof(of goal: String, _ terms: [AlgebraTerm], in store: FactStore, table: AlgebraTable = .ratios,
                      shortened: Bool) throws -> Proof {
        var s = store
        let problem = store.diagram.problem
        let statement = try #require(Self.statement(goal, in: problem))
        guard case .algebra(let own)? = s.holds(statement) else { throw Missing() }
        let why = Justification.algebra(certificates: [AlgebraCertificate(table: table, terms: terms, conclusion: own[0].conclusion)])
        let result = EngineResult(stopReason: .proved, store: store, goalJustification: why, rounds: [], seconds: 0)
        return try #require(Proof(result: result, problem: problem.replacingGoal(statement), shortened: shortened))
    }

    @Test func aChaseCitedByOneChaseIsMergedIntoIt() throws {
        // ac = ad and ad = ae, each a chase of two radii, give ac = ae: merged, the goal's
        // chase cites the radii themselves, and ad cancels with its premise.
        let (store, ids) = try Self.store(Self.circle, with: ["cong a c a d", "cong a d a e"])
        let terms = [try Self.term(1, ids[0], in: store), try Self.term(1, ids[1], in: store)]
        let long = try Self.proof(of: "cong a c a e", terms, in: store, shortened: false)
        #expect(long.steps.count == 3)
        #expect(ProofChecker().check(long, for: Self.circle) == .valid)
        let short = try Self.proof(of: "cong a c a e", terms, in: store, shortened: true)
        #expect(short.steps.count == 1, "\(short.text)")
        #expect(short.premises.map(\.statement) == ["cong a c a b", "cong a e a b"])
        #expect(short.steps[0].cites == [1, 2])
        #expect(ProofChecker().check(short, for: Self.circle) == .valid)
    }

    @Test func anAngleChaseCitedByOneChaseIsMergedIntoIt() throws {
        // ad ∥ be and be ∥ cf, each a chase of two right angles with bc, give ad ∥ cf from
        // the right angles at a and c alone: the one at b cancels, and its premise goes.
        let (store, ids) = try Self.store(Self.perpendiculars, with: ["para a d b e", "para b e c f"])
        let terms = [try Self.term(1, ids[0], in: store), try Self.term(1, ids[1], in: store)]
        let long = try Self.proof(of: "para a d c f", terms, in: store, table: .angles, shortened: false)
        #expect(long.steps.count == 3)
        #expect(ProofChecker().check(long, for: Self.perpendiculars) == .valid)
        let short = try Self.proof(of: "para a d c f", terms, in: store, table: .angles, shortened: true)
        #expect(short.steps.count == 1, "\(short.text)")
        #expect(short.premises.map(\.statement) == ["perp d a b c", "perp f c b c"])
        #expect(ProofChecker().check(short, for: Self.perpendiculars) == .valid)
    }

    @Test func anEquationOfARestatementIsCitedFromTheFactItRestates() throws {
        // ab = ac restates the premise ac = ab; the goal's chase cites the premise instead,
        // with the opposite sign.
        let (store, ids) = try Self.store(Self.circle, with: ["cong a b a c"])
        let premise = try #require(store.facts.firstIndex { Self.circle.text(of: $0.statement) == "cong a d a b" })
        var direct = try Self.term(1, ids[0], in: store)
        direct.facts = [premise]
        direct.equation = "cong a d a b"
        direct.expression = Proof.Expression(terms: [.init(coefficient: "1", points: ["a", "d"]), .init(coefficient: "-1", points: ["a", "b"])], constant: "0")
        let terms = [direct, try Self.term(1, ids[0], in: store)]
        let short = try Self.proof(of: "cong a d a c", terms, in: store, shortened: true)
        #expect(short.steps.count == 1, "\(short.text)")
        #expect(short.steps[0].reason == "ratio chasing (log-lengths): -1 × [cong a c a b] (1) + 1 × [cong a d a b] (2)")
        #expect(ProofChecker().check(short, for: Self.circle.replacingGoal(Self.statement("cong a d a c", in: Self.circle)!)) == .valid)
    }

    // MARK: Certificates trimmed

    /// `Σ c × {p,q} + constant`, each pair written "pq".
    static func expression(_ terms: [(String, String)], constant: String = "0") -> Proof.Expression {
        Proof.Expression(terms: terms.map { c, pair in .init(coefficient: c, points: pair.map(String.init)) }, constant: constant)
    }

    static func term(_ coefficient: Rational, fact: FactID, _ expression: Proof.Expression) -> AlgebraTerm {
        AlgebraTerm(coefficient: coefficient, equation: "", facts: [fact], source: .fact(index: 0), expression: expression)
    }

    @Test func aChaseLeavesOutAnEquationItCanDoWithout() {
        // ac − ae from (ac − ab) − (ae − ab): the equation ad − ab, cited from two facts
        // with opposite signs, is not needed.
        let (ac, ae, ad) = (Self.expression([("1", "ac"), ("-1", "ab")]), Self.expression([("1", "ae"), ("-1", "ab")]),
                            Self.expression([("1", "ad"), ("-1", "ab")]))
        let certificate = AlgebraCertificate(table: .ratios, terms: [Self.term(1, fact: 0, ac), Self.term(-1, fact: 2, ae),
                                                                      Self.term(1, fact: 1, ad), Self.term(-1, fact: 3, ad)],
                                             conclusion: Self.expression([("1", "ac"), ("-1", "ae")]))
        let trimmed = CertificateTrimming.trimmed(certificate) { $0.facts == [3] }
        #expect(trimmed?.map(\.facts) == [[0], [2]])
        #expect(trimmed?.map(\.coefficient) == [1, -1])
    }

    @Test func anAngleChaseIsNeverHalvedWhenTrimmed() {
        // d(cd) − d(ab) is 2 (d(cd) − d(ab)) less (d(cd) − d(ab)). Without the second fact it
        // would be half the first, which is no angle chase (modulo 180°); without the first,
        // the second alone.
        let twice = Self.expression([("2", "cd"), ("-2", "ab")]), once = Self.expression([("1", "cd"), ("-1", "ab")])
        let terms = [Self.term(1, fact: 0, twice), Self.term(-1, fact: 1, once)]
        let angles = AlgebraCertificate(table: .angles, terms: terms, conclusion: once)
        let trimmed = CertificateTrimming.trimmed(angles) { $0.facts == [1] }
        #expect(trimmed?.map(\.facts) == [[1]])
        #expect(trimmed?.map(\.coefficient) == [1])
        // Among log-lengths half an equation is one.
        let ratios = AlgebraCertificate(table: .ratios, terms: terms, conclusion: once)
        #expect(CertificateTrimming.trimmed(ratios) { $0.facts == [1] }?.map(\.coefficient) == [Rational(1, 2)])
    }

    @Test func anAngleChaseMeetsItsConclusionModulo180Degrees() {
        // cd ⊥ ab and ab ⊥ ef give cd ∥ ef: their equations sum to d(cd) − d(ef) + 1, which
        // is the conclusion modulo 1 (180°). A fourth right angle, cited twice with opposite
        // signs, is left out; the two right angles stay.
        let first = Self.expression([("1", "cd"), ("-1", "ab")], constant: "1/2")
        let second = Self.expression([("1", "ab"), ("-1", "ef")], constant: "1/2")
        let other = Self.expression([("1", "gh"), ("-1", "ij")], constant: "1/2")
        let certificate = AlgebraCertificate(table: .angles, terms: [Self.term(1, fact: 0, first), Self.term(1, fact: 1, second),
                                                                      Self.term(1, fact: 2, other), Self.term(-1, fact: 3, other)],
                                             conclusion: Self.expression([("1", "cd"), ("-1", "ef")]))
        let trimmed = CertificateTrimming.trimmed(certificate) { $0.facts == [2] }
        #expect(trimmed?.map(\.facts) == [[0], [1]])
        #expect(trimmed?.map(\.coefficient) == [1, 1])
    }
}
