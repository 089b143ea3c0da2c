import GouguArithmetic
import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguTestSupport

/// Every algebraic step of every bundled proof is exact: Σ coefficient × equation, with the
/// equations as the proof states them over named variables, is the equation of the step's
/// statement (constants modulo 1 in the angle table).
@Suite struct CertificateTests {
    /// A linear form over named variables ("a b" for a pair, "log 2" for a prime).
    typealias Form = (terms: [String: Rational], constant: Rational)

    static func form(_ e: Proof.Expression) -> Form {
        var terms: [String: Rational] = [:]
        for t in e.terms {
            let key = t.points.map { $0.sorted().joined(separator: " ") } ?? "log \(t.logPrime!)"
            terms[key, default: .zero] += Rational(t.coefficient)!
        }
        return (terms.filter { !$0.value.isZero }, Rational(e.constant)!)
    }

    /// The equation a one-equation statement means, named by points; nil otherwise.
    static func statementForm(_ statement: Statement, problem: Problem, table: Proof.Table) -> Form? {
        let points = statement.points.map(\.index)
        let numbers = statement.arguments.compactMap(\.number)
        let equations = switch table {
        case .angles: FactStore.angleTerms(statement.predicate, points, numbers)
        case .ratios: FactStore.ratioTerms(statement.predicate, points, numbers)
        case .squares: FactStore.squareTerms(statement.predicate, points, numbers)
        case .lengths, .unknown: FactStore.lengthTerms(statement.predicate, points, numbers)
        }
        guard let equations, equations.count == 1 else { return nil }
        var terms: [String: Rational] = [:]
        for (key, c) in equations[0].terms {
            let name = key >= FactStore.logPrime(0)
                ? "log \(key - FactStore.logPrime(0))"
                : [key / 4096, key % 4096].map { problem.name(of: PointID($0)) }.sorted().joined(separator: " ")
            terms[name, default: .zero] += c
        }
        return (terms.filter { !$0.value.isZero }, equations[0].constant)
    }

    @Test func everyAlgebraicStepOfTheBundledProofsIsAnExactCombination() throws {
        let text = try #require(RepositoryFiles.text("Problems/classics.txt"))
        var checked = 0
        for problem in try ProblemParser().parseFile(text, file: "classics.txt") {
            let result = Engine().run(try DiagramBuilder().build(problem), budget: Budget(seconds: 10))
            guard let proof = Proof(result: result, problem: problem) else { continue }
            for step in proof.steps where step.kind == .algebra && step.certificates?.count == 1 {
                let certificate = step.certificates![0]
                let statement = try ProblemParser().parseProblem(name: "s", statement: problem.statementText.components(separatedBy: " ? ")[0] + " ? " + step.statement)
                guard let goal = statement.goal, let target = Self.statementForm(goal, problem: problem, table: certificate.table) else { continue }
                var sum: [String: Rational] = [:]
                var constant = Rational.zero
                for term in certificate.terms {
                    let c = Rational(term.coefficient)!
                    let f = Self.form(term.expression!)
                    for (k, v) in f.terms { sum[k, default: .zero] += c * v }
                    constant += c * f.constant
                }
                sum = sum.filter { !$0.value.isZero }
                // A multiple k (angles only): the terms sum to k times the statement's equation.
                let k = Rational(certificate.multiple ?? 1)
                #expect(certificate.multiple == nil || certificate.table == .angles)
                let difference = constant - k * target.constant
                let constantsAgree = certificate.table == .angles ? difference.isInteger : difference.isZero
                #expect(sum == target.terms.mapValues { k * $0 } && constantsAgree, "\(problem.name) step \(step.number): \(step.statement)")
                checked += 1
            }
        }
        #expect(checked >= 20, "checked \(checked) algebraic steps")
    }
}
