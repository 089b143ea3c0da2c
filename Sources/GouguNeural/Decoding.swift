import Foundation

/// The state of decoding one sequence: its key-value cache, allocated once, and the logits
/// of the next token. The forward pass itself is `InferenceState.forward` (one or many rows).
public final class InferenceState {
    /// The model this state decodes with.
    public let model: Transformer
    /// Number of tokens consumed so far (the next token's position).
    public internal(set) var position = 0
    let keys: FloatBuffer     // [layers, context, dim]  cached keys
    let values: FloatBuffer   // [layers, context, dim]  cached values
    /// Logits of the next token after the last `step`: [vocab].
    let logitsBuffer: FloatBuffer

    /// Allocates a cache for `model.config.contextLength` tokens.
    public init(model: Transformer) {
        self.model = model
        let c = model.config
        keys = FloatBuffer(c.layers * c.contextLength * c.dim)
        values = FloatBuffer(c.layers * c.contextLength * c.dim)
        logitsBuffer = FloatBuffer(c.vocabSize)
    }

    /// Forgets all tokens.
    public func reset() { position = 0 }

    /// Forgets every token after the first `count`: the next `step` overwrites position
    /// `count`. The logits are stale until that step.
    public func rewind(to count: Int) {
        precondition(count >= 0 && count <= position, "cannot rewind forwards")
        position = count
    }

    /// Makes this state a copy of `other` (same model): cache rows and position.
    public func copy(from other: InferenceState) {
        let c = model.config
        for l in 0..<c.layers {
            let off = l * c.contextLength * c.dim
            (keys.pointer + off).update(from: other.keys.pointer + off, count: other.position * c.dim)
            (values.pointer + off).update(from: other.values.pointer + off, count: other.position * c.dim)
        }
        logitsBuffer.pointer.update(from: other.logitsBuffer.pointer, count: c.vocabSize)
        position = other.position
    }

    /// The next-token logits after the last `step`.
    public var logits: [Float] { Array(UnsafeBufferPointer(start: logitsBuffer.pointer, count: model.config.vocabSize)) }

    /// Feeds one token at the current position, appends its keys/values to the cache and
    /// computes the next-token logits.
    public func step(token: Int) {
        Self.forward([(self, position)], tokens: [token])
    }

    /// Feeds every token of `tokens` in order, in one batched pass.
    public func prefill(_ tokens: [Int]) {
        precondition(position + tokens.count <= model.config.contextLength, "context length \(model.config.contextLength) exceeded")
        Self.forward(tokens.indices.map { (self, position + $0) }, tokens: tokens)
    }

    /// log softmax of the current logits, in Double.
    func logProbabilities() -> [Double] {
        let v = model.config.vocabSize, l = logitsBuffer.pointer
        var mx = -Float.infinity
        for i in 0..<v { mx = max(mx, l[i]) }
        var sum = 0.0
        for i in 0..<v { sum += Foundation.exp(Double(l[i] - mx)) }
        let logZ = Double(mx) + Foundation.log(sum)
        return (0..<v).map { Double(l[$0]) - logZ }
    }
}

/// One decoded continuation and its total log-probability under the model.
public struct Continuation: Sendable, Equatable {
    /// The generated tokens, without the prompt and without the stop token.
    public var tokens: [Int]
    /// Sum of the natural-log probabilities of the generated tokens (including the stop
    /// token, if the continuation ended with it).
    public var logProbability: Double
    /// Whether decoding ended with the stop token (rather than at `maxTokens` or the
    /// context length).
    public var finished: Bool
}

extension Transformer {
    /// Greedy decoding: repeatedly appends the most likely token.
    ///
    /// - Returns: the continuation (without prompt and stop token) and its log-probability.
    public func greedyDecode(prompt: [Int], maxTokens: Int, stopToken: Int) -> Continuation {
        sample(prompt: prompt, maxTokens: maxTokens, stopToken: stopToken, topK: 1, temperature: 1, seed: 0)
    }

    /// Top-k sampling with temperature, reproducible from `seed`. `topK == 1` is greedy.
    ///
    /// - Returns: the continuation (without prompt and stop token) and its log-probability
    ///   under the model (at temperature 1).
    public func sample(prompt: [Int], maxTokens: Int, stopToken: Int, topK: Int, temperature: Double,
                       seed: UInt64) -> Continuation {
        precondition(!prompt.isEmpty && topK >= 1 && temperature > 0)
        let state = InferenceState(model: self)
        state.prefill(prompt)
        var rng = SplitMix64(seed: seed)
        var out: [Int] = []
        var total = 0.0
        let budget = min(maxTokens, config.contextLength - prompt.count + 1)
        for i in 0..<budget {
            let lp = state.logProbabilities()
            let candidates = lp.indices.sorted { lp[$0] > lp[$1] }.prefix(topK)
            var choice = candidates.first!
            if topK > 1 {
                let best = lp[choice]
                let weights = candidates.map { Foundation.exp((lp[$0] - best) / temperature) }
                var r = rng.nextUniform() * weights.reduce(0, +)
                for (c, w) in zip(candidates, weights) {
                    choice = c
                    r -= w
                    if r < 0 { break }
                }
            }
            total += lp[choice]
            if choice == stopToken { return Continuation(tokens: out, logProbability: total, finished: true) }
            out.append(choice)
            if i + 1 < budget && state.position < config.contextLength { state.step(token: choice) } else { break }
        }
        return Continuation(tokens: out, logProbability: total, finished: false)
    }

    /// Beam search: the `beamWidth` most probable continuations of `prompt`, best first.
    ///
    /// Each step extends every live beam by its `beamWidth` most likely tokens and keeps the
    /// `beamWidth` best extensions overall; a beam that emits `stopToken` is finished. Search
    /// stops when no live beam can beat the `beamWidth`-th finished one (log-probabilities only
    /// decrease), or after `maxTokens` tokens; unfinished beams are then returned too, marked
    /// `finished == false`. Scores are raw (not length-normalised) log-probabilities.
    ///
    /// With `allowed`, decoding is constrained: `allowed(prefix)` lists the tokens that may
    /// follow the continuation `prefix` (an empty list ends that beam), and each token's
    /// log-probability is renormalised over the allowed ones, so that a continuation's score
    /// is its log-probability under the model restricted to the allowed continuations (a
    /// forced token, the only one allowed, costs nothing).
    ///
    /// With `cache`, the prompt's keys and values are kept for the next search: a prompt
    /// that starts like the previous one (consecutive search states differ in their last
    /// clauses) reads only the tokens after the common prefix, and the beams reuse the
    /// cache's states instead of allocating their own. The results are the same as without
    /// a cache.
    public func beamSearch(prompt: [Int], beamWidth: Int, maxTokens: Int, stopToken: Int,
                           allowed: ((_ prefix: [Int]) -> [Int])? = nil, cache: DecodingCache? = nil) -> [Continuation] {
        precondition(!prompt.isEmpty && beamWidth >= 1)
        precondition(cache.map { $0.model === self } ?? true, "the cache belongs to another model")
        var spare: [InferenceState] = []
        let root: InferenceState
        if let cache {
            cache.read(prompt)
            spare = cache.spare
            cache.spare = []
            root = spare.popLast() ?? InferenceState(model: self)
            root.copy(from: cache.prompt)
        } else {
            root = InferenceState(model: self)
            root.prefill(prompt)
        }
        struct Beam { var tokens: [Int]; var logProbability: Double; var state: InferenceState }
        var live = [Beam(tokens: [], logProbability: 0, state: root)]
        defer { cache?.spare = spare + live.map(\.state) }
        var finished: [Continuation] = []
        let budget = min(maxTokens, config.contextLength - prompt.count + 1)
        for stepIndex in 0..<budget {
            // Candidate extensions: (beam index, token, total log-probability).
            var candidates: [(beam: Int, token: Int, score: Double)] = []
            for (b, beam) in live.enumerated() {
                var lp = beam.state.logProbabilities()
                var tokens = Array(lp.indices)
                if let allowed {
                    tokens = allowed(beam.tokens)
                    let logZ = Self.logSumExp(tokens.map { lp[$0] })
                    for t in tokens { lp[t] -= logZ }
                }
                for t in tokens.sorted(by: { lp[$0] > lp[$1] }).prefix(beamWidth) {
                    candidates.append((b, t, beam.logProbability + lp[t]))
                }
            }
            candidates.sort { $0.score > $1.score }
            var next: [Beam] = []
            var used = Set<Int>()
            for cand in candidates {
                if next.count >= beamWidth { break }
                let parent = live[cand.beam]
                if cand.token == stopToken {
                    finished.append(Continuation(tokens: parent.tokens, logProbability: cand.score, finished: true))
                    continue
                }
                let state: InferenceState
                if !used.contains(cand.beam) {
                    state = parent.state  // first child reuses the parent's cache
                    used.insert(cand.beam)
                } else {
                    state = spare.popLast() ?? InferenceState(model: self)
                    state.copy(from: parent.state)
                }
                next.append(Beam(tokens: parent.tokens + [cand.token], logProbability: cand.score, state: state))
            }
            // Siblings copied the parent's cache above, before any beam is stepped below.
            for (b, beam) in live.enumerated() where !used.contains(b) { spare.append(beam.state) }
            live = next
            finished.sort { $0.logProbability > $1.logProbability }
            if finished.count >= beamWidth {
                let bar = finished[beamWidth - 1].logProbability
                if live.allSatisfy({ $0.logProbability <= bar }) {
                    spare += live.map(\.state)
                    live = []
                }
            }
            if live.isEmpty || stepIndex + 1 == budget { break }
            // `budget` keeps every position inside the context.
            InferenceState.step(live.map(\.state), tokens: live.map { $0.tokens.last! })
        }
        for beam in live { finished.append(Continuation(tokens: beam.tokens, logProbability: beam.logProbability, finished: false)) }
        finished.sort { $0.logProbability > $1.logProbability }
        return Array(finished.prefix(beamWidth))
    }
}

extension Transformer {
    /// log(sum(exp(values))), computed stably; -infinity for no values.
    static func logSumExp(_ values: [Double]) -> Double {
        guard let top = values.max(), top > -.infinity else { return -.infinity }
        return top + Foundation.log(values.reduce(0) { $0 + Foundation.exp($1 - top) })
    }
}

/// What `Transformer.beamSearch` keeps between searches: the last prompt's tokens and their
/// keys and values, and spare decoding states. Not thread-safe: one search at a time.
public final class DecodingCache {
    /// The model whose states these are.
    public let model: Transformer
    /// The last prompt's state (its logits are those of the token after it).
    let prompt: InferenceState
    private var tokens: [Int] = []
    /// States to reuse as beams.
    var spare: [InferenceState] = []

    /// An empty cache for `model`.
    public init(model: Transformer) {
        self.model = model
        prompt = InferenceState(model: model)
    }

    /// Tokens of the new prompt the last one already held (and which were not read again).
    public private(set) var reusedTokens = 0

    /// Makes `prompt` the cached state: keeps the longest prefix shared with the last prompt
    /// (all but its last token when they are equal, so that the logits are computed again)
    /// and reads the rest.
    func read(_ tokens: [Int]) {
        var common = 0
        while common < min(tokens.count - 1, self.tokens.count) && tokens[common] == self.tokens[common] { common += 1 }
        prompt.rewind(to: common)
        prompt.prefill(Array(tokens[common...]))
        self.tokens = tokens
        reusedTokens = common
    }
}

/// Scores continuations of one prompt: reads the prompt once, then gives the model's
/// log-probability of any set of continuations, reading a prefix shared by consecutive
/// ones (in sorted order) only once.
public final class ContinuationScorer {
    /// The prompt's length in tokens.
    public let promptLength: Int
    /// Natural-log probabilities of the token after the prompt, by token id.
    public let nextTokenLogProbabilities: [Double]
    private let state: InferenceState

    /// Reads `prompt` (not empty, shorter than the context).
    public init(model: Transformer, prompt: [Int]) {
        precondition(!prompt.isEmpty && prompt.count < model.config.contextLength)
        state = InferenceState(model: model)
        state.prefill(prompt)
        promptLength = prompt.count
        nextTokenLogProbabilities = state.logProbabilities()
    }

    /// The natural-log probability of each of `continuations` after the prompt, each
    /// followed by `stopToken`: a continuation is scored as a complete answer, the sum of
    /// its tokens' and the stop token's log-probabilities. `-infinity` for one that does
    /// not fit the context.
    public func logProbabilities(of continuations: [[Int]], stopToken: Int) -> [Double] {
        // after[i]: log-probabilities of the token after the prompt and `path[..<i]`.
        var after: [[Double]] = [nextTokenLogProbabilities]
        var path: [Int] = []
        var scores = [Double](repeating: -.infinity, count: continuations.count)
        let order = continuations.indices.sorted { continuations[$0].lexicographicallyPrecedes(continuations[$1]) }
        for index in order {
            let tokens = continuations[index]
            guard promptLength + tokens.count <= state.model.config.contextLength else { continue }
            var shared = 0
            while shared < min(path.count, tokens.count) && path[shared] == tokens[shared] { shared += 1 }
            path.removeSubrange(shared...)
            after.removeSubrange((shared + 1)...)
            state.rewind(to: promptLength + shared)
            for token in tokens[shared...] {
                state.step(token: token)
                path.append(token)
                after.append(state.logProbabilities())
            }
            var total = after[tokens.count][stopToken]
            for (i, token) in tokens.enumerated() { total += after[i][token] }
            scores[index] = total
        }
        return scores
    }
}
