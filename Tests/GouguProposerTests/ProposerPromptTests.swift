import Foundation
import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguNeural
@testable import GouguProposer
import GouguSearch

private func closure(_ statement: String) throws -> (Problem, FactStore) {
    let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
    let diagram = try DiagramBuilder().build(problem, seed: 0)
    return (problem, Engine().saturate(diagram, budget: Budget(seconds: 20)).store)
}

private func prompt(_ kind: ProposerPrompt, _ statement: String) throws -> String {
    let (problem, store) = try closure(statement)
    var naming = CanonicalNaming()
    return kind.text(for: problem, configuration: ConfigurationSummary(store: store), naming: &naming)
}

@Suite struct ProposerPromptTests {
    @Test func theStatementPromptIsTheCanonicalStatement() throws {
        let text = try prompt(.statement, "p q r = triangle p q r; o = circle o p q r; m = midpoint m p q ? perp o m p q")
        #expect(text == "a b c = triangle a b c; d = circle d a b c; e = midpoint e a b ? perp d e a b")
    }

    @Test func theConfigurationPromptListsCentresCirclesAndLinesAfterTheGoal() throws {
        // o is equidistant from p, q, r (the circle's premises); m is on line p q. Written in
        // the statement's canonical names, whatever the author called the points.
        let text = try prompt(.configuration, "p q r = triangle p q r; o = circle o p q r; m = midpoint m p q ? perp o m p q")
        #expect(text == "a b c = triangle a b c; d = circle d a b c; e = midpoint e a b ? perp d e a b ? circle d a b c; coll a b e")
    }

    @Test func derivedCirclesAreListedNotOnlyStatedOnes() throws {
        // The foot of the altitude from c and the midpoint of a b are not on the statement's
        // circles, but the circumcircle of a right triangle has the hypotenuse's midpoint as
        // its centre: derived equal lengths give `circle` with centre m.
        let text = try prompt(.configuration, "a b c = r_triangle c a b; m = midpoint m a b ? cong m a m c")
        #expect(text.hasSuffix("? circle d a b c; coll a b d"), "\(text)")
    }

    @Test func itemsStopAtTheTokenBudgetAndTheStatementIsNeverCut() throws {
        let (problem, store) = try closure("a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; f = midpoint f a b ? cong d e a f")
        var summary = ConfigurationSummary(store: store)
        summary.items = Array(repeating: ConfigurationSummary.Item(predicate: .coll, points: [0, 1, 2]), count: 100)
        var naming = CanonicalNaming()
        let text = ProposerPrompt.configuration.text(for: problem, configuration: summary, naming: &naming)
        let statement = "a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; f = midpoint f a b ? cong d e a f"
        #expect(text.hasPrefix(statement + " ? coll a b c; coll a b c"))
        // <bos> and <sep> besides the words.
        #expect(CanonicalNaming.words(text).count + 2 <= ProposerPrompt.tokenBudget)
        #expect(CanonicalNaming.words(text).count + 2 + 5 > ProposerPrompt.tokenBudget, "filled up to the budget")
    }

    @Test func equalSegmentsFromOnePointChainIntoOneCircle() {
        func cong(_ p: [Int]) -> Fact {
            Fact(statement: Statement(predicate: .cong, arguments: p.map { .point(PointID($0)) }), justification: .premise(clause: 0), round: 0)
        }
        // o = 0: |0 1| = |0 2|, |2 0| = |0 3| (same centre written second), and a separate pair |0 5| = |0 6|.
        let centres = ConfigurationSummary.centres(in: [cong([0, 1, 0, 2]), cong([2, 0, 0, 3]), cong([0, 5, 6, 0]), cong([1, 2, 3, 4])])
        #expect(centres.map(\.centre) == [0, 0])
        #expect(Set(centres.map(\.points)) == [[1, 2, 3], [5, 6]])
    }
}

@Suite struct ConfigurationCorpusTests {
    @Test func aConfigurationCorpusLineReadsLikeTheProposersPrompt() throws {
        let line = "t\tp q r = triangle p q r; o = circle o p q r ? cong o p o q\tm = midpoint m p q\tneeded\t{}"
        var corpus = ProposerCorpus()
        corpus.prompt = .configuration
        corpus.neededCopies = 1
        var counts = ProposerCorpus.Counts()
        let lines = corpus.convert([Substring(line)], counts: &counts)
        #expect(lines == ["a b c = triangle a b c; d = circle d a b c ? cong d a d b ? circle d a b c\te = midpoint e a b"])
        #expect(counts.saturated == 1 && counts.lines == 1)
        // The search's proposer builds the same input from the state.
        let (problem, store) = try closure("p q r = triangle p q r; o = circle o p q r ? cong o p o q")
        var naming = CanonicalNaming()
        let input = ProposerPrompt.configuration.text(for: problem, configuration: ConfigurationSummary(store: store), naming: &naming)
        #expect(input == lines[0].split(separator: "\t")[0])
    }

    @Test func theStatementCorpusIsUnchangedByThePromptOption() {
        let line = "t\tp q r = triangle p q r ? cong p q p r\tm = midpoint m q r; n = foot n p m q\tneeded\t{}"
        var counts = ProposerCorpus.Counts()
        let lines = ProposerCorpus().convert([Substring(line)], counts: &counts)
        #expect(lines == [
            "a b c = triangle a b c ? cong a b a c\td = midpoint d b c", "a b c = triangle a b c ? cong a b a c\td = midpoint d b c",
            "a b c = triangle a b c; d = midpoint d b c ? cong a b a c\te = foot e a d b",
            "a b c = triangle a b c; d = midpoint d b c ? cong a b a c\te = foot e a d b",
        ])
        #expect(counts.saturated == 0)
    }

    @Test func aModelFileNamesItsPrompt() throws {
        let tokenizer = Tokenizer.problemLanguage()
        let model = Transformer(config: TransformerConfig(vocabSize: tokenizer.count, contextLength: 16, dim: 8, layers: 1, heads: 2), seed: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-prompt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain.safetensors")
        let configured = directory.appendingPathComponent("configured.safetensors")
        let unknown = directory.appendingPathComponent("unknown.safetensors")
        try model.save(to: plain, dtype: .f32, tokenizer: tokenizer)
        try model.save(to: configured, dtype: .f32, tokenizer: tokenizer, metadata: [ProposerPrompt.metadataKey: "configuration"])
        try model.save(to: unknown, dtype: .f32, tokenizer: tokenizer, metadata: [ProposerPrompt.metadataKey: "facts"])
        #expect(try NeuralProposer(contentsOf: plain).prompt == .statement)
        #expect(try NeuralProposer(contentsOf: configured).prompt == .configuration)
        #expect(throws: ProposerModelError.self) { try NeuralProposer(contentsOf: unknown) }
    }
}
