import GouguArithmetic
import Testing
@testable import GouguDeduction
import GouguTestSupport

/// A random consistent sparse system with a known solution.
private struct RandomSystem {
    let modulus: Rational?
    let solution: [Rational]
    var premises: [(EquationID, LinearExpression)] = []

    init(seed: UInt64, variables: Int, equations: Int, modulus: Rational?) {
        self.modulus = modulus
        var rng = SplitMix64(seed: seed)
        // Angles: multiples of 1/12 (so 2x ≡ c has solutions the table must not pick);
        // exact tables: small fractions.
        solution = (0..<variables).map { _ in
            modulus == nil ? Rational(Int.random(in: -9...9, using: &rng), Int.random(in: 1...4, using: &rng))
                           : Rational(Int.random(in: 0...11, using: &rng), 12)
        }
        for k in 0..<equations {
            let size = Int.random(in: 1...4, using: &rng)
            var terms: [(variable: Int, coefficient: Rational)] = []
            for _ in 0..<size {
                let c = Int.random(in: 1...3, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
                terms.append((Int.random(in: 0..<variables, using: &rng), Rational(c)))
            }
            var e = LinearExpression(terms: terms)
            var k0 = -evaluate(e, at: solution)
            if modulus != nil { k0 += Rational(Int.random(in: -2...2, using: &rng)) }
            e.constant = k0
            premises.append((EquationID(k + 1), e))
        }
    }

    var premiseTable: [EquationID: LinearExpression] { Dictionary(uniqueKeysWithValues: premises) }

    /// Whether `e` vanishes at the known solution (modulo the modulus).
    func vanishes(_ e: LinearExpression) -> Bool {
        let value = evaluate(e, at: solution)
        if let m = modulus { return (value / m).isInteger }
        return value.isZero
    }

    func build(order: [Int]? = nil) -> (LinearSystem, [LinearSystem.Addition]) {
        var system = LinearSystem(modulus: modulus)
        var results: [LinearSystem.Addition] = []
        for index in order ?? Array(premises.indices) {
            results.append(system.add(premises[index].1, id: premises[index].0))
        }
        return (system, results)
    }
}

private func evaluate(_ e: LinearExpression, at x: [Rational]) -> Rational {
    var value = e.constant
    for (v, c) in zip(e.variables, e.coefficients) { value.addProduct(c, x[v]) }
    return value
}

private let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
private let moduli: [Rational?] = [nil, Rational(1)]

@Test(arguments: moduli)
func randomConsistentSystemsAreNeverReportedInconsistent(modulus: Rational?) {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 25, equations: 50, modulus: modulus)
        let (_, results) = r.build()
        for result in results {
            if case .inconsistent = result { Issue.record("seed \(seed): inconsistent \(result)") }
        }
    }
}

@Test(arguments: moduli)
func redundantCertificatesVerify(modulus: Rational?) {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 25, equations: 50, modulus: modulus)
        let (_, results) = r.build()
        let table = r.premiseTable
        var redundant = 0
        for (k, result) in results.enumerated() {
            guard case .redundant(let c) = result else { continue }
            redundant += 1
            #expect(!c.ids.contains(r.premises[k].0))
            #expect(LinearSystem.verify(c, premises: table, target: r.premises[k].1, modulus: modulus))
        }
        #expect(redundant > 0)
    }
}

@Test(arguments: moduli)
func basisRowsEqualTheirProvenance(modulus: Rational?) {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 25, equations: 40, modulus: modulus)
        let (system, _) = r.build()
        let table = r.premiseTable
        for (expression, certificate) in system.basis {
            #expect(LinearSystem.verify(certificate, premises: table, target: expression, modulus: modulus))
        }
    }
}

@Test(arguments: moduli)
func combinationsOfPremisesAreDerivedWithVerifiedCertificates(modulus: Rational?) throws {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 25, equations: 30, modulus: modulus)
        let (system, _) = r.build()
        let table = r.premiseTable
        var rng = SplitMix64(seed: seed &* 77)
        for _ in 0..<30 {
            var target = LinearExpression(constant: .zero)
            for _ in 0..<3 {
                let (_, e) = r.premises.randomElement(using: &rng)!
                let scale = modulus == nil ? Rational(Int.random(in: -5...5, using: &rng), Int.random(in: 1...3, using: &rng))
                                           : Rational(Int.random(in: -3...3, using: &rng))
                target = target + scale * e
            }
            if modulus != nil { target.constant += Rational(Int.random(in: -2...2, using: &rng)) }
            let c = try #require(system.certificate(for: target), "seed \(seed): \(target) not derived")
            if modulus != nil { #expect(c.isIntegral) }
            #expect(LinearSystem.verify(c, premises: table, target: target, modulus: modulus))
            #expect(system.implies(target))
        }
    }
}

@Test(arguments: moduli)
func derivedRandomExpressionsHoldAtTheKnownSolution(modulus: Rational?) {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 12, equations: 10, modulus: modulus)
        let (system, _) = r.build()
        let table = r.premiseTable
        var rng = SplitMix64(seed: seed &* 31)
        var derived = 0
        for _ in 0..<300 {
            var terms: [(variable: Int, coefficient: Rational)] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                terms.append((Int.random(in: 0..<12, using: &rng), Rational(Int.random(in: -2...2, using: &rng))))
            }
            var e = LinearExpression(terms: terms)
            e.constant = -evaluate(e, at: r.solution)  // true at the solution; implied or not
            if Bool.random(using: &rng) { e.constant += Rational(1, 2) }
            if let c = system.certificate(for: e) {
                derived += 1
                #expect(r.vanishes(e))
                #expect(LinearSystem.verify(c, premises: table, target: e, modulus: modulus))
            } else {
                #expect(!system.implies(e))
            }
        }
        _ = derived
    }
}

@Test(arguments: moduli)
func perturbedConstantOfAnImpliedEquationIsInconsistent(modulus: Rational?) throws {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 20, equations: 30, modulus: modulus)
        var (system, _) = r.build()
        var table = r.premiseTable
        var target = r.premises[0].1 + r.premises[1].1
        target.constant += Rational(1, 3)
        let id = EquationID(1000)
        table[id] = target
        let result = system.add(target, id: id)
        guard case .inconsistent(let c) = result else { Issue.record("seed \(seed): \(result)"); continue }
        #expect(c.ids.contains(id))
        #expect(LinearSystem.verifyInconsistency(c, premises: table, modulus: modulus))
    }
}

@Test func premiseOrderDoesNotChangeTheBasisOrNormalFormsModuloOne() {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 20, equations: 35, modulus: 1)
        var rng = SplitMix64(seed: seed &+ 1000)
        let (forward, _) = r.build()
        let (shuffled, _) = r.build(order: Array(r.premises.indices).shuffled(using: &rng))
        #expect(forward.equationCount == shuffled.equationCount)
        #expect(forward.basis.map(\.expression) == shuffled.basis.map(\.expression))
        for _ in 0..<50 {
            var terms: [(variable: Int, coefficient: Rational)] = []
            for _ in 0..<3 {
                terms.append((Int.random(in: 0..<20, using: &rng), Rational(Int.random(in: -3...3, using: &rng))))
            }
            let e = LinearExpression(terms: terms, constant: Rational(Int.random(in: 0...5, using: &rng), 4))
            #expect(forward.normalForm(of: e) == shuffled.normalForm(of: e))
        }
    }
}

/// Over Q the basis depends on the order (pivots are chosen to keep rows sparse), but not
/// what it spans, nor the certificates: the premises kept are independent, so each implied
/// equation has one combination of them.
@Test func premiseOrderDoesNotChangeWhatAnExactTableSpansOrItsCertificates() {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 20, equations: 35, modulus: nil)
        var rng = SplitMix64(seed: seed &+ 1000)
        let order = Array(r.premises.indices).shuffled(using: &rng)
        let (forward, forwardResults) = r.build()
        let (shuffled, shuffledResults) = r.build(order: order)
        #expect(forward.equationCount == shuffled.equationCount)
        for (expression, _) in forward.basis { #expect(shuffled.implies(expression)) }
        for (expression, _) in shuffled.basis { #expect(forward.implies(expression)) }
        // The same premises kept, so the same certificates for every implied equation.
        let keptForward = Set(forwardResults.indices.filter { if case .added = forwardResults[$0] { true } else { false } })
        let keptShuffled = Set(shuffledResults.indices.filter { if case .added = shuffledResults[$0] { true } else { false } }
            .map { order[$0] })
        guard keptForward == keptShuffled else { continue }
        for _ in 0..<50 {
            let a = r.premises[Int.random(in: 0..<r.premises.count, using: &rng)].1
            let b = r.premises[Int.random(in: 0..<r.premises.count, using: &rng)].1
            let e = Rational(Int.random(in: -3...3, using: &rng)) * a + b
            #expect(forward.certificate(for: e) == shuffled.certificate(for: e))
            #expect(forward.implies(e))
            let n1 = forward.normalForm(of: e), n2 = forward.normalForm(of: b)
            #expect((n1 == n2) == forward.implies(e - b))
        }
    }
}

@Test(arguments: moduli)
func premiseOrderDoesNotChangeWhichEquationsAreImplied(modulus: Rational?) {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 15, equations: 12, modulus: modulus)
        var rng = SplitMix64(seed: seed &+ 2000)
        let (forward, _) = r.build()
        let (reversed, _) = r.build(order: Array(r.premises.indices.reversed()))
        for _ in 0..<200 {
            var terms: [(variable: Int, coefficient: Rational)] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                terms.append((Int.random(in: 0..<15, using: &rng), Rational(Int.random(in: -2...2, using: &rng))))
            }
            var e = LinearExpression(terms: terms)
            e.constant = -evaluate(e, at: r.solution)
            #expect((forward.certificate(for: e) == nil) == (reversed.certificate(for: e) == nil))
        }
    }
}

@Test func normalFormsEqualExactlyWhenTheDifferenceIsImpliedModuloOne() {
    let r = RandomSystem(seed: 42, variables: 10, equations: 8, modulus: 1)
    let (system, _) = r.build()
    var rng = SplitMix64(seed: 4242)
    var expressions: [LinearExpression] = []
    for _ in 0..<60 {
        var terms: [(variable: Int, coefficient: Rational)] = []
        for _ in 0..<2 {
            terms.append((Int.random(in: 0..<10, using: &rng), Rational(Int.random(in: -2...2, using: &rng))))
        }
        expressions.append(LinearExpression(terms: terms, constant: Rational(Int.random(in: 0...3, using: &rng), 4)))
    }
    for a in expressions {
        for b in expressions {
            let same = system.normalForm(of: a) == system.normalForm(of: b)
            #expect(same == (system.certificate(for: a - b) != nil))
        }
    }
}

/// Over Q a certificate cannot be shortened: the premises kept are independent, so no
/// proper part of the equations it cites derives its target. (The fact store relies on it
/// to minimize only angle certificates.)
@Test func exactCertificatesCannotBeShortened() {
    for seed in seeds {
        let r = RandomSystem(seed: seed, variables: 20, equations: 30, modulus: nil)
        let (system, _) = r.build()
        let table = r.premiseTable
        var rng = SplitMix64(seed: seed &+ 3000)
        for _ in 0..<20 {
            let a = r.premises[Int.random(in: 0..<r.premises.count, using: &rng)].1
            let b = r.premises[Int.random(in: 0..<r.premises.count, using: &rng)].1
            let target = Rational(Int.random(in: 1...3, using: &rng)) * a + b
            guard let certificate = system.certificate(for: target), certificate.ids.count > 1 else { continue }
            for dropped in certificate.ids {
                var smaller = LinearSystem(modulus: nil)
                for id in certificate.ids where id != dropped { smaller.add(table[id]!, id: id) }
                #expect(smaller.certificate(for: target) == nil)
            }
        }
    }
}
