import Testing
import GouguNeural
import GouguProposer

/// The neural proposer's vocabulary: the problem language's words.
@Suite struct ProblemVocabularyTests {
    let t = Tokenizer.problemLanguage()

    @Test func itRoundTripsTheProblemLanguage() throws {
        let text = "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"
        #expect(t.decode(try t.encode(text)) == text)
    }

    @Test func itSplitsPunctuationWithoutSpaces() throws {
        #expect(try t.encode("a=free a;b=free b?cong a b a b") == t.encode("a = free a; b = free b ? cong a b a b"))
    }

    @Test func pointNamesWithDigitsAreSingleTokens() throws {
        let ids = try t.encode("b1 o2 a")
        #expect(ids.map { t.vocabulary[$0] } == ["b1", "o2", "a"])
    }

    @Test func integersAreTokens() throws {
        #expect(try t.encode("aconst a b c d 1 3").map { t.vocabulary[$0] }.suffix(2) == ["1", "3"])
    }

    @Test func constructionNamesStartingWithDigitsAreNamesNotIntegers() throws {
        #expect(try t.encode("2l1c").map { t.vocabulary[$0] } == ["2l1c"])
    }

    @Test func unknownWordsAreRejected() {
        let error = #expect(throws: TokenizerError.self) { try t.encode("a b c = Triangle a b c") }
        #expect(error?.text == "Triangle" && error?.column == 9)
        #expect(throws: TokenizerError.self) { try t.encode("a12 = free a12") }
        #expect(throws: TokenizerError.self) { try t.encode("aconst a b c d 1 300") }
    }

    @Test func callerSuppliedNamesReplaceTheDefaultOnes() throws {
        let foo = Tokenizer.problemLanguage(names: ["foo"])
        #expect(try foo.encode("x = foo x").count == 4)
        #expect(throws: TokenizerError.self) { try foo.encode("x = midpoint x a b") }
    }

    @Test func theDefaultNamesAreEveryAlphaGeometryConstructionAndPredicate() throws {
        for name in Tokenizer.problemConstructions + Tokenizer.problemPredicates {
            #expect(try t.encode(name).count == 1, "\(name)")
        }
        #expect(Tokenizer.problemConstructions.count == 68)
    }

    /// Model files store the vocabulary; the shipped model's is this one, word for word.
    @Test func theShippedModelHasThisVocabulary() throws {
        let proposer = try NeuralProposer.shipped()
        #expect(proposer.tokenizer == t)
    }

    @Test func syntheticTargetIsTheMidpointOfTheGoalsFirstTwoPoints() throws {
        for e in SyntheticCorpus.generate(count: 50, seed: 3) {
            let goal = e.problem.split(separator: "?")[1].split(separator: " ")
            #expect(e.target == "x = midpoint x \(goal[1]) \(goal[2])")
            _ = try t.encodeExample(problem: e.problem, continuation: e.target)
        }
    }

    @Test func syntheticCorpusIsDeterministicInItsSeed() {
        #expect(SyntheticCorpus.generate(count: 5, seed: 9) == SyntheticCorpus.generate(count: 5, seed: 9))
        #expect(SyntheticCorpus.generate(count: 5, seed: 9) != SyntheticCorpus.generate(count: 5, seed: 10))
    }
}
