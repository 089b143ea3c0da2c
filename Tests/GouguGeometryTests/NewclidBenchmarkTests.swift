import Testing
import GouguLanguage
import GouguGeometry
import GouguTestSupport

/// The problem sets Newclid publishes are read unchanged: at most two problems of a file are
/// refused (for mistakes of the source, docs/language.md "Dialects"), and every problem read
/// draws with its goal true from seed 0 (several goals are one problem per goal), ISL 2009
/// G8 among them, whose goal holds in about one draw of its free points in fifteen.
@Suite struct NewclidBenchmarkTests {
    static let files = ["benchmarks/isl_newclid_86.txt", "benchmarks/imo_hard_newclid_101.txt",
                        "benchmarks/imo_newclid_34.txt", "benchmarks/usamo_newclid_11.txt"]

    @Test(.enabled(if: SharedFiles.available), arguments: files)
    func fileIsReadAndEveryGoalHoldsInItsDiagram(file: String) throws {
        let text = try #require(SharedFiles.text(file))
        let read = ProblemParser().readFile(text, file: file)
        #expect(read.diagnostics.count <= 2, "refused: \(read.diagnostics.map(\.description))")
        for problem in read.problems {
            let diagram = try DiagramBuilder().buildInStatedConfiguration(problem, seed: 0)
            #expect(diagram.goalHolds == true, "\(problem.name): goal false in its diagram")
        }
    }
}
