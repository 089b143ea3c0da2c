import Foundation

extension InferenceState {
    /// One token for each of several rows, each row a (state, position) pair, in a single
    /// batched pass: the linear layers multiply all rows at once (one read of the weights
    /// instead of one per token), attention reads each row's own cache.
    ///
    /// Rows of one state must be consecutive positions from its current one, in order (a
    /// prompt: row `r` attends to the keys of rows before it, written first); rows of
    /// different states are independent (beams). Each state's logits are those of its last
    /// row, and its position moves past it.
    static func forward(_ rows: [(state: InferenceState, position: Int)], tokens: [Int]) {
        let count = rows.count
        guard count > 0 else { return }
        let m = rows[0].state.model, c = m.config, L = m.layout, P = m.parameters
        let d = c.dim, hd = c.headDim
        let x = FloatBuffer(count * d), xn = FloatBuffer(count * d), q = FloatBuffer(count * d)
        let k = FloatBuffer(count * d), v = FloatBuffer(count * d), att = FloatBuffer(count * d)
        let h = FloatBuffer(count * c.hiddenDim), rinv = FloatBuffer(count), scores = FloatBuffer(c.contextLength)
        for (r, row) in rows.enumerated() {
            precondition(row.state.model === m, "rows of one batch decode with one model")
            precondition(row.position < c.contextLength, "context length \(c.contextLength) exceeded")
            precondition(tokens[r] >= 0 && tokens[r] < c.vocabSize, "token id out of range")
            let emb = P + L.tokenEmbedding + tokens[r] * d, xr = x.pointer + r * d
            if c.positions == .learned {
                let pe = P + L.positionEmbedding + row.position * d
                for i in 0..<d { xr[i] = emb[i] + pe[i] }
            } else {
                xr.update(from: emb, count: d)
            }
        }
        // y[rows, out] = x W^T (+ y): a matrix product, or for a single row the faster
        // matrix-vector product.
        func project(_ input: FloatBuffer, _ w: UnsafePointer<Float>, _ output: FloatBuffer, inDim: Int, outDim: Int,
                     accumulate: Bool = false) {
            if count == 1 {
                m.linalg.sgemv(trans: false, m: outDim, n: inDim, alpha: 1, a: w, lda: inDim, x: input.pointer,
                               beta: accumulate ? 1 : 0, y: output.pointer)
            } else {
                m.linear(input.pointer, w, output.pointer, rows: count, inDim: inDim, outDim: outDim, accumulate: accumulate)
            }
        }
        let scale = 1 / Float(hd).squareRoot()
        for l in 0..<c.layers {
            let B = L.blocks[l]
            Layers.rmsNormForward(x: x.pointer, gain: P + B.attentionNorm, y: xn.pointer, rinv: rinv.pointer, rows: count, dim: d)
            project(xn, P + B.wq, q, inDim: d, outDim: d)
            project(xn, P + B.wk, k, inDim: d, outDim: d)
            project(xn, P + B.wv, v, inDim: d, outDim: d)
            // Every row's keys and values go into its cache before any row attends.
            for (r, row) in rows.enumerated() {
                if c.positions == .rope {
                    Layers.rope(q.pointer + r * d, cos: m.ropeCos, sin: m.ropeSin, rows: 1, seqLen: 1,
                                firstPosition: row.position, heads: c.heads, dim: d)
                    Layers.rope(k.pointer + r * d, cos: m.ropeCos, sin: m.ropeSin, rows: 1, seqLen: 1,
                                firstPosition: row.position, heads: c.heads, dim: d)
                }
                let offset = l * c.contextLength * d + row.position * d
                (row.state.keys.pointer + offset).update(from: k.pointer + r * d, count: d)
                (row.state.values.pointer + offset).update(from: v.pointer + r * d, count: d)
            }
            for (r, row) in rows.enumerated() {
                let kCache = row.state.keys.pointer + l * c.contextLength * d
                let vCache = row.state.values.pointer + l * c.contextLength * d
                for head in 0..<c.heads {
                    let qh = q.pointer + r * d + head * hd, s = scores.pointer
                    var mx = -Float.infinity
                    for t in 0...row.position {
                        s[t] = Layers.dot(qh, kCache + t * d + head * hd, hd) * scale
                        mx = max(mx, s[t])
                    }
                    var sum: Float = 0
                    for t in 0...row.position { s[t] = expf(s[t] - mx); sum += s[t] }
                    let out = att.pointer + r * d + head * hd
                    out.update(repeating: 0, count: hd)
                    for t in 0...row.position { Layers.axpy(s[t] / sum, vCache + t * d + head * hd, out, hd) }
                }
            }
            project(att, P + B.wo, x, inDim: d, outDim: d, accumulate: true)
            Layers.rmsNormForward(x: x.pointer, gain: P + B.mlpNorm, y: xn.pointer, rinv: rinv.pointer, rows: count, dim: d)
            project(xn, P + B.w1, h, inDim: d, outDim: c.hiddenDim)
            Layers.geluForward(x: h.pointer, y: h.pointer, count: count * c.hiddenDim)
            project(h, P + B.w2, x, inDim: c.hiddenDim, outDim: d, accumulate: true)
        }
        // Logits of each state's last row only (a prompt's earlier rows need none).
        var last: [ObjectIdentifier: Int] = [:]
        for (r, row) in rows.enumerated() { last[ObjectIdentifier(row.state)] = r }
        for r in last.values.sorted() {
            let row = rows[r]
            Layers.rmsNormForward(x: x.pointer + r * d, gain: P + L.finalNorm, y: xn.pointer, rinv: rinv.pointer, rows: 1, dim: d)
            m.linalg.sgemv(trans: false, m: c.vocabSize, n: d, alpha: 1, a: P + L.tokenEmbedding, lda: d, x: xn.pointer,
                           beta: 0, y: row.state.logitsBuffer.pointer)
            row.state.position = row.position + 1
        }
    }

    /// Feeds `tokens[i]` to `states[i]` (distinct states of one model) at their current
    /// positions, in one batched pass: what `step(token:)` does to each, faster for many.
    public static func step(_ states: [InferenceState], tokens: [Int]) {
        precondition(states.count == tokens.count)
        precondition(Set(states.map(ObjectIdentifier.init)).count == states.count, "one token per state")
        forward(states.map { ($0, $0.position) }, tokens: tokens)
    }
}
