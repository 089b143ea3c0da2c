import Foundation

/// The shape of a `RankerNetwork`.
public struct RankerConfig: Codable, Sendable, Equatable {
    /// Numbers per candidate.
    public var inputs: Int
    /// Widths of the hidden layers (ReLU).
    public var hidden: [Int]

    public init(inputs: Int, hidden: [Int] = [64, 64]) {
        self.inputs = inputs
        self.hidden = hidden
    }
}

/// One list to rank: the feature rows of a state's candidates and which of them a proof
/// used (at least one).
public struct RankingGroup: Sendable {
    /// `count` rows of `RankerConfig.inputs` numbers, row-major.
    public var features: [Float]
    public var count: Int
    /// Indices of the rows a proof used.
    public var positives: [Int]

    public init(features: [Float], count: Int, positives: [Int]) {
        self.features = features
        self.count = count
        self.positives = positives
    }
}

/// Where the positives of held-out groups land when each group is ordered by a scorer.
public struct RankingQuality: Sendable, Equatable, CustomStringConvertible {
    public var groups = 0
    /// Groups whose best-ranked positive is within the first 1, 5 and 20.
    public var top1 = 0, top5 = 0, top20 = 0
    /// Mean of 1 / (rank of the best-ranked positive).
    public var meanReciprocalRank = 0.0

    public init() {}

    /// Counts one group whose best positive is at `rank` (1: first).
    public mutating func add(rank: Int) {
        groups += 1
        if rank <= 1 { top1 += 1 }
        if rank <= 5 { top5 += 1 }
        if rank <= 20 { top20 += 1 }
        meanReciprocalRank += (1 / Double(rank) - meanReciprocalRank) / Double(groups)
    }

    public var description: String {
        func share(_ k: Int) -> String { String(format: "%.1f%%", 100 * Double(k) / Double(max(1, groups))) }
        return "top-1 \(share(top1)), top-5 \(share(top5)), top-20 \(share(top20)), MRR \(String(format: "%.3f", meanReciprocalRank)) over \(groups) states"
    }

    /// The quality of `scores` (higher first) on `groups`: ties are broken against the
    /// positives.
    public static func of(_ groups: [RankingGroup], scores: (RankingGroup) -> [Float]) -> RankingQuality {
        var quality = RankingQuality()
        for group in groups where !group.positives.isEmpty {
            let s = scores(group)
            let best = group.positives.map { s[$0] }.max()!
            let positives = Set(group.positives)
            let above = (0..<group.count).filter { !positives.contains($0) && s[$0] >= best }.count
            quality.add(rank: above + 1)
        }
        return quality
    }
}

/// A small multilayer perceptron that scores candidates from their feature rows: inputs
/// standardised by the training set's mean and spread, ReLU hidden layers, one score.
/// Trained listwise: in each group the softmax of the scores should put its mass on the
/// positives (the loss is -log of the probability of the positives together).
///
/// The weights live in one flat buffer; the matrix products of training go through
/// `Linalg.sgemm`, scoring (a few thousand rows per call, from several search workers at
/// once) through `Layers.dot` without locks.
public final class RankerNetwork: @unchecked Sendable {
    // @unchecked Sendable: `parameters` changes only during `train`, which the caller runs
    // before the network is shared.

    public let config: RankerConfig
    /// Weight matrix ([out, in], row-major) and bias offsets of each layer, the last
    /// having one output.
    let layers: [(weights: Int, bias: Int, inputs: Int, outputs: Int)]
    /// All weights and biases.
    public internal(set) var parameters: [Float]
    /// The standardisation of the inputs: x' = (x - mean) * scale.
    public internal(set) var inputMean: [Float]
    public internal(set) var inputScale: [Float]

    /// A network with He-initialised weights (zero biases) from `seed`, and the identity
    /// standardisation.
    public init(config: RankerConfig, seed: UInt64) {
        self.config = config
        var shapes: [(weights: Int, bias: Int, inputs: Int, outputs: Int)] = []
        var offset = 0
        var width = config.inputs
        for out in config.hidden + [1] {
            shapes.append((offset, offset + out * width, width, out))
            offset += out * width + out
            width = out
        }
        layers = shapes
        parameters = [Float](repeating: 0, count: offset)
        var random = SplitMix64(seed: seed)
        for layer in layers {
            let spread = (2 / Float(layer.inputs)).squareRoot()
            for k in 0..<(layer.inputs * layer.outputs) { parameters[layer.weights + k] = spread * Float(random.nextGaussian()) }
        }
        inputMean = [Float](repeating: 0, count: config.inputs)
        inputScale = [Float](repeating: 1, count: config.inputs)
    }

    /// The number of weights and biases.
    public var parameterCount: Int { parameters.count }

    // MARK: Scoring

    /// Scores of `count` rows of `features` (higher: more likely used by a proof).
    public func scores(features: [Float], count: Int) -> [Float] {
        var activations = standardised(features, count: count)
        var width = config.inputs
        parameters.withUnsafeBufferPointer { w in
            for (l, layer) in layers.enumerated() {
                var next = [Float](repeating: 0, count: count * layer.outputs)
                activations.withUnsafeBufferPointer { x in
                    for row in 0..<count {
                        for o in 0..<layer.outputs {
                            let v = Layers.dot(w.baseAddress! + layer.weights + o * width, x.baseAddress! + row * width, width)
                                + w[layer.bias + o]
                            next[row * layer.outputs + o] = l == layers.count - 1 ? v : max(0, v)
                        }
                    }
                }
                activations = next
                width = layer.outputs
            }
        }
        return activations
    }

    private func standardised(_ features: [Float], count: Int) -> [Float] {
        precondition(features.count == count * config.inputs, "expected \(count) rows of \(config.inputs) features")
        var x = features
        for row in 0..<count {
            for i in 0..<config.inputs { x[row * config.inputs + i] = (x[row * config.inputs + i] - inputMean[i]) * inputScale[i] }
        }
        return x
    }

    // MARK: Training

    /// Options of `train`.
    public struct TrainingOptions: Sendable {
        public var epochs = 20
        /// Groups per optimiser step.
        public var groupsPerStep = 32
        public var learningRate: Float = 1e-3
        public var weightDecay: Float = 1e-4
        public var seed: UInt64 = 1
        public init() {}
    }

    /// Fits the network to `groups` (their standardisation first), printing one line per
    /// epoch through `log` with the training loss and, when given, the held-out quality.
    public func train(_ groups: [RankingGroup], options: TrainingOptions, heldOut: [RankingGroup] = [],
                      linalg: Linalg = Linalg(pool: .shared), log: (String) -> Void = { _ in }) {
        let groups = groups.filter { !$0.positives.isEmpty && $0.count > 1 }
        fitStandardisation(groups)
        let adam = AdamW(count: parameters.count, ranges: [(0..<parameters.count, true)], weightDecay: options.weightDecay)
        adam.beta2 = 0.999
        var random = SplitMix64(seed: options.seed)
        var order = Array(groups.indices)
        for epoch in 1...max(1, options.epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            var lossSum = 0.0
            for start in stride(from: 0, to: order.count, by: options.groupsPerStep) {
                let batch = order[start..<min(order.count, start + options.groupsPerStep)].map { groups[$0] }
                let (loss, gradient) = lossAndGradient(batch, linalg: linalg)
                lossSum += loss * Double(batch.count)
                let step = adam.step + 1
                let total = max(1, options.epochs * ((order.count + options.groupsPerStep - 1) / options.groupsPerStep))
                let rate = options.learningRate * Float(0.1 + 0.9 * 0.5 * (1 + cos(Double.pi * Double(step) / Double(total))))
                parameters.withUnsafeMutableBufferPointer { adam.update(parameters: $0.baseAddress!, gradients: gradient, lr: rate) }
            }
            var line = String(format: "epoch %d: loss %.4f", epoch, lossSum / Double(max(1, groups.count)))
            if !heldOut.isEmpty {
                line += "; held out: " + RankingQuality.of(heldOut) { self.scores(features: $0.features, count: $0.count) }.description
            }
            log(line)
        }
    }

    /// Mean and spread of each input over the training rows (a constant input keeps scale 1).
    private func fitStandardisation(_ groups: [RankingGroup]) {
        let n = config.inputs
        var sum = [Double](repeating: 0, count: n), squares = [Double](repeating: 0, count: n)
        var rows = 0
        for group in groups {
            for r in 0..<group.count {
                for i in 0..<n { let v = Double(group.features[r * n + i]); sum[i] += v; squares[i] += v * v }
            }
            rows += group.count
        }
        guard rows > 0 else { return }
        for i in 0..<n {
            let mean = sum[i] / Double(rows)
            let variance = max(0, squares[i] / Double(rows) - mean * mean)
            inputMean[i] = Float(mean)
            inputScale[i] = variance > 1e-12 ? Float(1 / variance.squareRoot()) : 1
        }
    }

    /// The mean listwise loss of `batch` and its gradient with respect to `parameters`.
    func lossAndGradient(_ batch: [RankingGroup], linalg: Linalg) -> (Double, [Float]) {
        let rows = batch.reduce(0) { $0 + $1.count }
        var x = [Float](); x.reserveCapacity(rows * config.inputs)
        for group in batch { x += standardised(group.features, count: group.count) }
        // Forward, keeping every layer's output.
        var outputs: [[Float]] = [x]
        var width = config.inputs
        for (l, layer) in layers.enumerated() {
            var y = [Float](repeating: 0, count: rows * layer.outputs)
            for r in 0..<rows { for o in 0..<layer.outputs { y[r * layer.outputs + o] = parameters[layer.bias + o] } }
            parameters.withUnsafeBufferPointer { w in
                outputs[l].withUnsafeBufferPointer { input in
                    linalg.sgemm(transA: false, transB: true, m: rows, n: layer.outputs, k: width, alpha: 1,
                                 a: input.baseAddress!, lda: width, b: w.baseAddress! + layer.weights, ldb: width,
                                 beta: 1, c: &y, ldc: layer.outputs)
                }
            }
            if l < layers.count - 1 { for k in y.indices where y[k] < 0 { y[k] = 0 } }
            outputs.append(y)
            width = layer.outputs
        }
        // The loss and its gradient with respect to the scores.
        let scores = outputs.last!
        var delta = [Float](repeating: 0, count: rows)
        var loss = 0.0
        var start = 0
        for group in batch {
            let s = (0..<group.count).map { Double(scores[start + $0]) }
            let best = s.max()!
            let all = s.map { exp($0 - best) }
            let total = all.reduce(0, +)
            let positive = group.positives.reduce(0.0) { $0 + all[$1] }
            loss += log(total) - log(positive)
            for k in 0..<group.count { delta[start + k] = Float(all[k] / total) / Float(batch.count) }
            for k in group.positives { delta[start + k] -= Float(all[k] / positive) / Float(batch.count) }
            start += group.count
        }
        // Backward.
        var gradient = [Float](repeating: 0, count: parameters.count)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            let input = outputs[l]
            for r in 0..<rows { for o in 0..<layer.outputs { gradient[layer.bias + o] += delta[r * layer.outputs + o] } }
            gradient.withUnsafeMutableBufferPointer { g in
                linalg.sgemm(transA: true, transB: false, m: layer.outputs, n: layer.inputs, k: rows, alpha: 1,
                             a: delta, lda: layer.outputs, b: input, ldb: layer.inputs,
                             beta: 1, c: g.baseAddress! + layer.weights, ldc: layer.inputs)
            }
            guard l > 0 else { break }
            var previous = [Float](repeating: 0, count: rows * layer.inputs)
            parameters.withUnsafeBufferPointer { w in
                linalg.sgemm(transA: false, transB: false, m: rows, n: layer.inputs, k: layer.outputs, alpha: 1,
                             a: delta, lda: layer.outputs, b: w.baseAddress! + layer.weights, ldb: layer.inputs,
                             beta: 0, c: &previous, ldc: layer.inputs)
            }
            for k in previous.indices where input[k] <= 0 { previous[k] = 0 }
            delta = previous
        }
        return (loss / Double(max(1, batch.count)), gradient)
    }

    // MARK: Files

    /// Metadata key holding the JSON-encoded `RankerConfig`.
    public static let configMetadataKey = "gougu.ranker"

    /// The network as a safetensors file (`layers.L.weight`, `layers.L.bias`,
    /// `input_mean`, `input_scale`), with its config and `metadata` in the metadata.
    public func safetensors(dtype: SafetensorsDType = .f32, metadata: [String: String] = [:]) -> SafetensorsFile {
        var file = SafetensorsFile(metadata: metadata)
        for (l, layer) in layers.enumerated() {
            file.tensors["layers.\(l).weight"] = SafetensorsTensor(
                dtype: dtype, shape: [layer.outputs, layer.inputs],
                values: Array(parameters[layer.weights..<(layer.weights + layer.outputs * layer.inputs)]))
            file.tensors["layers.\(l).bias"] = SafetensorsTensor(
                dtype: dtype, shape: [layer.outputs], values: Array(parameters[layer.bias..<(layer.bias + layer.outputs)]))
        }
        // The standardisation stays in 32 bits: its scales span orders of magnitude.
        file.tensors["input_mean"] = SafetensorsTensor(dtype: .f32, shape: [config.inputs], values: inputMean)
        file.tensors["input_scale"] = SafetensorsTensor(dtype: .f32, shape: [config.inputs], values: inputScale)
        file.metadata[Self.configMetadataKey] = String(decoding: try! JSONEncoder().encode(config), as: UTF8.self)
        return file
    }

    /// A network read from a file written by `safetensors`.
    public convenience init(file: SafetensorsFile) throws {
        guard let json = file.metadata[Self.configMetadataKey],
              let config = try? JSONDecoder().decode(RankerConfig.self, from: Data(json.utf8))
        else { throw SafetensorsError(description: "missing or invalid '\(Self.configMetadataKey)' metadata: not a ranker file") }
        self.init(config: config, seed: 0)
        func tensor(_ name: String, count: Int) throws -> [Float] {
            guard let t = file.tensors[name], t.values.count == count else {
                throw SafetensorsError(description: "missing tensor '\(name)' of \(count) values")
            }
            return t.values
        }
        for (l, layer) in layers.enumerated() {
            let w = try tensor("layers.\(l).weight", count: layer.outputs * layer.inputs)
            let b = try tensor("layers.\(l).bias", count: layer.outputs)
            parameters.replaceSubrange(layer.weights..<(layer.weights + w.count), with: w)
            parameters.replaceSubrange(layer.bias..<(layer.bias + b.count), with: b)
        }
        inputMean = try tensor("input_mean", count: config.inputs)
        inputScale = try tensor("input_scale", count: config.inputs)
    }
}
