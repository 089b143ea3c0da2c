import Testing
@testable import GouguArithmetic

/// 2^63 = Int64.max + 1, written out.
let twoTo63 = "9223372036854775808"

@Suite("Overflow boundaries")
struct OverflowBoundaryTests {
    @Test func int64MinIsExactAndStoredInGMP() {
        let r = Rational(Int.min)
        #expect(r.description == "-" + twoTo63)
        #expect(!r.isInline)
        #expect(r == -pow2(63))
    }

    @Test func negatingInt64MinGivesTwoTo63() {
        #expect((-Rational(Int.min)).description == twoTo63)
    }

    @Test func int64MaxIsInline() {
        #expect(Rational(Int.max).isInline)
        #expect(Rational(-Int.max).isInline)
        #expect(Rational(1, Int.max).isInline)
    }

    @Test func int64MaxPlusOneByAdditionGoesToGMP() {
        let r = Rational(Int.max) + 1
        #expect(r.description == twoTo63)
        #expect(!r.isInline)
        #expect(r == pow2(63))
    }

    @Test func sumReachingInt64MinIsExact() {
        let r = Rational(-Int.max) - 1
        #expect(r == Rational(Int.min))
        #expect(r.hashValue == Rational(Int.min).hashValue)
    }

    @Test func int64MinPlusOneComesBackInline() {
        let r = Rational(Int.min) + 1
        #expect(r == Rational(-Int.max))
        #expect(r.isInline)
    }

    @Test func differenceBelowInt64MinGoesToGMP() {
        let r = Rational(-Int.max) - 2
        #expect(r.description == "-9223372036854775809")
        #expect(!r.isInline)
    }

    @Test func quotientOverflowGoesToGMP() {
        #expect((Rational(Int.max) / Rational(1, 2)).description == "18446744073709551614")
        #expect((Rational(1, Int.max) / Rational(Int.max)).description
            == "1/85070591730234615847396907784232501249")
    }

    @Test func addProductCrossesTheBoundaryBothWays() {
        var x = Rational(1)
        x.addProduct(Rational(Int.max), 2)
        #expect(x.description == "18446744073709551615")
        #expect(!x.isInline)
        x.subtractProduct(Rational(Int.max), 2)
        #expect(x == 1)
        #expect(x.isInline)
    }

    @Test func productOverflowingByOneBitGoesToGMP() {
        #expect((pow2(31) * pow2(31)).isInline)
        let r = Rational(1 << 32) * Rational(1 << 31)
        #expect(r.description == twoTo63)
        #expect(!r.isInline)
        #expect((Rational(-(1 << 32)) * Rational(1 << 31)) == Rational(Int.min))
    }

    @Test func productOfMaxAndMaxIsExact() {
        #expect((Rational(Int.max) * Rational(Int.max)).description
            == "85070591730234615847396907784232501249")
    }

    @Test func denominatorOverflowGoesToGMP() {
        let r = Rational(1, 1 << 32) * Rational(1, 1 << 31)
        #expect(r.description == "1/" + twoTo63)
        #expect(!r.isInline)
    }

    @Test func denominatorOverflowInAdditionIsExact() {
        let r = Rational(1, 1 << 62) + Rational(1, 3)
        #expect(r.description == oracleText(3 + (1 << 62), 3 << 62))
    }

    @Test func bigDifferenceThatIsSmallComesBackInline() {
        let r = (pow2(70) + 1) - pow2(70)
        #expect(r == 1)
        #expect(r.isInline)
        #expect(r.hashValue == Rational(1).hashValue)
    }

    @Test func bigQuotientThatIsSmallComesBackInline() {
        let r = pow2(70) / pow2(68)
        #expect(r == 4)
        #expect(r.isInline)
    }

    @Test func denominatorOverflowThatCancelsComesBackInline() {
        let tiny = Rational(1, 1 << 32) * Rational(1, 1 << 31)
        let r = tiny * 2
        #expect(r == Rational(1, 1 << 62))
        #expect(r.isInline)
    }

    @Test func int64MinFractionsReduceExactly() {
        #expect(Rational(Int.min, Int.min) == 1)
        #expect(Rational(Int.min, 2) == Rational(-(1 << 62)))
        #expect(Rational(Int.min, 2).isInline)
        #expect(Rational(Int.min, -1).description == twoTo63)
        #expect(Rational(3, Int.min).description == "-3/" + twoTo63)
        #expect(Rational(2, Int.min) == Rational(-1, 1 << 62))
    }

    @Test func reciprocalOfInt64MinIsExact() {
        #expect(Rational(Int.min).reciprocal.description == "-1/" + twoTo63)
        #expect(Rational(Int.min).reciprocal.reciprocal == Rational(Int.min))
    }

    @Test func comparisonNearOverflowUses128BitCrossProducts() {
        // y/(y-1) decreases in y; the cross products here need 126 bits.
        let a = Rational(Int.max, Int.max - 1), b = Rational(Int.max - 1, Int.max - 2)
        #expect(a < b)
        #expect(!(b < a))
        #expect(Rational(-(Int.max - 1), Int.max - 2) < Rational(-Int.max, Int.max - 1))
    }

    @Test func wordArithmeticMatchesInt128OracleAcrossTheWholeRange() {
        var rng = SplitMix64(seed: 63)
        for _ in 0..<5000 {
            let (a, b) = rng.wordFraction(), (c, d) = rng.wordFraction()
            let x = Rational(a, b), y = Rational(c, d)
            let (A, B, C, D) = (Int128(a), Int128(b), Int128(c), Int128(d))
            #expect(x.description == oracleText(A, B))
            #expect((x + y).description == oracleText(A * D + C * B, B * D))
            #expect((x - y).description == oracleText(A * D - C * B, B * D))
            #expect((x * y).description == oracleText(A * C, B * D))
            if c != 0 { #expect((x / y).description == oracleText(A * D, B * C)) }
            #expect((x < y) == (A * D < C * B))
        }
    }

    @Test func compoundAssignmentMatchesInt128OracleAcrossTheWholeRange() {
        var rng = SplitMix64(seed: 64)
        for _ in 0..<2000 {
            let (a, b) = rng.wordFraction(), (c, d) = rng.wordFraction()
            let (A, B, C, D) = (Int128(a), Int128(b), Int128(c), Int128(d))
            var s = Rational(a, b); s += Rational(c, d)
            #expect(s.description == oracleText(A * D + C * B, B * D))
            var m = Rational(a, b); m *= Rational(c, d)
            #expect(m.description == oracleText(A * C, B * D))
        }
    }
}
