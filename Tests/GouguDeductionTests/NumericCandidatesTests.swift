import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage

/// The facts read off the diagram before the rules run: complete on small figures, and cut
/// short by the budget on figures of hundreds of points (whose segment pairs number in the
/// tens of billions).
struct NumericCandidatesTests {
    private func diagram(_ statement: String) throws -> Diagram {
        let problem = try ProblemParser().parseProblem(name: "candidates", statement: statement)
        return try DiagramBuilder().build(problem, seed: 0)
    }

    /// The perpendicular pairs, found by binary search over directions, are exactly those of
    /// the plain enumeration of every pair of segments, in the same order.
    @Test func perpendicularPairsAreThoseOfTheEnumerationOfEveryPairOfSegments() throws {
        let d = try diagram("a b c = triangle a b c; h = orthocenter h a b c; d e = square a b d e; "
            + "o = circle o a b c; m = midpoint m b c")
        let p = d.positions
        let tol = Geometry.tolerance * 10
        var segments: [(Int, Int)] = []
        for a in 0..<p.count { for b in (a + 1)..<p.count { segments.append((a, b)) } }
        func direction(_ s: (Int, Int)) -> Double {
            var t = (p[s.1] - p[s.0]).angle
            if t < 0 { t += Double.pi }
            if t >= Double.pi - 1e-12 { t -= Double.pi }
            return t
        }
        var expected: [[Int]] = []
        for s in segments where direction(s) < Double.pi / 2 {
            for t in segments where abs(direction(t) - direction(s) - Double.pi / 2) < tol {
                let orientations = [[s.0, s.1, t.0, t.1], [s.1, s.0, t.0, t.1], [s.0, s.1, t.1, t.0], [s.1, s.0, t.1, t.0],
                                    [t.0, t.1, s.0, s.1], [t.1, t.0, s.0, s.1], [t.0, t.1, s.1, s.0], [t.1, t.0, s.1, s.0]]
                expected += orientations.filter { NumericFacts.holds(.perp, at: $0.map { p[$0] }) }
            }
        }
        let found = NumericCandidates(diagram: d).instances(of: .perp)
        #expect(expected.count >= 8 * 6, "the figure has perpendiculars: \(expected.count)")
        #expect(found == expected)
    }

    /// A budget already spent stops the enumeration at once, segment pairs included.
    @Test func aSpentBudgetCutsTheEnumerationShort() throws {
        let points = (0..<100).map { "p\($0) = free p\($0)" }.joined(separator: "; ")
        let d = try diagram("a b c = triangle a b c; \(points)")
        var asked = 0
        let candidates = NumericCandidates(diagram: d) { asked += 1; return true }
        #expect(candidates.interrupted)
        #expect(asked == 1, "asked once, then stopped: \(asked)")
        #expect(candidates.instances(of: .perp).isEmpty && candidates.instances(of: .cyclic).isEmpty)
    }
}
