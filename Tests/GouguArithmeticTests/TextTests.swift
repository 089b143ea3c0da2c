import Testing
@testable import GouguArithmetic

@Suite("Text")
struct TextTests {
    @Test func integersPrintWithoutDenominator() {
        #expect(Rational(5).description == "5")
        #expect(Rational(-5).description == "-5")
        #expect(pow2(64).description == "18446744073709551616")
    }

    @Test func fractionsPrintAsNumeratorSlashDenominator() {
        #expect(Rational(-3, 4).description == "-3/4")
        #expect((pow2(64) + Rational(1, 2)).description == "36893488147419103233/2")
    }

    @Test func parsesIntegersAndFractions() {
        #expect(Rational("3") == 3)
        #expect(Rational("-3/4") == Rational(-3, 4))
        #expect(Rational("+7") == 7)
        #expect(Rational("007/014") == Rational(1, 2))
        #expect(Rational("-0") == .zero)
    }

    @Test func parsesArbitrarilyLongDigits() {
        // 10^200 - 1 and 10^150 are coprime, so the text is already canonical.
        let nines = String(repeating: "9", count: 200)
        let power = "1" + String(repeating: "0", count: 150)
        let r = Rational("-" + nines + "/" + power)
        #expect(r != nil)
        #expect(r! < -1)
        #expect(r!.description == "-" + nines + "/" + power)
        let tenTo15 = Rational(1_000_000_000_000_000)
        #expect(Rational("1" + String(repeating: "0", count: 30)) == tenTo15 * tenTo15)
    }

    @Test func parsesTheInt64Boundaries() {
        #expect(Rational("9223372036854775807") == Rational(Int.max))
        #expect(Rational("-9223372036854775808") == Rational(Int.min))
        #expect(Rational("9223372036854775808") == pow2(63))
        #expect(Rational("1/9223372036854775808") == pow2(63).reciprocal)
    }

    @Test func longTextThatReducesToSmallIsInline() {
        let zeros = String(repeating: "0", count: 30)
        let r = Rational(zeros + "12/" + zeros + "18")
        #expect(r == Rational(2, 3))
        #expect(r!.isInline)
    }

    @Test func rejectsMalformedText() {
        let malformed = [
            "", "-", "+", "1/", "/2", "1/-2", "1/+2", " 1", "1 ", "1.5", "abc", "1/2/3", "--1",
            "0x10", "١",
        ]
        for text in malformed {
            #expect(Rational(text) == nil, "accepted \(text)")
        }
    }

    @Test func printingThenParsingRoundTrips() {
        var rng = SplitMix64(seed: 41)
        for _ in 0..<2000 {
            let a = rng.rational()
            #expect(Rational(a.description) == a)
        }
    }
}

@Suite("Representation")
struct RepresentationTests {
    @Test func smallArithmeticStaysInline() {
        // Inline storage is two words in an enum payload: no heap object exists.
        var rng = SplitMix64(seed: 51)
        for _ in 0..<2000 {
            let a = Rational(
                Int.random(in: -999...999, using: &rng), Int.random(in: 1...99, using: &rng))
            let b = Rational(
                Int.random(in: -99...99, using: &rng), Int.random(in: 1...999, using: &rng))
            #expect(a.isInline && b.isInline)
            #expect((a + b).isInline && (a - b).isInline && (a * b).isInline)
            if !b.isZero { #expect((a / b).isInline) }
            var c = a
            c.addProduct(a, b)
            #expect(c.isInline)
        }
    }

    @Test func valuesThatFitAreNeverLeftInGMP() {
        var rng = SplitMix64(seed: 52)
        for _ in 0..<2000 {
            let a = rng.rational(), b = rng.rational()
            for r in [a + b, a - b, a * b, (a + b) - b] {
                #expect(r.isInline == (r.wordParts.map { $0.numerator != Int.min } ?? false))
            }
        }
    }
}
