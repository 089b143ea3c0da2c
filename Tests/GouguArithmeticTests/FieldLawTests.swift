import Testing
@testable import GouguArithmetic

/// Field laws on seeded random values mixing tiny, word-edge and 40+ digit values, so
/// every law is exercised within words, across the boundary and entirely in GMP.
@Suite("Field laws")
struct FieldLawTests {
    static let trials = 1500

    @Test func additionIsCommutative() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            #expect(a + b == b + a)
        }
    }

    @Test func additionIsAssociative() {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational(), c = rng.rational()
            #expect((a + b) + c == a + (b + c))
        }
    }

    @Test func multiplicationIsCommutative() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            #expect(a * b == b * a)
        }
    }

    @Test func multiplicationIsAssociative() {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational(), c = rng.rational()
            #expect((a * b) * c == a * (b * c))
        }
    }

    @Test func multiplicationDistributesOverAddition() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational(), c = rng.rational()
            #expect(a * (b + c) == a * b + a * c)
        }
    }

    @Test func zeroAndOneAreIdentities() {
        var rng = SplitMix64(seed: 6)
        for _ in 0..<Self.trials {
            let a = rng.rational()
            #expect(a + .zero == a)
            #expect(a * .one == a)
            #expect(a * .zero == .zero)
        }
    }

    @Test func everyValueHasAnAdditiveInverse() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<Self.trials {
            let a = rng.rational()
            #expect(a + (-a) == .zero)
            #expect((a - a).isZero)
            #expect(-(-a) == a)
        }
    }

    @Test func everyNonZeroValueHasAMultiplicativeInverse() {
        var rng = SplitMix64(seed: 8)
        for _ in 0..<Self.trials {
            let a = rng.rational()
            if a.isZero { continue }
            #expect(a * a.reciprocal == .one)
            #expect(a / a == .one)
            #expect(a.reciprocal.reciprocal == a)
        }
    }

    @Test func subtractionAddsTheNegation() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            #expect(a - b == a + (-b))
        }
    }

    @Test func divisionMultipliesByTheReciprocal() {
        var rng = SplitMix64(seed: 10)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            if b.isZero { continue }
            #expect(a / b == a * b.reciprocal)
            #expect((a / b) * b == a)
        }
    }

    @Test func compoundAssignmentsAgreeWithBinaryOperators() {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational()
            var x = a; x += b; #expect(x == a + b)
            x = a; x -= b; #expect(x == a - b)
            x = a; x *= b; #expect(x == a * b)
            if !b.isZero { x = a; x /= b; #expect(x == a / b) }
        }
    }

    @Test func addProductIsAPlusBTimesC() {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<Self.trials {
            let a = rng.rational(), b = rng.rational(), c = rng.rational()
            var x = a
            x.addProduct(b, c)
            #expect(x == a + b * c)
            var y = a
            y.subtractProduct(b, c)
            #expect(y == a - b * c)
        }
    }

    @Test func compoundAssignmentOnASelfAliasIsCorrect() {
        var x = pow2(100) + Rational(1, 3)
        let expected = x + x
        x += x
        #expect(x == expected)
        var y = pow2(100)
        y.addProduct(y, y)
        #expect(y == pow2(100) + pow2(200))
    }

    @Test func mutatingACopyLeavesTheOriginalUnchanged() {
        let original = pow2(100) + Rational(1, 3)
        var copy = original
        copy += 1
        copy.addProduct(original, original)
        #expect(original == pow2(100) + Rational(1, 3))
        #expect(original.description == "3802951800684688204490109616129/3")
    }

    @Test func repeatedInPlaceUpdatesOfABigValueStayExact() {
        var x = pow2(100)
        for i in 1...100 { x += Rational(i) }
        #expect(x == pow2(100) + 5050)
        for i in 1...100 { x -= Rational(i) }
        #expect(x == pow2(100))
        x -= pow2(100)
        #expect(x.isZero && x.isInline)
    }
}

@Suite("Copy-on-write storage")
struct CopyOnWriteTests {
    /// The GMP object behind a big value, for identity checks.
    func box(_ r: Rational) -> ObjectIdentifier? {
        if case .big(let b) = r.storage { return ObjectIdentifier(b) }
        return nil
    }

    @Test func compoundAssignmentOnAnUnsharedBigValueReusesItsStorage() {
        var x = pow2(100) + Rational(1, 3)
        let before = box(x)
        x += 1
        x *= 3
        x.addProduct(Rational(5), Rational(7, 3))
        #expect(before != nil)
        #expect(box(x) == before)
        #expect(x == (pow2(100) + Rational(4, 3)) * 3 + Rational(35, 3))
    }

    @Test func compoundAssignmentOnASharedBigValueCopiesFirst() {
        var x = pow2(100)
        let y = x
        x += 1
        #expect(box(x) != box(y))
        #expect(y == pow2(100))
    }

    @Test func sharedBigValuesCanBeReadConcurrently() async {
        let shared = pow2(200) + Rational(1, 7)
        let results = await withTaskGroup(of: Rational.self) { group in
            for i in 0..<8 {
                group.addTask { shared * Rational(i) - shared * Rational(i - 1) }
            }
            var all: [Rational] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == shared })
    }
}
