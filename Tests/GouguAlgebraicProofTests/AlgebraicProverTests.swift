import Foundation
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguTestSupport
import Testing
@testable import GouguAlgebraicProof

private func prove(_ statement: String, seed: UInt64 = 0) throws -> Result<AlgebraicProof, AlgebraicProver.Failure> {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: seed)
    return AlgebraicProver.prove(diagram)
}

@Suite struct ProofsByCoordinates {
    @Test func provesThatTheAltitudesMeet() throws {
        let outcome = try prove("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        let proof = try #require(outcome.proof)
        #expect(proof.text.hasSuffix("QED"))
        // a at the origin, b on the x-axis, c free: three parameters, no algebraic one.
        #expect(proof.model.variables.count == 3)
        #expect(proof.model.variables.allSatisfy { $0.relation == nil })
    }

    @Test func provesTheNinePointCircleThroughAnAlgebraicFreeChoice() throws {
        // Midpoints and a foot are concyclic: lines only, but a cyclic goal.
        let outcome = try prove("a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; f = midpoint f a b; g = foot g a b c ? cyclic d e f g")
        #expect(outcome.proof != nil)
    }

    @Test func provesAGoalThatNeedsAnAlgebraicParameter() throws {
        // d on the bisector of angle bac is a root of a quadratic (the two bisectors);
        // the reflection of b in line ad lies on line ac for both of them.
        let outcome = try prove("a b c = triangle a b c; d = angle_bisector d b a c; e = reflect e b a d ? coll a c e")
        let proof = try #require(outcome.proof)
        #expect(proof.model.variables.contains { $0.relation != nil })
        #expect(proof.text.contains("is a root of"))
    }

    @Test func usesTheSecondIntersectionOfALineAndACircle() throws {
        // The second intersection of the median from a with the circumcircle is rational
        // (Vieta, the first being a).
        let outcome = try prove("a b c = triangle a b c; o = circle o a b c; m = midpoint m b c; d = on_line d a m, on_circle d o a ? cyclic a b c d")
        let proof = try #require(outcome.proof)
        #expect(proof.model.placements.contains { $0.method.contains("second intersection") })
        #expect(proof.model.variables.allSatisfy { $0.relation == nil })
    }

    @Test func refusesAFalseGoal() throws {
        // The orthocentre is not on the median in general.
        let outcome = try prove("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b; m = midpoint m b c ? coll a h m")
        guard case .failure(.notIdentical) = outcome else {
            Issue.record("expected a goal that does not reduce to 0, got \(outcome)")
            return
        }
    }

    @Test func meetsTwoConicsAtARootOfTheirResultant() throws {
        // Two bisector curves (pairs of lines) fix the incentre; their four intersections
        // (the incentre and the excentres) are the roots of a quartic, and the feet of the
        // perpendiculars from any of them to two sides are equidistant from it.
        let outcome = try prove("a b c = triangle a b c; i = incenter i a b c; d = foot d i b c; e = foot e i c a ? cong i d i e")
        let proof = try #require(outcome.proof)
        let relation = try #require(proof.model.variables.compactMap(\.relation).first)
        #expect(relation.degree(in: relation.mainVariable) == 4)
        #expect(proof.model.placements.contains { $0.method.contains("resultant") })
    }

    @Test func saysWhatItCannotModel() throws {
        // An angle of 60 degrees has no rational tangent.
        let outcome = try prove("a b = segment a b; c = s_angle a b c 60 ? cong a b a c")
        guard case .failure(.unsupported(let why)) = outcome else {
            Issue.record("expected unsupported, got \(outcome)")
            return
        }
        #expect(why.contains("aconst"))
    }

    @Test func stopsAtTheDeadline() throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let outcome = AlgebraicProver.prove(diagram, deadline: .distantPast)
        guard case .failure = outcome else {
            Issue.record("a proof after the deadline: \(outcome)")
            return
        }
    }

    @Test func theModelReproducesTheDiagram() throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; o = circle o a b c; d = on_circle d o a; e = on_line e a d, on_line e b c ? cong o a o d")
        let diagram = try DiagramBuilder().build(problem, seed: 3)
        let model = try CoordinateModel(diagram: diagram)
        // Distances are invariant under the normalizing motion: compare |ae| with the diagram's.
        let a = try #require(problem.point(named: "a")), e = try #require(problem.point(named: "e"))
        let ex = model.value(of: model.coordinates(of: e).x), ey = model.value(of: model.coordinates(of: e).y)
        let ax = model.value(of: model.coordinates(of: a).x), ay = model.value(of: model.coordinates(of: a).y)
        let modelLength = ((ex - ax) * (ex - ax) + (ey - ay) * (ey - ay)).squareRoot()
        #expect(abs(modelLength - diagram.position(of: a).distance(to: diagram.position(of: e))) < 1e-9)
    }
}

/// Soundness: a goal false in the diagram is never proved, whatever the problem.
@Suite struct ProofsByCoordinatesNeverProveFalseGoals {
    @Test func falseGoalsOnTheClassicsAreRefused() throws {
        let text = try #require(RepositoryFiles.text("Problems/classics.txt"))
        let problems = try ProblemParser().parseFile(text, file: "classics.txt")
        var tried = 0, proved = 0
        for problem in problems {
            let diagram = try DiagramBuilder().build(problem, seed: 0)
            let n = problem.points.count
            guard n >= 4 else { continue }
            // Statements over a spread of the problem's points, in a fixed pattern.
            var candidates: [Statement] = []
            for k in 0..<6 {
                let p = (0..<4).map { PointID(($0 * 3 + k * 5 + 1) % n) }
                guard Set(p).count == 4 else { continue }
                let args = p.map(Argument.point)
                candidates.append(Statement(predicate: "coll", arguments: Array(args.prefix(3))))
                candidates.append(Statement(predicate: "perp", arguments: args))
                candidates.append(Statement(predicate: "cong", arguments: args))
                candidates.append(Statement(predicate: "cyclic", arguments: args))
            }
            for goal in candidates where !diagram.holds(goal) {
                let clauses = problem.clauses.map(problem.text(of:)).joined(separator: "; ")
                let restated = try ProblemParser().parseProblem(name: problem.name, statement: clauses + " ? " + problem.text(of: goal))
                let redrawn = try DiagramBuilder().build(restated, seed: 0)
                guard redrawn.goalHolds == false else { continue }
                tried += 1
                if case .success = AlgebraicProver.prove(redrawn, deadline: Date().addingTimeInterval(0.5)) {
                    proved += 1
                    Issue.record("\(problem.name): proved the false goal \(problem.text(of: goal))")
                }
            }
        }
        #expect(tried >= 100)
        #expect(proved == 0)
    }
}
