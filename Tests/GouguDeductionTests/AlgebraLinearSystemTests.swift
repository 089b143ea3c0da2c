import GouguArithmetic
import Testing
@testable import GouguDeduction

// Helpers: `expr([0: 1, 1: -1], 1/2)` is x0 − x1 + 1/2.
private func expr(_ terms: [Int: Rational], _ constant: Rational = .zero) -> LinearExpression {
    LinearExpression(terms, constant: constant)
}

private func half() -> Rational { Rational(1, 2) }

/// A table plus the premises it was given, so certificates can be checked independently.
private struct Table {
    var system: LinearSystem
    var premises: [EquationID: LinearExpression] = [:]
    var nextID = 1
    init(modulus: Rational?) { system = LinearSystem(modulus: modulus) }

    @discardableResult
    mutating func add(_ e: LinearExpression) -> (EquationID, LinearSystem.Addition) {
        let id = EquationID(nextID)
        nextID += 1
        let result = system.add(e, id: id)
        premises[id] = e  // kept even when rejected: certificates for rejections mention it
        return (id, result)
    }

    func verify(_ c: Certificate, _ target: LinearExpression) -> Bool {
        LinearSystem.verify(c, premises: premises, target: target, modulus: system.modulus)
    }
}

// MARK: - Angle chasing (modulus 1)

@Test func twoParallelsToAThirdLineAreParallel() throws {
    var t = Table(modulus: 1)
    let (a, _) = t.add(expr([0: 1, 1: -1]))  // d0 ∥ d1
    let (b, _) = t.add(expr([1: 1, 2: -1]))  // d1 ∥ d2
    let target = expr([0: 1, 2: -1])
    let c = try #require(t.system.certificate(for: target))
    #expect(c == Certificate(combination: [(a, 1), (b, 1)]))
    #expect(t.verify(c, target))
}

@Test func twoPerpendicularsToALineAreParallel() throws {
    var t = Table(modulus: 1)
    t.add(expr([0: 1, 1: -1], -half()))  // d0 ⊥ d1
    t.add(expr([1: 1, 2: -1], -half()))  // d1 ⊥ d2
    let target = expr([0: 1, 2: -1])     // constants: −1/2 − 1/2 = −1 ≡ 0
    let c = try #require(t.system.certificate(for: target))
    #expect(c.coefficients == [1, 1])
    #expect(t.verify(c, target))
}

@Test func twoPerpendicularsDoNotGiveAParallelOverQ() {
    var t = Table(modulus: nil)
    t.add(expr([0: 1, 1: -1], -half()))
    t.add(expr([1: 1, 2: -1], -half()))
    #expect(t.system.certificate(for: expr([0: 1, 2: -1])) == nil)
    #expect(t.system.certificate(for: expr([0: 1, 2: -1], -1)) != nil)
}

@Test func halvingIsNotDerivedModuloOne() {
    var t = Table(modulus: 1)
    t.add(expr([0: 2]))  // 2x ≡ 0 (mod 1) allows x ≡ 1/2
    #expect(t.system.certificate(for: expr([0: 1])) == nil)
    #expect(t.system.normalForm(of: expr([0: 1])) != t.system.normalForm(of: expr([:])))
}

@Test func theLeastImpliedMultipleOfAHalfIsTwo() throws {
    var t = Table(modulus: 1)
    t.add(expr([0: -2, 1: 1, 2: 1]))  // d1 − d0 = d0 − d2: d0 bisects, 2·d0 ≡ d1 + d2
    t.add(expr([3: -2, 1: 1, 2: 1]))  // d3 bisects the same angle
    // d0 − d3 is 0 or 1/2 (the same bisector or the other one): twice it is implied.
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 3: -1]), upTo: 12) == 2)
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 3: -1], half()), upTo: 12) == 2)
    let c = try #require(t.system.certificate(for: expr([0: 2, 3: -2])))
    #expect(t.verify(c, expr([0: 2, 3: -2])))
    // Implied itself: 1. No multiple of an unrelated direction: nil.
    #expect(t.system.leastImpliedMultiple(of: expr([0: 2, 3: -2]), upTo: 12) == 1)
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 4: -1]), upTo: 12) == nil)
}

@Test func aMultipleBeyondTheLargestAskedIsNotReported() {
    var t = Table(modulus: 1)
    t.add(expr([0: 3, 1: -3]))  // 3·(d0 − d1) ≡ 0: d0 − d1 is 0, 1/3 or 2/3
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 1: -1]), upTo: 12) == 3)
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 1: -1], Rational(1, 3)), upTo: 12) == 3)
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 1: -1]), upTo: 2) == nil)
    // A constant the multiple does not clear: 3·(d0 − d1 + 1/4) ≡ 3/4, never 0.
    #expect(t.system.leastImpliedMultiple(of: expr([0: 1, 1: -1], Rational(1, 4)), upTo: 3) == nil)
}

@Test func halvingIsDerivedOverQ() throws {
    var t = Table(modulus: nil)
    t.add(expr([0: 2]))
    let c = try #require(t.system.certificate(for: expr([0: 1])))
    #expect(c.coefficients == [half()])
    #expect(t.verify(c, expr([0: 1])))
}

@Test func gcdOfTwoMultiplesIsDerivedModuloOne() throws {
    var t = Table(modulus: 1)
    t.add(expr([0: 2]))
    t.add(expr([0: 3, 1: 1], Rational(1, 3)))
    // 3x + y + 1/3 − 2x = x + y + 1/3: an integer combination.
    let target = expr([0: 1, 1: 1], Rational(1, 3))
    let c = try #require(t.system.certificate(for: target))
    #expect(c.isIntegral)
    #expect(t.verify(c, target))
}

@Test func eqangleWithRepeatedLineKeepsIntegerPivot() throws {
    var t = Table(modulus: 1)
    t.add(expr([0: -2, 1: 1, 2: 1]))  // d1 − d0 = d0 − d2
    #expect(t.system.certificate(for: expr([0: 1], Rational(-1, 2))) == nil)
    t.add(expr([1: 1, 2: -1]))        // d1 = d2, so 2·(d1 − d0) ≡ 0 only
    #expect(t.system.certificate(for: expr([0: 1, 1: -1])) == nil)
    let target = expr([0: 2, 1: -2])
    let c = try #require(t.system.certificate(for: target))
    #expect(t.verify(c, target))
}

@Test func redundantAdditionIsReportedWithCertificate() throws {
    var t = Table(modulus: 1)
    let (a, _) = t.add(expr([0: 1, 1: -1], -half()))
    let (b, _) = t.add(expr([1: 1, 2: -1]))
    let target = expr([0: 1, 2: -1], half())
    let (_, result) = t.add(target)
    guard case .redundant(let c) = result else { Issue.record("expected redundant, got \(result)"); return }
    #expect(c == Certificate(combination: [(a, 1), (b, 1)]))
    #expect(t.verify(c, target))
    #expect(t.system.equationCount == 2)
}

@Test func inconsistentAdditionIsReportedWithCertificate() {
    var t = Table(modulus: 1)
    t.add(expr([0: 1, 1: -1]))
    let (id, result) = t.add(expr([0: 1, 1: -1], -half()))
    guard case .inconsistent(let c) = result else { Issue.record("expected inconsistent, got \(result)"); return }
    #expect(c.ids.contains(id))
    #expect(LinearSystem.verifyInconsistency(c, premises: t.premises, modulus: 1))
    #expect(t.system.equationCount == 1)
}

@Test func inconsistencyFoundAfterAGcdStepLeavesTheTableUnchanged() {
    var t = Table(modulus: 1)
    t.add(expr([0: 2]))
    let before = t.system.normalForm(of: expr([0: 1]))
    // x ≡ −1/4 gives 2x ≡ −1/2 ≢ 0.
    let (_, result) = t.add(expr([0: 1], Rational(1, 4)))
    guard case .inconsistent(let c) = result else { Issue.record("expected inconsistent, got \(result)"); return }
    #expect(LinearSystem.verifyInconsistency(c, premises: t.premises, modulus: 1))
    #expect(t.system.normalForm(of: expr([0: 1])) == before)
    #expect(t.system.basis.map(\.expression) == [expr([0: 2])])
}

@Test func inconsistencyOverQIsReported() {
    var t = Table(modulus: nil)
    t.add(expr([0: 1, 1: -1], 1))
    t.add(expr([1: 1], 2))
    let (_, result) = t.add(expr([0: 1], -5))
    guard case .inconsistent(let c) = result else { Issue.record("expected inconsistent, got \(result)"); return }
    #expect(LinearSystem.verifyInconsistency(c, premises: t.premises, modulus: nil))
}

@Test func normalFormsOfImpliedEqualExpressionsAreEqual() {
    var t = Table(modulus: 1)
    t.add(expr([0: 1, 1: -1]))              // d0 ∥ d1
    t.add(expr([2: 1, 3: -1], -half()))     // d2 ⊥ d3
    let n = t.system.normalForm
    #expect(n(expr([0: 1, 4: -1])) == n(expr([1: 1, 4: -1])))                   // ∠(d4, d0) = ∠(d4, d1)
    #expect(n(expr([0: 1, 2: -1])) == n(expr([1: 1, 3: -1], Rational(-1, 2))))  // ∠ shifted by the right angle
    #expect(n(expr([0: 1, 2: -1])) == n(expr([1: 1, 3: -1], Rational(1, 2))))   // … modulo 1
}

@Test func normalFormsOfUnrelatedExpressionsDiffer() {
    var t = Table(modulus: 1)
    t.add(expr([0: 1, 1: -1]))
    let n = t.system.normalForm
    #expect(n(expr([0: 1, 2: -1])) != n(expr([1: 1, 3: -1])))
    #expect(n(expr([0: 1, 2: -1])) != n(expr([1: 1, 2: -1], half())))
}

@Test func normalFormConstantsLieInTheUnitInterval() {
    var t = Table(modulus: 1)
    t.add(expr([0: 1, 1: -1], Rational(-7, 3)))
    let n = t.system.normalForm(of: expr([0: 1]))
    #expect(n.constant >= 0 && n.constant < 1)
    #expect(n == t.system.normalForm(of: expr([1: 1], Rational(7, 3) + 5)))
}

// MARK: - verify

@Test func verifyRejectsAChangedCoefficient() throws {
    var t = Table(modulus: 1)
    let (a, _) = t.add(expr([0: 1, 1: -1]))
    let (b, _) = t.add(expr([1: 1, 2: -1]))
    let target = expr([0: 1, 2: -1])
    #expect(t.verify(Certificate(combination: [(a, 1), (b, 1)]), target))
    #expect(!t.verify(Certificate(combination: [(a, 1), (b, 2)]), target))
}

@Test func verifyRejectsADroppedPremise() {
    var t = Table(modulus: nil)
    let (a, _) = t.add(expr([0: 1, 1: -1]))
    let (b, _) = t.add(expr([1: 1, 2: -1]))
    let target = expr([0: 1, 2: -1])
    #expect(t.verify(Certificate(combination: [(a, 1), (b, 1)]), target))
    #expect(!t.verify(Certificate(combination: [(a, 1)]), target))
}

@Test func verifyRejectsAnUnknownPremise() {
    let t = Table(modulus: nil)
    #expect(!t.verify(Certificate(combination: [(EquationID(99), 1)]), expr([:])))
}

@Test func verifyRejectsFractionalCoefficientsModuloOne() {
    var t = Table(modulus: 1)
    let (a, _) = t.add(expr([0: 2]))
    #expect(!t.verify(Certificate(combination: [(a, half())]), expr([0: 1])))
    #expect(LinearSystem.verify(Certificate(combination: [(a, half())]), premises: t.premises,
                                target: expr([0: 1]), modulus: nil))
}

@Test func verifyComparesConstantsModuloTheModulus() {
    var t = Table(modulus: 1)
    let (a, _) = t.add(expr([0: 1], Rational(1, 3)))
    #expect(t.verify(Certificate(combination: [(a, 1)]), expr([0: 1], Rational(-2, 3))))
    #expect(!t.verify(Certificate(combination: [(a, 1)]), expr([0: 1], Rational(2, 3))))
}

// MARK: - Expressions and arithmetic helpers

@Test func expressionInitSortsMergesAndDropsZeros() {
    let e = LinearExpression(terms: [(3, 1), (1, 2), (3, -1), (0, 0), (1, 1)], constant: 5)
    #expect(e.variables == [1])
    #expect(e.coefficients == [3])
    #expect(e.constant == 5)
}

@Test func floorIsExactForLargeRationals() {
    let big = Rational("123456789012345678901234567890123/7")!
    let f = big.floorValue
    #expect(f.isInteger)
    #expect(f <= big && big < f + 1)
    let negative = -big
    #expect(negative.floorValue == -f - 1)
    let tiny = Rational("1/123456789012345678901234567890123")!
    #expect(tiny.floorValue == 0)
    #expect((-tiny).floorValue == -1)
}

// MARK: - Ratio table with prime-log variables

@Test func ratioChasingMultipliesPrimeLogConstants() throws {
    // Lengths ℓ0 (AB), ℓ1 (CD), ℓ2 (EF); variable 100 stands for log 2 (largest id).
    var t = Table(modulus: nil)
    t.add(expr([0: 1, 1: -1, 100: -1]))  // AB/CD = 2
    t.add(expr([1: 1, 2: -1, 100: -1]))  // CD/EF = 2
    let target = expr([0: 1, 2: -1, 100: -2])  // AB/EF = 4
    let c = try #require(t.system.certificate(for: target))
    #expect(t.verify(c, target))
    // No rational relation between logs of primes alone follows.
    #expect(t.system.certificate(for: expr([100: 1])) == nil)
}

// MARK: - Pivots of the exact tables

@Test func aNewRowPivotsOnAVariableNoOtherRowMentions() {
    // x0 − x1 = 0 pivots on x0; x0 + x2 = 0 reduces to x2 + x1 = 0, whose x2 is new: it
    // becomes the pivot, and the first row keeps its terms.
    var t = Table(modulus: nil)
    t.add(expr([0: 1, 1: -1]))
    t.add(expr([0: 1, 2: 1]))
    #expect(t.system.pivotVariables == [0, 2])
    #expect(t.system.basis.map(\.expression) == [expr([0: 1, 1: -1]), expr([1: 1, 2: 1])])
}

@Test func aPivotOnAMentionedVariableLeavesEveryOtherRow() throws {
    // x0 − x2 = 0 and x1 − x2 = 0 both mention x2; x2 = 1 must pivot on x2 and clear it
    // from both rows.
    var t = Table(modulus: nil)
    let (a, _) = t.add(expr([0: 1, 2: -1]))
    let (b, _) = t.add(expr([1: 1, 2: -1]))
    t.add(expr([2: 1], -1))
    #expect(t.system.basis.map(\.expression) == [expr([0: 1], -1), expr([1: 1], -1), expr([2: 1], -1)])
    let target = expr([0: 1, 1: -1])
    let certificate = try #require(t.system.certificate(for: target))
    #expect(certificate == Certificate(combination: [(a, 1), (b, -1)]))
    #expect(t.verify(certificate, target))
}
