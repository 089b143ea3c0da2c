import Testing
@testable import GouguNeural

// Gradient checks: every backward pass against central finite differences.
// Each layer is checked on a scalar loss L = Σ w_i * out_i with random weights w,
// so ∂L/∂out = w is fed to the backward pass.

/// Central-difference check of `analytic` = ∂f/∂input, for every coordinate of `input`.
/// Returns the largest error relative to max(|analytic|) over all coordinates.
func finiteDifferenceError(_ input: [Float], analytic: [Float], h: Float = 1e-2,
                           _ f: ([Float]) -> Double) -> Double {
    var worst = 0.0
    let scale = max(analytic.map { Double(abs($0)) }.max() ?? 0, 1e-6)
    for i in input.indices {
        var plus = input, minus = input
        plus[i] += h
        minus[i] -= h
        let numeric = (f(plus) - f(minus)) / Double(2 * h)
        worst = max(worst, abs(numeric - Double(analytic[i])) / scale)
    }
    return worst
}

func weightedSum(_ out: [Float], _ w: [Float]) -> Double {
    zip(out, w).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

@Test func rmsNormBackwardMatchesFiniteDifferences() {
    var rng = SplitMix64(seed: 1)
    let rows = 3, dim = 7
    let x = randomArray(rows * dim, &rng), g = randomArray(dim, &rng), w = randomArray(rows * dim, &rng)
    func forward(_ x: [Float], _ g: [Float]) -> ([Float], [Float]) {
        var y = [Float](repeating: 0, count: rows * dim), rinv = [Float](repeating: 0, count: rows)
        Layers.rmsNormForward(x: x, gain: g, y: &y, rinv: &rinv, rows: rows, dim: dim)
        return (y, rinv)
    }
    let (_, rinv) = forward(x, g)
    var dx = [Float](repeating: 0, count: rows * dim), dg = [Float](repeating: 0, count: dim)
    Layers.rmsNormBackward(dy: w, x: x, gain: g, rinv: rinv, dx: &dx, dgain: &dg, rows: rows, dim: dim)
    #expect(finiteDifferenceError(x, analytic: dx) { weightedSum(forward($0, g).0, w) } < 1e-2)
    #expect(finiteDifferenceError(g, analytic: dg) { weightedSum(forward(x, $0).0, w) } < 1e-2)
}

@Test func geluBackwardMatchesFiniteDifferences() {
    var rng = SplitMix64(seed: 2)
    let x = randomArray(20, &rng).map { $0 * 3 }, w = randomArray(20, &rng)
    func forward(_ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        Layers.geluForward(x: x, y: &y, count: x.count)
        return y
    }
    var dx = [Float](repeating: 0, count: 20)
    Layers.geluBackward(dy: w, x: x, dx: &dx, count: 20)
    #expect(finiteDifferenceError(x, analytic: dx) { weightedSum(forward($0), w) } < 1e-2)
}

@Test func attentionBackwardMatchesFiniteDifferences() {
    var rng = SplitMix64(seed: 3)
    let batch = 2, seqLen = 5, heads = 2, dim = 8, n = batch * seqLen * dim
    let pool = ThreadPool(threadCount: 2)
    let q = randomArray(n, &rng), k = randomArray(n, &rng), v = randomArray(n, &rng), w = randomArray(n, &rng)
    func forward(_ q: [Float], _ k: [Float], _ v: [Float]) -> ([Float], [Float]) {
        var probs = [Float](repeating: 0, count: batch * heads * seqLen * seqLen)
        var out = [Float](repeating: 0, count: n)
        Layers.attentionForward(q: q, k: k, v: v, probs: &probs, out: &out, batch: batch, seqLen: seqLen,
                                heads: heads, dim: dim, pool: pool)
        return (out, probs)
    }
    let probs = forward(q, k, v).1
    var dq = [Float](repeating: 0, count: n), dk = dq, dv = dq
    var scratch = [Float](repeating: 0, count: 2 * seqLen)
    Layers.attentionBackward(dout: w, q: q, k: k, v: v, probs: probs, dq: &dq, dk: &dk, dv: &dv, scratch: &scratch,
                             batch: batch, seqLen: seqLen, heads: heads, dim: dim, pool: pool)
    #expect(finiteDifferenceError(q, analytic: dq) { weightedSum(forward($0, k, v).0, w) } < 1e-2)
    #expect(finiteDifferenceError(k, analytic: dk) { weightedSum(forward(q, $0, v).0, w) } < 1e-2)
    #expect(finiteDifferenceError(v, analytic: dv) { weightedSum(forward(q, k, $0).0, w) } < 1e-2)
}

@Test func attentionIsCausal() {
    var rng = SplitMix64(seed: 4)
    let seqLen = 4, dim = 4, n = seqLen * dim
    let q = randomArray(n, &rng), k = randomArray(n, &rng), v = randomArray(n, &rng)
    var probs = [Float](repeating: 0, count: seqLen * seqLen), out1 = [Float](repeating: 0, count: n), out2 = out1
    Layers.attentionForward(q: q, k: k, v: v, probs: &probs, out: &out1, batch: 1, seqLen: seqLen, heads: 1, dim: dim,
                            pool: ThreadPool(threadCount: 1))
    var v2 = v
    for i in (3 * dim)..<n { v2[i] += 5 }  // change only the last position's value
    Layers.attentionForward(q: q, k: k, v: v2, probs: &probs, out: &out2, batch: 1, seqLen: seqLen, heads: 1, dim: dim,
                            pool: ThreadPool(threadCount: 1))
    #expect(Array(out1[0..<(3 * dim)]) == Array(out2[0..<(3 * dim)]))
}

@Test func crossEntropyGradientMatchesFiniteDifferences() {
    var rng = SplitMix64(seed: 5)
    let rows = 4, vocab = 6
    let logits = randomArray(rows * vocab, &rng).map { $0 * 2 }
    let targets: [Int32] = [2, -1, 0, 5]
    func loss(_ l: [Float]) -> Double {
        var copy = l
        return Layers.crossEntropy(logits: &copy, targets: targets, rows: rows, vocab: vocab, normalizer: 3) / 3
    }
    var grad = logits
    _ = Layers.crossEntropy(logits: &grad, targets: targets, rows: rows, vocab: vocab, normalizer: 3)
    #expect(finiteDifferenceError(logits, analytic: grad, loss) < 1e-2)
    #expect(grad[vocab..<(2 * vocab)].allSatisfy { $0 == 0 }, "ignored row has no gradient")
}

@Test func linearBackwardMatchesFiniteDifferences() {
    var rng = SplitMix64(seed: 6)
    let model = Transformer(config: TransformerConfig(vocabSize: 4, contextLength: 2, dim: 2, layers: 1, heads: 1),
                            seed: 0, linalg: .singleThreaded())
    let rows = 3, inDim = 5, outDim = 4
    let x = randomArray(rows * inDim, &rng), wt = randomArray(outDim * inDim, &rng), w = randomArray(rows * outDim, &rng)
    func forward(_ x: [Float], _ wt: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: rows * outDim)
        model.linear(x, wt, &y, rows: rows, inDim: inDim, outDim: outDim)
        return y
    }
    var dx = [Float](repeating: 0, count: rows * inDim), dw = [Float](repeating: 0, count: outDim * inDim)
    model.linearBackward(dy: w, x: x, w: wt, dx: &dx, dw: &dw, rows: rows, inDim: inDim, outDim: outDim)
    #expect(finiteDifferenceError(x, analytic: dx) { weightedSum(forward($0, wt), w) } < 1e-2)
    #expect(finiteDifferenceError(wt, analytic: dw) { weightedSum(forward(x, $0), w) } < 1e-2)
}

@Test func ropeBackwardMatchesFiniteDifferences() {
    var rng = SplitMix64(seed: 7)
    let rows = 6, seqLen = 3, heads = 2, dim = 8
    let (cos, sin) = Layers.ropeTables(contextLength: seqLen + 2, headDim: dim / heads)
    let x = randomArray(rows * dim, &rng), w = randomArray(rows * dim, &rng)
    func forward(_ x: [Float]) -> [Float] {
        var y = x
        Layers.rope(&y, cos: cos, sin: sin, rows: rows, seqLen: seqLen, firstPosition: 2, heads: heads, dim: dim)
        return y
    }
    var dx = w
    Layers.rope(&dx, cos: cos, sin: sin, rows: rows, seqLen: seqLen, firstPosition: 2, heads: heads, dim: dim, inverse: true)
    #expect(finiteDifferenceError(x, analytic: dx) { weightedSum(forward($0), w) } < 1e-2)
    // Position 0 is the identity; the inverse undoes the rotation.
    var y = x
    Layers.rope(&y, cos: cos, sin: sin, rows: 1, seqLen: 1, heads: heads, dim: dim)
    #expect(Array(y[0..<dim]) == Array(x[0..<dim]))
    var z = forward(x)
    Layers.rope(&z, cos: cos, sin: sin, rows: rows, seqLen: seqLen, firstPosition: 2, heads: heads, dim: dim, inverse: true)
    #expect(zip(z, x).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test func ropeScoresDependOnlyOnTheRelativeOffset() {
    var rng = SplitMix64(seed: 8)
    let dim = 8, (cos, sin) = Layers.ropeTables(contextLength: 20, headDim: dim)
    let q = randomArray(dim, &rng), k = randomArray(dim, &rng)
    func score(_ pq: Int, _ pk: Int) -> Float {
        var a = q, b = k
        Layers.rope(&a, cos: cos, sin: sin, rows: 1, seqLen: 1, firstPosition: pq, heads: 1, dim: dim)
        Layers.rope(&b, cos: cos, sin: sin, rows: 1, seqLen: 1, firstPosition: pk, heads: 1, dim: dim)
        return Layers.dot(a, b, dim)
    }
    #expect(abs(score(5, 2) - score(15, 12)) < 1e-4)
    #expect(abs(score(5, 2) - score(5, 3)) > 1e-3)
}

@Test("Whole-model gradient matches finite differences in every tensor",
      arguments: [TransformerConfig.PositionEncoding.learned, .rope])
func modelGradientMatchesFiniteDifferences(positions: TransformerConfig.PositionEncoding) {
    let config = TransformerConfig(vocabSize: 11, contextLength: 6, dim: 8, layers: 2, heads: 2, hiddenDim: 12,
                                   positions: positions)
    let model = Transformer(config: config, seed: 42, linalg: .singleThreaded())
    // Larger weights than the default init, so that gradients are well above Float noise.
    var rng = SplitMix64(seed: 9)
    for i in 0..<model.parameterCount { model.parameters[i] += Float(rng.nextGaussian()) * 0.3 }
    let session = TrainingSession(model: model, batch: 2, seqLen: 6)
    let tokens: [Int32] = [1, 4, 2, 7, 3, 9, 1, 5, 5, 10, 0, 2]
    let targets: [Int32] = [4, 2, 7, 3, 9, -1, 5, 5, -1, 0, 2, 6]
    session.forwardBackward(tokens: tokens, targets: targets)
    let grad = Array(UnsafeBufferPointer(start: session.gradients, count: model.parameterCount))
    for tensor in model.layout.tensors {
        // Check the 3 coordinates with the largest gradient and 2 random ones.
        let idx = (tensor.offset..<(tensor.offset + tensor.count))
        var picks = Array(idx.sorted { abs(grad[$0]) > abs(grad[$1]) }.prefix(3))
        picks.append(idx.lowerBound + rng.nextInt(below: tensor.count))
        picks.append(idx.lowerBound + rng.nextInt(below: tensor.count))
        for i in picks {
            let old = model.parameters[i]
            func centralDifference(_ h: Float) -> Double {
                model.parameters[i] = old + h
                let lp = session.forwardBackward(tokens: tokens, targets: targets, computeGradients: false)
                model.parameters[i] = old - h
                let lm = session.forwardBackward(tokens: tokens, targets: targets, computeGradients: false)
                model.parameters[i] = old
                return (lp - lm) / Double(2 * h)
            }
            // Richardson extrapolation cancels the O(h^2) error of the central difference,
            // which is noticeable with these large weights (about 1 % at h = 1e-2).
            let numeric = (4 * centralDifference(5e-3) - centralDifference(1e-2)) / 3
            let error = abs(numeric - Double(grad[i]))
            #expect(error < 5e-4 + 0.01 * abs(numeric), "\(tensor.name)[\(i - tensor.offset)]: \(numeric) vs \(grad[i])")
        }
    }
}

@Test("A ragged batch gives the loss and gradient of the same sequences padded",
      arguments: [TransformerConfig.PositionEncoding.learned, .rope])
func raggedBatchMatchesPaddedBatch(positions: TransformerConfig.PositionEncoding) {
    let config = TransformerConfig(vocabSize: 11, contextLength: 6, dim: 8, layers: 2, heads: 2, hiddenDim: 12,
                                   positions: positions)
    let model = Transformer(config: config, seed: 4, linalg: Linalg(pool: ThreadPool(threadCount: 2)))
    var rng = SplitMix64(seed: 10)
    for i in 0..<model.parameterCount { model.parameters[i] += Float(rng.nextGaussian()) * 0.3 }
    // Sequences of lengths 6, 3, 5; padding (token 0, no target) after the short ones.
    let padded: [Int32] = [1, 4, 2, 7, 3, 9, 1, 5, 5, 0, 0, 0, 1, 8, 2, 2, 6, 0]
    let paddedTargets: [Int32] = [4, 2, 7, 3, 9, -1, 5, 5, 10, -1, -1, -1, -1, 8, 2, 2, 6, -1]
    let lengths = [6, 3, 5]
    var tokens: [Int32] = [], targets: [Int32] = []
    for (b, len) in lengths.enumerated() {
        tokens += padded[(b * 6)..<(b * 6 + len)]
        targets += paddedTargets[(b * 6)..<(b * 6 + len)]
    }
    let a = TrainingSession(model: model, batch: 3, seqLen: 6)
    let lossA = a.forwardBackward(tokens: padded, targets: paddedTargets)
    let b = TrainingSession(model: model, batch: 3, seqLen: 6)
    let lossB = b.forwardBackward(tokens: tokens, targets: targets, lengths: lengths)
    #expect(abs(lossA - lossB) < 1e-6)
    let worst = (0..<model.parameterCount).map { abs(a.gradients[$0] - b.gradients[$0]) }.max()!
    #expect(worst < 1e-5)
}

@Test func scheduleWarmsUpLinearlyThenDecaysToMinimum() {
    let s = LearningRateSchedule(peak: 1, warmupSteps: 10, totalSteps: 110, minFactor: 0.1)
    #expect(abs(s.rate(at: 0) - 0.1) < 1e-6)
    #expect(abs(s.rate(at: 9) - 1) < 1e-6)
    #expect(abs(s.rate(at: 60) - 0.55) < 1e-5)
    #expect(abs(s.rate(at: 110) - 0.1) < 1e-6)
}

@Test func clippingScalesGradientToMaxNorm() {
    var g: [Float] = [3, 4]
    let norm = AdamW.clipGradients(&g, count: 2, maxNorm: 1)
    #expect(norm == 5)
    #expect(abs(g[0] - 0.6) < 1e-6 && abs(g[1] - 0.8) < 1e-6)
}

@Test func adamWFirstStepMovesEachWeightByTheLearningRate() {
    let config = TransformerConfig(vocabSize: 2, contextLength: 1, dim: 1, layers: 1, heads: 1, hiddenDim: 1)
    let layout = ParameterLayout(config: config)
    let opt = AdamW(layout: layout, weightDecay: 0)
    var p = [Float](repeating: 1, count: layout.count)
    let g = (0..<layout.count).map { Float($0 % 2 == 0 ? 2 : -3) }
    opt.update(parameters: &p, gradients: g, lr: 0.01)
    #expect(p.enumerated().allSatisfy { abs($0.element - ($0.offset % 2 == 0 ? 0.99 : 1.01)) < 1e-5 })
}

@Test func trainingReducesLossOnARepeatedBatch() {
    let config = TransformerConfig(vocabSize: 8, contextLength: 8, dim: 16, layers: 1, heads: 2)
    let model = Transformer(config: config, seed: 1, linalg: .singleThreaded())
    let session = TrainingSession(model: model, batch: 2, seqLen: 8)
    let opt = AdamW(layout: model.layout)
    let tokens: [Int32] = [0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0]
    let targets: [Int32] = [1, 2, 3, 4, 5, 6, 7, 0, 6, 5, 4, 3, 2, 1, 0, 7]
    let first = session.forwardBackward(tokens: tokens, targets: targets)
    for _ in 0..<60 {
        session.forwardBackward(tokens: tokens, targets: targets)
        opt.update(parameters: model.parameters, gradients: session.gradients, lr: 1e-2)
    }
    let last = session.forwardBackward(tokens: tokens, targets: targets, computeGradients: false)
    #expect(last < first * 0.2)
}
