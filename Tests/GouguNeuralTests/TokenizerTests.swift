import Testing
@testable import GouguNeural

@Test func tokenizerRoundTripsTheProblemLanguage() throws {
    let t = Tokenizer()
    let text = "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"
    #expect(t.decode(try t.encode(text)) == text)
}

@Test func tokenizerSplitsPunctuationWithoutSpaces() throws {
    let t = Tokenizer()
    #expect(try t.encode("a=free a;b=free b?cong a b a b") == t.encode("a = free a; b = free b ? cong a b a b"))
}

@Test func pointNamesWithDigitsAreSingleTokens() throws {
    let t = Tokenizer()
    let ids = try t.encode("b1 o2 a")
    #expect(ids.count == 3)
    #expect(ids.map { t.vocabulary[$0] } == ["b1", "o2", "a"])
}

@Test func integersAreTokens() throws {
    let t = Tokenizer()
    #expect(try t.encode("aconst a b c d 1 3").map { t.vocabulary[$0] }.suffix(2) == ["1", "3"])
}

@Test func constructionNamesStartingWithDigitsAreNamesNotIntegers() throws {
    let t = Tokenizer()
    #expect(try t.encode("2l1c").map { t.vocabulary[$0] } == ["2l1c"])
}

@Test func unknownWordThrowsWithItsTextAndColumn() {
    let t = Tokenizer()
    #expect(throws: TokenizerError(text: "Triangle", column: 9,
                                   reason: "not a construction, predicate, point name or integer")) {
        try t.encode("a b c = Triangle a b c")
    }
}

@Test func pointNameWithTwoDigitsIsRejected() {
    #expect(throws: TokenizerError.self) { try Tokenizer().encode("a12 = free a12") }
}

@Test func integerAboveTheLimitIsRejected() {
    #expect(throws: TokenizerError.self) { try Tokenizer().encode("aconst a b c d 1 300") }
}

@Test func specialTokenTextIsNotAcceptedAsInput() {
    #expect(throws: TokenizerError.self) { try Tokenizer().encode("<eos>") }
}

@Test func callerSuppliedVocabularyReplacesTheDefaultNames() throws {
    let t = Tokenizer(names: ["foo"])
    #expect(try t.encode("x = foo x").count == 4)
    #expect(throws: TokenizerError.self) { try t.encode("x = midpoint x a b") }
}

@Test func defaultVocabularyHasEveryAlphaGeometryConstructionAndPredicate() throws {
    let t = Tokenizer()
    for name in Tokenizer.defaultConstructions + Tokenizer.defaultPredicates {
        #expect(try t.encode(name).count == 1, "\(name)")
    }
    #expect(Tokenizer.defaultConstructions.count == 68)
}

@Test func exampleEncodingWrapsProblemAndContinuation() throws {
    let t = Tokenizer()
    let seq = try t.encodeExample(problem: "a = free a", continuation: "b = free b")
    #expect(seq.first == Tokenizer.bos && seq.last == Tokenizer.eos)
    #expect(seq.filter { $0 == Tokenizer.separator }.count == 1)
}

@Test func syntheticTargetIsTheMidpointOfTheGoalsFirstTwoPoints() throws {
    for e in SyntheticCorpus.generate(count: 50, seed: 3) {
        let goal = e.problem.split(separator: "?")[1].split(separator: " ")
        #expect(e.target == "x = midpoint x \(goal[1]) \(goal[2])")
        _ = try Tokenizer().encodeExample(problem: e.problem, continuation: e.target)
    }
}

@Test func syntheticCorpusIsDeterministicInItsSeed() {
    #expect(SyntheticCorpus.generate(count: 5, seed: 9) == SyntheticCorpus.generate(count: 5, seed: 9))
    #expect(SyntheticCorpus.generate(count: 5, seed: 9) != SyntheticCorpus.generate(count: 5, seed: 10))
}

@Test func corpusLineRoundTrips() {
    let e = CorpusExample(problem: "a b c = triangle a b c ? perp a b b c", target: "x = midpoint x a b")
    #expect(CorpusExample(line: e.line) == e)
}
