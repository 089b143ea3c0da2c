import Testing
import GouguLanguage
import GouguGeometry
import GouguTestSupport

/// The problem sets Newclid publishes are read unchanged: at most two problems of a file are
/// refused (for mistakes of the source, docs/language.md "Dialects"), and every problem read
/// draws with its goal true (several goals are one problem per goal).
@Suite struct NewclidBenchmarkTests {
    static let files = ["benchmarks/isl_newclid_86.txt", "benchmarks/imo_hard_newclid_101.txt",
                        "benchmarks/imo_newclid_34.txt", "benchmarks/usamo_newclid_11.txt"]

    /// Goals that need order conditions the statement leaves out and that so few draws of
    /// the free points meet that the redrawn seeds miss them from seed 0 (docs/language.md,
    /// "Goals false in the diagram").
    static let rarelyDrawn: Set<String> = ["imo_sl_2009_g8"]

    @Test(.enabled(if: SharedFiles.available), arguments: files)
    func fileIsReadAndEveryGoalHoldsInItsDiagram(file: String) throws {
        let text = try #require(SharedFiles.text(file))
        let read = ProblemParser().readFile(text, file: file)
        #expect(read.diagnostics.count <= 2, "refused: \(read.diagnostics.map(\.description))")
        for problem in read.problems {
            let diagram = try DiagramBuilder().buildInStatedConfiguration(problem, seed: 0)
            if Self.rarelyDrawn.contains(problem.name) {
                withKnownIssue("order conditions left out by the source, rarely met by a random draw") {
                    #expect(diagram.goalHolds == true, "\(problem.name)")
                }
            } else {
                #expect(diagram.goalHolds == true, "\(problem.name): goal false in its diagram")
            }
        }
    }
}
