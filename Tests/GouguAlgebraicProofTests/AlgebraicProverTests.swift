import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials
import GouguTestSupport
import Testing
@testable import GouguAlgebraicProof

private func prove(_ statement: String, seed: UInt64 = 0,
                   systems: [CoordinateSystem] = AlgebraicProver.systems) throws -> Result<AlgebraicProof, AlgebraicProver.Failure> {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: seed)
    return AlgebraicProver.prove(diagram, systems: systems)
}

/// The algebra alone, in isotropic coordinates, without the diagram's screen of false goals:
/// whether the goal's numerator reduces to zero.
private func reduce(_ statement: String) throws -> Result<AlgebraicProof, AlgebraicProver.Failure> {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: 0)
    return AlgebraicProver.prove(diagram, in: .isotropic, termLimit: 20_000, deadline: .distantFuture)
}

@Suite struct ProofsByCoordinates {
    @Test func provesThatTheAltitudesMeet() throws {
        let outcome = try prove("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        let proof = try #require(outcome.proof)
        #expect(proof.text.hasSuffix("QED"))
        // In isotropic coordinates a at the origin, b at 1, c free: two parameters, no
        // algebraic one.
        #expect(proof.model.system == .isotropic)
        #expect(proof.model.variables.count == 2)
        #expect(proof.model.variables.allSatisfy { $0.relation == nil })
    }

    @Test func writesPointsOnACircleRationallyInIsotropicCoordinates() throws {
        // The Simson line: the feet of the perpendiculars from a point of the circumcircle
        // to the sides are collinear. The circumcentre is placed first, at the origin, the
        // triangle's first vertex at 1, and every point of the circle by one parameter.
        let outcome = try prove("a b c = triangle a b c; o = circle o a b c; p = on_circle p o a; d = foot d p b c; e = foot e p c a; f = foot f p a b ? coll d e f")
        let proof = try #require(outcome.proof)
        #expect(proof.model.system == .isotropic)
        #expect(proof.model.placements.map { proof.model.problem.name(of: $0.point) }.prefix(4) == ["o", "a", "b", "c"])
        #expect(proof.model.placements[1].method == "free: at 1")
        #expect(proof.model.variables.count == 3)
        #expect(proof.text.contains("in isotropic coordinates"))
    }

    @Test func fallsBackToCartesianCoordinatesForAnglesOf45Degrees() throws {
        // tan 45° = 1 has no equation over the rationals in isotropic coordinates.
        let outcome = try prove("a b = segment a b; c = s_angle a b c 45; d = foot d a b c ? cong d a d b")
        if case .failure(let failure) = outcome { Issue.record("\(failure)") }
        let isotropic = try prove("a b = segment a b; c = s_angle a b c 45; d = foot d a b c ? aconst b c b a 1pi/4", systems: [.isotropic])
        guard case .failure(.unsupported(let why)) = isotropic else {
            Issue.record("expected unsupported in isotropic coordinates, got \(isotropic)")
            return
        }
        #expect(why.contains("isotropic"))
        #expect(outcome.proof?.model.system == .cartesian)
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
        // The orthocentre is not on the median in general: false in the diagram, so not even
        // tried; and the algebra alone refuses it too.
        let statement = "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b; m = midpoint m b c ? coll a h m"
        guard case .failure(.falseInDiagram) = try prove(statement) else {
            Issue.record("a goal false in the diagram was tried")
            return
        }
        let outcome = try reduce(statement)
        guard case .failure(.notIdentical) = outcome else {
            Issue.record("expected a goal that does not reduce to 0, got \(outcome)")
            return
        }
    }

    @Test func takesTheIncentreOnTwoBisectorsEachAnAlgebraicLine() throws {
        // Each bisector conic is a pair of lines through a vertex: the line through the
        // diagram's point has an algebraic slope, and two such lines meet at the incentre
        // (their four choices are the incentre and the excentres, for all of which the feet
        // of the perpendiculars to two sides are equidistant from it).
        let outcome = try prove("a b c = triangle a b c; i = incenter i a b c; d = foot d i b c; e = foot e i c a ? cong i d i e")
        let proof = try #require(outcome.proof)
        let relations = proof.model.variables.compactMap(\.relation)
        #expect(relations.count == 2)
        #expect(relations.allSatisfy { $0.degree(in: $0.mainVariable) == 2 })
        #expect(proof.model.variables.filter { $0.relation != nil }.map(\.name) == ["m_i_a", "m_i_c"])
    }

    @Test func meetsTwoConicsAtARootOfTheirResultant() throws {
        // Two conics that are neither circles nor pairs of lines, a hyperbola X² - 2Y² = k
        // and XY = l, both through (3/2, 4/5): X is a root of their resultant, a quartic (the
        // four intersections at once), and Y is rational in X.
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c ? cong a b a c")
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        var model = try CoordinateModel(diagram: diagram)
        let (x0, y0) = (Rational(3, 2), Rational(4, 5))
        let x = LocusPolynomial.x, y = LocusPolynomial.y
        let hyperbola = x * x - LocusPolynomial(Rational(2)) * y * y - LocusPolynomial(x0 * x0 - Rational(2) * y0 * y0)
        let other = x * y - LocusPolynomial(x0 * y0)
        let fact = problem.goal!
        let position = PlanePoint(x: Complex(Double(x0)), y: Complex(Double(y0)))
        let solution = try #require(try model.twoConics(name: "p", position: position, quadrics: [(hyperbola, fact), (other, fact)]))
        let relation = try #require(model.variables.last?.relation)
        #expect(relation.degree(in: relation.mainVariable) == 4)
        #expect((model.value(of: solution.x) - position.x).length < 1e-9)
        #expect((model.value(of: solution.y) - position.y).length < 1e-9)
        #expect(solution.method.contains("resultant"))
    }

    @Test func findsABisectorSlopeRationalWhenItsDiscriminantIsASquare() throws {
        // The sides from each vertex are tangents to the circle through x, y, z: the
        // bisectors' slopes are rational, so the incentre (the circle's centre) is too.
        let outcome = try prove("x y z = triangle x y z; o = circle o x y z; a = on_tline a x o x, on_tline a y o y; b = on_tline b y o y, on_tline b z o z; c = on_tline c z o z, on_tline c x o x; i = incenter i a b c ? cong i x i y")
        let proof = try #require(outcome.proof)
        #expect(proof.model.variables.allSatisfy { $0.relation == nil })
    }

    @Test func takesASecondIncentreInTheFieldOfTheFirst() throws {
        // IMO 2008 P6's quadrilateral: the bisector at a of angle cad has the slope of the
        // one of angle bac times a rational function, so the second incentre needs no new
        // parameter, and the two are coupled (each incentre with its own branch).
        let outcome = try prove("x y z = triangle x y z; o = circle o x y z; w = on_circle w o x; a = on_tline a z o z, on_tline a x o x; b = on_tline b z o z, on_tline b w o w; c = on_tline c y o y, on_tline c w o w; d = on_tline d x o x, on_tline d y o y; i1 = incenter i1 a b c; i2 = incenter i2 a c d ? coll i2 d o")
        let proof = try #require(outcome.proof)
        #expect(proof.model.variables.filter { $0.relation != nil }.map(\.name) == ["m_i1_a"])
    }

    @Test func placesCommonTangentsThroughTheCentreOfSimilitude() throws {
        // The two external common tangents of two circles meet on their line of centres.
        let statement = "o a = segment o a; w = free w; b = free b; x y z i = cc_tangent x y z i o a w b; k = on_line k x y, on_line k z i"
        let outcome = try prove(statement + " ? coll k o w")
        let proof = try #require(outcome.proof)
        let k = try #require(proof.model.placements.last)
        #expect(k.method.hasPrefix("the centre of similitude"))
        // Every fact of the tangents holds (the model refuses otherwise), and a false goal
        // about them is refused.
        guard case .failure(.notIdentical) = try reduce(statement + " ? cong k o k w") else {
            Issue.record("a false goal about common tangents was not refused")
            return
        }
    }

    @Test func saysWhatItCannotModel() throws {
        // An angle of 60 degrees has no rational tangent.
        let outcome = try prove("a b = segment a b; c = s_angle a b c 60; d = foot d c a b ? perp c d a b")
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
        let ex: Double = model.value(of: model.coordinates(of: e).x).real
        let ey: Double = model.value(of: model.coordinates(of: e).y).real
        let ax: Double = model.value(of: model.coordinates(of: a).x).real
        let ay: Double = model.value(of: model.coordinates(of: a).y).real
        let modelLength = ((ex - ax) * (ex - ax) + (ey - ay) * (ey - ay)).squareRoot()
        let diagramLength = diagram.position(of: a).distance(to: diagram.position(of: e))
        #expect(abs(modelLength - diagramLength) < 1e-9)
    }

    @Test func theIsotropicModelReproducesTheDiagramUpToScale() throws {
        // In isotropic coordinates z·w is the squared length; the frame puts the second
        // placed point at 1, so lengths are measured in units of the first two's distance.
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; o = circle o a b c; d = on_circle d o a; e = on_line e a d, on_line e b c ? cong o a o d")
        let diagram = try DiagramBuilder().build(problem, seed: 3)
        let model = try CoordinateModel(diagram: diagram, system: .isotropic)
        func squaredLength(_ p: String, _ q: String) throws -> Double {
            let p = try #require(problem.point(named: p)), q = try #require(problem.point(named: q))
            let u = model.coordinates(of: p), v = model.coordinates(of: q)
            let z = model.value(of: u.x) - model.value(of: v.x), w = model.value(of: u.y) - model.value(of: v.y)
            #expect((z.conjugate - w).length < 1e-9, "w is the conjugate of z at a real point")
            return (z * w).real
        }
        let unit = try squaredLength("o", "a")
        let ae = try squaredLength("a", "e") / unit
        let position = { (name: String) in diagram.position(of: problem.point(named: name)!) }
        let expected = position("a").distance(to: position("e")) / position("o").distance(to: position("a"))
        #expect(abs(ae - expected * expected) < 1e-9)
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
                candidates.append(Statement(predicate: .coll, arguments: Array(args.prefix(3))))
                candidates.append(Statement(predicate: .perp, arguments: args))
                candidates.append(Statement(predicate: .cong, arguments: args))
                candidates.append(Statement(predicate: .cyclic, arguments: args))
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
