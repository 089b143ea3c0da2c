import GouguArithmetic
import GouguPolynomials

/// Reads a polynomial as `Polynomial.text(naming:)` writes it: terms joined by `+` and
/// `-`, each a product (`*`) of an optional rational coefficient (`3`, `3/4`) and powers
/// of named variables (`x_b`, `t_d^2`). Spaces are ignored; nothing else is accepted.
struct PolynomialReader {
    /// A syntax error: the column (from 1) in the text, and what was expected.
    struct Failure: Error {
        let column: Int
        let message: String
    }

    /// The variables' numbers by name.
    let variables: [String: Int]

    /// The largest exponent accepted (a larger one is no certificate Gougu writes, and its
    /// power would only exhaust memory).
    static let maximumExponent = 64

    /// Whether `name` can be a variable's name: a letter or `_`, then letters, digits, `_`.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" } && name.count <= 100
    }

    func read(_ text: String) throws -> Polynomial {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func skipSpaces() { while i < scalars.count, scalars[i] == " " { i += 1 } }
        func failure(_ message: String) -> Failure { Failure(column: i + 1, message: message) }
        func digits() -> String {
            let start = i
            while i < scalars.count, scalars[i].isASCIIDigit { i += 1 }
            return String(String.UnicodeScalarView(scalars[start..<i]))
        }
        var terms: [(Rational, [Int: Int])] = []
        skipSpaces()
        var negative = false
        if i < scalars.count, scalars[i] == "-" { negative = true; i += 1; skipSpaces() }
        while true {
            // One term: factors joined by '*'.
            var coefficient = Rational(negative ? -1 : 1)
            var powers: [Int: Int] = [:]
            var factors = 0
            repeat {
                if factors > 0 { i += 1 }  // the '*'
                skipSpaces()
                guard i < scalars.count else { throw failure("expected a number or a variable") }
                if scalars[i].isASCIIDigit {
                    var number = digits()
                    if i < scalars.count, scalars[i] == "/" {
                        i += 1
                        let denominator = digits()
                        guard !denominator.isEmpty else { throw failure("expected the denominator's digits") }
                        number += "/" + denominator
                    }
                    guard let value = Rational(number) else { throw failure("'\(number)' is not a rational number") }
                    coefficient = coefficient * value
                } else if scalars[i].isASCIILetter || scalars[i] == "_" {
                    let start = i
                    while i < scalars.count, scalars[i].isASCIILetter || scalars[i].isASCIIDigit || scalars[i] == "_" { i += 1 }
                    let name = String(String.UnicodeScalarView(scalars[start..<i]))
                    guard let variable = variables[name] else {
                        i = start
                        throw failure("unknown variable '\(Quoted(name))'")
                    }
                    var exponent = 1
                    if i < scalars.count, scalars[i] == "^" {
                        i += 1
                        let text = digits()
                        guard let e = Int(text), e >= 1, e <= Self.maximumExponent else {
                            throw failure("expected an exponent from 1 to \(Self.maximumExponent)")
                        }
                        exponent = e
                    }
                    powers[variable, default: 0] += exponent
                    guard powers[variable]! <= Self.maximumExponent else { throw failure("exponent above \(Self.maximumExponent)") }
                } else {
                    throw failure("expected a number or a variable")
                }
                factors += 1
                skipSpaces()
            } while i < scalars.count && scalars[i] == "*"
            terms.append((coefficient, powers))
            guard i < scalars.count else { break }
            guard scalars[i] == "+" || scalars[i] == "-" else { throw failure("expected '+', '-' or '*'") }
            negative = scalars[i] == "-"
            i += 1
        }
        return Self.build(terms[...])
    }

    /// The sum of the terms, built variable by variable from the highest (each power of the
    /// highest variable times the polynomial of its terms in the lower ones), so that
    /// reading takes time near linear in the number of terms.
    static func build(_ terms: ArraySlice<(Rational, [Int: Int])>) -> Polynomial {
        guard let top = terms.compactMap({ $0.1.keys.max() }).max() else {
            return Polynomial(terms.reduce(Rational(0)) { $0 + $1.0 })
        }
        var byExponent: [Int: [(Rational, [Int: Int])]] = [:]
        for (coefficient, powers) in terms {
            var lower = powers
            let exponent = lower.removeValue(forKey: top) ?? 0
            byExponent[exponent, default: []].append((coefficient, lower))
        }
        var result = Polynomial.zero
        for (exponent, group) in byExponent.sorted(by: { $0.key < $1.key }) {
            let coefficient = build(group[...])
            result = result + (exponent == 0 ? coefficient : coefficient * Polynomial.variable(top).power(exponent))
        }
        return result
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
