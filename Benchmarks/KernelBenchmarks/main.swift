// Kernel and model benchmarks for the neural core: `swift run -c release KernelBenchmarks`.
//
// Output lines are tab-separated, `kind  threads  size  GFLOP/s`, so that
// scripts/neural/bench_vs_openblas.sh can join them with numpy's numbers.
// Arguments: `gemm`, `gemv` (default: both), `--sizes 64,128,...`, `--threads 1,2`;
// `--write-safetensors PREFIX` instead writes PREFIX.safetensors (F32 + F16 tensors),
// PREFIX-bf16.safetensors and PREFIX-model.safetensors for scripts/neural/check_safetensors.py.
import Foundation
import GouguNeural

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Best-of-5 seconds per call of `body`, each sample long enough (~0.1 s) to time.
func timePerCall(flopsPerCall: Double, _ body: () -> Void) -> Double {
    body()
    let reps = max(1, Int(0.1 * 5e10 / max(flopsPerCall, 1)))
    var best = Double.infinity
    for _ in 0..<5 {
        let t0 = now()
        for _ in 0..<reps { body() }
        best = min(best, (now() - t0) / Double(reps))
    }
    return best
}

var kinds: [String] = []
var sizes = [64, 128, 256, 512, 1024]
var threadCounts = [1, 2]
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--write-safetensors":
        let prefix = args.removeFirst()
        let values = (0..<12).map { Float($0 - 6) * 0.25 }  // matches check_safetensors.py
        try SafetensorsFile(tensors: [
            "f32": SafetensorsTensor(dtype: .f32, shape: [3, 4], values: values),
            "f16": SafetensorsTensor(dtype: .f16, shape: [3, 4], values: values),
        ], metadata: ["written_by": "gougu KernelBenchmarks"]).write(to: URL(fileURLWithPath: prefix + ".safetensors"))
        try SafetensorsFile(tensors: ["bf16": SafetensorsTensor(dtype: .bf16, shape: [3, 4], values: values)])
            .write(to: URL(fileURLWithPath: prefix + "-bf16.safetensors"))
        let tokenizer = Tokenizer(words: (0..<100).map { "w\($0)" })
        let model = Transformer(config: TransformerConfig(vocabSize: tokenizer.count, contextLength: 64, dim: 64,
                                                          layers: 2, heads: 4), seed: 1)
        try model.save(to: URL(fileURLWithPath: prefix + "-model.safetensors"), tokenizer: tokenizer)
        exit(0)
    case "--sizes": sizes = args.removeFirst().split(separator: ",").map { Int($0)! }
    case "--threads": threadCounts = args.removeFirst().split(separator: ",").map { Int($0)! }
    default: kinds.append(a)
    }
}
if kinds.isEmpty { kinds = ["gemm", "gemv"] }

let pool = ThreadPool(threadCount: threadCounts.max() ?? 1)
let linalg = Linalg(pool: pool)
var rng = SplitMix64(seed: 1)
for kind in kinds {
    for threads in threadCounts {
        for n in sizes {
            let a = (0..<n * n).map { _ in Float(rng.nextUniform() - 0.5) }
            let b = (0..<n * n).map { _ in Float(rng.nextUniform() - 0.5) }
            var c = [Float](repeating: 0, count: n * n)
            let flops: Double
            let seconds: Double
            if kind == "gemm" {
                flops = 2 * Double(n) * Double(n) * Double(n)
                seconds = timePerCall(flopsPerCall: flops) {
                    linalg.sgemm(transA: false, transB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n,
                                 b: b, ldb: n, beta: 0, c: &c, ldc: n, threads: threads)
                }
            } else {
                flops = 2 * Double(n) * Double(n)
                seconds = timePerCall(flopsPerCall: flops * 20) {
                    linalg.sgemv(trans: false, m: n, n: n, alpha: 1, a: a, lda: n, x: b, beta: 0, y: &c,
                                 threads: threads)
                }
            }
            print("\(kind)\t\(threads)\t\(n)\t\(String(format: "%.2f", flops / seconds / 1e9))")
        }
    }
}
