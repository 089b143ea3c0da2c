import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage

/// Ratio chasing through sines (`FactStore.shareSines`): angles of triangles that angle
/// chasing proves equal share log |sin|, right angles have log |sin| = 0, and the law of
/// sines ties them to the sides.
@Suite struct SineTableTests {
    func run(_ statement: String, seconds: Double = 10) throws -> (EngineResult, Diagram) {
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        return (Engine().run(diagram, budget: Budget(seconds: seconds)), diagram)
    }

    /// The law-of-sines triangles cited by the facts of a run and by its goal's justification.
    func lawTriangles(_ result: EngineResult) -> [[Int]] {
        (result.store.facts.map(\.justification) + [result.goalJustification].compactMap { $0 }).flatMap { justification -> [[Int]] in
            let certificates: [AlgebraCertificate]
            switch justification {
            case .algebra(let list): certificates = list
            case .chain(_, _, let list): certificates = list
            default: return []
            }
            return certificates.flatMap(\.terms).compactMap { term in
                if case .lawOfSines(let points, _) = term.source { points } else { nil }
            }
        }
    }

    /// USAMO 2013 P1 (Newclid's statement): x, y, z on line ap and the three circles; the
    /// ratio yx : xz = bp : pc follows from the law of sines in triangles whose angles are
    /// inscribed angles of the circles. Without sines the engine saturates.
    @Test func ratiosThroughSinesProveUSAMO2013P1() throws {
        let (result, diagram) = try run("a b c = triangle a b c; p = on_line p b c; q = on_line q c a; r = on_line r a b; o1 = circle o1 a q r; o2 = circle o2 b r p; o3 = circle o3 c p q; x = on_line x a p, on_circle x o1 a; y = on_line y a p, on_circle y o2 b; z = on_line z a p, on_circle z o3 c ? eqratio y x x z b p p c")
        #expect(result.proved, "\(result.stopReason)")
        let triangles = lawTriangles(result)
        #expect(!triangles.isEmpty)
        for t in triangles {
            #expect(diagram.holds(Statement(predicate: .ncoll, arguments: t.map { .point(PointID($0)) })), "law of sines of a degenerate triangle \(t)")
        }
    }

    /// Near misses: a zero angle has no log |sin| (log 0), so `eqangle` of parallel lines
    /// and `perp`/`eqangle` naming a point twice give the ratio table nothing; a true angle
    /// and a right angle give one equation each.
    @Test func sinesOfZeroAnglesAreNotEquations() throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; d = on_pline d c a b; e = on_tline e c a b ? para a b c d")
        let diagram = try DiagramBuilder().build(problem, seed: 0)
        let store = FactStore(diagram: diagram)
        func s(_ predicate: Predicate, _ names: String) -> Statement {
            Statement(predicate: predicate, arguments: names.split(separator: " ").map { name in .point(problem.point(named: String(name))!) })
        }
        #expect(store.sineConsequences(s(.eqangle, "a b c d c d a b")).isEmpty, "ab ∥ cd: a zero angle")
        #expect(store.sineConsequences(s(.eqangle, "a b a a c d c e")).isEmpty, "a line through one point twice")
        #expect(store.sineConsequences(s(.perp, "a a c e")).isEmpty)
        #expect(store.sineConsequences(s(.eqangle, "a b a c c a c b")).count == 1)
        #expect(store.sineConsequences(s(.perp, "a b c e")).count == 1)
    }

    /// Points of one line are never a triangle of the law of sines: every point but one on
    /// a line, the goal a ratio along it (segment addition and ratios alone decide it).
    @Test func pointsOfOneLineGetNoLawOfSines() throws {
        let (result, diagram) = try run("a b = segment a b; m = midpoint m a b; c = on_line c a b; d = on_tline d m a b ? cong d a d b")
        #expect(result.proved, "\(result.stopReason)")
        for t in lawTriangles(result) {
            #expect(diagram.holds(Statement(predicate: .ncoll, arguments: t.map { .point(PointID($0)) })), "law of sines of a degenerate triangle \(t)")
        }
    }
}
