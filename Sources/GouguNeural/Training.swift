import Foundation

/// An error in a corpus file or a training/evaluation setup.
public struct CorpusError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Hyper-parameters of a training run.
public struct TrainingOptions: Codable, Sendable, Equatable {
    /// Optimizer steps.
    public var steps = 2000
    /// Sequences per step.
    public var batch = 32
    /// Peak learning rate.
    public var learningRate: Float = 1e-3
    /// Linear warmup steps.
    public var warmupSteps = 100
    /// AdamW weight decay on matrices.
    public var weightDecay: Float = 0.1
    /// Global gradient-norm clip.
    public var clipNorm: Float = 1.0
    /// Seed of batch sampling (initialisation has its own seed in the model).
    public var seed: UInt64 = 1
    /// Save a checkpoint every this many steps (0 = only at the end).
    public var checkpointEvery = 500
    /// Length bucketing: a batch draws its sequences from a random window of
    /// `bucketWindow * batch` sequences of similar length (less padding, but the sequences of
    /// a batch are then alike); 0 draws them uniformly from the whole corpus.
    public var bucketWindow = 0

    /// Default options.
    public init() {}
}

/// Token sequences of a corpus, ready for batching: `<bos> problem <sep> target <eos>`, with
/// the loss taken only on the target and `<eos>`.
public struct TokenizedCorpus: Sendable {
    /// One token sequence per example.
    public var sequences: [[Int]]
    /// For each sequence, the index of its `<sep>` token.
    public var separatorIndices: [Int]

    /// Tokenizes `examples`; throws `TokenizerError` (with the example's line number in the
    /// message) on unknown input.
    public init(examples: [CorpusExample], tokenizer: Tokenizer) throws {
        sequences = []
        separatorIndices = []
        for (i, e) in examples.enumerated() {
            do {
                let s = try tokenizer.encodeExample(problem: e.problem, continuation: e.target)
                sequences.append(s)
                separatorIndices.append(s.firstIndex(of: Tokenizer.separator)!)
            } catch let error as TokenizerError {
                throw CorpusError("example \(i + 1): \(error)")
            }
        }
    }

    /// Length of the longest sequence.
    public var maxLength: Int { sequences.map(\.count).max() ?? 0 }
}

/// A training step's numbers, for progress lines.
public struct TrainingProgress: Sendable {
    /// 1-based step just finished.
    public var step: Int
    /// Mean loss of the step's batch.
    public var loss: Double
    /// Learning rate used.
    public var learningRate: Float
    /// Gradient norm before clipping.
    public var gradientNorm: Float
    /// Non-padding tokens per second since the run (or resume) started.
    public var tokensPerSecond: Double
    /// Seconds since the run (or resume) started.
    public var elapsed: Double
}

/// Trains a `Transformer` on a tokenized corpus with AdamW, warmup + cosine schedule and
/// gradient clipping. Batches are a deterministic function of `(options.seed, step)`, so a
/// run resumed from a checkpoint continues exactly as the uninterrupted run would.
public final class Trainer {
    /// The model being trained.
    public let model: Transformer
    /// The optimizer (its moments and step counter are part of checkpoints).
    public let optimizer: AdamW
    /// The run's options.
    public let options: TrainingOptions
    /// The corpus.
    public let corpus: TokenizedCorpus
    /// The learning-rate schedule derived from `options`.
    public let schedule: LearningRateSchedule
    let session: TrainingSession
    /// Sequence indices sorted by length (ties by index), for length-bucketed batches.
    let byLength: [Int]

    /// Steps completed so far.
    public var step: Int { optimizer.step }

    /// Prepares a run; sequences are padded to the corpus' longest sequence.
    public init(model: Transformer, corpus: TokenizedCorpus, options: TrainingOptions) throws {
        let seqLen = corpus.maxLength - 1
        guard seqLen >= 1 else { throw CorpusError("corpus is empty") }
        guard seqLen <= model.config.contextLength else {
            throw CorpusError("longest example has \(seqLen + 1) tokens; context length is \(model.config.contextLength)")
        }
        self.model = model
        self.corpus = corpus
        self.options = options
        optimizer = AdamW(layout: model.layout, weightDecay: options.weightDecay)
        schedule = LearningRateSchedule(peak: options.learningRate, warmupSteps: options.warmupSteps,
                                        totalSteps: options.steps)
        session = TrainingSession(model: model, batch: options.batch, seqLen: seqLen)
        byLength = corpus.sequences.indices.sorted {
            (corpus.sequences[$0].count, $0) < (corpus.sequences[$1].count, $1)
        }
    }

    /// The batch of 0-based `step`, ragged: the inputs and targets of its sequences one
    /// after another without padding, and each sequence's length.
    ///
    /// A batch draws its sequences at random from the whole corpus or, with
    /// `options.bucketWindow > 0`, from a random window of `bucketWindow * batch` sequences of
    /// similar length (a window of the length-sorted corpus). Since batches are ragged, no
    /// compute is spent on padding either way.
    public func batch(at step: Int) -> (tokens: [Int32], targets: [Int32], lengths: [Int]) {
        var rng = SplitMix64(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(step))
        let window = options.bucketWindow > 0 ? min(byLength.count, options.bucketWindow * options.batch) : byLength.count
        let start = rng.nextInt(below: byLength.count - window + 1)
        let picks = (0..<options.batch).map { _ in byLength[start + rng.nextInt(below: window)] }
        var tokens: [Int32] = [], targets: [Int32] = [], lengths: [Int] = []
        for i in picks {
            let s = corpus.sequences[i], sep = corpus.separatorIndices[i]
            for p in 0..<(s.count - 1) {
                tokens.append(Int32(s[p]))
                targets.append(p >= sep ? Int32(s[p + 1]) : -1)
            }
            lengths.append(s.count - 1)
        }
        return (tokens, targets, lengths)
    }

    /// Runs one optimizer step and returns (loss, gradient norm, learning rate, tokens).
    public func trainStep() -> (loss: Double, gradientNorm: Float, learningRate: Float, tokens: Int) {
        let (tokens, targets, lengths) = batch(at: optimizer.step)
        let real = tokens.count
        let loss = session.forwardBackward(tokens: tokens, targets: targets, lengths: lengths)
        let norm = AdamW.clipGradients(session.gradients, count: model.parameterCount, maxNorm: options.clipNorm)
        let lr = schedule.rate(at: optimizer.step)
        optimizer.update(parameters: model.parameters, gradients: session.gradients, lr: lr)
        return (loss, norm, lr, real)
    }

    /// Trains until `options.steps`, calling `progress` after every step and `checkpoint`
    /// every `options.checkpointEvery` steps.
    public func run(progress: (TrainingProgress) -> Void, checkpoint: () throws -> Void) rethrows {
        let start = Date()
        var tokens = 0
        while optimizer.step < options.steps {
            let r = trainStep()
            tokens += r.tokens
            let elapsed = Date().timeIntervalSince(start)
            progress(TrainingProgress(step: optimizer.step, loss: r.loss, learningRate: r.learningRate,
                                      gradientNorm: r.gradientNorm, tokensPerSecond: Double(tokens) / max(elapsed, 1e-9),
                                      elapsed: elapsed))
            if options.checkpointEvery > 0 && optimizer.step % options.checkpointEvery == 0 { try checkpoint() }
        }
    }

    // MARK: checkpoints

    /// A checkpoint: model weights (`model.*`), AdamW moments (`adam.m.*`, `adam.v.*`), the
    /// step, config, options and vocabulary in the metadata.
    public func checkpointFile(tokenizer: Tokenizer) -> SafetensorsFile {
        var file = SafetensorsFile()
        for t in model.layout.tensors {
            func values(_ p: UnsafeMutablePointer<Float>) -> [Float] { Array(UnsafeBufferPointer(start: p + t.offset, count: t.count)) }
            file.tensors["model." + t.name] = SafetensorsTensor(shape: t.shape, values: values(model.parameters))
            file.tensors["adam.m." + t.name] = SafetensorsTensor(shape: t.shape, values: values(optimizer.m))
            file.tensors["adam.v." + t.name] = SafetensorsTensor(shape: t.shape, values: values(optimizer.v))
        }
        file.metadata = model.safetensors(tokenizer: tokenizer).metadata
        file.metadata["gougu.step"] = String(optimizer.step)
        file.metadata["gougu.options"] = String(decoding: try! JSONEncoder().encode(options), as: UTF8.self)
        return file
    }

    /// Restores weights, optimizer moments and step from a checkpoint written by
    /// `checkpointFile` (for the same model configuration).
    public func restore(from file: SafetensorsFile) throws {
        try model.loadParameters(from: file, prefix: "model.")
        for t in model.layout.tensors {
            for (prefix, dst) in [("adam.m.", optimizer.m), ("adam.v.", optimizer.v)] {
                guard let s = file.tensors[prefix + t.name], s.shape == t.shape else {
                    throw CorpusError("checkpoint lacks '\(prefix + t.name)'")
                }
                s.values.withUnsafeBufferPointer { (dst + t.offset).update(from: $0.baseAddress!, count: t.count) }
            }
        }
        guard let s = file.metadata["gougu.step"], let step = Int(s) else { throw CorpusError("checkpoint lacks 'gougu.step'") }
        optimizer.step = step
    }
}

/// Exact-match evaluation of greedy decoding on held-out examples.
public struct EvaluationResult: Sendable {
    /// Number of examples.
    public var examples: Int
    /// Examples whose decoded continuation equals the target exactly.
    public var correct: Int
    /// Fraction correct.
    public var accuracy: Double { examples == 0 ? 0 : Double(correct) / Double(examples) }
    /// Tokens through the model (prompt prefill + generated) per second.
    public var tokensPerSecond: Double
    /// Generated tokens per second.
    public var generatedTokensPerSecond: Double
    /// Up to 5 wrong examples: (problem, expected, decoded).
    public var mistakes: [(problem: String, expected: String, decoded: String)]

    /// Decodes each example's problem greedily (up to `maxTokens`) and compares with its target.
    public static func evaluate(model: Transformer, tokenizer: Tokenizer, examples: [CorpusExample],
                                maxTokens: Int = 24) throws -> EvaluationResult {
        var correct = 0, processed = 0, generated = 0
        var mistakes: [(String, String, String)] = []
        let start = Date()
        for e in examples {
            let prompt = try tokenizer.encodeExample(problem: e.problem, continuation: nil)
            let expected = try tokenizer.encode(e.target)
            let out = model.greedyDecode(prompt: prompt, maxTokens: maxTokens, stopToken: Tokenizer.eos)
            processed += prompt.count + out.tokens.count
            generated += out.tokens.count + (out.finished ? 1 : 0)
            if out.finished && out.tokens == expected {
                correct += 1
            } else if mistakes.count < 5 {
                mistakes.append((e.problem, e.target, tokenizer.decode(out.tokens)))
            }
        }
        let seconds = max(Date().timeIntervalSince(start), 1e-9)
        return EvaluationResult(examples: examples.count, correct: correct, tokensPerSecond: Double(processed) / seconds,
                                generatedTokensPerSecond: Double(generated) / seconds, mistakes: mistakes)
    }
}
