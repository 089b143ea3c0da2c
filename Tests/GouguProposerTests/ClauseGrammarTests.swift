import Foundation
import Testing
import GouguLanguage
import GouguNeural
@testable import GouguProposer

/// The grammar that constrains the model's beams: one new point with the next canonical
/// name, fixed by a placing construction or two loci, over distinct points of the problem.
@Suite struct ClauseGrammarTests {
    let tokenizer = Tokenizer.problemLanguage()
    let problem = try! ProblemParser().parseProblem(
        name: "t", statement: "a b c = triangle a b c; d = midpoint d b c ? perp a d b c")
    var grammar: ClauseGrammar { ClauseGrammar(pointNames: ["a", "b", "c", "d"], newName: "e", tokenizer: tokenizer,
                                            constructions: ClauseGrammar.Constructions(tokenizer: tokenizer))! }

    func tokens(_ text: String) -> [Int] { try! tokenizer.encode(text) }
    func words(_ ids: [Int]) -> Set<String> { Set(ids.map { tokenizer.vocabulary[$0] }) }

    @Test func aClauseStartsWithTheNewPointAndAConstruction() {
        #expect(words(grammar.allowed(after: [])) == ["e"])
        #expect(words(grammar.allowed(after: tokens("e"))) == ["="])
        #expect(grammar.allowed(after: tokens("d")).isEmpty)
        let first = words(grammar.allowed(after: tokens("e =")))
        #expect(first.isSuperset(of: ["foot", "midpoint", "circle", "on_line", "on_circle", "intersection_lc"]))
        // No base shapes, no numbers, no constructions of several new points.
        #expect(first.isDisjoint(with: ["triangle", "segment", "s_angle", "incenter2", "cc_tangent"]))
    }

    @Test func argumentsAreTheNewPointWhereTheSignatureSaysAndDistinctOldPointsElsewhere() {
        #expect(words(grammar.allowed(after: tokens("e = foot"))) == ["e"])
        #expect(words(grammar.allowed(after: tokens("e = foot e"))) == ["a", "b", "c", "d"])
        #expect(words(grammar.allowed(after: tokens("e = foot e a b"))) == ["c", "d"])
        #expect(grammar.allowed(after: tokens("e = foot e a a")).isEmpty)
        #expect(grammar.allowed(after: tokens("e = foot a")).isEmpty)
    }

    @Test func aPlacedPointEndsTheClauseAndALocusNeedsASecond() {
        #expect(grammar.allowed(after: tokens("e = foot e a b c")) == [Tokenizer.eos])
        #expect(words(grammar.allowed(after: tokens("e = on_line e a b"))) == [","])
        let second = words(grammar.allowed(after: tokens("e = on_line e a b ,")))
        #expect(second.contains("on_circle") && second.contains("on_line"))
        #expect(!second.contains("foot"))
        #expect(grammar.allowed(after: tokens("e = on_line e a b , on_circle e c d")) == [Tokenizer.eos])
    }

    @Test func everyClauseTheGrammarAllowsIsOneTheProposerKeeps() {
        // Random walks through the grammar: each finished clause maps back to a valid addition.
        var naming = CanonicalNaming()
        _ = naming.canonicalize(problem.statementText)
        var rng = SplitMix64(seed: 9)
        var finished = 0
        for _ in 0..<300 {
            var prefix: [Int] = []
            while prefix.count < 32 {
                let options = grammar.allowed(after: prefix)
                guard !options.isEmpty else { break }
                let next = options[Int(rng.nextUniform() * Double(options.count)) % options.count]
                if next == Tokenizer.eos { break }
                prefix.append(next)
            }
            guard grammar.allowed(after: prefix) == [Tokenizer.eos] else { continue }
            finished += 1
            let text = tokenizer.decode(prefix)
            #expect(NeuralProposer.clause(fromCanonical: text, naming: naming, problem: problem) != nil, "\(text)")
        }
        #expect(finished > 200)
    }
}
