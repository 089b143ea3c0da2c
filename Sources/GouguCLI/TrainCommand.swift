import ArgumentParser
import Foundation
import Gougu

/// `gougu proposer train`: trains a transformer on a corpus of `problem<TAB>target` lines.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the neural model on a corpus of 'problem<TAB>construction' lines.",
        discussion: """
            Writes the model to --out (safetensors, F32) and a checkpoint (model + optimizer) to \
            <out>.ckpt every --checkpoint-every steps; --resume continues from that checkpoint. \
            Runs are deterministic for a given --seed. See docs/neural.md.
            """
    )

    @Option(help: "Corpus file: one 'problem<TAB>target' per line.") var corpus: String
    @Option(help: "Output model file (safetensors).") var out: String
    @Option(help: "Transformer blocks.") var layers = 4
    @Option(help: "Model width.") var dim = 192
    @Option(help: "Attention heads.") var heads = 6
    @Option(help: "Context length (0 = longest corpus example).") var context = 0
    @Option(help: "Position encoding: rope (rotary, relative) or learned (absolute table).")
    var positions: TransformerConfig.PositionEncoding = .rope
    @Option(help: "Optimizer steps.") var steps = 2000
    @Option(help: "Sequences per batch.") var batch = 32
    @Option(help: "Draw each batch from a window of N*batch sequences of similar length (0 = whole corpus).")
    var bucketWindow = 0
    @Option(help: "Peak learning rate.") var lr: Float = 1e-3
    @Option(help: "Warmup steps.") var warmup = 100
    @Option(help: "Seed for initialisation and batches.") var seed: UInt64 = 1
    @Option(help: "Threads for the kernels (default: all cores).") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Checkpoint every N steps (0 = only at the end).") var checkpointEvery = 250
    @Option(help: "Print a progress line every N steps.") var logEvery = 25
    @Flag(help: "Resume from <out>.ckpt if it exists.") var resume = false
    @Option(help: "The prompt the corpus was written with ('gougu proposer corpus --prompt'), recorded in the model file.")
    var prompt: ProposerPrompt = .statement
    @Option(help: "Held-out corpus to evaluate (exact match, greedy) after training.") var eval: String?
    @Option(help: "Precision of the weights in --out: f32, f16 or bf16 (checkpoints are always f32).")
    var dtype: SafetensorsDType = .f32

    func run() throws {
        let tokenizer = Tokenizer.problemLanguage()
        let examples = try CorpusExample.read(contentsOf: URL(fileURLWithPath: corpus))
        let tokenized = try TokenizedCorpus(examples: examples, tokenizer: tokenizer)
        let config = TransformerConfig(vocabSize: tokenizer.count,
                                       contextLength: context > 0 ? context : tokenized.maxLength,
                                       dim: dim, layers: layers, heads: heads, positions: positions)
        let linalg = Linalg(pool: ThreadPool(threadCount: threads))
        let model = Transformer(config: config, seed: seed, linalg: linalg)
        var options = TrainingOptions()
        options.steps = steps
        options.batch = batch
        options.bucketWindow = bucketWindow
        options.learningRate = lr
        options.warmupSteps = warmup
        options.seed = seed
        options.checkpointEvery = checkpointEvery
        let trainer = try Trainer(model: model, corpus: tokenized, options: options)
        let checkpointURL = URL(fileURLWithPath: out + ".ckpt")
        if resume, FileManager.default.fileExists(atPath: checkpointURL.path) {
            try trainer.restore(from: SafetensorsFile(contentsOf: checkpointURL))
            print("resumed from \(checkpointURL.path) at step \(trainer.step)")
        }
        print("model: \(model.parameterCount) parameters (layers \(layers), dim \(dim), heads \(heads), \(positions) positions, " +
              "context \(config.contextLength), vocab \(config.vocabSize)); \(examples.count) examples; " +
              "\(linalg.pool.threadCount) threads")
        try trainer.run(progress: { p in
            if p.step % logEvery == 0 || p.step == options.steps {
                print(String(format: "step %5d/%d  loss %.4f  lr %.2e  gnorm %.2f  %.0f tok/s  %.0fs",
                             p.step, options.steps, p.loss, p.learningRate, p.gradientNorm, p.tokensPerSecond, p.elapsed))
                fflush(nil)
            }
        }, checkpoint: {
            try checkpointFile(trainer, tokenizer).write(to: checkpointURL)
        })
        try checkpointFile(trainer, tokenizer).write(to: checkpointURL)
        try model.save(to: URL(fileURLWithPath: out), dtype: dtype, tokenizer: tokenizer, metadata: promptMetadata)
        print("wrote \(out) (\(dtype.rawValue))")
        if let eval {
            try TrainEvalCommand.report(model: model, tokenizer: tokenizer, corpus: eval)
        }
    }
}

extension TrainCommand {
    /// The prompt's metadata entry (none for the statement prompt, as in older files).
    var promptMetadata: [String: String] {
        prompt == .statement ? [:] : [ProposerPrompt.metadataKey: prompt.rawValue]
    }

    func checkpointFile(_ trainer: Trainer, _ tokenizer: Tokenizer) -> SafetensorsFile {
        var file = trainer.checkpointFile(tokenizer: tokenizer)
        file.metadata.merge(promptMetadata) { $1 }
        return file
    }
}

/// `gougu proposer evaluate`: exact-match accuracy of greedy decoding on a held-out corpus.
struct TrainEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a trained model: exact-match accuracy and decode speed on a held-out corpus."
    )

    @Option(help: "Model file written by 'gougu proposer train'.") var model: String
    @Option(help: "Held-out corpus: one 'problem<TAB>target' per line.") var corpus: String
    @Option(help: "Threads for the kernels.") var threads = 1
    @Option(help: "Beam width for an extra beam-search pass (0 = greedy only).") var beam = 0

    func run() throws {
        let file = try SafetensorsFile(contentsOf: URL(fileURLWithPath: model))
        let m = try Transformer(file: file, linalg: Linalg(pool: ThreadPool(threadCount: threads)))
        guard let tokenizer = Tokenizer(file: file) else { throw CorpusError("model file has no vocabulary") }
        try Self.report(model: m, tokenizer: tokenizer, corpus: corpus)
        if beam > 0 {
            let examples = try CorpusExample.read(contentsOf: URL(fileURLWithPath: corpus))
            var top1 = 0, topK = 0
            let start = Date()
            for e in examples {
                let prompt = try tokenizer.encodeExample(problem: e.problem, continuation: nil)
                let best = m.beamSearch(prompt: prompt, beamWidth: beam, maxTokens: 24, stopToken: Tokenizer.eos)
                let target = try tokenizer.encode(e.target)
                if let b = best.first, b.finished, b.tokens == target { top1 += 1 }
                if best.contains(where: { $0.finished && $0.tokens == target }) { topK += 1 }
            }
            let n = Double(max(examples.count, 1))
            print(String(format: "beam %d: top-1 exact match %d/%d = %.2f%%, target among the %d beams %d/%d = %.2f%%  (%.1f problems/s)",
                         beam, top1, examples.count, 100 * Double(top1) / n, beam, topK, examples.count, 100 * Double(topK) / n,
                         Double(examples.count) / Date().timeIntervalSince(start)))
        }
    }

    static func report(model: Transformer, tokenizer: Tokenizer, corpus: String) throws {
        let examples = try CorpusExample.read(contentsOf: URL(fileURLWithPath: corpus))
        let r = try EvaluationResult.evaluate(model: model, tokenizer: tokenizer, examples: examples)
        print(String(format: "exact match %d/%d = %.2f%%  decode %.0f tok/s (prompt+generated), %.0f generated tok/s",
                     r.correct, r.examples, 100 * r.accuracy, r.tokensPerSecond, r.generatedTokensPerSecond))
        for m in r.mistakes { print("  wrong: \(m.problem)  expected '\(m.expected)'  got '\(m.decoded)'") }
    }
}

/// `gougu proposer synth-corpus`: writes a synthetic corpus (target: midpoint of the goal's first two points).
struct SynthCorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth-corpus",
        abstract: "Write a synthetic training corpus: random problems, target 'x = midpoint x P Q' for the goal's first two points."
    )

    @Option(help: "Number of examples.") var count = 10000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Output file.") var out: String

    func run() throws {
        let lines = SyntheticCorpus.generate(count: count, seed: seed).map(\.line)
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(count) examples to \(out)")
    }
}

extension TransformerConfig.PositionEncoding: ExpressibleByArgument {}
extension SafetensorsDType: ExpressibleByArgument {
    /// `f32`, `f16` or `bf16` (any case).
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}

/// `gougu proposer export`: rewrites a model file or a training checkpoint at another precision.
struct ExportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model (or the weights of a <model>.ckpt checkpoint) as safetensors at another precision, e.g. f16."
    )

    @Option(help: "Model file or checkpoint written by 'gougu proposer train'.") var from: String
    @Option(help: "Output model file.") var out: String
    @Option(help: "Precision: f32, f16 or bf16.") var dtype: SafetensorsDType = .f16

    func run() throws {
        let file = try SafetensorsFile(contentsOf: URL(fileURLWithPath: from))
        guard let tokenizer = Tokenizer(file: file) else { throw CorpusError("\(from): no vocabulary in the metadata") }
        let model: Transformer
        do {
            model = try Transformer(file: file)
        } catch {
            throw CorpusError("\(from): \(error)")
        }
        var metadata: [String: String] = [:]
        for key in ["gougu.step", "gougu.options", ProposerPrompt.metadataKey] { metadata[key] = file.metadata[key] }
        try model.save(to: URL(fileURLWithPath: out), dtype: dtype, tokenizer: tokenizer, metadata: metadata)
        print("wrote \(out): \(model.parameterCount) parameters, \(dtype.rawValue)")
    }
}
