import Testing
@testable import GouguArithmetic

@Suite("Canonical form")
struct CanonicalFormTests {
    @Test func sixQuartersEqualThreeHalves() {
        #expect(Rational(6, 4) == Rational(3, 2))
        #expect(Rational(6, 4).description == "3/2")
    }

    @Test func negativeOverNegativeIsPositive() {
        #expect(Rational(-1, -2) == Rational(1, 2))
        #expect(Rational(-1, -2).description == "1/2")
    }

    @Test func signMovesToTheNumerator() {
        #expect(Rational(3, -4).description == "-3/4")
        #expect(Rational(3, -4).numerator == -3)
        #expect(Rational(3, -4).denominator == 4)
    }

    @Test func zeroOverAnythingIsZeroAndPrintsZero() {
        #expect(Rational(0, 5) == 0)
        #expect(Rational(0, -5) == .zero)
        #expect(Rational(0, 5).description == "0")
        #expect(Rational(0, 5).denominator == 1)
    }

    @Test func bigFractionsAreReduced() {
        let zeros = String(repeating: "0", count: 40)
        let r = q("2" + zeros + "/4" + zeros)
        #expect(r == Rational(1, 2))
        #expect(r.isInline)
    }

    @Test func arithmeticResultsAreCanonicalInBothRepresentations() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let a = rng.rational(), b = rng.rational()
            for r in [a + b, a - b, a * b, b.isZero ? a : a / b, -a] {
                #expect(isCanonicalRepresentation(r))
            }
        }
    }

    @Test func numeratorAndDenominatorWorkForBigValues() {
        let r = q("-123456789012345678901234567891/7")
        #expect(r.numerator.description == "-123456789012345678901234567891")
        #expect(r.denominator == 7)
        #expect(r.denominator.isInline)
    }

    @Test func wordPartsAreNilOnlyWhenAPartExceedsInt() {
        #expect(Rational(-3, 4).wordParts! == (-3, 4))
        #expect(Rational(Int.min).wordParts! == (Int.min, 1))
        #expect((Rational(Int.max) + 1).wordParts == nil)
        #expect(Rational(1, Int.max).wordParts! == (1, Int.max))
    }
}

@Suite("Predicates and unary operations")
struct UnaryTests {
    @Test func isIntegerHoldsExactlyForDenominatorOne() {
        #expect(Rational(4, 2).isInteger)
        #expect(!Rational(1, 2).isInteger)
        #expect(pow2(80).isInteger)
        #expect(!(pow2(80) + Rational(1, 2)).isInteger)
    }

    @Test func signumReportsTheSignInBothRepresentations() {
        #expect(Rational(-1, 3).signum() == -1)
        #expect(Rational.zero.signum() == 0)
        #expect(Rational(2).signum() == 1)
        #expect((-pow2(90)).signum() == -1)
        #expect(pow2(90).signum() == 1)
    }

    @Test func absIsTheMagnitude() {
        #expect(abs(Rational(-3, 4)) == Rational(3, 4))
        #expect(abs(-pow2(90)) == pow2(90))
        #expect(abs(Rational(Int.min)) == pow2(63))
    }

    @Test func isZeroOnlyForZero() {
        #expect(Rational(0, 7).isZero)
        #expect(!Rational(1, Int.max).isZero)
        #expect((pow2(70) - pow2(70)).isZero)
    }

    @Test func reciprocalSwapsAndKeepsTheSignOnTop() {
        #expect(Rational(-3, 4).reciprocal.description == "-4/3")
        #expect(Rational(Int.max).reciprocal.description == "1/9223372036854775807")
        #expect(pow2(64).reciprocal.description == "1/18446744073709551616")
    }

    @Test func doubleConversionIsNearest() {
        #expect(Double(Rational(1, 3)) == 1.0 / 3.0)
        #expect(Double(Rational(-7, 2)) == -3.5)
        #expect(Double(pow2(100)) == 0x1p100)
        #expect(Double(pow2(100).reciprocal) == 0x1p-100)
        #expect(Double(pow2(2000)) == .infinity)
    }
}
