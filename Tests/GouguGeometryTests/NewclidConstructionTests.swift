import Testing
import GouguLanguage
@testable import GouguGeometry
import GouguTestSupport

/// Newclid's constructions draw as its manual describes, beyond the facts they assert
/// (which `ConstructionTests` checks): order conditions shape the drawing.
@Suite struct NewclidConstructionTests {
    func diagram(_ statement: String, seed: UInt64) throws -> (Problem, Diagram) {
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
        return (problem, try DiagramBuilder().build(problem, seed: seed))
    }

    @Test func betweenDrawsTheFirstPointInsideTheSegment() throws {
        for seed in UInt64(0)..<10 {
            let (p, d) = try diagram("c a b = between c a b", seed: seed)
            let (c, a, b) = (d.position(of: p.point(named: "c")!), d.position(of: p.point(named: "a")!), d.position(of: p.point(named: "b")!))
            #expect((a - c).dot(b - c) < 0, "seed \(seed)")
        }
    }

    @Test func betweenBoundDrawsInsideTheSegment() throws {
        for seed in UInt64(0)..<10 {
            let (p, d) = try diagram("a b = segment a b; x = between_bound x a b", seed: seed)
            let (x, a, b) = (d.position(of: p.point(named: "x")!), d.position(of: p.point(named: "a")!), d.position(of: p.point(named: "b")!))
            #expect((a - x).dot(b - x) < 0, "seed \(seed)")
        }
    }

    @Test func acuteTriangleHasThreeAcuteAngles() throws {
        for seed in UInt64(0)..<20 {
            let (p, d) = try diagram("a b c = acute_triangle a b c", seed: seed)
            let v = ["a", "b", "c"].map { d.position(of: p.point(named: $0)!) }
            for i in 0..<3 {
                let (o, x, y) = (v[i], v[(i + 1) % 3], v[(i + 2) % 3])
                #expect((x - o).dot(y - o) > 0, "seed \(seed), vertex \(i)")
            }
        }
    }

    @Test func eqratio6WithEqualSegmentsIsTheBisector() throws {
        let (p, d) = try diagram("a c = segment a c; e f = segment e f; x = eqratio6 x a c e f e f", seed: 3)
        let (x, a, c) = (d.position(of: p.point(named: "x")!), d.position(of: p.point(named: "a")!), d.position(of: p.point(named: "c")!))
        #expect(abs(x.distance(to: a) - x.distance(to: c)) < 1e-6)
    }

    @Test func isoTrapezoid2IsNewclidsSketch() throws {
        // Newclid puts x at c + (a - f) + (b - f), f the foot of c on ab.
        let (p, d) = try diagram("a b c = triangle a b c; x = iso_trapezoid2 x a b c", seed: 1)
        let (a, b, c, x) = (d.position(of: p.point(named: "a")!), d.position(of: p.point(named: "b")!),
                            d.position(of: p.point(named: "c")!), d.position(of: p.point(named: "x")!))
        let f = Line(through: a, b)!.projection(of: c)
        #expect(x.distance(to: c + (a - f) + (b - f)) < 1e-9)
    }
}
