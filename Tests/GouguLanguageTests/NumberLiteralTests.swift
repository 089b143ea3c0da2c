import Testing
@testable import GouguLanguage

@Suite struct NumberLiteralTests {
    @Test func integerIsItsOwnValue() throws {
        let n = try #require(NumberLiteral("60"))
        #expect(n.numerator == 60 && n.denominator == 1 && !n.isMultipleOfPi)
        #expect(n.degrees == 60)
    }

    @Test func fractionIsReduced() throws {
        let n = try #require(NumberLiteral("6/4"))
        #expect(n.numerator == 3 && n.denominator == 2)
    }

    @Test func multipleOfPiReadsAsDegrees() throws {
        #expect(try #require(NumberLiteral("1pi/3")).degrees == 60)
        #expect(try #require(NumberLiteral("pi/2")).degrees == 90)
        #expect(try #require(NumberLiteral("-2pi/3")).degrees == -120)
    }

    @Test func malformedNumbersAreRejected() {
        for text in ["", "a", "1/0", "1/", "/2", "1.5", "pi/x", "--1", "99999999999999999999"] {
            #expect(NumberLiteral(text) == nil, "\(text)")
        }
    }
}
