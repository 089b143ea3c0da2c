// Rational arithmetic benchmarks: nanoseconds per operation.
//
//     swift run -c release --scratch-path .build-arith RationalBenchmarks [name-filter]
//
// Each case runs a loop over two pre-built operand tables (1024 entries, so operands are
// varied but stay in cache), folds every result's sign into a checksum that is printed
// (so the optimiser cannot drop the work), and reports the best of several runs (wall
// time from ContinuousClock, and this thread's CPU time, which excludes time spent
// descheduled; on a shared machine the best run is the one least disturbed). A "baseline" case does the same loop without arithmetic, to show
// the loop's own cost (table loads, copies of the operands, the checksum).

import GouguArithmetic

#if canImport(Glibc)
import Glibc

/// This thread's CPU time in nanoseconds: unlike wall time, it does not count time the
/// thread spent descheduled, which dominates on a loaded shared machine.
func threadCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}
#else
func threadCPUNanoseconds() -> Double { .nan }
#endif

/// SplitMix64, so the operands are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

var rng = SplitMix64(state: 2026)
let tableSize = 1024
let mask = tableSize - 1

@MainActor
func table(_ make: (inout SplitMix64) -> Rational) -> [Rational] {
    (0..<tableSize).map { _ in make(&rng) }
}

func digits(_ count: Int, _ rng: inout SplitMix64) -> String {
    var s = String(Int.random(in: 1...9, using: &rng))
    for _ in 1..<count { s += String(Int.random(in: 0...9, using: &rng)) }
    return s
}

let smallInts = table { Rational(Int.random(in: -1_000_000...1_000_000, using: &$0)) }
let smallFractions = table {
    Rational(Int.random(in: -10_000...10_000, using: &$0), Int.random(in: 1...10_000, using: &$0))
}
let bigInts = table { Rational(digits(100, &$0))! }
let bigFractions = table { Rational(digits(100, &$0) + "/" + digits(100, &$0))! }

var checksum = 0

/// Best-of-`runs` nanoseconds per iteration of `body`, which gets the iteration index.
@MainActor @inline(__always)
func measure(_ name: String, iterations: Int, runs: Int = 9, _ body: (Int) -> Rational) {
    if let filter = CommandLine.arguments.dropFirst().first, !name.contains(filter) { return }
    let clock = ContinuousClock()
    var bestWall = Double.infinity, bestCPU = Double.infinity
    for _ in 0..<runs {
        var local = 0
        let cpuStart = threadCPUNanoseconds()
        let elapsed = clock.measure {
            for i in 0..<iterations {
                local &+= body(i).signum()
            }
        }
        let cpu = threadCPUNanoseconds() - cpuStart
        checksum &+= local
        let (seconds, attoseconds) = elapsed.components
        let wall = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        bestWall = min(bestWall, wall / Double(iterations))
        bestCPU = min(bestCPU, cpu / Double(iterations))
    }
    let padded = name + String(repeating: " ", count: max(0, 48 - name.count))
    print(padded + column(bestWall) + column(bestCPU))
}

/// `x` right-aligned in 11 columns with two decimals (no Foundation).
func column(_ x: Double) -> String {
    let text = format(x)
    return String(repeating: " ", count: max(0, 11 - text.count)) + text
}

/// `x` with two decimals (no Foundation).
func format(_ x: Double) -> String {
    let hundredths = Int(x * 100 + 0.5)
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}

print("Rational benchmarks (best of 9 runs; operands from 1024-entry tables)")
print("MemoryLayout<Rational>: size \(MemoryLayout<Rational>.size), stride \(MemoryLayout<Rational>.stride)")
print("ns per operation" + String(repeating: " ", count: 32) + "wall clock" + "   thread CPU")
let smallIterations = 5_000_000
let bigIterations = 100_000

measure("baseline: load + signum, no arithmetic", iterations: smallIterations) { i in
    smallFractions[i & mask]
}
measure("small add, integers (den 1)", iterations: smallIterations) { i in
    smallInts[i & mask] + smallInts[(i &+ 7) & mask]
}
measure("small add, fractions (|n|, d <= 10^4)", iterations: smallIterations) { i in
    smallFractions[i & mask] + smallFractions[(i &+ 7) & mask]
}
measure("small multiply, integers", iterations: smallIterations) { i in
    smallInts[i & mask] * smallInts[(i &+ 7) & mask]
}
measure("small multiply, fractions", iterations: smallIterations) { i in
    smallFractions[i & mask] * smallFractions[(i &+ 7) & mask]
}
measure("small a += b * c (addProduct), fractions", iterations: smallIterations) { i in
    var a = smallFractions[i & mask]
    a.addProduct(smallFractions[(i &+ 7) & mask], smallFractions[(i &+ 13) & mask])
    return a
}
measure("large add, 100-digit integers", iterations: bigIterations) { i in
    bigInts[i & mask] + bigInts[(i &+ 7) & mask]
}
measure("large add, 100-digit/100-digit fractions", iterations: bigIterations) { i in
    bigFractions[i & mask] + bigFractions[(i &+ 7) & mask]
}
measure("large multiply, 100-digit integers", iterations: bigIterations) { i in
    bigInts[i & mask] * bigInts[(i &+ 7) & mask]
}
measure("large multiply, 100-digit/100-digit fractions", iterations: bigIterations) { i in
    bigFractions[i & mask] * bigFractions[(i &+ 7) & mask]
}
measure("mixed add, 100-digit integer + small integer", iterations: bigIterations) { i in
    bigInts[i & mask] + smallInts[(i &+ 7) & mask]
}
measure("mixed add, 100-digit integer + small fraction", iterations: bigIterations) { i in
    bigInts[i & mask] + smallFractions[(i &+ 7) & mask]
}
measure("mixed add, word overflow (2^62-ish + 2^62-ish)", iterations: bigIterations) { i in
    Rational(Int.max - (i & mask)) + Rational(Int.max - 1000)
}

print("checksum \(checksum)")
