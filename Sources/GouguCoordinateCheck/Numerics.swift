import GouguArithmetic
import GouguPolynomials
import GouguPredicatePolynomials

/// A number with a first-order perturbation, `value + ε·tangent`, and bounds on the
/// absolute values that went into each (`scale`, `tangentScale`: the sums of the terms'
/// absolute values), against which rounding is told apart from a true nonzero.
struct Dual: CoordinateRing, EvaluationValue {
    var value: Complex
    var tangent: Complex
    var scale: Double
    var tangentScale: Double

    init(value: Complex, tangent: Complex) {
        (self.value, self.tangent, scale, tangentScale) = (value, tangent, value.length, tangent.length)
    }

    init(value: Complex, tangent: Complex, scale: Double, tangentScale: Double) {
        (self.value, self.tangent, self.scale, self.tangentScale) = (value, tangent, scale, tangentScale)
    }

    init(_ constant: Rational) { self.init(Double(constant)) }

    init(_ real: Double) { self.init(value: Complex(real), tangent: .zero) }

    static func + (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value + b.value, tangent: a.tangent + b.tangent, scale: a.scale + b.scale, tangentScale: a.tangentScale + b.tangentScale)
    }

    static func - (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value - b.value, tangent: a.tangent - b.tangent, scale: a.scale + b.scale, tangentScale: a.tangentScale + b.tangentScale)
    }

    static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, tangent: a.tangent * b.value + a.value * b.tangent,
             scale: a.scale * b.scale, tangentScale: a.tangentScale * b.scale + a.scale * b.tangentScale)
    }

    static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        let size = max(b.value.length, .leastNormalMagnitude)
        return Dual(value: q, tangent: (a.tangent - q * b.tangent) / b.value,
                    scale: a.scale / size, tangentScale: (a.tangentScale + q.length * b.tangentScale) / size)
    }

    /// The tangent, or exactly zero when it is within rounding of zero.
    var cleanTangent: Complex { tangent.length <= 1e-9 * tangentScale ? .zero : tangent }
}

/// The points a polynomial expression can depend on: the union of its operands' points
/// (an upper bound: terms that cancel are not noticed, which only makes a point look newer).
struct Support: CoordinateRing {
    var points: Set<Int>

    init(points: Set<Int>) { self.points = points }
    init(_ constant: Rational) { points = [] }

    static func + (a: Support, b: Support) -> Support { Support(points: a.points.union(b.points)) }
    static func - (a: Support, b: Support) -> Support { Support(points: a.points.union(b.points)) }
    static func * (a: Support, b: Support) -> Support { Support(points: a.points.union(b.points)) }
}

/// The rank of a small complex matrix (rows of equal length): Gaussian elimination on
/// rows scaled to length one, with complete pivoting; a pivot counts when it is above
/// `tolerance`. Entries should already be exactly zero where they are zero within
/// rounding (`Dual.cleanTangent`).
func numericRank(_ rows: [[Complex]], tolerance: Double = 1e-6) -> Int {
    var m = rows.compactMap { row -> [Complex]? in
        let size = row.map(\.length).max() ?? 0
        return size > 0 ? row.map { $0 / Complex(size) } : nil
    }
    guard let width = m.first?.count else { return 0 }
    var rank = 0
    var columns = Array(0..<width)
    while rank < m.count && !columns.isEmpty {
        var best = (row: -1, column: -1, size: tolerance)
        for r in rank..<m.count {
            for c in columns where m[r][c].length > best.size { best = (r, c, m[r][c].length) }
        }
        guard best.row >= 0 else { break }
        m.swapAt(rank, best.row)
        let pivot = m[rank][best.column]
        for r in (rank + 1)..<max(rank + 1, m.count) {
            let factor = m[r][best.column] / pivot
            for c in columns { m[r][c] = m[r][c] - factor * m[rank][c] }
        }
        columns.removeAll { $0 == best.column }
        rank += 1
    }
    return rank
}

extension Polynomial {
    /// The derivative in variable `v`.
    func derivative(in v: Int) -> Polynomial {
        let c = coefficients(in: v)
        var result = Polynomial.zero
        for k in c.indices.dropFirst() where !c[k].isZero {
            result = result + c[k].scaled(by: Rational(k)) * (k == 1 ? .one : Polynomial.variable(v).power(k - 1))
        }
        return result
    }
}

/// The distinct denominators of the points' coordinates, numbered, with their powers.
final class Denominators: @unchecked Sendable {
    private(set) var polynomials: [Polynomial] = []
    private var powers: [[Polynomial]] = []

    /// The number of `p`, added if new (nil for a constant).
    func key(of p: Polynomial) -> Int? {
        if p.constantValue != nil { return nil }
        if let k = polynomials.firstIndex(of: p) { return k }
        polynomials.append(p)
        powers.append([.one, p])
        return polynomials.count - 1
    }

    func power(_ k: Int, _ e: Int) -> Polynomial {
        while powers[k].count <= e { powers[k].append(powers[k].last! * polynomials[k]) }
        return powers[k][e]
    }
}

/// A rational function whose denominator is a product of powers of known denominators:
/// the predicates' equations over the coordinates come out over the least common
/// denominator of the coordinates they use, not the product of every intermediate one.
struct OverDenominators: CoordinateRing {
    var numerator: Polynomial
    /// The exponent of each denominator (by its number in `table`).
    var exponents: [Int: Int]
    let table: Denominators?

    init(numerator: Polynomial, exponents: [Int: Int], table: Denominators?) {
        (self.numerator, self.exponents, self.table) = (numerator, exponents, table)
    }

    init(_ constant: Rational) { self.init(numerator: Polynomial(constant), exponents: [:], table: nil) }

    /// `f` over the table's denominators (its denominator's constant folded into the numerator).
    init(_ f: RationalFunction, table: Denominators) {
        if let c = f.denominator.constantValue {
            self.init(numerator: f.numerator.scaled(by: c.reciprocal), exponents: [:], table: table)
        } else {
            self.init(numerator: f.numerator, exponents: [table.key(of: f.denominator)!: 1], table: table)
        }
    }

    private static func lift(_ a: OverDenominators, to exponents: [Int: Int], table: Denominators?) -> Polynomial {
        guard let table else { return a.numerator }
        var n = a.numerator
        for (k, e) in exponents where e > (a.exponents[k] ?? 0) { n = n * table.power(k, e - (a.exponents[k] ?? 0)) }
        return n
    }

    static func + (a: OverDenominators, b: OverDenominators) -> OverDenominators {
        let table = a.table ?? b.table
        let exponents = a.exponents.merging(b.exponents, uniquingKeysWith: max)
        return OverDenominators(numerator: lift(a, to: exponents, table: table) + lift(b, to: exponents, table: table),
                                exponents: exponents, table: table)
    }

    static func - (a: OverDenominators, b: OverDenominators) -> OverDenominators {
        a + OverDenominators(numerator: -b.numerator, exponents: b.exponents, table: b.table)
    }

    static func * (a: OverDenominators, b: OverDenominators) -> OverDenominators {
        OverDenominators(numerator: a.numerator * b.numerator, exponents: a.exponents.merging(b.exponents, uniquingKeysWith: +),
                         table: a.table ?? b.table)
    }
}
