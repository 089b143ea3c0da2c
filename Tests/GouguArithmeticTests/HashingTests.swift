import Testing
@testable import GouguArithmetic

@Suite("Hashing")
struct HashingTests {
    @Test func aBigResultThatIsSmallHashesLikeTheSmallValue() {
        let r = (pow2(70) + Rational(3, 7)) - pow2(70)
        #expect(r == Rational(3, 7))
        #expect(r.hashValue == Rational(3, 7).hashValue)
    }

    @Test func equalBigValuesBuiltDifferentlyHashAlike() {
        let a = pow2(100) + Rational(1, 3)
        let b = q("3802951800684688204490109616129/3")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }

    @Test func equalValuesHashAlikeOnRandomInputs() {
        var rng = SplitMix64(seed: 31)
        for _ in 0..<1500 {
            let a = rng.rational(), b = rng.rational()
            let viaSum = (a + b) - b  // takes a detour through GMP whenever b is big
            #expect(viaSum == a)
            #expect(viaSum.hashValue == a.hashValue)
        }
    }

    @Test func setsDeduplicateAcrossRepresentations() {
        let values: Set<Rational> = [
            1, pow2(70) - pow2(70) + 1, Rational(2, 2),
            q("100000000000000000000000/100000000000000000000000"),
            pow2(80), pow2(40) * pow2(40),
        ]
        #expect(values.count == 2)
    }
}
