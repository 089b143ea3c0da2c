import Foundation
import Testing
@testable import GouguNeural

/// A tiny random model shared by the decoding tests.
func tinyModel(seed: UInt64 = 5, vocab: Int = 12, context: Int = 16,
               positions: TransformerConfig.PositionEncoding = .learned) -> Transformer {
    let config = TransformerConfig(vocabSize: vocab, contextLength: context, dim: 16, layers: 2, heads: 2,
                                   positions: positions)
    let model = Transformer(config: config, seed: seed, linalg: .singleThreaded())
    // Larger weights than the default init, so that the next-token distribution is peaked.
    var rng = SplitMix64(seed: seed)
    for i in 0..<model.parameterCount { model.parameters[i] += Float(rng.nextGaussian()) * 0.5 }
    return model
}

/// Log-probabilities of the next token after `prefix`, from a full (training-path) forward pass.
func fullForwardLogProbabilities(_ model: Transformer, _ prefix: [Int]) -> [Double] {
    let session = TrainingSession(model: model, batch: 1, seqLen: prefix.count)
    var targets = [Int32](repeating: -1, count: prefix.count)
    var out: [Double] = []
    for v in 0..<model.config.vocabSize {
        targets[prefix.count - 1] = Int32(v)
        out.append(-session.forwardBackward(tokens: prefix.map(Int32.init), targets: targets, computeGradients: false))
    }
    return out
}

@Test(arguments: [TransformerConfig.PositionEncoding.learned, .rope])
func kvCacheDecodingMatchesTheFullForwardPass(positions: TransformerConfig.PositionEncoding) {
    let model = tinyModel(positions: positions)
    let prefix = [1, 4, 7, 3, 9, 2]
    let state = InferenceState(model: model)
    state.prefill(prefix)
    let cached = state.logProbabilities()
    let full = fullForwardLogProbabilities(model, prefix)
    #expect(zip(cached, full).allSatisfy { abs($0 - $1) < 1e-4 })
}

@Test func greedyDecodingPicksTheArgmaxEachStep() {
    let model = tinyModel()
    let out = model.greedyDecode(prompt: [1, 5], maxTokens: 4, stopToken: 99)
    var prefix = [1, 5]
    for token in out.tokens {
        let lp = fullForwardLogProbabilities(model, prefix)
        #expect(token == lp.indices.max { lp[$0] < lp[$1] })
        prefix.append(token)
    }
    #expect(out.tokens.count == 4 && !out.finished)
}

@Test func samplingIsReproducibleFromItsSeed() {
    let model = tinyModel()
    let a = model.sample(prompt: [1], maxTokens: 8, stopToken: 99, topK: 5, temperature: 1.5, seed: 42)
    let b = model.sample(prompt: [1], maxTokens: 8, stopToken: 99, topK: 5, temperature: 1.5, seed: 42)
    #expect(a == b)
}

@Test func samplingWithTopKOneIsGreedy() {
    let model = tinyModel()
    let sampled = model.sample(prompt: [1, 2], maxTokens: 6, stopToken: 99, topK: 1, temperature: 3, seed: 7)
    #expect(sampled == model.greedyDecode(prompt: [1, 2], maxTokens: 6, stopToken: 99))
}

@Test func decodingStopsAtTheStopToken() {
    let model = tinyModel()
    let free = model.greedyDecode(prompt: [1], maxTokens: 6, stopToken: 99)
    let stop = free.tokens[2]
    let out = model.greedyDecode(prompt: [1], maxTokens: 6, stopToken: stop)
    #expect(out.finished)
    #expect(!out.tokens.contains(stop))
}

@Test func beamSearchLogProbabilitiesAreExactSequenceScores() {
    let model = tinyModel()
    let prompt = [1, 3]
    for beam in model.beamSearch(prompt: prompt, beamWidth: 3, maxTokens: 3, stopToken: 99) {
        var prefix = prompt, total = 0.0
        for t in beam.tokens {
            total += fullForwardLogProbabilities(model, prefix)[t]
            prefix.append(t)
        }
        #expect(abs(total - beam.logProbability) < 1e-3)
    }
}

@Test func beamSearchReturnsDistinctBeamsBestFirst() {
    let model = tinyModel()
    let beams = model.beamSearch(prompt: [2], beamWidth: 4, maxTokens: 3, stopToken: 99)
    #expect(beams.count == 4)
    #expect(Set(beams.map(\.tokens)).count == 4)
    #expect(zip(beams, beams.dropFirst()).allSatisfy { $0.logProbability >= $1.logProbability })
}

@Test func beamSearchWithWidthOneIsGreedy() {
    let model = tinyModel()
    let beam = model.beamSearch(prompt: [1, 2], beamWidth: 1, maxTokens: 5, stopToken: 99)
    let greedy = model.greedyDecode(prompt: [1, 2], maxTokens: 5, stopToken: 99)
    #expect(beam.first?.tokens == greedy.tokens)
}

@Test func beamSearchFindsTheExactBestOfAllTwoTokenSequences() {
    // With the width at least the vocabulary size, beam search is exhaustive over 2 tokens.
    let model = tinyModel(vocab: 5)
    let prompt = [1]
    var best = (tokens: [Int](), score: -Double.infinity)
    let first = fullForwardLogProbabilities(model, prompt)
    for a in 0..<5 {
        let second = fullForwardLogProbabilities(model, prompt + [a])
        for b in 0..<5 where first[a] + second[b] > best.score { best = ([a, b], first[a] + second[b]) }
    }
    let beams = model.beamSearch(prompt: prompt, beamWidth: 5, maxTokens: 2, stopToken: 99)
    #expect(beams.first?.tokens == best.tokens)
}

@Test func trainingResumedFromACheckpointMatchesAnUninterruptedRun() throws {
    let tokenizer = toyTokenizer
    let corpus = try TokenizedCorpus(examples: toyCorpus(count: 40, seed: 1), tokenizer: tokenizer)
    let config = TransformerConfig(vocabSize: tokenizer.count, contextLength: corpus.maxLength, dim: 8, layers: 1, heads: 2)
    var options = TrainingOptions()
    options.steps = 4
    options.batch = 3
    options.checkpointEvery = 0
    let straight = Transformer(config: config, seed: 1, linalg: .singleThreaded())
    try Trainer(model: straight, corpus: corpus, options: options).run(progress: { _ in }, checkpoint: {})

    let first = Transformer(config: config, seed: 1, linalg: .singleThreaded())
    let t1 = try Trainer(model: first, corpus: corpus, options: options)
    _ = t1.trainStep()
    _ = t1.trainStep()
    let checkpoint = try SafetensorsFile(data: t1.checkpointFile(tokenizer: tokenizer).serialized())
    let resumed = Transformer(config: config, seed: 99, linalg: .singleThreaded())
    let t2 = try Trainer(model: resumed, corpus: corpus, options: options)
    try t2.restore(from: checkpoint)
    #expect(t2.step == 2)
    t2.run(progress: { _ in }, checkpoint: {})
    #expect((0..<straight.parameterCount).allSatisfy { straight.parameters[$0] == resumed.parameters[$0] })
}

@Test func batchesAreRaggedAndMaskTheProblem() throws {
    let tokenizer = toyTokenizer
    let corpus = try TokenizedCorpus(examples: toyCorpus(count: 30, seed: 2), tokenizer: tokenizer)
    let config = TransformerConfig(vocabSize: tokenizer.count, contextLength: corpus.maxLength, dim: 8, layers: 1, heads: 1)
    var options = TrainingOptions()
    options.batch = 2
    let trainer = try Trainer(model: Transformer(config: config, seed: 1, linalg: .singleThreaded()), corpus: corpus,
                              options: options)
    let (tokens, targets, lengths) = trainer.batch(at: 0)
    #expect(lengths.count == 2 && tokens.count == lengths.reduce(0, +) && targets.count == tokens.count)
    #expect(tokens.first == Int32(Tokenizer.bos) && tokens[lengths[0]] == Int32(Tokenizer.bos))
    #expect(!tokens.contains(Int32(Tokenizer.pad)))
    #expect(targets.first == -1, "no loss on the problem text")
    // Six words and <eos>: 7 targets per sequence.
    #expect(targets.filter { $0 >= 0 }.count == 14)
}

@Test func continuationScoresAreExactSequenceScoresWithTheStopToken() {
    let model = tinyModel()
    let prompt = [1, 3]
    let continuations = [[4, 5], [4], [4, 5, 6], [7], [], [4, 6]]
    let scorer = ContinuationScorer(model: model, prompt: prompt)
    let scores = scorer.logProbabilities(of: continuations, stopToken: 2)
    for (tokens, score) in zip(continuations, scores) {
        var prefix = prompt, total = 0.0
        for t in tokens + [2] {
            total += fullForwardLogProbabilities(model, prefix)[t]
            prefix.append(t)
        }
        #expect(abs(total - score) < 1e-3)
    }
}

@Test func continuationScoresDoNotDependOnTheOrderAsked() {
    let model = tinyModel()
    let scorer = ContinuationScorer(model: model, prompt: [1])
    let continuations = [[4, 5, 6], [4, 5], [8, 1], [4, 6, 6]]
    let forward = scorer.logProbabilities(of: continuations, stopToken: 2)
    let backward = scorer.logProbabilities(of: continuations.reversed(), stopToken: 2)
    #expect(forward == backward.reversed())
}

@Test func aContinuationBeyondTheContextScoresMinusInfinity() {
    let model = tinyModel(context: 6)
    let scorer = ContinuationScorer(model: model, prompt: [1, 2, 3])
    let scores = scorer.logProbabilities(of: [[4, 5, 6, 7], [4]], stopToken: 2)
    #expect(scores[0] == -.infinity && scores[1] > -.infinity)
}

@Test(arguments: [TransformerConfig.PositionEncoding.learned, .rope])
func aBatchedPromptMatchesFeedingItOneTokenAtATime(positions: TransformerConfig.PositionEncoding) {
    let model = tinyModel(positions: positions)
    let prompt = [1, 4, 7, 3, 9, 2, 2, 5]
    let batched = InferenceState(model: model), stepped = InferenceState(model: model)
    batched.prefill(Array(prompt[..<3]))
    batched.prefill(Array(prompt[3...]))  // a second batch continues from the first
    for token in prompt { stepped.step(token: token) }
    #expect(batched.position == prompt.count && stepped.position == prompt.count)
    #expect(zip(batched.logProbabilities(), stepped.logProbabilities()).allSatisfy { abs($0 - $1) < 1e-4 })
}

@Test(arguments: [TransformerConfig.PositionEncoding.learned, .rope])
func stepsOfSeveralStatesTogetherMatchEachAlone(positions: TransformerConfig.PositionEncoding) {
    let model = tinyModel(positions: positions)
    // Three sequences of different lengths, one token each, as beams of a beam search.
    let prompts = [[1, 4], [3, 9, 2, 5], [7]], next = [6, 0, 11]
    let together = prompts.map { prompt in let s = InferenceState(model: model); s.prefill(prompt); return s }
    let alone = prompts.map { prompt in let s = InferenceState(model: model); s.prefill(prompt); return s }
    InferenceState.step(together, tokens: next)
    for (state, token) in zip(alone, next) { state.step(token: token) }
    for (a, b) in zip(together, alone) {
        #expect(a.position == b.position)
        #expect(zip(a.logProbabilities(), b.logProbabilities()).allSatisfy { abs($0 - $1) < 1e-4 })
    }
}

@Test func constrainedBeamSearchWritesOnlyAllowedTokensWithRenormalisedScores() {
    let model = tinyModel()
    // Alternately {4, 7} and {5, stop}: continuations 4 5, 4 <stop>, 7 5 <stop>, ...
    let allowed: ([Int]) -> [Int] = { prefix in prefix.count % 2 == 0 ? [4, 7] : [5, 0] }
    let beams = model.beamSearch(prompt: [1, 2], beamWidth: 6, maxTokens: 4, stopToken: 0, allowed: allowed)
    #expect(!beams.isEmpty)
    for beam in beams {
        for (i, token) in beam.tokens.enumerated() { #expect(allowed(Array(beam.tokens[..<i])).contains(token)) }
        #expect(beam.logProbability <= 0)
    }
    // Renormalised over two choices a step, the finished two-token continuations
    // (x <stop>, for x in {4, 7}) have probabilities that add up to at most one.
    let short = beams.filter { $0.finished && $0.tokens.count == 1 }
    #expect(short.map { exp($0.logProbability) }.reduce(0, +) <= 1 + 1e-9)
    // A forced token (the only one allowed) costs nothing.
    let forced = model.beamSearch(prompt: [1, 2], beamWidth: 1, maxTokens: 2, stopToken: 0) { $0.isEmpty ? [9] : [0] }
    #expect(forced.first?.tokens == [9] && abs(forced.first!.logProbability) < 1e-12)
}

@Test func aDecodingCacheReadsOnlyWhatFollowsTheLastPromptAndChangesNoResult() {
    let model = tinyModel()
    let cache = DecodingCache(model: model)
    // A parent's prompt, a child's (a clause inserted before the end), the child's again, and
    // an unrelated one: each search with the cache returns what a fresh search returns.
    let prompts = [[1, 3, 5, 7, 9], [1, 3, 5, 4, 4, 7, 9], [1, 3, 5, 4, 4, 7, 9], [2, 8]]
    var reused: [Int] = []
    for prompt in prompts {
        let fresh = model.beamSearch(prompt: prompt, beamWidth: 4, maxTokens: 4, stopToken: 99)
        let cached = model.beamSearch(prompt: prompt, beamWidth: 4, maxTokens: 4, stopToken: 99, cache: cache)
        #expect(cached.map(\.tokens) == fresh.map(\.tokens))
        #expect(zip(cached, fresh).allSatisfy { abs($0.logProbability - $1.logProbability) < 1e-4 })
        reused.append(cache.reusedTokens)
    }
    // The shared prefix (all but the last token when the prompt repeats).
    #expect(reused == [0, 3, 6, 0])
}

/// Examples over `toyTokenizer`'s words: 2 to 6 random words, and as target the first two
/// of them three times (six words).
func toyCorpus(count: Int, seed: UInt64) -> [CorpusExample] {
    let words = ["say", "hello", "world", "w1", "7"]
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let problem = (0..<(2 + rng.nextInt(below: 5))).map { _ in words[rng.nextInt(below: words.count)] }
        let target = Array(repeating: problem.prefix(2).joined(separator: " "), count: 3).joined(separator: " ")
        return CorpusExample(problem: problem.joined(separator: " "), target: target)
    }
}
