import Foundation

/// Learning rate with linear warmup then cosine decay to `minFactor * peak`.
public struct LearningRateSchedule: Sendable, Equatable {
    /// The learning rate at the end of warmup.
    public var peak: Float
    /// Steps of linear warmup from 0 to `peak`.
    public var warmupSteps: Int
    /// Total steps; the cosine reaches its minimum here.
    public var totalSteps: Int
    /// Final learning rate as a fraction of `peak`.
    public var minFactor: Float

    /// Creates a schedule.
    public init(peak: Float, warmupSteps: Int, totalSteps: Int, minFactor: Float = 0.1) {
        self.peak = peak
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
        self.minFactor = minFactor
    }

    /// The learning rate for 0-based `step`.
    public func rate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = max(1, totalSteps - warmupSteps)
        let progress = min(1, Float(step - warmupSteps) / Float(span))
        let cosine = 0.5 * (1 + cosf(Float.pi * progress))
        return peak * (minFactor + (1 - minFactor) * cosine)
    }
}

/// AdamW (decoupled weight decay) over a model's flat parameter buffer, with global-norm
/// gradient clipping. Weight decay applies only to tensors whose layout says `decays`.
public final class AdamW {
    /// First-moment estimates, same layout as the parameters.
    public let m: UnsafeMutablePointer<Float>
    /// Second-moment estimates, same layout as the parameters.
    public let v: UnsafeMutablePointer<Float>
    /// Number of parameters.
    public let count: Int
    /// Exponential decay of the first moment.
    public var beta1: Float = 0.9
    /// Exponential decay of the second moment.
    public var beta2: Float = 0.95
    /// Denominator epsilon.
    public var epsilon: Float = 1e-8
    /// Decoupled weight decay coefficient.
    public var weightDecay: Float
    /// Steps taken so far (for bias correction); saved in checkpoints.
    public var step = 0
    private let decayMask: [Bool]
    private let ranges: [Range<Int>]

    /// Creates an optimizer for the parameters described by `layout`.
    public convenience init(layout: ParameterLayout, weightDecay: Float = 0.1) {
        self.init(count: layout.count, ranges: layout.tensors.map { ($0.offset..<($0.offset + $0.count), $0.decays) },
                  weightDecay: weightDecay)
    }

    /// An optimizer for `count` parameters, weight decay applied to the `ranges` that say so.
    public init(count: Int, ranges: [(range: Range<Int>, decays: Bool)], weightDecay: Float = 0.1) {
        self.count = count
        m = .allocate(capacity: count); m.initialize(repeating: 0, count: count)
        v = .allocate(capacity: count); v.initialize(repeating: 0, count: count)
        self.weightDecay = weightDecay
        self.ranges = ranges.map(\.range)
        decayMask = ranges.map(\.decays)
    }

    deinit { m.deallocate(); v.deallocate() }

    /// Scales `gradients` so that their global L2 norm is at most `maxNorm`; returns the
    /// norm before clipping.
    @discardableResult
    public static func clipGradients(_ gradients: UnsafeMutablePointer<Float>, count: Int, maxNorm: Float) -> Float {
        var sumSquares = 0.0
        var i = 0
        while i < count {
            let n = min(4096, count - i)
            sumSquares += Double(Layers.dot(gradients + i, gradients + i, n))
            i += n
        }
        let norm = Float(sumSquares.squareRoot())
        if norm > maxNorm && norm > 0 {
            let s = maxNorm / norm
            for j in 0..<count { gradients[j] *= s }
        }
        return norm
    }

    /// One AdamW update of `parameters` with `gradients` at learning rate `lr`.
    public func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, lr: Float) {
        step += 1
        let b1 = beta1, b2 = beta2, eps = epsilon
        let c1 = 1 / (1 - powf(b1, Float(step))), c2 = 1 / (1 - powf(b2, Float(step)))
        for (range, decays) in zip(ranges, decayMask) {
            let shrink: Float = decays ? 1 - lr * weightDecay : 1
            for i in range {
                let g = gradients[i]
                let mi = b1 * m[i] + (1 - b1) * g
                let vi = b2 * v[i] + (1 - b2) * g * g
                m[i] = mi
                v[i] = vi
                parameters[i] = parameters[i] * shrink - lr * (mi * c1) / ((vi * c2).squareRoot() + eps)
            }
        }
    }
}
