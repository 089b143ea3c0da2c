import Testing
@testable import GouguNeural

/// Naive triple loop: C = alpha * op(A) * op(B) + beta * C, in Double.
func referenceGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                   a: [Float], b: [Float], beta: Float, c: [Float]) -> [Float] {
    var out = c
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k {
                let av = transA ? a[p * m + i] : a[i * k + p]
                let bv = transB ? b[j * k + p] : b[p * n + j]
                s += Double(av) * Double(bv)
            }
            out[i * n + j] = Float(Double(alpha) * s + Double(beta) * Double(c[i * n + j]))
        }
    }
    return out
}

func randomArray(_ count: Int, _ rng: inout SplitMix64) -> [Float] {
    (0..<count).map { _ in Float(rng.nextUniform() * 2 - 1) }
}

func maxError(_ x: [Float], _ y: [Float]) -> Float {
    zip(x, y).map { abs($0 - $1) }.max() ?? 0
}

let oddShapes: [(Int, Int, Int)] = [
    (1, 1, 1), (3, 5, 7), (17, 33, 65), (65, 17, 127), (127, 33, 17), (7, 130, 300), (130, 7, 259),
]

@Test("GEMM matches the naive reference on odd sizes, for all four transpose combinations",
      arguments: [(false, false), (true, false), (false, true), (true, true)])
func gemmMatchesReference(transA: Bool, transB: Bool) {
    var rng = SplitMix64(seed: 7)
    let linalg = Linalg.singleThreaded()
    for (m, n, k) in oddShapes {
        let a = randomArray(m * k, &rng), b = randomArray(k * n, &rng), c0 = randomArray(m * n, &rng)
        var c = c0
        linalg.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5,
                     a: a, lda: transA ? m : k, b: b, ldb: transB ? k : n, beta: 2, c: &c, ldc: n)
        let expected = referenceGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5,
                                     a: a, b: b, beta: 2, c: c0)
        #expect(maxError(c, expected) < 1e-4 * Float(k + 1), "shape \(m)x\(n)x\(k)")
    }
}

@Test func gemmWithTwoThreadsMatchesSingleThreaded() {
    var rng = SplitMix64(seed: 8)
    let one = Linalg.singleThreaded(), two = Linalg(pool: ThreadPool(threadCount: 2))
    for (m, n, k) in [(200, 150, 90), (150, 300, 64), (33, 517, 129)] {
        let a = randomArray(m * k, &rng), b = randomArray(k * n, &rng)
        var c1 = [Float](repeating: 0, count: m * n), c2 = c1
        one.sgemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n,
                  beta: 0, c: &c1, ldc: n)
        two.sgemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n,
                  beta: 0, c: &c2, ldc: n)
        #expect(c1 == c2, "shape \(m)x\(n)x\(k)")
    }
}

@Test func gemmWithBetaZeroIgnoresGarbageInC() {
    let linalg = Linalg.singleThreaded()
    let a: [Float] = [1, 2, 3, 4], b: [Float] = [1, 0, 0, 1]
    var c: [Float] = [.nan, .nan, .nan, .nan]
    linalg.sgemm(transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2, b: b, ldb: 2,
                 beta: 0, c: &c, ldc: 2)
    #expect(c == [1, 2, 3, 4])
}

@Test("GEMV matches the naive reference on odd sizes", arguments: [false, true])
func gemvMatchesReference(trans: Bool) {
    var rng = SplitMix64(seed: 9)
    let linalg = Linalg(pool: ThreadPool(threadCount: 2))
    for (m, n) in [(1, 1), (3, 17), (17, 3), (65, 127), (127, 65), (300, 513)] {
        let a = randomArray(m * n, &rng)
        let x = randomArray(trans ? m : n, &rng)
        let y0 = randomArray(trans ? n : m, &rng)
        var y = y0
        linalg.sgemv(trans: trans, m: m, n: n, alpha: 1.5, a: a, lda: n, x: x, beta: -1, y: &y)
        // GEMV is GEMM with a one-column right-hand side.
        let expected = referenceGemm(transA: trans, transB: false, m: trans ? n : m, n: 1, k: trans ? m : n,
                                     alpha: 1.5, a: a, b: x, beta: -1, c: y0)
        #expect(maxError(y, expected) < 1e-4 * Float(max(m, n)), "shape \(m)x\(n)")
    }
}

@Test func threadPoolRunsEveryIndexExactlyOnce() {
    let pool = ThreadPool(threadCount: 2)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: 100)
    counts.initialize(repeating: 0, count: 100)
    defer { counts.deallocate() }
    let p = SendablePointer(counts)
    for _ in 0..<50 { pool.parallelFor(count: 100) { i in p.pointer[i] += 1 } }
    #expect((0..<100).allSatisfy { counts[$0] == 50 })
}
