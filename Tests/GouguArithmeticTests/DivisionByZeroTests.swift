import Testing
@testable import GouguArithmetic

/// `/`, `/=`, `reciprocal` and `init(_:_:)` trap on zero (a precondition, like integer
/// division); the checked variants below report it instead.
@Suite("Division by zero")
struct DivisionByZeroTests {
    @Test func failableInitReturnsNilForZeroDenominator() {
        #expect(Rational(numerator: 1, denominator: 0) == nil)
        #expect(Rational(numerator: 0, denominator: 0) == nil)
    }

    @Test func failableInitCanonicalisesOtherwise() {
        #expect(Rational(numerator: 6, denominator: -4) == Rational(-3, 2))
    }

    @Test func dividingByZeroThrowsDivisionByZero() {
        #expect(throws: RationalError.divisionByZero) { try Rational(1).dividing(.zero) }
        #expect(throws: RationalError.divisionByZero) { try pow2(100).dividing(.zero) }
    }

    @Test func dividingByNonZeroReturnsTheQuotient() throws {
        #expect(try Rational(1, 2).dividing(Rational(3, 4)) == Rational(2, 3))
    }

    @Test func parsingAZeroDenominatorFails() {
        #expect(Rational("1/0") == nil)
        #expect(Rational("12345678901234567890123/000000000000000000000") == nil)
    }
}
