import Testing
@testable import GouguNeural

/// The core's tokenizer knows only the vocabulary it is given: words, and punctuation
/// (one-character words that are neither letters nor digits) that splits words.
let toyTokenizer = Tokenizer(words: ["=", ",", ";", "?", "say", "hello", "world", "w1", "7"])

@Test func tokenizerRoundTripsItsVocabulary() throws {
    let text = "say hello = world, w1; 7 ? hello"
    #expect(toyTokenizer.decode(try toyTokenizer.encode(text)) == text)
}

@Test func punctuationSplitsWordsWithoutSpaces() throws {
    #expect(try toyTokenizer.encode("say=hello;world?w1") == toyTokenizer.encode("say = hello ; world ? w1"))
}

@Test func theSpecialTokensComeFirst() {
    #expect(Array(toyTokenizer.vocabulary.prefix(4)) == ["<pad>", "<bos>", "<eos>", "<sep>"])
    #expect(toyTokenizer.id(of: "=") == 4)
    #expect(Tokenizer(words: ["a", "a", "b"]).count == 6, "duplicates are merged")
}

@Test func anUnknownWordThrowsWithItsTextAndColumn() {
    #expect(throws: TokenizerError(text: "Hello", column: 5, reason: "not in the vocabulary")) {
        try toyTokenizer.encode("say Hello world")
    }
}

@Test func specialTokenTextIsNotAcceptedAsInput() {
    #expect(throws: TokenizerError.self) { try toyTokenizer.encode("<eos>") }
}

@Test func aTokenizerReadFromItsVocabularyIsTheSame() {
    #expect(Tokenizer(vocabulary: toyTokenizer.vocabulary) == toyTokenizer)
}

@Test func exampleEncodingWrapsProblemAndContinuation() throws {
    let seq = try toyTokenizer.encodeExample(problem: "say hello", continuation: "world")
    #expect(seq.first == Tokenizer.bos && seq.last == Tokenizer.eos)
    #expect(seq.filter { $0 == Tokenizer.separator }.count == 1)
}

@Test func corpusLineRoundTrips() {
    let e = CorpusExample(problem: "say hello", target: "world w1")
    #expect(CorpusExample(line: e.line) == e)
}
