import GouguArithmetic

/// A variable of an algebraic table: the unordered pair of points {a, b} (the direction of
/// line ab, or log |ab|, depending on the table) or log p for a prime p.
enum TableVariable: Hashable, Sendable, Comparable {
    case pair(Int, Int)
    case logPrime(Int)
    /// log |sin| of the angle between line {a, b} and line {c, d} (ratios), the two lines in
    /// either order.
    case sine(Int, Int, Int, Int)

    /// The pair variable of two points, in either order.
    static func of(_ a: Int, _ b: Int) -> TableVariable { .pair(min(a, b), max(a, b)) }

    /// The sine variable of lines ab and cd, in any order of points and of lines.
    static func sineOf(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> TableVariable {
        let first = (min(a, b), max(a, b)), second = (min(c, d), max(c, d))
        let (x, y) = first <= second ? (first, second) : (second, first)
        return .sine(x.0, x.1, y.0, y.1)
    }
}

/// `Σ coefficient × variable + constant`, read as `= 0`: an equation of a table.
struct LinearForm: Equatable, Sendable {
    private(set) var coefficients: [TableVariable: Rational] = [:]
    var constant: Rational = .zero

    init(_ terms: [(TableVariable, Rational)] = [], constant: Rational = .zero) {
        for (v, c) in terms { add(c, v) }
        self.constant = constant
    }

    /// Adds `c × v`, dropping the variable when its coefficient cancels.
    mutating func add(_ c: Rational, _ v: TableVariable) {
        let sum = (coefficients[v] ?? .zero) + c
        coefficients[v] = sum.isZero ? nil : sum
    }

    /// Adds `scale × other`.
    mutating func add(_ scale: Rational, times other: LinearForm) {
        for (v, c) in other.coefficients { add(scale * c, v) }
        constant += scale * other.constant
    }

    /// Whether a variable is a "line" or "segment" through one point twice ({a, a}): such
    /// an equation means nothing (log 0, no direction) and is never used.
    var isDegenerate: Bool {
        coefficients.keys.contains {
            switch $0 {
            case .pair(let a, let b): return a == b
            case .sine(let a, let b, let c, let d): return a == b || c == d || (a == c && b == d)
            case .logPrime: return false
            }
        }
    }

    /// Whether two forms are one equation: the same coefficients, and constants equal, or
    /// equal modulo `modulus` (1 in the angle table: 180 degrees).
    func sameEquation(as other: LinearForm, modulus: Rational?) -> Bool {
        guard coefficients == other.coefficients else { return false }
        let difference = constant - other.constant
        guard let modulus else { return difference.isZero }
        return (difference / modulus).isInteger
    }
}
