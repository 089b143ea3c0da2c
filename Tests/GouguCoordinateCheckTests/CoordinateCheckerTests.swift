import Foundation
import GouguAlgebraicProof
import GouguArithmetic
import GouguCoordinateCheck
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguProof
import GouguTestSupport
import Testing

/// A problem, its diagram and the certificate of its proof by coordinates.
struct CertifiedProof: Sendable {
    let problem: Problem
    let diagram: Diagram
    let certificate: CoordinateCertificate

    func check(_ certificate: CoordinateCertificate? = nil, problem: Problem? = nil) -> CoordinateChecker.Outcome {
        CoordinateChecker().check(certificate ?? self.certificate, for: problem ?? self.problem, on: diagram)
    }
}

enum Fixtures {
    /// Small problems that exercise every kind of placement: lines, circles through a point,
    /// algebraic slopes and roots, the second intersection by Vieta, common tangents, a point
    /// where a line touches a circle, and cartesian coordinates.
    static let small: [(name: String, statement: String, cartesian: Bool)] = [
        ("orthocentre", "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c", false),
        ("orthocentre_cartesian", "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c", true),
        ("simson", "a b c = triangle a b c; o = circle o a b c; p = on_circle p o a; d = foot d p b c; e = foot e p c a; f = foot f p a b ? coll d e f", false),
        ("bisector_reflection", "a b c = triangle a b c; d = angle_bisector d b a c; e = reflect e b a d ? coll a c e", false),
        ("second_intersection", "a b c = triangle a b c; o = circle o a b c; m = midpoint m b c; d = on_line d a m, on_circle d o a ? cyclic a b c d", false),
        ("incentre_feet", "a b c = triangle a b c; i = incenter i a b c; d = foot d i b c; e = foot e i c a ? cong i d i e", false),
        ("angle_45", "a b = segment a b; c = s_angle a b c 45; d = foot d a b c ? cong d a d b", false),
        ("nine_point", "a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; f = midpoint f a b; g = foot g a b c ? cyclic d e f g", false),
        ("common_tangents", "o a = segment o a; w = free w; b = free b; x y z i = cc_tangent x y z i o a w b; k = on_line k x y, on_line k z i ? coll k o w", false),
        // f is where line ab touches the incircle: its two equations have a singular
        // Jacobian there, yet f is their only common point.
        ("touching_point", "a b c = triangle a b c; i = incenter i a b c; d = foot d i b c; e = foot e i a c; f = on_line f a b, on_circle f i d ? cong a e a f", false),
    ]

    /// The bundled classics that `gougu solve` proves by coordinates.
    static let classics = ["pascal", "pappus", "desargues"]

    static func certify(_ problem: Problem, cartesian: Bool = false) throws -> CertifiedProof {
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let outcome = cartesian ? AlgebraicProver.prove(diagram, systems: [.cartesian]) : AlgebraicProver.prove(diagram)
        guard case .success(let proof) = outcome else { throw Unproved(name: problem.name, outcome: "\(outcome)") }
        return CertifiedProof(problem: problem, diagram: diagram, certificate: proof.certificate(on: diagram))
    }

    struct Unproved: Error { let name: String; let outcome: String }

    static let all: [CertifiedProof] = {
        var proofs: [CertifiedProof] = []
        let text = RepositoryFiles.text("Problems/classics.txt") ?? ""
        let problems = (try? ProblemParser().parseFile(text, file: "classics.txt")) ?? []
        for name in classics {
            if let problem = problems.first(where: { $0.name == name }), let proof = try? certify(problem) { proofs.append(proof) }
        }
        for (name, statement, cartesian) in small {
            if let problem = try? ProblemParser().parseProblem(name: name, statement: statement),
               let proof = try? certify(problem, cartesian: cartesian) {
                proofs.append(proof)
            }
        }
        return proofs
    }()
}

@Suite struct CoordinateCheckerTests {
    @Test func everyFixtureIsProvedByCoordinates() {
        #expect(Fixtures.all.map(\.problem.name) == Fixtures.classics + Fixtures.small.map(\.name))
    }

    @Test(arguments: Fixtures.classics + Fixtures.small.map(\.name))
    func theCertificateOfEachProofPasses(_ name: String) throws {
        let proof = try #require(Fixtures.all.first { $0.problem.name == name })
        #expect(proof.check() == .valid)
        // And after a round trip through its JSON form.
        let read = try CoordinateCertificate.read(proof.certificate.json(), file: "\(name).json")
        #expect(read == proof.certificate)
        #expect(proof.check(read) == .valid)
    }

    @Test func theFixturesCoverEveryKindOfPlacement() {
        let certificates = Fixtures.all.map(\.certificate)
        #expect(certificates.contains { $0.system == .cartesian })
        #expect(certificates.contains { $0.system == .isotropic })
        // Algebraic variables, with relations of degree two.
        #expect(certificates.contains { $0.variables.contains { $0.relation != nil } })
        // A point placed with no variable of its own among points that have some
        // (common tangents: the two points of a tangent constrain each other).
        #expect(certificates.contains { c in c.placements.contains { $0.how.contains("centre of similitude") } })
    }

    @Test func aFalseGoalIsRefusedEvenWithAValidFamily() throws {
        // The orthocentre's certificate, offered for a problem whose goal is false.
        let proof = try #require(Fixtures.all.first { $0.problem.name == "orthocentre" })
        let other = try ProblemParser().parseProblem(name: "orthocentre", statement: "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h a c")
        var certificate = proof.certificate
        certificate.goal = "perp a h a c"
        guard case .invalid(let why) = CoordinateChecker().check(certificate, for: other, on: proof.diagram.restated(as: other) ?? proof.diagram) else {
            Issue.record("a false goal was accepted")
            return
        }
        #expect(why.contains("false in the diagram"))
    }

    @Test func aFreePointInASpecialPositionIsRefused() throws {
        // Cartesian coordinates: c = (x_c, y_c) free, and nothing depends on it. Replace y_c
        // by k·x_c with k the diagram's slope to nine digits and drop y_c: every fact still
        // holds identically and the family still passes through the diagram, but c now
        // moves on a line through a, one direction where its construction leaves two.
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; m = midpoint m a b ? coll m a b")
        let proof = try Fixtures.certify(problem, cartesian: true)
        #expect(proof.check() == .valid)
        var certificate = proof.certificate
        let index = try #require(certificate.placements.firstIndex { $0.point == "c" })
        let c = certificate.placements[index]
        #expect(c.variables.map(\.name) == ["x_c", "y_c"])
        #expect(certificate.variables.last?.name == "y_c")
        let x = certificate.variables.count - 2
        let slope = c.variables[1].value.real / c.variables[0].value.real
        let k = Rational(Int((slope * 1e9).rounded()), 1_000_000_000)
        certificate.placements[index].y = RationalFunction(Polynomial.variable(x).scaled(by: k))
        certificate.placements[index].variables.removeLast()
        guard case .invalid(let why) = proof.check(certificate) else {
            Issue.record("a point in a special position was accepted")
            return
        }
        #expect(why.hasPrefix("the family is too small: c, m get 1 independent directions from their own variables, where their assumed facts leave them 2"), "\(why)")
    }

    @Test func readingReportsWhereTheTextIsWrong() throws {
        let proof = try #require(Fixtures.all.first { $0.problem.name == "pappus" })
        let text = String(decoding: proof.certificate.json(), as: UTF8.self)
        let broken = text.replacingOccurrences(of: "\"numerator\" : \"t_c\"", with: "\"numerator\" : \"t_c + * 2\"")
        #expect(broken != text)
        #expect(throws: CertificateReadError.self) { try CoordinateCertificate.read(Data(broken.utf8), file: "p.json") }
        do {
            _ = try CoordinateCertificate.read(Data(broken.utf8), file: "p.json")
        } catch let error as CertificateReadError {
            #expect(error.description.hasPrefix("p.json: error: points["))
            #expect(error.description.contains(".x.numerator, column 7: expected a number or a variable"))
        }
        let syntax = text.replacingOccurrences(of: "\"format\"", with: "\"format\" \"")
        do {
            _ = try CoordinateCertificate.read(Data(syntax.utf8), file: "p.json")
            Issue.record("invalid JSON was read")
        } catch let error as CertificateReadError {
            #expect(error.line == 2)
        }
    }
}
