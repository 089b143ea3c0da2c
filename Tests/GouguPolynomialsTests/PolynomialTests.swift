import GouguArithmetic
import Testing
@testable import GouguPolynomials

/// A small deterministic generator, so failures reproduce.
private struct LCG {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// A random polynomial in variables 0..<variables with up to `terms` terms of degree up to
/// `degree` in each variable, and small integer coefficients.
private func randomPolynomial(_ rng: inout LCG, variables: Int, terms: Int, degree: Int) -> Polynomial {
    var p = Polynomial.zero
    for _ in 0..<(1 + rng.next(terms)) {
        var term = Polynomial(rng.next(7) - 3)
        for v in 0..<variables { term *= Polynomial.variable(v).power(rng.next(degree + 1)) }
        p += term
    }
    return p
}

private let x = Polynomial.variable(0), y = Polynomial.variable(1), z = Polynomial.variable(2)

@Suite struct PolynomialArithmetic {
    @Test func canonicalFormMakesEqualPolynomialsEqual() {
        #expect((x + y) * (x - y) == x * x - y * y)
        #expect((x + y) - y == x)
        #expect(x - x == .zero)
        #expect((x * y).degree(in: 0) == 1 && (x * x * y).degree(in: 0) == 2)
        let cube: Polynomial = x * x * x + 3 * x * x + 3 * x + 1
        #expect((x + 1).power(3) == cube)
    }

    @Test func evaluationAgreesWithArithmetic() {
        var rng = LCG(state: 1)
        let values: [Double] = [0.7, -1.3, 2.1]
        for _ in 0..<50 {
            let a = randomPolynomial(&rng, variables: 3, terms: 6, degree: 2)
            let b = randomPolynomial(&rng, variables: 3, terms: 6, degree: 2)
            let product: Double = (a * b).evaluate { values[$0] }
            let left: Double = a.evaluate { values[$0] }
            let right: Double = b.evaluate { values[$0] }
            let expected = left * right
            #expect(abs(product - expected) <= 1e-9 * (1 + abs(expected)))
        }
    }

    @Test func complexEvaluationAgreesWithComplexArithmetic() {
        // (x + y)(x - y) at x = 1 + 2i, y = 3 - i: x² - y² = (-3 + 4i) - (8 - 6i) = -11 + 10i.
        let p: Polynomial = (x + y) * (x - y)
        let values = [Complex(1, 2), Complex(3, -1)]
        let value: Complex = p.evaluate { values[$0] }
        #expect((value - Complex(-11, 10)).length < 1e-12)
        let quotient: Complex = RationalFunction(x, over: y).evaluate { values[$0] }
        #expect((quotient * values[1] - values[0]).length < 1e-12)
    }

    @Test func textWritesTermsInOrder() {
        let p: Polynomial = x * x - 2 * x * y + 3
        #expect(p.text { ["x", "y"][$0] } == "-2*y*x + x^2 + 3")  // main variable first
        #expect(Polynomial.zero.text { _ in "x" } == "0")
    }
}

@Suite struct PolynomialDivision {
    @Test func exactDivisionUndoesMultiplication() {
        var rng = LCG(state: 2)
        for _ in 0..<40 {
            let a = randomPolynomial(&rng, variables: 3, terms: 5, degree: 2)
            let b = randomPolynomial(&rng, variables: 3, terms: 5, degree: 2)
            guard !b.isZero else { continue }
            #expect((a * b).dividedExactly(by: b) == a)
        }
    }

    @Test func inexactDivisionIsRefused() {
        #expect((x * x + 1).dividedExactly(by: x + 1) == nil)
        #expect((x * y + 1).dividedExactly(by: y) == nil)
        #expect(Polynomial(3).dividedExactly(by: x) == nil)
    }

    @Test func pseudoRemainderSatisfiesItsIdentity() {
        var rng = LCG(state: 3)
        for _ in 0..<40 {
            let a = randomPolynomial(&rng, variables: 3, terms: 6, degree: 3)
            var b = randomPolynomial(&rng, variables: 3, terms: 4, degree: 2)
            if b.mainVariable < 0 { b = b + z * z + x }
            let (r, e) = a.pseudoRemainder(by: b)
            // lc(b)^e · a - r is a multiple of b, and r has lower degree in b's variable.
            let scaled: Polynomial = b.leadingCoefficient.power(e) * a
            let difference = scaled - r
            #expect(difference.dividedExactly(by: b) != nil)
            if a.mainVariable <= b.mainVariable {
                #expect(r.degree(in: b.mainVariable) < b.degree(in: b.mainVariable))
            }
        }
    }

    @Test func pseudoRemainderCarriesHigherVariables() {
        // In z² - x, the remainder of y·z³ + z² is y·x·z + x (z is the divisor's variable,
        // y a lower one, and a higher variable rides along).
        let w = Polynomial.variable(3)
        let inner: Polynomial = y * z * z * z + z * z
        let a = w * inner
        let (r, e) = a.pseudoRemainder(by: z * z - x)
        #expect(e >= 1)
        let expected: Polynomial = w * (y * x * z + x)
        #expect(r == expected)
    }

    @Test func gcdFindsTheCommonFactor() {
        var rng = LCG(state: 4)
        for _ in 0..<25 {
            let a = randomPolynomial(&rng, variables: 3, terms: 4, degree: 2)
            let b = randomPolynomial(&rng, variables: 3, terms: 4, degree: 2)
            let c = randomPolynomial(&rng, variables: 3, terms: 3, degree: 1)
            guard !a.isZero, !b.isZero, !c.isZero else { continue }
            let g = Polynomial.gcd(a * c, b * c)
            // c divides the gcd, and the gcd divides both products.
            #expect(g.dividedExactly(by: c) != nil)
            #expect((a * c).dividedExactly(by: g) != nil)
            #expect((b * c).dividedExactly(by: g) != nil)
        }
        let square: Polynomial = x * x + 2 * x * y + y * y
        let difference: Polynomial = x * x - y * y
        #expect(Polynomial.gcd(difference, square) == x + y)
        #expect(Polynomial.gcd(x + 1, y) == .one)
    }

    @Test func anImageRulesOutACommonFactorOnlyWhenThereIsNone() {
        // A common factor in the main variable (z) is never ruled out.
        var rng = LCG(state: 11)
        for _ in 0..<40 {
            let a = randomPolynomial(&rng, variables: 3, terms: 4, degree: 2)
            let b = randomPolynomial(&rng, variables: 3, terms: 4, degree: 2)
            let c = randomPolynomial(&rng, variables: 3, terms: 3, degree: 1) + z
            let (f, g) = (a * c, b * c)
            guard f.mainVariable == 2, g.mainVariable == 2 else { continue }
            #expect(!Polynomial.haveNoCommonFactorInMainVariable(f, g))
        }
        // Coprime ones are recognised, and their gcd is their contents' gcd.
        let f: Polynomial = z * z * x + y + 1, g: Polynomial = z * (x + y) - 3
        #expect(Polynomial.haveNoCommonFactorInMainVariable(f, g))
        #expect(Polynomial.gcd(f * (x + 1), g * (x + 1)) == x + 1)
        // Different main variables: the image cannot tell.
        #expect(!Polynomial.haveNoCommonFactorInMainVariable(x + 1, y + 1))
    }

    @Test func squareRootsAreExactOrAbsent() {
        let root: Polynomial = x * y - z * 2 + 3
        // The root with a positive leading number (z is the main variable).
        #expect(root.power(2).squareRoot() == -root)
        let square = root.power(2)
        #expect(Polynomial(Rational(9, 4)).squareRoot() == Polynomial(Rational(3, 2)))
        #expect((square + 1).squareRoot() == nil)
        #expect((x * x * 2).squareRoot() == nil)  // √2 x is not rational
        #expect((-square).squareRoot() == nil)
    }

    @Test func boundedGcdGivesUpWithoutAnAnswer() {
        let square: Polynomial = x * x + 2 * x * y + y * y
        let difference: Polynomial = x * x - y * y
        #expect(Polynomial.gcd(difference, square, within: .seconds(10)) == x + y)
        #expect(Polynomial.gcd(difference, square, within: .zero) == nil)
        // Without a bound of its own, a quotient too large for `gcdTermLimit` stays as it is.
        let f = RationalFunction(difference, over: square)
        #expect(f.reduced(gcdTermLimit: 2).denominator == square)
        #expect(f.reduced(gcdTermLimit: 2, gcdTimeLimit: .seconds(10)).denominator == x + y)
    }
}

@Suite struct RationalFunctions {
    @Test func reducedCancelsCommonFactors() {
        let numerator: Polynomial = (x * x - y * y) * z
        let f = RationalFunction(numerator, over: (x + y) * 2)
        let r = f.reduced()
        let expected: Polynomial = ((x - y) * z).scaled(by: Rational(1, 2))
        #expect(r.numerator == expected)
        #expect(r.denominator == .one)
        let g = RationalFunction(x + 1, over: x * x - 1).reduced()
        #expect(g.numerator == .one && g.denominator == x - 1)
    }

    @Test func arithmeticAgreesWithEvaluation() {
        let f = RationalFunction(x + y, over: x - y), g = RationalFunction(x * y, over: x + 1)
        let values: [Double] = [1.5, -0.25]
        for h in [f + g, f - g, f * g, f / g] {
            let e: Double = h.evaluate { values[$0] }
            #expect(e.isFinite)
        }
        let quotient: Double = (f / g).evaluate { values[$0] }
        let expected: Double = f.evaluate { values[$0] } / g.evaluate { values[$0] }
        #expect(abs(quotient - expected) < 1e-12)
    }
}

@Suite struct DenseProducts {
    /// A random polynomial in the given variables, with coefficients from `coefficient`.
    private func random(_ rng: inout LCG, variables: [Int], terms: Int, degree: Int,
                        coefficient: (inout LCG) -> Rational) -> Polynomial {
        var p = Polynomial.zero
        for _ in 0..<terms {
            var term = Polynomial(coefficient(&rng))
            for v in variables { term = Polynomial.product(term, Polynomial.variable(v).power(rng.next(degree + 1)), dense: false) }
            p = p + term
        }
        return p
    }

    /// Whether the dense form computed the product (checked against the recursion).
    @discardableResult
    private func check(_ a: Polynomial, _ b: Polynomial) -> Bool {
        let expected = Polynomial.product(a, b, dense: false)
        #expect(a * b == expected)
        guard let dense = Polynomial.denseProduct(a, b) else { return false }
        #expect(dense == expected)
        return true
    }

    @Test func denseProductsEqualRecursiveOnes() {
        var rng = LCG(state: 7)
        let small: (inout LCG) -> Rational = { Rational($0.next(21) - 10) }
        let fractions: (inout LCG) -> Rational = { Rational($0.next(21) - 10, 1 + $0.next(6)) }
        let big: (inout LCG) -> Rational = { rng in
            let word = Rational(Int(Int64.max) - rng.next(1000)) * Rational(rng.next(2) == 0 ? 1 : -1)
            return rng.next(3) == 0 ? word * word : word
        }
        var dense = 0
        for round in 0..<40 {
            let kind = [small, fractions, big][round % 3]
            let left = [[0, 1, 2], [1, 3], [0, 2, 5], [4]][round % 4]
            let right = [[0, 1, 2], [2, 3], [5], [0, 4]][(round / 4) % 4]
            let a = random(&rng, variables: left, terms: 5 + rng.next(40), degree: 1 + rng.next(4), coefficient: kind)
            let b = random(&rng, variables: right, terms: 5 + rng.next(40), degree: 1 + rng.next(4), coefficient: kind)
            if check(a, b) { dense += 1 }
            if check(a, a) { dense += 1 }
        }
        #expect(dense >= 40)
    }

    @Test func wordSumsThatOverflowFallBackExactly() {
        // Forty products of about 2^126 each land in one slot: past 128 bits.
        let c = Polynomial(Rational(Int(Int64.max)))
        var p = Polynomial.zero
        for k in 0..<80 { p = p + Polynomial.product(c, x.power(k % 40) * y.power(k / 40), dense: false) }
        #expect(check(p, p))
        #expect(check(p, -p))
        let q = Polynomial(Rational(Int(Int64.min))) * x + Polynomial(Rational(Int(Int64.min)))
        #expect(check(p, q.power(3)))
    }

    @Test func productsCancellingToConstantsAreCanonical() {
        let a = (x + y + z).power(4) + 1, b = (x + y + z).power(4) - 1
        // (s^4 + 1)(s^4 - 1) = s^8 - 1: the dense form must read back a canonical polynomial.
        #expect(a * b - (x + y + z).power(8) == Polynomial(-1))
        #expect(check(a, b))
    }
}
