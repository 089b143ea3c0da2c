import Testing
@testable import GouguArithmetic

@Suite struct Residues {
    let p: UInt64 = (1 << 61) - 1

    @Test func aResidueIsTheNumeratorTimesTheInverseOfTheDenominator() throws {
        #expect(Rational(3).residue(modulo: 7) == 3)
        #expect(Rational(-3).residue(modulo: 7) == 4)
        // 1/2 ≡ 4 (mod 7): 2 · 4 = 8 ≡ 1.
        #expect(Rational(1, 2).residue(modulo: 7) == 4)
        #expect(Rational(-1, 2).residue(modulo: 7) == 3)
        #expect(Rational(0).residue(modulo: 7) == 0)
    }

    @Test func aValueWhoseDenominatorThePrimeDividesHasNone() {
        #expect(Rational(1, 7).residue(modulo: 7) == nil)
        #expect(Rational(3, 14).residue(modulo: 7) == nil)
    }

    @Test func residuesOfLargeValuesAgreeWithTheArithmetic() throws {
        // Beyond 64 bits: (2^40 + 3)^3 / (2^50 + 1), and its parts reduced on their own.
        let big = Rational(1 << 40 + 3)
        let value = big * big * big / Rational(1 << 50 + 1)
        let b = try #require(big.residue(modulo: p))
        let cube = Rational.product(Rational.product(b, b, modulo: p), b, modulo: p)
        let denominator = try #require(Rational(1 << 50 + 1).residue(modulo: p))
        let inverse = try #require(Rational.inverse(denominator, modulo: p))
        #expect(value.residue(modulo: p) == Rational.product(cube, inverse, modulo: p))
        #expect((-value).residue(modulo: p) == p - Rational.product(cube, inverse, modulo: p))
    }

    @Test func inversesMultiplyToOne() throws {
        for a: UInt64 in [1, 2, 3, 12345, p - 1] {
            let inverse = try #require(Rational.inverse(a, modulo: p))
            #expect(Rational.product(a, inverse, modulo: p) == 1)
        }
        #expect(Rational.inverse(6, modulo: 9) == nil)
    }
}
