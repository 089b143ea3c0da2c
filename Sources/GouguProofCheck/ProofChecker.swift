import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguProof

/// Why a proof is rejected: the first bad step (nil when the proof as a whole is bad:
/// wrong problem, bad auxiliary construction, no diagram) and the reason.
public struct ProofFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The number of the first bad step, or nil.
    public var step: Int?
    /// That step's statement as written.
    public var statement: String?
    /// What is wrong, in words.
    public var reason: String

    public init(step: Int?, statement: String?, reason: String) {
        self.step = step
        self.statement = statement
        self.reason = reason
    }

    public var description: String {
        guard let step else { return "proof: \(reason)" }
        return "step (\(step)) \(statement ?? ""): \(reason)"
    }
}

/// The outcome of checking a proof.
public enum ProofVerdict: Sendable, Equatable {
    /// Every step follows and the last is the goal.
    case valid
    /// The first failing step and why.
    case invalid(ProofFailure)
    /// The checker's deadline passed before it could decide: what it was doing.
    case unfinished(String)

    public var isValid: Bool { self == .valid }
}

/// Checks proofs against the theorem library and nothing else.
///
/// It shares with the engine only the problem parser, the theorem library (with the
/// symmetries of each predicate, `Predicate.symmetry`: a fact may be cited in any of its
/// forms), `Rational`, the numeric diagrams (for side conditions) and the proof document
/// (`Proof`, data without logic, every field a claim): the meaning of each predicate in the angle and ratio
/// tables is written here again (`CheckedTable`), rule instances are rebuilt from the
/// library, and every equation of a certificate is recomputed from the statement it cites.
/// The proof's `expression`s and `equation` texts are compared, never used.
///
/// ```swift
/// let problem = try ProblemParser().parseFile(text, file: "classics.txt")[0]
/// let proof = try Proof.read(json, file: "proof.json")
/// switch ProofChecker().check(proof, for: problem) {
/// case .valid: print("valid")
/// case .invalid(let failure): print(failure)   // step (12) ...: the certificate sums to ...
/// case .unfinished(let why): print(why)        // past `deadline`, when one is set
/// }
/// ```
public struct ProofChecker: Sendable {
    public let library: TheoremLibrary
    private let rules: [String: RuleDefinition]
    /// When to stop checking (before each step, and while drawing the diagram): the verdict
    /// is then `unfinished`. Nil: no limit.
    public var deadline: ContinuousClock.Instant?

    public init(library: TheoremLibrary = .standard, deadline: ContinuousClock.Instant? = nil) {
        self.library = library
        self.rules = Dictionary(library.rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.deadline = deadline
    }

    /// Thrown inside a check when the deadline has passed.
    struct OutOfTime: Error {}

    func checkDeadline() throws {
        if let deadline, ContinuousClock.now >= deadline { throw OutOfTime() }
    }

    /// Checks `proof` as a proof of `problem`'s goal.
    ///
    /// Checks, in order: the format and problem name; the auxiliary constructions (added to
    /// the problem when new); the diagram of the seed the proof names; then each step: its
    /// number, that it cites only earlier steps, that its statement is well formed and true
    /// in the diagram, and that it follows (a premise of a usable clause, an instance of the
    /// named rule with its side conditions true in the diagram, its premises and conclusion
    /// in any of their forms, points on one line or circle through shared points, a cited
    /// fact restated in any of its forms, or exact certificates); finally that the last
    /// step is the goal. A proof by identification (`identification` present) is checked part by
    /// part in the restated problem it names (see `checkIdentification`).
    ///
    /// - Complexity: linear in the size of the proof, plus one diagram construction.
    public func check(_ proof: Proof, for problem: Problem) -> ProofVerdict {
        var problem = problem
        if problem.goal == nil, let question = problem.question {
            // A question (`acompute`, `rcompute`): the proof's last step states the answer,
            // which must be of the question's form; it is then the goal.
            guard let last = proof.steps.last, let answer = problem.statement(parsing: last.statement), question.answers(answer) else {
                return .invalid(ProofFailure(step: proof.steps.last?.number, statement: proof.steps.last?.statement,
                                             reason: "the last step does not state a value of the question '\(problem.writtenText.split(separator: "?").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")'"))
            }
            problem = problem.answering(answer)
        }
        do {
            if let identification = proof.identification {
                try checkIdentification(proof, identification, for: problem)
                return .valid
            }
            var session = try CheckSession(proof: proof, problem: problem, checker: self)
            try session.run()
            return .valid
        } catch let failure as ProofFailure {
            return .invalid(failure)
        } catch is OutOfTime {
            return .unfinished("the time budget ran out before every step was checked")
        } catch is DiagramOutOfTime {
            return .unfinished("the time budget ran out while drawing the diagram")
        } catch {
            return .invalid(ProofFailure(step: nil, statement: nil, reason: "\(error)"))
        }
    }

    func rule(named name: String) -> RuleDefinition? { rules[name] }

    /// A proof by identification (`Restatement`): the restated problem is formed here from
    /// the problem and the new clause; on the statement's diagram the stated clause must pin
    /// the point down and the new clause must hold at it (so the two constructions draw one
    /// point); then each fact of the stated clause and the goal must be proved, each by an
    /// ordinary proof in the restated problem, checked on that same diagram.
    private func checkIdentification(_ proof: Proof, _ identification: Proof.Identification,
                                     for problem: Problem) throws {
        func fail(_ reason: String) -> ProofFailure { ProofFailure(step: nil, statement: nil, reason: "identification: " + reason) }
        guard Proof.readableFormats.contains(proof.format) else {
            throw fail("format '\(proof.format)' is not \(Proof.readableFormats.joined(separator: " or "))")
        }
        guard let point = problem.point(named: identification.point) else {
            throw fail("the problem has no point '\(identification.point)'")
        }
        let restatement: Restatement
        do {
            restatement = try Restatement(problem, point: point, clause: identification.clause, library: library)
        } catch {
            throw fail("\(error)")
        }
        let parts = [proof] + identification.facts
        guard parts.allSatisfy(\.auxiliaryConstructions.isEmpty), identification.facts.allSatisfy({ $0.identification == nil }) else {
            throw fail("its proofs may use neither auxiliary constructions nor further identifications")
        }
        guard parts.allSatisfy({ $0.seed == proof.seed && ($0.configuration ?? 0) == (proof.configuration ?? 0) }) else {
            throw fail("its proofs must all name the diagram of the main proof")
        }
        let diagram: Diagram
        do {
            diagram = try DiagramBuilder(deadline: deadline).build(problem, seed: proof.seed, configuration: Configuration(flips: proof.configuration ?? 0))
        } catch let outOfTime as DiagramOutOfTime {
            throw outOfTime
        } catch {
            throw fail("no diagram for seed \(proof.seed): \(error)")
        }
        guard DiagramBuilder().pinsDown(point, in: diagram) else {
            throw fail("'\(restatement.statedClause)' does not pin '\(identification.point)' down")
        }
        guard diagram.restated(as: restatement.problem) != nil else {
            throw fail("'\(restatement.clause)' does not hold where the statement draws '\(identification.point)'")
        }
        guard identification.facts.count == restatement.obligations.count else {
            throw fail("expected \(restatement.obligations.count) proofs, one per fact of '\(restatement.statedClause)', "
                       + "not \(identification.facts.count)")
        }
        for (k, (fact, obligation)) in zip(identification.facts, restatement.obligations).enumerated() {
            let target = try restatement.problem(proving: obligation)
            do {
                var session = try CheckSession(proof: fact, problem: target, checker: self, diagram: diagram)
                try session.run()
            } catch var failure as ProofFailure {
                failure.reason = "property \(k + 1) (\(problem.text(of: obligation))): " + failure.reason
                throw failure
            }
        }
        var session = try CheckSession(proof: proof, problem: restatement.problem, checker: self, diagram: diagram)
        try session.run()
    }
}

/// The state of one check: the problem with its auxiliary clauses, the diagram, and the
/// statements of the steps checked so far.
struct CheckSession {
    /// The largest multiple of its statement an angle certificate may prove: its
    /// solutions are then at least 15° apart, far beyond the diagram's tolerance.
    static let largestMultiple = 12

    let proof: Proof
    let checker: ProofChecker
    let problem: Problem
    let diagram: Diagram
    /// Premises a premise step may state: facts of clauses the goal depends on or that
    /// the proof declares auxiliary.
    let usablePremises: Set<Statement>
    /// The statement of every step checked so far, by number.
    var statements: [Int: Statement] = [:]

    /// `drawn`: the diagram to check on, of another statement about the same points (a proof
    /// by identification), instead of building one from the proof's seed.
    init(proof: Proof, problem given: Problem, checker: ProofChecker, diagram drawn: Diagram? = nil) throws {
        self.proof = proof
        self.checker = checker
        func fail(_ reason: String) -> ProofFailure { ProofFailure(step: nil, statement: nil, reason: reason) }
        guard Proof.readableFormats.contains(proof.format) else {
            throw fail("format '\(proof.format)' is not \(Proof.readableFormats.joined(separator: " or "))")
        }
        guard proof.problemName == given.name else {
            throw fail("the proof is of problem '\(proof.problemName)', not '\(given.name)'")
        }
        guard let goal = given.goal else { throw fail("the problem states no goal") }
        // Auxiliary clauses: a clause of the problem, or a new one appended to it.
        let existing = given.clauses.map { given.text(of: $0) }
        var appended: [String] = []
        for aux in proof.auxiliaryConstructions where !existing.contains(aux) {
            guard !aux.contains(";"), !aux.contains("?") else { throw fail("auxiliary construction '\(aux)' is not one clause") }
            appended.append(aux)
        }
        var problem = given
        if !appended.isEmpty {
            // The author's coordinates stay with the points, so the diagram is drawn as the solver drew it.
            do {
                problem = try ProblemParser(library: checker.library).problem(given, appending: appended)
            } catch {
                throw fail("the auxiliary constructions do not extend the problem: \(error)")
            }
        }
        self.problem = problem
        if let drawn {
            guard appended.isEmpty, let restated = drawn.restated(as: problem) else {
                throw fail("the problem does not hold on the diagram of the statement")
            }
            diagram = restated
        } else {
            do {
                diagram = try DiagramBuilder(deadline: checker.deadline).build(problem, seed: proof.seed, configuration: Configuration(flips: proof.configuration ?? 0))
            } catch let outOfTime as DiagramOutOfTime {
                throw outOfTime
            } catch {
                throw fail("no diagram for seed \(proof.seed)" + (proof.configuration.map { " in configuration \($0)" } ?? "") + ": \(error)")
            }
        }
        // Clauses the goal depends on, and those declared auxiliary.
        var ancestors = Set(goal.points)
        for clause in problem.clauses.reversed() where clause.points.contains(where: ancestors.contains) {
            for call in clause.constructions { for case .point(let p) in call.arguments { ancestors.insert(p) } }
        }
        let auxiliary = Set(proof.auxiliaryConstructions)
        var usable = Set<Statement>()
        for clause in problem.clauses
        where clause.points.contains(where: ancestors.contains) || auxiliary.contains(problem.text(of: clause))
            // The premises of the premise language are hypotheses of the statement, whichever
            // points they are about.
            || clause.isGiven {
            for call in clause.constructions { usable.formUnion(call.facts) }
        }
        usablePremises = usable
    }


    mutating func run() throws {
        let all = proof.premises.map { ($0, true) } + proof.steps.map { ($0, false) }
        guard !proof.steps.isEmpty else {
            throw ProofFailure(step: nil, statement: nil, reason: "the proof has no derived steps")
        }
        for (offset, (step, isPremise)) in all.enumerated() {
            try checker.checkDeadline()
            let statement = try check(step, expectedNumber: offset + 1, isPremise: isPremise)
            statements[step.number] = statement
        }
        let last = proof.steps[proof.steps.count - 1]
        guard statements[last.number] == problem.goal else {
            throw ProofFailure(step: last.number, statement: last.statement,
                               reason: "the last step is not the goal \(problem.text(of: problem.goal!))")
        }
    }

    // MARK: One step

    private func check(_ step: Proof.Step, expectedNumber: Int, isPremise: Bool) throws -> Statement {
        func fail(_ reason: String) -> ProofFailure { ProofFailure(step: step.number, statement: step.statement, reason: reason) }
        guard step.number == expectedNumber else { throw fail("numbered \(step.number), expected \(expectedNumber)") }
        for cite in step.cites where statements[cite] == nil || cite >= step.number {
            throw fail("cites (\(cite)), which is not an earlier step")
        }
        let statement: Statement
        do { statement = try parse(step.statement) } catch let message as StatementError { throw fail(message.message) }
        if !diagram.holds(statement) {
            throw fail("the statement is false in the checker's diagram (seed \(proof.seed)" + (proof.configuration.map { ", configuration \($0)" } ?? "") + ")")
        }
        if isPremise {
            guard step.kind == .premise else { throw fail("listed among the premises but of kind '\(step.kind.rawValue)'") }
            guard usablePremises.contains(statement) else {
                throw fail("not asserted by a construction the goal depends on or a declared auxiliary construction")
            }
            guard step.cites.isEmpty else { throw fail("a premise cites nothing") }
            return statement
        }
        // A degenerate statement (a segment through one point twice, a circle through three
        // points) is no fact: equations of it can cancel into a false one.
        guard !statement.isDegenerate else {
            throw fail("the statement is degenerate (a line or segment through one point twice, or too few distinct points for its figure)")
        }
        switch step.kind {
        case .rule: try checkRule(step, statement, fail)
        case .chain: try checkChain(step, statement, fail)
        case .algebra: try checkAlgebra(step, statement, fail)
        case .premise: throw fail("a premise among the derived steps")
        case .unknown(let word): throw fail("unknown kind '\(word)'")
        }
        return statement
    }

    // MARK: Rules

    private func checkRule(_ step: Proof.Step, _ statement: Statement, _ fail: (String) -> ProofFailure) throws {
        guard let name = step.rule, let rule = checker.rule(named: name) else {
            throw fail("no rule '\(step.rule ?? "")' in the theorem library")
        }
        let binding = step.binding ?? [:]
        let variables = rule.variables
        guard Set(binding.keys) == Set(variables) else {
            throw fail("the binding does not name exactly the variables of \(name) (\(variables.joined(separator: " ")))")
        }
        var points: [String: PointID] = [:]
        for (variable, pointName) in binding {
            guard let p = problem.point(named: pointName) else { throw fail("no point '\(pointName)' (bound to \(variable))") }
            points[variable] = p
        }
        func instantiate(_ t: FactTemplate) -> Statement {
            Statement(predicate: t.predicate, arguments: t.arguments.map {
                switch $0 {
                case .parameter(let v): return .point(points[v]!)
                case .number(let n): return .number(n)
                }
            })
        }
        let premises = rule.factPremises.map(instantiate)
        guard step.cites.count == premises.count else {
            throw fail("\(name) has \(premises.count) premises; the step cites \(step.cites.count)")
        }
        // A premise may be cited in any of its forms: the same fact, its points reordered by
        // a symmetry of the predicate's meaning (`Statement.isRestatement(of:)`).
        for (k, (premise, cite)) in zip(premises, step.cites).enumerated() where !statements[cite]!.isRestatement(of: premise) {
            throw fail("premise \(k + 1) of \(name) is \(problem.text(of: premise)), but (\(cite)) states \(problem.text(of: statements[cite]!))")
        }
        for side in rule.sideConditions.map(instantiate) where !diagram.holds(side) {
            throw fail("side condition \(problem.text(of: side)) is false in the checker's diagram")
        }
        let conclusion = instantiate(rule.conclusion)
        guard statement.isRestatement(of: conclusion) else {
            throw fail("\(name) under this binding concludes \(problem.text(of: conclusion))")
        }
    }

    // MARK: Chains

    /// The points a fact puts on one line (coll, midp) or one circle (cyclic).
    private func carrier(_ s: Statement, circle: Bool) -> Set<Int>? {
        let p = Set(s.points.map(\.index))
        switch s.predicate {
        case .coll, .midp: return circle ? nil : p
        case .cyclic: return circle ? p : nil
        case .para, .perp, .cong, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara,
             .nperp, .simtriEither, .contriEither:
            return nil
        }
    }

    /// Whether the facts put all of `target` on one line (circle): merging facts that share
    /// two (three) distinct points, one of the merged sets holds every target point.
    func together(_ target: Set<Int>, facts: [Statement], circle: Bool) -> Bool {
        let shared = circle ? 3 : 2
        if target.count <= shared { return true }
        var sets = facts.compactMap { carrier($0, circle: circle) }.filter { $0.count >= shared }
        var merged = true
        while merged {
            merged = false
            outer: for i in sets.indices {
                for j in sets.indices where j > i && sets[i].intersection(sets[j]).count >= shared {
                    sets[i].formUnion(sets[j])
                    sets.remove(at: j)
                    merged = true
                    break outer
                }
            }
        }
        return sets.contains { target.isSubset(of: $0) }
    }

    /// Like `together`, and every cited fact is needed (so that dropping one is noticed),
    /// except those in `usedElsewhere`.
    func togetherMinimally(_ target: Set<Int>, cites: [Int], circle: Bool, usedElsewhere: Set<Int> = []) -> String? {
        let facts = cites.map { statements[$0]! }
        guard together(target, facts: facts, circle: circle) else {
            return "the cited steps do not put these points on one \(circle ? "circle" : "line")"
        }
        for k in cites.indices where !usedElsewhere.contains(cites[k]) {
            var rest = facts
            rest.remove(at: k)
            if together(target, facts: rest, circle: circle) { return "(\(cites[k])) is not needed" }
        }
        return nil
    }

    private func checkChain(_ step: Proof.Step, _ statement: Statement, _ fail: (String) -> ProofFailure) throws {
        let certificates = step.certificates ?? []
        // A restatement: the cited fact, in any of its forms.
        if certificates.isEmpty, step.cites.count == 1, let cited = statements[step.cites[0]], statement.isRestatement(of: cited) { return }
        let target = Set(statement.points.map(\.index))
        switch statement.predicate {
        case .coll, .cyclic:
            guard certificates.isEmpty else { throw fail("a \(statement.predicate) chain has no certificates") }
            let trivial = target.count <= (statement.predicate == .cyclic ? 3 : 2)
            guard !step.cites.isEmpty || trivial else { throw fail("a chain cites the facts it chains") }
            if let problem = togetherMinimally(target, cites: step.cites, circle: statement.predicate == .cyclic) { throw fail(problem) }
        case .midp:
            let p = statement.points.map(\.index)
            // On the line ab and equidistant from a and b (a ≠ b): the midpoint.
            guard p[1] != p[2] else { throw fail("a midpoint of a segment with equal ends") }
            guard certificates.count == 1, let table = CheckedTable(rawValue: certificates[0].table.rawValue), table != .angles else {
                throw fail("a midpoint chain carries one certificate of |ma| = |mb| (ratios, lengths or squares)")
            }
            let equal = LinearForm([(.of(p[0], p[1]), 1), (.of(p[0], p[2]), -1)])
            let used = try checkCertificate(certificates[0], proves: (table, equal), fail)
            guard used.isSubset(of: Set(step.cites)) else { throw fail("the step's cites are not the facts it uses") }
            if let problem = togetherMinimally(target, cites: step.cites, circle: false, usedElsewhere: used) { throw fail(problem) }
        case .para, .perp, .cong, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara,
             .nperp, .simtriEither, .contriEither:
            throw fail("a chain concludes coll, cyclic or midp, or restates one cited fact")
        }
    }

    // MARK: Algebra

    /// What a statement means in the tables: alternatives, each a list of (table, equation)
    /// that together say it. Triangles need both tables.
    func meanings(of s: Statement) -> [[(CheckedTable, LinearForm)]] {
        let reflected = isReflected(s)
        if s.predicate.isTriangles {
            return [[CheckedTable.angles, .ratios].flatMap { table in (table.equations(of: s, reflected: reflected) ?? []).map { (table, $0) } }]
        }
        var result = CheckedTable.allCases.compactMap { table in table.equations(of: s, reflected: reflected).map { $0.map { (table, $0) } } }
        // Equal |sin| in the ratio table: the angles are equal or opposite modulo 180°, and
        // the statement, true in the checker's diagram, says which (as the diagram decides
        // the orientation of `simtri*`).
        if s.predicate == .eqangle || s.predicate == .eqangle6, let sines = sineConsequences(of: s).first {
            result.append([(.ratios, sines)])
        }
        return result
    }

    /// Whether a triangle statement that leaves the orientation open (`simtri*`) is of
    /// oppositely oriented triangles in the checker's diagram.
    func isReflected(_ s: Statement) -> Bool {
        s.predicate.triangleOrientation == .either && !diagram.holds(Statement(predicate: .simtri, arguments: s.arguments))
    }

    /// The equations a cited statement gives one table, in order (empty when none): what it
    /// means there, then what it implies without meaning (`CheckedTable.consequences`).
    func equations(of s: Statement, in table: CheckedTable) -> [LinearForm] {
        (table.equations(of: s, reflected: isReflected(s)) ?? []) + table.consequences(of: s)
            + (table == .ratios ? sineConsequences(of: s) : [])
    }

    /// What an angle statement implies about sines in the ratio table (after its meaning
    /// there, if any): `eqangle a b c d e f g h` gives s(ab,cd) = s(ef,gh) (equal angles, or
    /// opposite ones, have equal |sin|), `perp a b c d` gives s(ab,cd) = 0 (|sin| = 1). None
    /// when an angle is zero in the checker's diagram (log 0) or a line is a point twice.
    func sineConsequences(of s: Statement) -> [LinearForm] {
        let p = s.arguments.compactMap { $0.point?.index }
        func nonzero(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Bool {
            a != b && c != d && diagram.holds(Statement(predicate: .npara, arguments: [a, b, c, d].map { .point(PointID($0)) }))
        }
        switch s.predicate {
        case .eqangle, .eqangle6:
            guard p.count == 8, nonzero(p[0], p[1], p[2], p[3]), nonzero(p[4], p[5], p[6], p[7]) else { return [] }
            let left = TableVariable.sineOf(p[0], p[1], p[2], p[3]), right = TableVariable.sineOf(p[4], p[5], p[6], p[7])
            return left == right ? [] : [LinearForm([(left, 1), (right, -1)])]
        case .perp:
            guard p.count == 4, nonzero(p[0], p[1], p[2], p[3]) else { return [] }
            return [LinearForm([(.sineOf(p[0], p[1], p[2], p[3]), 1)])]
        case .coll, .cyclic, .para, .cong, .midp, .circle, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara,
             .nperp, .simtriEither, .contriEither:
            return []
        }
    }

    private func checkAlgebra(_ step: Proof.Step, _ statement: Statement, _ fail: (String) -> ProofFailure) throws {
        guard CheckedTable.concludesAlgebraically(statement.predicate) else {
            throw fail("\(statement.predicate) does not follow from equations alone")
        }
        let certificates = step.certificates ?? []
        let alternatives = meanings(of: statement)
        guard !alternatives.isEmpty else { throw fail("\(statement.predicate) means no equation of the tables") }
        let tables = certificates.map(\.table.rawValue)
        guard let meaning = alternatives.first(where: { $0.map(\.0.rawValue) == tables }) else {
            let expected = alternatives.map { $0.map(\.0.rawValue).joined(separator: ", ") }.joined(separator: " or ")
            throw fail("\(statement.predicate) needs certificates in: \(expected); the step gives: \(tables.joined(separator: ", "))")
        }
        var used = Set<Int>()
        for (certificate, target) in zip(certificates, meaning) {
            used.formUnion(try checkCertificate(certificate, proves: target, fail))
        }
        guard Set(step.cites) == used else { throw fail("the step's cites are not the steps its certificates use") }
    }

    /// Checks that the certificate's terms sum to `target`; returns the steps it cites.
    private func checkCertificate(_ certificate: Proof.Certificate, proves target: (CheckedTable, LinearForm),
                                  _ fail: (String) -> ProofFailure) throws -> Set<Int> {
        let (table, goal) = target
        guard !goal.isDegenerate else { throw fail("a degenerate statement (a line or segment through one point twice)") }
        guard certificate.table.rawValue == table.rawValue else {
            throw fail("a certificate in '\(certificate.table.rawValue)' where '\(table.rawValue)' is needed")
        }
        if let stated = certificate.conclusion {
            guard let form = try? form(stated), form.sameEquation(as: goal, modulus: table.modulus) else {
                throw fail("the certificate's stated conclusion is not the statement's equation in \(table.rawValue)")
            }
        }
        var sum = LinearForm()
        var used = Set<Int>()
        for (k, term) in certificate.terms.enumerated() {
            func termFail(_ reason: String) -> ProofFailure { fail("term \(k + 1) of the \(table.rawValue) certificate: \(reason)") }
            guard let c = Rational(term.coefficient) else { throw termFail("coefficient '\(term.coefficient)' is not a rational") }
            if table.integralCoefficients, !c.isInteger { throw termFail("coefficient \(c) is not an integer (angles are modulo 180°)") }
            for cite in term.cites where statements[cite] == nil { throw termFail("cites (\(cite)), which is not an earlier step") }
            let equation: LinearForm
            if let triangle = term.triangle {
                guard table == .ratios else { throw termFail("the law of sines belongs to the ratio table") }
                guard term.cites.isEmpty, term.line == nil, term.between == nil, triangle.count == 3 else {
                    throw termFail("the law of sines names three points a b c and cites nothing")
                }
                var p: [Int] = []
                for name in triangle {
                    guard let point = problem.point(named: name) else { throw termFail("no point '\(name)'") }
                    p.append(point.index)
                }
                // A triangle, not three points of a line: a side condition, read off the diagram.
                guard diagram.holds(Statement(predicate: .ncoll, arguments: p.map { .point(PointID($0)) })) else {
                    throw termFail("\(triangle.joined(separator: " ")) is not a triangle in the checker's diagram")
                }
                let (a, b, c) = (p[0], p[1], p[2])
                // |bc| / sin A = |ca| / sin B = |ab| / sin C (|sin| of the angles between the side lines).
                let sinA = TableVariable.sineOf(a, b, a, c), sinB = TableVariable.sineOf(b, a, b, c), sinC = TableVariable.sineOf(c, a, c, b)
                let laws = [LinearForm([(.of(b, c), 1), (.of(c, a), -1), (sinA, -1), (sinB, 1)]),
                            LinearForm([(.of(c, a), 1), (.of(a, b), -1), (sinB, -1), (sinC, 1)])]
                let index = term.index ?? 0
                guard index >= 0, index < laws.count else { throw termFail("the law of sines has equations #1 and #2") }
                equation = laws[index]
            } else if let between = term.between {
                guard !term.cites.isEmpty else { throw termFail("cites no step") }
                guard table.hasSegmentSums else { throw termFail("segment addition belongs to the lengths table") }
                guard term.index == nil, term.line == nil, between.count == 3 else { throw termFail("segment addition names three points a b c") }
                var p: [Int] = []
                for name in between {
                    guard let point = problem.point(named: name) else { throw termFail("no point '\(name)'") }
                    p.append(point.index)
                }
                guard Set(p).count == 3 else { throw termFail("segment addition needs three distinct points") }
                if let problem = togetherMinimally(Set(p), cites: term.cites, circle: false) { throw termFail(problem) }
                // The order along the line is a side condition: read it off the diagram.
                let (a, b, c) = (diagram.position(of: PointID(p[0])), diagram.position(of: PointID(p[1])), diagram.position(of: PointID(p[2])))
                guard (a - b).dot(c - b) < 0 else {
                    throw termFail("\(between[1]) is not between \(between[0]) and \(between[2]) in the checker's diagram")
                }
                equation = LinearForm([(.of(p[0], p[1]), 1), (.of(p[1], p[2]), 1), (.of(p[0], p[2]), -1)])
            } else if let line = term.line {
                guard !term.cites.isEmpty else { throw termFail("cites no step") }
                guard table.hasLineEquations else { throw termFail("line equations belong to the angle table") }
                guard term.index == nil, line.count == 4 else { throw termFail("a line equation names four points a b c d") }
                var p: [Int] = []
                for name in line {
                    guard let point = problem.point(named: name) else { throw termFail("no point '\(name)'") }
                    p.append(point.index)
                }
                guard p[0] != p[1], p[2] != p[3] else { throw termFail("a line equation needs two distinct points per pair") }
                if let problem = togetherMinimally(Set(p), cites: term.cites, circle: false) { throw termFail(problem) }
                equation = LinearForm([(.of(p[0], p[1]), 1), (.of(p[2], p[3]), -1)])
            } else {
                guard term.cites.count == 1, let cited = statements[term.cites[0]] else { throw termFail("an equation of a fact cites that one fact") }
                let index = term.index ?? 0
                let own = equations(of: cited, in: table)
                guard index >= 0, index < own.count else {
                    throw termFail("(\(term.cites[0])) \(problem.text(of: cited)) has no equation #\(index + 1) in \(table.rawValue)")
                }
                if let text = term.equation {
                    let named = String(text.split(separator: " #", maxSplits: 1).first ?? "")
                    guard (try? parse(named)) == cited else {
                        throw termFail("names [\(named)] but cites (\(term.cites[0])) \(problem.text(of: cited))")
                    }
                }
                equation = own[index]
                guard !equation.isDegenerate else { throw termFail("(\(term.cites[0])) is degenerate (a line or segment through one point twice)") }
            }
            if let stated = term.expression {
                guard let form = try? form(stated), form.sameEquation(as: equation, modulus: table.modulus) else {
                    throw termFail("its stated expression is not the equation it cites")
                }
            }
            sum.add(c, times: equation)
            used.formUnion(term.cites)
        }
        // A multiple k: the terms sum to k times the statement's equation, whose k solutions
        // are 180°/k apart; the statement, checked true in this diagram, is the one the
        // figure has.
        var target = goal
        if let k = certificate.multiple, k != 1 {
            guard table == .angles else { throw fail("only an angle certificate proves a multiple of its statement") }
            guard (2...Self.largestMultiple).contains(k) else {
                throw fail("a multiple of the statement is from 2 to \(Self.largestMultiple), not \(k)")
            }
            target = LinearForm()
            target.add(Rational(k), times: goal)
        }
        guard sum.sameEquation(as: target, modulus: table.modulus) else {
            throw fail("the \(table.rawValue) certificate sums to \(text(of: sum, in: table)) = 0, not to the statement's \(text(of: target, in: table)) = 0")
        }
        return used
    }

    /// An expression as the producer wrote it, as a form over this problem's points.
    private func form(_ e: Proof.Expression) throws -> LinearForm {
        struct Bad: Error {}
        var form = LinearForm()
        for t in e.terms {
            guard let c = Rational(t.coefficient) else { throw Bad() }
            if let p = t.logPrime { form.add(c, .logPrime(p)); continue }
            guard let names = t.points else { throw Bad() }
            let points = names.compactMap { problem.point(named: $0)?.index }
            guard points.count == names.count else { throw Bad() }
            switch points.count {
            case 2: form.add(c, .of(points[0], points[1]))
            case 4: form.add(c, .sineOf(points[0], points[1], points[2], points[3]))
            default: throw Bad()
            }
        }
        guard let constant = Rational(e.constant) else { throw Bad() }
        form.constant = constant
        return form
    }

    /// An equation for people: `d(ab)` is the direction of line ab, `l(ab)` is log |ab|,
    /// `|ab|` is the length, `|ab|²` its square.
    func text(of form: LinearForm, in table: CheckedTable) -> String {
        var parts: [(String, Rational)] = form.coefficients.map { variable, c in
            switch variable {
            case .pair(let a, let b):
                let names = [a, b].map { problem.name(of: PointID($0)) }.joined()
                let (open, close) = switch table {
                case .angles: ("d(", ")")
                case .ratios: ("l(", ")")
                case .lengths: ("|", "|")
                case .squares: ("|", "|²")
                }
                return (open + names + close, c)
            case .logPrime(let p): return ("log \(p)", c)
            case .sine(let a, let b, let x, let y):
                let names = [[a, b], [x, y]].map { $0.map { problem.name(of: PointID($0)) }.joined() }
                return ("s(\(names[0]),\(names[1]))", c)
            }
        }.sorted { $0.0 < $1.0 }
        if !form.constant.isZero { parts.append(("", form.constant)) }
        guard !parts.isEmpty else { return "0" }
        var out = ""
        for (k, (name, c)) in parts.enumerated() {
            let negative = c < .zero
            let magnitude = negative ? Rational.zero - c : c
            out += k == 0 ? (negative ? "-" : "") : (negative ? " - " : " + ")
            out += name.isEmpty ? magnitude.description : (magnitude == Rational(1) ? name : "\(magnitude) \(name)")
        }
        return out
    }

    // MARK: Statements

    struct StatementError: Error { var message: String }

    /// A statement in the problem language over this problem's points.
    func parse(_ text: String) throws -> Statement {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first else { throw StatementError(message: "an empty statement") }
        guard let predicate = checker.library.predicates[name] else { throw StatementError(message: "unknown predicate '\(name)'") }
        let arguments = Array(words.dropFirst())
        guard predicate.accepts(argumentCount: arguments.count) else {
            throw StatementError(message: "\(name) takes \(predicate.arityDescription), not \(arguments.count) arguments")
        }
        return Statement(predicate: predicate.predicate, arguments: try arguments.enumerated().map { i, word in
            if predicate.takesNumber(at: i) {
                guard let n = NumberLiteral(word) else { throw StatementError(message: "'\(word)' is not a number") }
                return .number(n)
            }
            guard let p = problem.point(named: word) else { throw StatementError(message: "no point '\(word)' in the problem") }
            return .point(p)
        })
    }
}
