import GouguArithmetic
import GouguPolynomials
import GouguPredicatePolynomials

/// A polynomial in the coordinates `X`, `Y` of the point being placed, with coefficients
/// that are rational functions of the parameters: the equation of the locus a fact puts
/// the point on (a line, a circle, a pair of lines).
struct LocusPolynomial: CoordinateRing {
    /// The coefficient of `X^i Y^j`, keyed by `Monomial(i, j)`; no zero coefficients.
    private(set) var terms: [Monomial: RationalFunction]

    struct Monomial: Hashable {
        let x: Int
        let y: Int
        init(_ x: Int, _ y: Int) { self.x = x; self.y = y }
        var degree: Int { x + y }
    }

    init(terms: [Monomial: RationalFunction]) { self.terms = terms.filter { !$0.value.isZero } }

    init(_ constant: Rational) { self.init(constant: RationalFunction(constant)) }

    init(constant: RationalFunction) { self.init(terms: [Monomial(0, 0): constant]) }

    static let x = LocusPolynomial(terms: [Monomial(1, 0): .one])
    static let y = LocusPolynomial(terms: [Monomial(0, 1): .one])

    static func + (lhs: LocusPolynomial, rhs: LocusPolynomial) -> LocusPolynomial {
        var terms = lhs.terms
        for (monomial, c) in rhs.terms { terms[monomial] = (terms[monomial] ?? .zero) + c }
        return LocusPolynomial(terms: terms)
    }

    static func - (lhs: LocusPolynomial, rhs: LocusPolynomial) -> LocusPolynomial {
        lhs + LocusPolynomial(terms: rhs.terms.mapValues { -$0 })
    }

    static func * (lhs: LocusPolynomial, rhs: LocusPolynomial) -> LocusPolynomial {
        var terms: [Monomial: RationalFunction] = [:]
        for (a, ca) in lhs.terms {
            for (b, cb) in rhs.terms {
                let m = Monomial(a.x + b.x, a.y + b.y)
                terms[m] = (terms[m] ?? .zero) + ca * cb
            }
        }
        return LocusPolynomial(terms: terms)
    }

    /// The coefficient of `X^i Y^j`.
    func coefficient(_ i: Int, _ j: Int) -> RationalFunction { terms[Monomial(i, j)] ?? .zero }

    /// The total degree in `X`, `Y` (-1 for the zero polynomial).
    var degree: Int { terms.keys.map(\.degree).max() ?? -1 }

    /// The coefficients, with every rational function passed through `transform`
    /// (reduction modulo the model's relations); terms that become zero are dropped.
    func mapCoefficients(_ transform: (RationalFunction) throws -> RationalFunction) rethrows -> LocusPolynomial {
        LocusPolynomial(terms: try terms.mapValues(transform))
    }

    /// The polynomial's value at a point.
    func value(at point: PlanePoint<RationalFunction>) -> RationalFunction {
        along(base: point, direction: PlanePoint(x: .zero, y: .zero))[0]
    }

    /// The polynomial on the line `(X, Y) = base + s · direction`, as coefficients of
    /// powers of `s`, lowest first.
    func along(base: PlanePoint<RationalFunction>, direction: PlanePoint<RationalFunction>) -> [RationalFunction] {
        // Powers of the two coordinates as polynomials in s: (b + s d)^k.
        func powers(_ b: RationalFunction, _ d: RationalFunction, upTo n: Int) -> [[RationalFunction]] {
            var result: [[RationalFunction]] = [[.one]]
            for _ in 0..<n {
                let last = result.last!
                var next = [RationalFunction](repeating: .zero, count: last.count + 1)
                for (k, c) in last.enumerated() {
                    next[k] = next[k] + c * b
                    next[k + 1] = next[k + 1] + c * d
                }
                result.append(next)
            }
            return result
        }
        let n = max(degree, 0)
        let xs = powers(base.x, direction.x, upTo: n), ys = powers(base.y, direction.y, upTo: n)
        var out = [RationalFunction](repeating: .zero, count: n + 1)
        for (m, c) in terms {
            let px = xs[m.x], py = ys[m.y]
            for (i, a) in px.enumerated() where !a.isZero {
                for (j, b) in py.enumerated() where !b.isZero {
                    out[i + j] = out[i + j] + c * a * b
                }
            }
        }
        return out
    }
}
