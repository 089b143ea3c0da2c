// Timing of the AR linear-algebra core: `swift run -c release AlgebraBenchmarks`.
//
// Builds tables from random sparse equations with a known solution (so every table is
// consistent), then times normal-form and certificate queries.

import Glibc
import GouguArithmetic
import GouguDeduction

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func seconds(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return now() - start
}

/// `x` with `digits` decimals.
func fixed(_ x: Double, _ digits: Int) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (x * p).rounded() / p
    var text = "\(r)"
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
}

enum Shape: String { case eqangle = "±1, 2 or 4 terms (AR-like)", random = "coefficients ±1…±3, 1–4 terms" }

func equations(_ shape: Shape, variables n: Int, count: Int, modulus: Rational?, seed: UInt64)
    -> (solution: [Rational], equations: [LinearExpression])
{
    var rng = SplitMix(state: seed)
    let solution = (0..<n).map { _ in Rational(Int.random(in: 0..<24, using: &rng), 24) }
    var result: [LinearExpression] = []
    for _ in 0..<count {
        var terms: [(variable: Int, coefficient: Rational)] = []
        switch shape {
        case .eqangle:
            let four = Bool.random(using: &rng)
            for k in 0..<(four ? 4 : 2) {
                terms.append((Int.random(in: 0..<n, using: &rng), k % 2 == 0 ? 1 : -1))
            }
        case .random:
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                terms.append((Int.random(in: 0..<n, using: &rng),
                              Rational(Int.random(in: 1...3, using: &rng) * (Bool.random(using: &rng) ? 1 : -1))))
            }
        }
        var e = LinearExpression(terms: terms)
        var k = Rational.zero
        for (v, c) in zip(e.variables, e.coefficients) { k.subtractProduct(c, solution[v]) }
        e.constant = k
        result.append(e)
    }
    return (solution, result)
}

func run(_ shape: Shape, variables n: Int, count: Int, modulus: Rational?, queries: Int) {
    let (_, eqs) = equations(shape, variables: n, count: count, modulus: modulus, seed: 7)
    var system = LinearSystem(modulus: modulus)
    var added = 0, redundant = 0, inconsistent = 0
    let tAdd = seconds {
        for (k, e) in eqs.enumerated() {
            switch system.add(e, id: EquationID(k)) {
            case .added: added += 1
            case .redundant: redundant += 1
            case .inconsistent: inconsistent += 1
            }
        }
    }
    // Queries: random 2- and 4-term ±1 expressions (the shape of eqangle/eqratio goals).
    var rng = SplitMix(state: 99)
    var probes: [LinearExpression] = []
    for _ in 0..<queries {
        var terms: [(variable: Int, coefficient: Rational)] = []
        for k in 0..<(Bool.random(using: &rng) ? 2 : 4) {
            terms.append((Int.random(in: 0..<n, using: &rng), k % 2 == 0 ? 1 : -1))
        }
        probes.append(LinearExpression(terms: terms))
    }
    var buckets = Set<LinearExpression>()
    let tNormal = seconds { for p in probes { buckets.insert(system.normalForm(of: p)) } }
    var found = 0
    let certificateProbes = eqs.prefix(min(queries, eqs.count)).indices.map { k in
        eqs[k] + eqs[(k * 7 + 3) % eqs.count]
    }
    var certificateSize = 0
    let tCert = seconds {
        for p in certificateProbes {
            if let c = system.certificate(for: p) { found += 1; certificateSize += c.ids.count }
        }
    }
    // Check every certificate independently (untimed).
    let premises = Dictionary(uniqueKeysWithValues: eqs.indices.map { (EquationID($0), eqs[$0]) })
    var verified = 0
    for p in certificateProbes {
        if let c = system.certificate(for: p),
           LinearSystem.verify(c, premises: premises, target: p, modulus: modulus) { verified += 1 }
    }
    var rowTerms = 0, rowProvenance = 0
    for (e, c) in system.basis { rowTerms += e.variables.count; rowProvenance += c.ids.count }
    let mod = modulus.map { "mod \($0)" } ?? "over Q"
    print("""
        \(mod), \(shape.rawValue): \(count) equations over \(n) variables
          add: \(fixed(tAdd, 3)) s (\(fixed(tAdd / Double(count) * 1e6, 1)) µs each); \
        added \(added), redundant \(redundant), inconsistent \(inconsistent)
          basis: \(system.equationCount) rows, \(rowTerms) terms, \(rowProvenance) provenance entries
          normalForm: \(queries) queries in \(fixed(tNormal, 3)) s \
        (\(fixed(tNormal / Double(queries) * 1e6, 1)) µs each), \(buckets.count) distinct
          certificate: \(certificateProbes.count) implied targets in \(fixed(tCert, 3)) s \
        (\(fixed(tCert / Double(max(1, certificateProbes.count)) * 1e6, 1)) µs each), \
        \(found) found (\(verified) verified), mean size \(fixed(Double(certificateSize) / Double(max(1, found)), 1))
        """)
}

let args = CommandLine.arguments
let scale = args.count > 1 ? Int(args[1]) ?? 1 : 1
for modulus in [Rational?.none, Rational(1)] {
    run(.eqangle, variables: 500 * scale, count: 2000 * scale, modulus: modulus, queries: 10000)
    run(.eqangle, variables: 2000 * scale, count: 1500 * scale, modulus: modulus, queries: 10000)
    run(.random, variables: 500 * scale, count: 2000 * scale, modulus: modulus, queries: 10000)
}
