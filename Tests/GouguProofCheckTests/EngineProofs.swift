import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguTestSupport

/// Proofs the engine writes, read back through the checker's own reader: the material of
/// the checker's tests. Computed once per test run (seed-0 diagrams).
struct EngineProof: @unchecked Sendable {
    var problem: Problem
    var json: Proof
    var text: Proof
    var textSource: String
}

enum EngineProofs {
    /// The IMO-AG-30 problems the engine proves today (seed 0); the test fails if one is no
    /// longer proved, and a newly proved one should be added here.
    static let provedIMO = [
        "translated_imo_2000_p1", "translated_imo_2002_p2a", "translated_imo_2002_p2b", "translated_imo_2003_p4",
        "translated_imo_2004_p1", "translated_imo_2004_p5", "translated_imo_2005_p5", "translated_imo_2007_p4", "translated_imo_2008_p1a", "translated_imo_2009_p2", "translated_imo_2010_p4",
        "translated_imo_2012_p1", "translated_imo_2013_p4", "translated_imo_2014_p4", "translated_imo_2015_p4",
        "translated_imo_2016_p1", "translated_imo_2017_p4", "translated_imo_2018_p1", "translated_imo_2022_p4",
    ]

    /// A problem whose goal holds on one of two branches only (c on line ab at distance
    /// |ab| from m, beyond b): each seed's proof is built, and checked, in the stated
    /// configuration, which for some seeds is not the seeded one.
    static let configurationProblems = (0..<8).map { k in
        "branch_\(k)\na b = segment a b; m = midpoint m a b; c = on_line c a b, eqdistance c m a b ? cong b c a m"
    }.joined(separator: "\n")

    /// Proofs of `configurationProblems`, problem k drawn from seed k.
    static let configurations: [EngineProof] = {
        let problems = (try? ProblemParser().parseFile(configurationProblems, file: "configurations.txt")) ?? []
        return problems.enumerated().flatMap { k, problem in proofs(of: [problem], seconds: 10, seed: UInt64(k)) }
    }()

    /// Every proof of the bundled classics (10 s each at most).
    static let classics: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(RepositoryFiles.text("Problems/classics.txt") ?? "", file: "classics.txt")) ?? [], seconds: 10)

    /// Every proof of the IMO-AG-30 problems in `provedIMO` (empty without `../shared/`).
    static let imo: [EngineProof] = {
        guard let text = SharedFiles.text("benchmarks/imo_ag_30.txt"),
              let problems = try? ProblemParser().parseFile(text, file: "imo_ag_30.txt") else { return [] }
        return proofs(of: problems.filter { provedIMO.contains($0.name) }, seconds: 60)
    }()

    /// Small problems whose proofs use distance chasing (segment addition along a line) and
    /// a midpoint read off a line.
    static let distanceProblems = """
        segment_addition
        a b = segment a b; c = midpoint c a b; d = midpoint d a c; e = midpoint e c b ? cong d e a c
        median_hypotenuse_three_halves
        a b c = r_triangle a b c; m = midpoint m b c; d = midpoint d m c ? rconst b d m a 3/2
        """

    /// A problem whose proof uses Pythagoras (the squared-lengths table): the circles centred
    /// at the midpoints of two sides through the orthocentre cut them at points equidistant
    /// from the circumcentre.
    static let pythagorasProblems = """
        midpoint_circles_through_the_orthocentre
        a b c = triangle a b c; h = orthocenter h a b c; e = midpoint e a c; f = midpoint f a b; b1 = on_circle b1 e h, on_line b1 a c; c1 = on_circle c1 f h, on_line c1 a b; o = circle o a b c ? cong o b1 o c1
        """

    /// Every proof of `pythagorasProblems`.
    static let pythagoras: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(pythagorasProblems, file: "pythagoras.txt")) ?? [], seconds: 10)

    /// A problem whose proof cites a centre for its inscribed angles (angle table).
    static let inscribedAngleProblems = """
        altitude_and_radius_are_isogonal
        a b c = triangle a b c; o = circle o a b c; h = foot h a b c ? eqangle a b a h a o a c
        """

    /// Every proof of `inscribedAngleProblems`.
    static let inscribedAngles: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(inscribedAngleProblems, file: "inscribed.txt")) ?? [], seconds: 10)

    /// A problem whose proof chases ratios through sines (USAMO 2013 P1 as Newclid states
    /// it): the law of sines in triangles whose angles angle chasing proves equal.
    static let sineProblems = """
        usamo_2013_p1
        a b c = triangle a b c; p = on_line p b c; q = on_line q c a; r = on_line r a b; o1 = circle o1 a q r; o2 = circle o2 b r p; o3 = circle o3 c p q; x = on_line x a p, on_circle x o1 a; y = on_line y a p, on_circle y o2 b; z = on_line z a p, on_circle z o3 c ? eqratio y x x z b p p c
        """

    /// Every proof of `sineProblems`.
    static let sines: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(sineProblems, file: "sines.txt")) ?? [], seconds: 10)

    /// Problems whose proofs need the diagram's solution of a multiple of an angle
    /// equation: d and e bisect the angle bac (premises `eqangle b a a d a d a c`, which
    /// give 2·d(ad) ≡ d(ab) + d(ac) and so only twice the goal), d on the inner bisector;
    /// e on the inner one too (the same line) or on the outer one (perpendicular).
    static let angleMultipleProblems = """
        two_points_of_the_inner_bisector
        a@0_0 = ; b@4_0 = ; c@1_3 = ; d@1.6224843703511218_1.16942056932753 = eqangle b a a d a d a c; e@3.2449687407022436_2.33884113865506 = eqangle b a a e a e a c ? coll a d e
        inner_and_outer_bisectors
        a@0_0 = ; b@4_0 = ; c@1_3 = ; d@1.6224843703511218_1.16942056932753 = eqangle b a a d a d a c; e@-1.1694205693275297_1.6224843703511218 = eqangle b a a e a e a c ? perp a d a e
        """

    /// Every proof of `angleMultipleProblems`.
    static let angleMultiples: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(angleMultipleProblems, file: "multiples.txt")) ?? [], seconds: 10)

    /// Every proof of `distanceProblems`.
    static let distances: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(distanceProblems, file: "distances.txt")) ?? [], seconds: 10)

    /// Small problems whose proofs use an auxiliary point (the orthocenter h, on which the
    /// goal does not depend): the orthic triangle's angles are bisected by the altitudes.
    static let auxiliaryProblems = """
        orthic_bisector_at_d
        a b c = triangle a b c; d = foot d a b c; e = foot e b c a; f = foot f c a b; h = orthocenter h a b c ? eqangle d f d a d a d e
        orthic_bisector_at_e
        a b c = triangle a b c; d = foot d a b c; e = foot e b c a; f = foot f c a b; h = orthocenter h a b c ? eqangle e d e b e b e f
        orthic_bisector_at_f
        a b c = triangle a b c; d = foot d a b c; e = foot e b c a; f = foot f c a b; h = orthocenter h a b c ? eqangle f e f c f c f d
        orthic_angle
        a b c = triangle a b c; d = foot d a b c; e = foot e b c a; f = foot f c a b; h = orthocenter h a b c ? eqangle d f d b d c d e
        """

    /// Every proof of `auxiliaryProblems`.
    static let auxiliaries: [EngineProof] = proofs(of: (try? ProblemParser().parseFile(auxiliaryProblems, file: "auxiliaries.txt")) ?? [], seconds: 10)

    /// The proofs with auxiliary constructions, each paired with its problem stripped of
    /// those clauses: the checker must add them back from the proof.
    static let withAuxiliaryRemoved: [EngineProof] = (classics + imo + auxiliaries).compactMap { proof in
        guard !proof.json.auxiliaryConstructions.isEmpty else { return nil }
        let p = proof.problem
        let clauses = p.statementText.components(separatedBy: " ? ")[0].components(separatedBy: "; ")
            .filter { !proof.json.auxiliaryConstructions.contains($0) }
        guard let goal = p.goal,
              let stripped = try? ProblemParser().parseProblem(name: p.name, statement: clauses.joined(separator: "; ") + " ? " + p.text(of: goal))
        else { return nil }
        var result = proof
        result.problem = stripped
        return result
    }

    /// Proofs as `gougu solve` makes them: each diagram in the configuration its goal is
    /// stated for.
    static func proofs(of problems: [Problem], seconds: Double, seed: UInt64 = 0) -> [EngineProof] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var result: [EngineProof] = []
        for problem in problems {
            guard let diagram = try? DiagramBuilder().buildInStatedConfiguration(problem, seed: seed) else { continue }
            let run = Engine().run(diagram, budget: Budget(seconds: seconds))
            guard let proof = Proof(result: run, problem: problem),
                  let data = try? encoder.encode(proof),
                  let json = try? Proof.readJSON(data, file: "\(problem.name).json"),
                  let text = try? Proof.read(proof.text, file: "\(problem.name).txt") else { continue }
            result.append(EngineProof(problem: problem, json: json, text: text, textSource: proof.text))
        }
        return result
    }
}
