import Foundation

/// The transformer's layers as pointer functions over row-major buffers, each with its
/// hand-written backward pass. Backward functions *accumulate* (`+=`) into their gradient
/// outputs, so that residual branches and shared weights can simply add up.
///
/// Shapes are given in comments as `[rows, columns]`.
public enum Layers {
    /// Epsilon inside the RMS norm's square root.
    public static let rmsEpsilon: Float = 1e-5

    // MARK: small vector helpers (the inner loops of attention and norms)

    /// Dot product of two length-`n` vectors, with two 8-lane accumulators.
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        typealias V = SIMD8<Float>
        var s0 = V(), s1 = V()
        var i = 0
        let ar = UnsafeRawPointer(a), br = UnsafeRawPointer(b)
        while i + 16 <= n {
            s0 = s0.addingProduct(ar.loadUnaligned(fromByteOffset: i * 4, as: V.self),
                                  br.loadUnaligned(fromByteOffset: i * 4, as: V.self))
            s1 = s1.addingProduct(ar.loadUnaligned(fromByteOffset: i * 4 + 32, as: V.self),
                                  br.loadUnaligned(fromByteOffset: i * 4 + 32, as: V.self))
            i += 16
        }
        if i + 8 <= n {
            s0 = s0.addingProduct(ar.loadUnaligned(fromByteOffset: i * 4, as: V.self),
                                  br.loadUnaligned(fromByteOffset: i * 4, as: V.self))
            i += 8
        }
        var s = (s0 + s1).sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// y[0..<n] += alpha * x[0..<n].
    @inline(__always)
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        typealias V = SIMD8<Float>
        let av = V(repeating: alpha)
        let xr = UnsafeRawPointer(x), yr = UnsafeMutableRawPointer(y)
        var i = 0
        while i + 8 <= n {
            let v = yr.loadUnaligned(fromByteOffset: i * 4, as: V.self)
                .addingProduct(av, xr.loadUnaligned(fromByteOffset: i * 4, as: V.self))
            yr.storeBytes(of: v, toByteOffset: i * 4, as: V.self)
            i += 8
        }
        while i < n { y[i] += alpha * x[i]; i += 1 }
    }

    // MARK: RMS norm

    /// y = x / rms(x) * g per row.  x, y: [rows, dim]; g: [dim]; rinv: [rows] (saved 1/rms).
    public static func rmsNormForward(x: UnsafePointer<Float>, gain g: UnsafePointer<Float>,
                                      y: UnsafeMutablePointer<Float>, rinv: UnsafeMutablePointer<Float>,
                                      rows: Int, dim: Int) {
        for r in 0..<rows {
            let xr = x + r * dim, yr = y + r * dim
            let ms = dot(xr, xr, dim) / Float(dim)
            let inv = 1 / (ms + rmsEpsilon).squareRoot()
            rinv[r] = inv
            for i in 0..<dim { yr[i] = xr[i] * inv * g[i] }
        }
    }

    /// Backward of `rmsNormForward`: dx += ∂L/∂x, dg += ∂L/∂g given dy = ∂L/∂y.
    public static func rmsNormBackward(dy: UnsafePointer<Float>, x: UnsafePointer<Float>, gain g: UnsafePointer<Float>,
                                       rinv: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                       dgain dg: UnsafeMutablePointer<Float>, rows: Int, dim: Int) {
        for r in 0..<rows {
            let xr = x + r * dim, dyr = dy + r * dim, dxr = dx + r * dim
            let inv = rinv[r]
            var s: Float = 0  // Σ dy_i g_i x_i
            for i in 0..<dim {
                s += dyr[i] * g[i] * xr[i]
                dg[i] += dyr[i] * xr[i] * inv
            }
            let c = s * inv * inv * inv / Float(dim)
            for i in 0..<dim { dxr[i] += inv * dyr[i] * g[i] - c * xr[i] }
        }
    }

    // MARK: GELU (tanh approximation)

    // gelu(x) = 0.5 x (1 + tanh(u)) = x * sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3);
    // the sigmoid form needs one expf and no tanhf.

    /// y = gelu(x) elementwise, for `count` values (y may alias x).
    public static func geluForward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, count: Int) {
        let k: Float = 0.797_884_560_8  // sqrt(2/pi)
        for i in 0..<count {
            let v = x[i]
            let u = k * (v + 0.044715 * v * v * v)
            y[i] = v / (1 + expf(-2 * u))
        }
    }

    /// dx += dy * gelu'(x), for `count` values.
    public static func geluBackward(dy: UnsafePointer<Float>, x: UnsafePointer<Float>,
                                    dx: UnsafeMutablePointer<Float>, count: Int) {
        let k: Float = 0.797_884_560_8
        for i in 0..<count {
            let v = x[i]
            let u = k * (v + 0.044715 * v * v * v)
            let sg = 1 / (1 + expf(-2 * u))
            let du = k * (1 + 3 * 0.044715 * v * v)
            dx[i] += dy[i] * (sg + v * sg * (1 - sg) * 2 * du)
        }
    }

    // MARK: rotary position embedding (RoPE)

    /// The RoPE angles' cosines and sines for positions `0..<contextLength`: two tables of
    /// `[contextLength, headDim / 2]`, angle(pos, i) = pos * base^(-2i / headDim).
    public static func ropeTables(contextLength: Int, headDim: Int, base: Double = 10_000) -> (cos: [Float], sin: [Float]) {
        let half = headDim / 2
        var c = [Float](repeating: 0, count: contextLength * half), s = c
        for pos in 0..<contextLength {
            for i in 0..<half {
                let angle = Double(pos) * Foundation.pow(base, -Double(2 * i) / Double(headDim))
                c[pos * half + i] = Float(Foundation.cos(angle))
                s[pos * half + i] = Float(Foundation.sin(angle))
            }
        }
        return (c, s)
    }

    /// Rotates, in place, every head of `rows` vectors of width `dim` by its row's position:
    /// the pair (x[2i], x[2i+1]) of each head turns by angle(pos, i). Row r has position
    /// `firstPosition + r % seqLen`. With `inverse`, rotates by the negative angle, which is
    /// the backward pass (the rotation is orthogonal, so its transpose is its inverse).
    ///
    /// x: [rows, dim]; cos, sin: tables from `ropeTables` (`headDim / 2` per position).
    public static func rope(_ x: UnsafeMutablePointer<Float>, cos: UnsafePointer<Float>, sin: UnsafePointer<Float>,
                            rows: Int, seqLen: Int, firstPosition: Int = 0, heads: Int, dim: Int, inverse: Bool = false) {
        let hd = dim / heads, half = hd / 2
        let sign: Float = inverse ? -1 : 1
        for r in 0..<rows {
            let pos = firstPosition + r % seqLen
            let cr = cos + pos * half, sr = sin + pos * half
            for h in 0..<heads {
                let v = x + r * dim + h * hd
                for i in 0..<half {
                    let a = v[2 * i], b = v[2 * i + 1], c = cr[i], s = sign * sr[i]
                    v[2 * i] = a * c - b * s
                    v[2 * i + 1] = a * s + b * c
                }
            }
        }
    }

    // MARK: causal multi-head attention

    /// Causal self-attention for a batch of `batch` sequences of `seqLen` tokens each.
    ///
    /// q, k, v, out: [batch * seqLen, dim] with head h in columns h*headDim ..< (h+1)*headDim;
    /// probs: [batch, heads, seqLen, seqLen] (saved softmax, zero above the diagonal).
    /// Work is split over (sequence, head) pairs on `pool`.
    public static func attentionForward(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                                        probs: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                                        batch: Int, seqLen: Int, heads: Int, dim: Int, pool: ThreadPool) {
        attentionForward(q: q, k: k, v: v, probs: probs, out: out, lengths: Array(repeating: seqLen, count: batch),
                         heads: heads, dim: dim, pool: pool)
    }

    /// Causal self-attention for a ragged batch: sequence b has `lengths[b]` tokens, and the
    /// sequences' rows follow one another without padding.
    ///
    /// q, k, v, out: [Σ lengths, dim]; probs: for each sequence b, [heads, lengths[b], lengths[b]]
    /// one after another (so Σ heads * lengths[b]^2 floats). With equal lengths this is the
    /// layout of the padded version above.
    public static func attentionForward(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                                        probs: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                                        lengths: [Int], heads: Int, dim: Int, pool: ThreadPool) {
        let hd = dim / heads
        let scale = 1 / Float(hd).squareRoot()
        let qP = SendablePointer(UnsafeMutablePointer(mutating: q)), kP = SendablePointer(UnsafeMutablePointer(mutating: k))
        let vP = SendablePointer(UnsafeMutablePointer(mutating: v))
        let pP = SendablePointer(probs), oP = SendablePointer(out)
        let plan = AttentionPlan(lengths: lengths, heads: heads, parts: pool.threadCount)
        pool.parallelFor(count: plan.parts) { part in
            for pair in plan.pairRange(part) {
                let b = pair / heads, h = pair % heads, seqLen = lengths[b]
                let base = plan.rowStart[b] * dim + h * hd
                let probBase = plan.probStart[b] + h * seqLen * seqLen
                for t in 0..<seqLen {
                    let qt = qP.pointer + base + t * dim
                    let pt = pP.pointer + probBase + t * seqLen
                    var mx = -Float.infinity
                    for s in 0...t {
                        let sc = dot(qt, kP.pointer + base + s * dim, hd) * scale
                        pt[s] = sc
                        mx = max(mx, sc)
                    }
                    var sum: Float = 0
                    for s in 0...t { let e = expf(pt[s] - mx); pt[s] = e; sum += e }
                    let inv = 1 / sum
                    let ot = oP.pointer + base + t * dim
                    ot.update(repeating: 0, count: hd)
                    for s in 0...t {
                        pt[s] *= inv
                        axpy(pt[s], vP.pointer + base + s * dim, ot, hd)
                    }
                    if t + 1 < seqLen { (pt + t + 1).update(repeating: 0, count: seqLen - t - 1) }
                }
            }
        }
    }

    /// Backward of `attentionForward`: dq, dk, dv += gradients given dout (all [batch*seqLen, dim]).
    public static func attentionBackward(dout: UnsafePointer<Float>, q: UnsafePointer<Float>, k: UnsafePointer<Float>,
                                         v: UnsafePointer<Float>, probs: UnsafePointer<Float>,
                                         dq: UnsafeMutablePointer<Float>, dk: UnsafeMutablePointer<Float>,
                                         dv: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                         batch: Int, seqLen: Int, heads: Int, dim: Int, pool: ThreadPool) {
        attentionBackward(dout: dout, q: q, k: k, v: v, probs: probs, dq: dq, dk: dk, dv: dv, scratch: scratch,
                          lengths: Array(repeating: seqLen, count: batch), heads: heads, dim: dim, pool: pool)
    }

    /// Backward of the ragged `attentionForward`: dq, dk, dv += gradients given dout.
    /// scratch: [pool.threadCount, max(lengths)].
    public static func attentionBackward(dout: UnsafePointer<Float>, q: UnsafePointer<Float>, k: UnsafePointer<Float>,
                                         v: UnsafePointer<Float>, probs: UnsafePointer<Float>,
                                         dq: UnsafeMutablePointer<Float>, dk: UnsafeMutablePointer<Float>,
                                         dv: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                         lengths: [Int], heads: Int, dim: Int, pool: ThreadPool) {
        let hd = dim / heads
        let scale = 1 / Float(hd).squareRoot()
        let doP = SendablePointer(UnsafeMutablePointer(mutating: dout))
        let qP = SendablePointer(UnsafeMutablePointer(mutating: q)), kP = SendablePointer(UnsafeMutablePointer(mutating: k))
        let vP = SendablePointer(UnsafeMutablePointer(mutating: v)), pP = SendablePointer(UnsafeMutablePointer(mutating: probs))
        let dqP = SendablePointer(dq), dkP = SendablePointer(dk), dvP = SendablePointer(dv)
        let sP = SendablePointer(scratch)
        let plan = AttentionPlan(lengths: lengths, heads: heads, parts: pool.threadCount)
        let stride = lengths.max() ?? 0
        pool.parallelFor(count: plan.parts) { part in
            let dp = sP.pointer + part * stride
            for pair in plan.pairRange(part) {
                let b = pair / heads, h = pair % heads, seqLen = lengths[b]
                let base = plan.rowStart[b] * dim + h * hd
                let probBase = plan.probStart[b] + h * seqLen * seqLen
                for t in 0..<seqLen {
                    let dot_ = doP.pointer + base + t * dim
                    let pt = pP.pointer + probBase + t * seqLen
                    var sum: Float = 0
                    for s in 0...t {
                        let g = dot(dot_, vP.pointer + base + s * dim, hd)
                        dp[s] = g
                        sum += pt[s] * g
                        axpy(pt[s], dot_, dvP.pointer + base + s * dim, hd)
                    }
                    let qt = qP.pointer + base + t * dim, dqt = dqP.pointer + base + t * dim
                    for s in 0...t {
                        let ds = pt[s] * (dp[s] - sum) * scale
                        if ds == 0 { continue }
                        axpy(ds, kP.pointer + base + s * dim, dqt, hd)
                        axpy(ds, qt, dkP.pointer + base + s * dim, hd)
                    }
                }
            }
        }
    }

    /// Where each sequence's rows and probabilities start, and a split of the (sequence, head)
    /// pairs into `parts` contiguous ranges of roughly equal work (proportional to length^2).
    struct AttentionPlan: Sendable {
        var rowStart: [Int] = []
        var probStart: [Int] = []
        /// Part i covers pairs bounds[i] ..< bounds[i + 1].
        var bounds: [Int] = [0]
        var parts: Int { bounds.count - 1 }

        init(lengths: [Int], heads: Int, parts requested: Int) {
            var row = 0, prob = 0, total = 0
            for t in lengths {
                rowStart.append(row)
                probStart.append(prob)
                row += t
                prob += heads * t * t
                total += heads * t * t
            }
            let pairs = lengths.count * heads
            let parts = max(1, min(requested, pairs))
            var work = 0, pair = 0
            for i in 1..<parts {
                let goal = total * i / parts
                while pair < pairs && work + lengths[pair / heads] * lengths[pair / heads] <= goal {
                    work += lengths[pair / heads] * lengths[pair / heads]
                    pair += 1
                }
                bounds.append(pair)
            }
            bounds.append(pairs)
        }

        func pairRange(_ part: Int) -> Range<Int> { bounds[part]..<bounds[part + 1] }
    }

    // MARK: softmax cross-entropy

    /// Softmax cross-entropy over rows whose target is >= 0, averaged over those rows.
    ///
    /// logits: [rows, vocab], overwritten with ∂loss/∂logits (zero rows where target < 0);
    /// targets: [rows]. Returns (summed loss, number of counted rows); the gradient is
    /// already divided by `normalizer` (pass the counted-row total of the whole batch).
    public static func crossEntropy(logits: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                                    rows: Int, vocab: Int, normalizer: Float) -> Double {
        var loss = 0.0
        for r in 0..<rows {
            let lr = logits + r * vocab
            let target = Int(targets[r])
            if target < 0 {
                lr.update(repeating: 0, count: vocab)
                continue
            }
            var mx = -Float.infinity
            for i in 0..<vocab { mx = max(mx, lr[i]) }
            let targetLogit = lr[target]
            var sum: Float = 0
            for i in 0..<vocab { let e = expf(lr[i] - mx); lr[i] = e; sum += e }
            loss -= Double(targetLogit - mx - logf(sum))
            let scale = 1 / (sum * normalizer)
            for i in 0..<vocab { lr[i] *= scale }
            lr[target] -= 1 / normalizer
        }
        return loss
    }
}
