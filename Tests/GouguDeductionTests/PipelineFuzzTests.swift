import Testing
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguTestSupport

/// Competition problems with their clauses mutated word by word (one point put for
/// another, a construction or predicate swapped for another, a point or number inserted, a
/// word dropped or two exchanged, a character changed): whatever still parses is drawn and saturated under a
/// small budget. Every stage ends in a result or a thrown error; none crashes or hangs.
@Suite struct PipelineFuzzTests {
    static let words = ["triangle", "circle", "on_line", "on_circle", "midpoint", "foot", "on_tline", "on_bline",
                        "intersection_lc", "angle_bisector", "s_angle", "on_aline", "eqangle", "perp", "cong", "coll",
                        "para", "?", "=", ";", ",", "a", "b", "x", "1/2", "-3", "0", "90", "@1.5_2", ""]

    static func mutate(_ statement: String, _ rng: inout SplitMix64) -> String {
        var words = statement.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<(1 + rng.below(2)) {
            let i = rng.below(words.count)
            // Point names (short words of letters and digits) of the statement.
            let points = words.filter { $0.count <= 3 && $0.first?.isLetter == true && $0.allSatisfy { $0.isLetter || $0.isNumber } }
            switch rng.below(7) {
            case 5, 6:
                // One point for another: usually still parses, and draws another figure.
                if points.count > 1, let j = words.indices.filter({ points.contains(words[$0]) }).randomElement(using: &rng) {
                    words[j] = points[rng.below(points.count)]
                }
            case 0: words[i] = Self.words[rng.below(Self.words.count)]
            case 1: if words.count > 1 { words.remove(at: i) }
            case 2: words.insert(Self.words[rng.below(Self.words.count)], at: i)
            case 3: words.swapAt(i, rng.below(words.count))
            default:
                var characters = Array(words[i])
                if !characters.isEmpty {
                    characters[rng.below(characters.count)] = Array("=;,?@_.-/09abz")[rng.below(14)]
                    words[i] = String(characters)
                }
            }
        }
        return words.joined(separator: " ")
    }

    @Test(.enabled(if: SharedFiles.available)) func mutatedProblemsAreRejectedOrDrawnAndSaturatedCleanly() throws {
        let lines = try #require(SharedFiles.text("benchmarks/imo_ag_30.txt")).split(separator: "\n").map(String.init)
        let statements = lines.filter { $0.contains(" = ") }
        var rng = SplitMix64(seed: 8)
        var rejected = 0, notDrawn = 0, saturated = 0
        for round in 0..<1000 {
            let text = Self.mutate(statements[rng.below(statements.count)], &rng)
            let problem: Problem
            do { problem = try ProblemParser().parseProblem(name: "fuzz\(round)", statement: text) } catch { rejected += 1; continue }
            let diagram: Diagram
            do { diagram = try DiagramBuilder().build(problem, seed: UInt64(round)) } catch { notDrawn += 1; continue }
            let result = Engine().run(diagram, budget: Budget(seconds: 0.3))
            #expect(result.seconds < 10, "\(text)")
            saturated += 1
        }
        // The mutations reach every stage.
        #expect(rejected > 10)
        #expect(notDrawn + saturated > 10)
        #expect(saturated > 20, "\(rejected) rejected, \(notDrawn) not drawn, \(saturated) saturated")
    }
}
