import Testing
@testable import GouguArithmetic

@Suite("Ordering")
struct OrderingTests {
    static let trials = 1500

    @Test func exactlyOneOfLessEqualGreaterHolds() {
        var rng = SplitMix64(seed: 21)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            let count = [a < b, a == b, b < a].filter { $0 }.count
            #expect(count == 1)
        }
    }

    @Test func orderIsTransitive() {
        var rng = SplitMix64(seed: 22)
        for _ in 0..<Self.trials {
            let sorted = [rng.rational(), rng.rational(), rng.rational()].sorted()
            #expect(sorted[0] <= sorted[2])
            #expect(sorted[0] <= sorted[1] && sorted[1] <= sorted[2])
        }
    }

    @Test func addingPreservesOrder() {
        var rng = SplitMix64(seed: 23)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational(), c = rng.rational()
            #expect((a < b) == (a + c < b + c))
        }
    }

    @Test func multiplyingByAPositiveValuePreservesOrder() {
        var rng = SplitMix64(seed: 24)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational(), c = abs(rng.rational()) + Rational(1, 1000)
            #expect((a < b) == (a * c < b * c))
            #expect((a < b) == (b * -c < a * -c))
        }
    }

    @Test func orderAgreesWithTheSignOfTheDifference() {
        var rng = SplitMix64(seed: 25)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            #expect((a < b) == ((a - b).signum() < 0))
        }
    }

    @Test func bigValuesCompareCorrectlyWithSmallOnes() {
        let huge = q("1" + String(repeating: "0", count: 40))
        #expect(Rational(Int.max) < huge)
        #expect(-huge < Rational(Int.min))
        #expect(huge.reciprocal < Rational(1, Int.max))
        #expect(Rational(0) < huge.reciprocal)
        #expect(-huge.reciprocal < .zero)
        #expect(Rational(Int.min) < Rational(-Int.max))
        #expect(Rational(Int.max) < Rational(Int.max) + 1)
    }

    @Test func orderAgreesWithDoubleForWellSeparatedValues() {
        var rng = SplitMix64(seed: 26)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            let x = Double(a), y = Double(b)
            if x.isFinite, y.isFinite, abs(x - y) > 1e-9 * max(abs(x), abs(y)) {
                #expect((a < b) == (x < y))
            }
        }
    }
}
