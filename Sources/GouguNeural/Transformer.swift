import Foundation

/// Hyper-parameters of the decoder-only transformer.
public struct TransformerConfig: Codable, Sendable, Equatable {
    /// Number of token ids (rows of the tied embedding / output matrix).
    public var vocabSize: Int
    /// Maximum sequence length (rows of the position embedding and of the KV cache).
    public var contextLength: Int
    /// Width of the residual stream.
    public var dim: Int
    /// Number of transformer blocks.
    public var layers: Int
    /// Number of attention heads; must divide `dim`.
    public var heads: Int
    /// Width of the MLP's hidden layer.
    public var hiddenDim: Int
    /// How positions enter the model.
    public var positions: PositionEncoding

    /// How the model knows where a token is.
    public enum PositionEncoding: String, Codable, Sendable {
        /// A learned `position_embedding` table added to the token embedding (initialised
        /// with sinusoids).
        case learned
        /// Rotary position embedding (RoPE) of queries and keys in every attention layer:
        /// attention scores depend only on the relative offset of two tokens. No position
        /// parameters. Needs an even head width.
        case rope
    }

    /// Creates a configuration; `hiddenDim` defaults to `4 * dim`.
    public init(vocabSize: Int, contextLength: Int, dim: Int, layers: Int, heads: Int, hiddenDim: Int? = nil,
                positions: PositionEncoding = .learned) {
        precondition(dim % heads == 0, "heads must divide dim")
        precondition(positions != .rope || (dim / heads) % 2 == 0, "RoPE needs an even head width")
        self.vocabSize = vocabSize
        self.contextLength = contextLength
        self.dim = dim
        self.layers = layers
        self.heads = heads
        self.hiddenDim = hiddenDim ?? 4 * dim
        self.positions = positions
    }

    enum CodingKeys: String, CodingKey { case vocabSize, contextLength, dim, layers, heads, hiddenDim, positions }

    /// Decodes a configuration; files written before `positions` existed use `.learned`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(vocabSize: try c.decode(Int.self, forKey: .vocabSize),
                  contextLength: try c.decode(Int.self, forKey: .contextLength),
                  dim: try c.decode(Int.self, forKey: .dim), layers: try c.decode(Int.self, forKey: .layers),
                  heads: try c.decode(Int.self, forKey: .heads), hiddenDim: try c.decode(Int.self, forKey: .hiddenDim),
                  positions: try c.decodeIfPresent(PositionEncoding.self, forKey: .positions) ?? .learned)
    }

    /// Width of one attention head.
    public var headDim: Int { dim / heads }
}

/// Where each weight tensor lives inside the model's single flat parameter buffer.
///
/// Linear weights are stored `[out, in]` (as in PyTorch), so `y = x W^T`.
public struct ParameterLayout: Sendable {
    /// Offsets of one transformer block's tensors.
    public struct Block: Sendable {
        public var attentionNorm = 0  // [dim]            RMS-norm gain before attention
        public var wq = 0             // [dim, dim]       query projection
        public var wk = 0             // [dim, dim]       key projection
        public var wv = 0             // [dim, dim]       value projection
        public var wo = 0             // [dim, dim]       attention output projection
        public var mlpNorm = 0        // [dim]            RMS-norm gain before the MLP
        public var w1 = 0             // [hidden, dim]    MLP up projection
        public var w2 = 0             // [dim, hidden]    MLP down projection
    }

    /// One named tensor of the layout.
    public struct Tensor: Sendable {
        /// safetensors name, e.g. `blocks.0.attention.wq`.
        public var name: String
        /// Offset into the flat buffer, in floats.
        public var offset: Int
        /// Shape, row-major.
        public var shape: [Int]
        /// Whether AdamW applies weight decay to it (matrices yes, norm gains no).
        public var decays: Bool
        /// Number of elements.
        public var count: Int { shape.reduce(1, *) }
    }

    public var tokenEmbedding = 0     // [vocab, dim]     also the (tied) output layer
    public var positionEmbedding = 0  // [context, dim]   only with `.learned` positions (else -1)
    public var blocks: [Block] = []
    public var finalNorm = 0          // [dim]
    /// Total number of floats.
    public var count = 0
    /// All tensors in storage order.
    public var tensors: [Tensor] = []

    /// Lays out the tensors of `config` one after another.
    public init(config c: TransformerConfig) {
        var offset = 0
        func add(_ name: String, _ shape: [Int], decays: Bool) -> Int {
            let t = Tensor(name: name, offset: offset, shape: shape, decays: decays)
            tensors.append(t)
            offset += t.count
            return t.offset
        }
        tokenEmbedding = add("token_embedding", [c.vocabSize, c.dim], decays: true)
        positionEmbedding = c.positions == .learned ? add("position_embedding", [c.contextLength, c.dim], decays: true) : -1
        for l in 0..<c.layers {
            var b = Block()
            b.attentionNorm = add("blocks.\(l).attention_norm", [c.dim], decays: false)
            b.wq = add("blocks.\(l).attention.wq", [c.dim, c.dim], decays: true)
            b.wk = add("blocks.\(l).attention.wk", [c.dim, c.dim], decays: true)
            b.wv = add("blocks.\(l).attention.wv", [c.dim, c.dim], decays: true)
            b.wo = add("blocks.\(l).attention.wo", [c.dim, c.dim], decays: true)
            b.mlpNorm = add("blocks.\(l).mlp_norm", [c.dim], decays: false)
            b.w1 = add("blocks.\(l).mlp.w1", [c.hiddenDim, c.dim], decays: true)
            b.w2 = add("blocks.\(l).mlp.w2", [c.dim, c.hiddenDim], decays: true)
            blocks.append(b)
        }
        finalNorm = add("final_norm", [c.dim], decays: false)
        count = offset
    }
}

/// A decoder-only transformer: token + position embeddings, pre-norm (RMSNorm) blocks of
/// causal multi-head attention and a GELU MLP, a final norm, and an output layer tied to
/// the token embedding.
///
/// All weights live in one flat buffer `parameters` (see `ParameterLayout`), which makes
/// the optimizer, gradient clipping and safetensors I/O simple loops. Training goes through
/// `TrainingSession`, decoding through `InferenceState` and the methods in Decoding.swift.
public final class Transformer: @unchecked Sendable {
    // @unchecked Sendable: the parameter buffer is mutated only by the optimizer, which the
    // caller runs while no decoding or training step is using the model.

    /// The hyper-parameters.
    public let config: TransformerConfig
    /// Offsets of every tensor in `parameters`.
    public let layout: ParameterLayout
    /// All weights, `layout.count` floats.
    public let parameters: UnsafeMutablePointer<Float>
    /// Kernels (and thread pool) used by this model.
    public let linalg: Linalg
    /// RoPE cosines and sines, `[contextLength, headDim / 2]` each (allocated only with
    /// `.rope` positions).
    let ropeCos: UnsafeMutablePointer<Float>, ropeSin: UnsafeMutablePointer<Float>

    /// Creates a model with GPT-2 style random initialisation: N(0, 0.02) matrices, residual
    /// output projections scaled by 1/sqrt(2 * layers), unit norm gains. A learned position
    /// embedding (`.learned`) starts as sinusoids of amplitude 0.03.
    public init(config: TransformerConfig, seed: UInt64, linalg: Linalg = Linalg(pool: .shared)) {
        self.config = config
        self.layout = ParameterLayout(config: config)
        self.linalg = linalg
        parameters = .allocate(capacity: layout.count)
        let tableCount = config.positions == .rope ? config.contextLength * config.headDim / 2 : 0
        ropeCos = .allocate(capacity: max(tableCount, 1))
        ropeSin = .allocate(capacity: max(tableCount, 1))
        if config.positions == .rope {
            let (c, s) = Layers.ropeTables(contextLength: config.contextLength, headDim: config.headDim)
            ropeCos.initialize(from: c, count: tableCount)
            ropeSin.initialize(from: s, count: tableCount)
        }
        var rng = SplitMix64(seed: seed)
        let residualScale = 1 / Float(2 * config.layers).squareRoot()
        for t in layout.tensors {
            let p = parameters + t.offset
            if t.shape.count == 1 {
                p.update(repeating: 1, count: t.count)
            } else if t.offset == layout.positionEmbedding {
                let d = config.dim
                for pos in 0..<config.contextLength {
                    for i in 0..<(d / 2) {
                        let angle = Double(pos) / Foundation.pow(10_000, Double(2 * i) / Double(d))
                        p[pos * d + 2 * i] = Float(0.03 * Foundation.sin(angle))
                        p[pos * d + 2 * i + 1] = Float(0.03 * Foundation.cos(angle))
                    }
                    if d % 2 == 1 { p[pos * d + d - 1] = 0 }
                }
            } else {
                let isResidualOut = t.name.hasSuffix(".wo") || t.name.hasSuffix(".w2")
                let std: Float = 0.02 * (isResidualOut ? residualScale : 1)
                for i in 0..<t.count { p[i] = Float(rng.nextGaussian()) * std }
            }
        }
    }

    deinit {
        parameters.deallocate()
        ropeCos.deallocate()
        ropeSin.deallocate()
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { layout.count }

    /// Copies all weights from `other` (same configuration).
    public func copyParameters(from other: Transformer) {
        precondition(other.config == config)
        parameters.update(from: other.parameters, count: layout.count)
    }

    // MARK: linear layers (the GEMM hot paths)

    /// y[rows, out] = x[rows, in] W^T  (+ y if accumulate), W stored [out, in].
    @inline(__always)
    func linear(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                rows: Int, inDim: Int, outDim: Int, accumulate: Bool = false) {
        linalg.sgemm(transA: false, transB: true, m: rows, n: outDim, k: inDim, alpha: 1,
                     a: x, lda: inDim, b: w, ldb: inDim, beta: accumulate ? 1 : 0, c: y, ldc: outDim)
    }

    /// Backward of `linear`: dx[rows, in] += dy W, dW[out, in] += dy^T x.
    @inline(__always)
    func linearBackward(dy: UnsafePointer<Float>, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                        dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>,
                        rows: Int, inDim: Int, outDim: Int) {
        if let dx {
            linalg.sgemm(transA: false, transB: false, m: rows, n: inDim, k: outDim, alpha: 1,
                         a: dy, lda: outDim, b: w, ldb: inDim, beta: 1, c: dx, ldc: inDim)
        }
        linalg.sgemm(transA: true, transB: false, m: outDim, n: inDim, k: rows, alpha: 1,
                     a: dy, lda: outDim, b: x, ldb: inDim, beta: 1, c: dw, ldc: inDim)
    }
}

/// A zero-initialised float buffer that frees itself.
final class FloatBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }
    deinit { pointer.deallocate() }
    func zero() { pointer.update(repeating: 0, count: count) }
    func zero(_ prefix: Int) { pointer.update(repeating: 0, count: prefix) }
}

/// Activations and gradients for training one batch shape, allocated once.
///
/// `forwardBackward` runs the model on up to `batch` sequences of up to `seqLen` tokens
/// (padded to equal length, or ragged: one after another without padding), computes the
/// mean cross-entropy over the positions whose target is not -1, and leaves the gradient
/// of that loss in `gradients` (same layout as the parameters).
public final class TrainingSession {
    /// The model being trained.
    public let model: Transformer
    /// Sequences per batch.
    public let batch: Int
    /// Longest sequence a batch may have (at most `config.contextLength`).
    public let maxSeqLen: Int
    /// Longest sequence of the current batch (set by `forwardBackward`).
    public private(set) var seqLen: Int
    /// Lengths of the current batch's sequences (set by `forwardBackward`).
    public private(set) var lengths: [Int] = []
    let grads: FloatBuffer
    // Saved activations, per block (N = batch * seqLen):
    let xIn: [FloatBuffer]     // [N, dim]      block input (residual stream)
    let xn1: [FloatBuffer]     // [N, dim]      attention-norm output
    let rinv1: [FloatBuffer]   // [N]           1/rms for the attention norm
    let q: [FloatBuffer]       // [N, dim]
    let k: [FloatBuffer]       // [N, dim]
    let v: [FloatBuffer]       // [N, dim]
    let probs: [FloatBuffer]   // [batch, heads, seqLen, seqLen]
    let att: [FloatBuffer]     // [N, dim]      attention output before wo
    let xMid: [FloatBuffer]    // [N, dim]      residual after attention
    let xn2: [FloatBuffer]     // [N, dim]      mlp-norm output
    let rinv2: [FloatBuffer]   // [N]
    let hPre: [FloatBuffer]    // [N, hidden]   MLP pre-activation
    let hAct: [FloatBuffer]    // [N, hidden]   GELU output
    let xFinal: FloatBuffer    // [N, dim]      last block output
    let xnF: FloatBuffer       // [N, dim]      final-norm output
    let rinvF: FloatBuffer     // [N]
    let xSel: FloatBuffer      // [N, dim]      rows of xnF that have a target (compacted)
    let dxSel: FloatBuffer     // [N, dim]      gradient of those rows
    let logits: FloatBuffer    // [N, vocab]    logits of the target rows, then ∂loss/∂logits
    // Gradient scratch:
    let dx: FloatBuffer        // [N, dim]      ∂loss/∂(residual stream)
    let dxn: FloatBuffer       // [N, dim]
    let dq: FloatBuffer, dk: FloatBuffer, dv: FloatBuffer, dAtt: FloatBuffer  // [N, dim]
    let dh: FloatBuffer        // [N, hidden]
    let dhPre: FloatBuffer     // [N, hidden]
    let attScratch: FloatBuffer  // [threads, seqLen]
    var tokens: [Int32]
    var targets: [Int32]

    /// Allocates every buffer for batches of `batch` sequences of up to `seqLen` tokens.
    public init(model: Transformer, batch: Int, seqLen: Int) {
        precondition(seqLen <= model.config.contextLength)
        self.model = model
        self.batch = batch
        self.maxSeqLen = seqLen
        self.seqLen = seqLen
        let c = model.config
        let n = batch * seqLen
        func many(_ count: Int) -> [FloatBuffer] { (0..<c.layers).map { _ in FloatBuffer(count) } }
        grads = FloatBuffer(model.layout.count)
        xIn = many(n * c.dim); xn1 = many(n * c.dim); rinv1 = many(n)
        q = many(n * c.dim); k = many(n * c.dim); v = many(n * c.dim)
        probs = many(batch * c.heads * seqLen * seqLen); att = many(n * c.dim)
        xMid = many(n * c.dim); xn2 = many(n * c.dim); rinv2 = many(n)
        hPre = many(n * c.hiddenDim); hAct = many(n * c.hiddenDim)
        xFinal = FloatBuffer(n * c.dim); xnF = FloatBuffer(n * c.dim); rinvF = FloatBuffer(n)
        xSel = FloatBuffer(n * c.dim); dxSel = FloatBuffer(n * c.dim)
        logits = FloatBuffer(n * c.vocabSize)
        dx = FloatBuffer(n * c.dim); dxn = FloatBuffer(n * c.dim)
        dq = FloatBuffer(n * c.dim); dk = FloatBuffer(n * c.dim); dv = FloatBuffer(n * c.dim)
        dAtt = FloatBuffer(n * c.dim)
        dh = FloatBuffer(n * c.hiddenDim); dhPre = FloatBuffer(n * c.hiddenDim)
        attScratch = FloatBuffer(model.linalg.pool.threadCount * seqLen)
        tokens = Array(repeating: 0, count: n)
        targets = Array(repeating: -1, count: n)
    }

    /// The gradient buffer (layout of `model.parameters`), valid after `forwardBackward`.
    public var gradients: UnsafeMutablePointer<Float> { grads.pointer }

    /// Runs forward and backward on one batch of `batch` equally long (padded) sequences and
    /// returns the mean loss.
    ///
    /// - Parameters:
    ///   - tokens: `batch * seqLen` input ids, sequence-major, with `seqLen <= maxSeqLen`.
    ///   - targets: `batch * seqLen` next-token ids, or -1 where no loss is taken.
    ///   - computeGradients: if false, only the loss is computed.
    @discardableResult
    public func forwardBackward(tokens: [Int32], targets: [Int32], computeGradients: Bool = true) -> Double {
        precondition(tokens.count % batch == 0)
        return forwardBackward(tokens: tokens, targets: targets, lengths: Array(repeating: tokens.count / batch, count: batch),
                               computeGradients: computeGradients)
    }

    /// Runs forward and backward on a ragged batch and returns the mean loss: sequence i has
    /// `lengths[i]` tokens, and the sequences follow one another in `tokens` and `targets`
    /// without padding, so no work is spent on padding.
    ///
    /// - Parameters:
    ///   - tokens: `Σ lengths` input ids.
    ///   - targets: `Σ lengths` next-token ids, or -1 where no loss is taken.
    ///   - lengths: at most `batch` lengths, each in `1...maxSeqLen`.
    ///   - computeGradients: if false, only the loss is computed.
    @discardableResult
    public func forwardBackward(tokens: [Int32], targets: [Int32], lengths: [Int], computeGradients: Bool = true) -> Double {
        precondition(lengths.count <= batch && lengths.allSatisfy { $0 >= 1 && $0 <= maxSeqLen })
        precondition(tokens.count == lengths.reduce(0, +) && targets.count == tokens.count)
        seqLen = lengths.max() ?? 0
        self.lengths = lengths
        self.tokens = tokens
        self.targets = targets
        let m = model, c = m.config, L = m.layout, P = m.parameters
        let n = tokens.count, d = c.dim, hid = c.hiddenDim, pool = m.linalg.pool
        // Position of each row inside its sequence, and each sequence's first row.
        var positions = [Int](repeating: 0, count: n), starts: [Int] = []
        var row = 0
        for len in lengths {
            starts.append(row)
            for t in 0..<len { positions[row + t] = t }
            row += len
        }
        /// RoPE on `x` ([n, dim]), sequence by sequence.
        func rotate(_ x: UnsafeMutablePointer<Float>, inverse: Bool) {
            for (start, len) in zip(starts, lengths) {
                Layers.rope(x + start * d, cos: m.ropeCos, sin: m.ropeSin, rows: len, seqLen: len, heads: c.heads, dim: d,
                            inverse: inverse)
            }
        }

        // ---- forward ----
        // Embeddings: x[n] = tokenEmbedding[token] (+ positionEmbedding[t] with learned positions).
        let x0 = xIn[0].pointer
        let learned = c.positions == .learned, rope = c.positions == .rope
        for r in 0..<n {
            let tok = Int(tokens[r]), t = positions[r]
            precondition(tok >= 0 && tok < c.vocabSize, "token id out of range")
            let e = P + L.tokenEmbedding + tok * d
            if learned {
                let p = P + L.positionEmbedding + t * d
                for i in 0..<d { x0[r * d + i] = e[i] + p[i] }
            } else {
                (x0 + r * d).update(from: e, count: d)
            }
        }
        for l in 0..<c.layers {
            let B = L.blocks[l]
            let x = xIn[l].pointer
            Layers.rmsNormForward(x: x, gain: P + B.attentionNorm, y: xn1[l].pointer, rinv: rinv1[l].pointer, rows: n, dim: d)
            m.linear(xn1[l].pointer, P + B.wq, q[l].pointer, rows: n, inDim: d, outDim: d)
            m.linear(xn1[l].pointer, P + B.wk, k[l].pointer, rows: n, inDim: d, outDim: d)
            m.linear(xn1[l].pointer, P + B.wv, v[l].pointer, rows: n, inDim: d, outDim: d)
            if rope {  // q and k are saved rotated; their gradients are rotated back below
                rotate(q[l].pointer, inverse: false)
                rotate(k[l].pointer, inverse: false)
            }
            Layers.attentionForward(q: q[l].pointer, k: k[l].pointer, v: v[l].pointer, probs: probs[l].pointer,
                                    out: att[l].pointer, lengths: lengths, heads: c.heads, dim: d, pool: pool)
            xMid[l].pointer.update(from: x, count: n * d)
            m.linear(att[l].pointer, P + B.wo, xMid[l].pointer, rows: n, inDim: d, outDim: d, accumulate: true)
            Layers.rmsNormForward(x: xMid[l].pointer, gain: P + B.mlpNorm, y: xn2[l].pointer, rinv: rinv2[l].pointer, rows: n, dim: d)
            m.linear(xn2[l].pointer, P + B.w1, hPre[l].pointer, rows: n, inDim: d, outDim: hid)
            Layers.geluForward(x: hPre[l].pointer, y: hAct[l].pointer, count: n * hid)
            let xOut = l + 1 < c.layers ? xIn[l + 1].pointer : xFinal.pointer
            xOut.update(from: xMid[l].pointer, count: n * d)
            m.linear(hAct[l].pointer, P + B.w2, xOut, rows: n, inDim: hid, outDim: d, accumulate: true)
        }
        Layers.rmsNormForward(x: xFinal.pointer, gain: P + L.finalNorm, y: xnF.pointer, rinv: rinvF.pointer, rows: n, dim: d)
        // Only rows with a target need logits: gather them into xSel [counted, dim].
        var selected: [Int] = []
        var selectedTargets: [Int32] = []
        for r in 0..<n where targets[r] >= 0 {
            (xSel.pointer + selected.count * d).update(from: xnF.pointer + r * d, count: d)
            selected.append(r)
            selectedTargets.append(targets[r])
        }
        let counted = selected.count
        m.linear(xSel.pointer, P + L.tokenEmbedding, logits.pointer, rows: counted, inDim: d, outDim: c.vocabSize)
        let loss = selectedTargets.withUnsafeBufferPointer { tp in
            Layers.crossEntropy(logits: logits.pointer, targets: tp.baseAddress!, rows: counted, vocab: c.vocabSize,
                                normalizer: Float(max(counted, 1)))
        }
        if !computeGradients { return loss / Double(max(counted, 1)) }

        // ---- backward ----
        let G = grads.pointer
        grads.zero()
        dx.zero(n * d)
        dxn.zero(n * d)
        // Tied output layer: dE += dlogits^T xSel, dxSel = dlogits E, scattered back to rows.
        dxSel.zero(counted * d)
        m.linearBackward(dy: logits.pointer, x: xSel.pointer, w: P + L.tokenEmbedding, dx: dxSel.pointer,
                         dw: G + L.tokenEmbedding, rows: counted, inDim: d, outDim: c.vocabSize)
        for (j, r) in selected.enumerated() { (dxn.pointer + r * d).update(from: dxSel.pointer + j * d, count: d) }
        Layers.rmsNormBackward(dy: dxn.pointer, x: xFinal.pointer, gain: P + L.finalNorm, rinv: rinvF.pointer,
                               dx: dx.pointer, dgain: G + L.finalNorm, rows: n, dim: d)
        for l in stride(from: c.layers - 1, through: 0, by: -1) {
            let B = L.blocks[l]
            // MLP branch: dx holds ∂/∂xOut; it flows unchanged into xMid (residual).
            dh.zero(n * hid)
            m.linearBackward(dy: dx.pointer, x: hAct[l].pointer, w: P + B.w2, dx: dh.pointer, dw: G + B.w2,
                             rows: n, inDim: hid, outDim: d)
            dhPre.zero(n * hid)
            Layers.geluBackward(dy: dh.pointer, x: hPre[l].pointer, dx: dhPre.pointer, count: n * hid)
            dxn.zero(n * d)
            m.linearBackward(dy: dhPre.pointer, x: xn2[l].pointer, w: P + B.w1, dx: dxn.pointer, dw: G + B.w1,
                             rows: n, inDim: d, outDim: hid)
            Layers.rmsNormBackward(dy: dxn.pointer, x: xMid[l].pointer, gain: P + B.mlpNorm, rinv: rinv2[l].pointer,
                                   dx: dx.pointer, dgain: G + B.mlpNorm, rows: n, dim: d)
            // Attention branch: dx now holds ∂/∂xMid; it flows unchanged into xIn (residual).
            dAtt.zero(n * d)
            m.linearBackward(dy: dx.pointer, x: att[l].pointer, w: P + B.wo, dx: dAtt.pointer, dw: G + B.wo,
                             rows: n, inDim: d, outDim: d)
            dq.zero(n * d); dk.zero(n * d); dv.zero(n * d)
            Layers.attentionBackward(dout: dAtt.pointer, q: q[l].pointer, k: k[l].pointer, v: v[l].pointer,
                                     probs: probs[l].pointer, dq: dq.pointer, dk: dk.pointer, dv: dv.pointer,
                                     scratch: attScratch.pointer, lengths: lengths, heads: c.heads,
                                     dim: d, pool: pool)
            if rope {
                rotate(dq.pointer, inverse: true)
                rotate(dk.pointer, inverse: true)
            }
            dxn.zero(n * d)
            m.linearBackward(dy: dq.pointer, x: xn1[l].pointer, w: P + B.wq, dx: dxn.pointer, dw: G + B.wq, rows: n, inDim: d, outDim: d)
            m.linearBackward(dy: dk.pointer, x: xn1[l].pointer, w: P + B.wk, dx: dxn.pointer, dw: G + B.wk, rows: n, inDim: d, outDim: d)
            m.linearBackward(dy: dv.pointer, x: xn1[l].pointer, w: P + B.wv, dx: dxn.pointer, dw: G + B.wv, rows: n, inDim: d, outDim: d)
            Layers.rmsNormBackward(dy: dxn.pointer, x: xIn[l].pointer, gain: P + B.attentionNorm, rinv: rinv1[l].pointer,
                                   dx: dx.pointer, dgain: G + B.attentionNorm, rows: n, dim: d)
        }
        // Embeddings.
        for r in 0..<n {
            let tok = Int(tokens[r]), t = positions[r]
            Layers.axpy(1, dx.pointer + r * d, G + L.tokenEmbedding + tok * d, d)
            if learned { Layers.axpy(1, dx.pointer + r * d, G + L.positionEmbedding + t * d, d) }
        }
        return loss / Double(max(counted, 1))
    }
}
