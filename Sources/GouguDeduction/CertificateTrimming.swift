import GouguArithmetic
import GouguProof

/// A certificate with the equations it does not need left out: the engine's explanation of
/// an equation is one combination of the equations it learned, not always one of fewest
/// facts, and a reader should not be sent to a fact the combination can do without.
///
/// Each group of terms citing the same facts is left out in turn (`preferred` groups
/// first: those whose facts would then leave the proof); the rest are recombined by exact
/// linear algebra over the terms' own equations (`AlgebraTerm.expression`, the equations a
/// checker recomputes). Among angles the combination must have integer coefficients and
/// meet the conclusion modulo 1 (180°), as the checker requires; a combination that does
/// not is not taken.
enum CertificateTrimming {
    /// The certificate's terms, fewest found: nil when no group can be left out.
    ///
    /// - Complexity: one elimination per group, each O(v · t²) for v variables and t terms.
    static func trimmed(_ certificate: AlgebraCertificate, preferring preferred: (AlgebraTerm) -> Bool) -> [AlgebraTerm]? {
        let terms = certificate.terms
        guard terms.count > 1, certificate.multiple == 1, let target = Equation(certificate.conclusion) else { return nil }
        var equations: [Equation] = []
        for term in terms {
            guard let e = Equation(term.expression) else { return nil }
            equations.append(e)
        }
        // Groups of terms citing the same facts (a term citing none is a group of its own).
        var groups: [[Int]] = []
        for (k, term) in terms.enumerated() {
            if !term.facts.isEmpty, let g = groups.firstIndex(where: { terms[$0[0]].facts == term.facts }) {
                groups[g].append(k)
            } else {
                groups.append([k])
            }
        }
        let modular = certificate.table == .angles
        let system = System(equations, target: target, modular: modular)
        var kept = Array(terms.indices)
        var coefficients = terms.map(\.coefficient)
        var changed = false
        let ordered = groups.filter { preferred(terms[$0[0]]) } + groups.filter { !preferred(terms[$0[0]]) }
        for group in ordered where kept.count > group.count {
            let trial = kept.filter { !group.contains($0) }
            guard let solution = system.solve(using: trial) else { continue }
            kept = trial
            coefficients = terms.map(\.coefficient)
            for (k, c) in zip(trial, solution) { coefficients[k] = c }
            changed = true
        }
        guard changed else { return nil }
        return kept.compactMap { k in
            guard !coefficients[k].isZero else { return nil }
            var t = terms[k]
            t.coefficient = coefficients[k]
            return t
        }
    }

    /// An equation `Σ c × variable + constant = 0`, its variables named as the proof names
    /// them (two points in either order; four points, the two lines in either order; a prime).
    struct Equation {
        var terms: [String: Rational] = [:]
        var constant: Rational = .zero

        init?(_ e: Proof.Expression) {
            for t in e.terms {
                guard let c = Rational(t.coefficient) else { return nil }
                let key: String
                if let p = t.logPrime {
                    key = "log \(p)"
                } else if let points = t.points, points.count == 2 {
                    key = points.sorted().joined(separator: " ")
                } else if let points = t.points, points.count == 4 {
                    key = [points[0...1].sorted().joined(separator: " "), points[2...3].sorted().joined(separator: " ")].sorted().joined(separator: " | ")
                } else {
                    return nil
                }
                terms[key, default: .zero] += c
            }
            guard let constant = Rational(e.constant) else { return nil }
            self.constant = constant
        }
    }

    /// The equations and the target as one matrix over the variables they name, built once
    /// per certificate: each trial solves with some of its columns.
    struct System {
        /// One row per variable (and the constant, unless modular): the equations'
        /// coefficients, then the target's.
        let rows: [[Rational]]
        let constants: [Rational]
        let targetConstant: Rational
        let modular: Bool

        init(_ equations: [Equation], target: Equation, modular: Bool) {
            let variables = Array(Set(equations.flatMap(\.terms.keys) + target.terms.keys)).sorted()
            var rows = variables.map { v in equations.map { $0.terms[v] ?? .zero } + [target.terms[v] ?? .zero] }
            if !modular { rows.append(equations.map(\.constant) + [target.constant]) }
            self.rows = rows
            constants = equations.map(\.constant)
            targetConstant = target.constant
            self.modular = modular
        }

        /// Coefficients x of the equations at `columns` with Σ x_i equations_i = target: the
        /// same coefficients of every variable, and the same constant (modulo 1, with integer
        /// x, when `modular`); nil when the elimination finds none (free coefficients are
        /// taken as 0).
        func solve(using columns: [Int]) -> [Rational]? {
            let n = columns.count
            var rows = self.rows.compactMap { row -> [Rational]? in
                let selected = columns.map { row[$0] } + [row[row.count - 1]]
                return selected.allSatisfy(\.isZero) ? nil : selected
            }
            var pivots: [(row: Int, column: Int)] = []
            var r = 0
            for column in 0..<n where r < rows.count {
                guard let p = (r..<rows.count).first(where: { !rows[$0][column].isZero }) else { continue }
                rows.swapAt(r, p)
                let pivot = rows[r][column]
                if pivot != .one { for k in column...n where !rows[r][k].isZero { rows[r][k] /= pivot } }
                for i in rows.indices where i != r && !rows[i][column].isZero {
                    let f = rows[i][column]
                    for k in column...n where !rows[r][k].isZero { rows[i][k] -= f * rows[r][k] }
                }
                pivots.append((r, column))
                r += 1
            }
            guard rows[r...].allSatisfy({ $0[n].isZero }) else { return nil }
            var x = [Rational](repeating: .zero, count: n)
            for (row, column) in pivots { x[column] = rows[row][n] }
            if modular {
                guard x.allSatisfy(\.isInteger) else { return nil }
                var constant = Rational.zero
                for (c, k) in zip(x, columns) { constant += c * constants[k] }
                guard (constant - targetConstant).isInteger else { return nil }
            }
            return x
        }
    }
}
