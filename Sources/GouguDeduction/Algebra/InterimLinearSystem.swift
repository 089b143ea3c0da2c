import GouguArithmetic

// Interim stand-in with the agreed API, replaced by the incremental implementation in
// this folder when it lands. Simple sparse Gauss-Jordan with provenance; for the modulus
// table it only accepts certificates whose coefficients are integers.

public struct EquationID: Hashable, Sendable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (l: EquationID, r: EquationID) -> Bool { l.rawValue < r.rawValue }
}

public struct LinearExpression: Hashable, Sendable {
    public private(set) var terms: [Int: Rational]
    public var constant: Rational
    public init(terms: [Int: Rational] = [:], constant: Rational = .zero) {
        self.terms = terms.filter { !$0.value.isZero }
        self.constant = constant
    }
    public var isConstant: Bool { terms.isEmpty }
    mutating func add(_ other: LinearExpression, times k: Rational) {
        for (v, c) in other.terms {
            var x = terms[v] ?? .zero
            x.addProduct(c, k)
            terms[v] = x.isZero ? nil : x
        }
        constant.addProduct(other.constant, k)
    }
}

public struct Certificate: Hashable, Sendable {
    public var combination: [EquationID: Rational]
}

public struct LinearSystem: Sendable {
    public enum Addition { case added, redundant(Certificate), inconsistent(Certificate) }
    let modulus: Rational?
    var rows: [Int: (row: LinearExpression, provenance: [EquationID: Rational])] = [:]  // pivot -> row with pivot coefficient 1
    public private(set) var equationCount = 0

    public init(modulus: Rational?) { self.modulus = modulus }

    func reduce(_ e: LinearExpression) -> (LinearExpression, [EquationID: Rational]) {
        var e = e
        var provenance: [EquationID: Rational] = [:]
        var changed = true
        while changed {
            changed = false
            for (v, c) in e.terms {
                if let pivot = rows[v] {
                    let k = Rational.zero - c
                    e.add(pivot.row, times: k)
                    for (id, p) in pivot.provenance {
                        var x = provenance[id] ?? .zero
                        x.addProduct(p, k)
                        provenance[id] = x.isZero ? nil : x
                    }
                    changed = true
                    break
                }
            }
        }
        return (e, provenance)
    }

    func constantIsZero(_ c: Rational) -> Bool {
        guard let modulus else { return c.isZero }
        return (c / modulus).isInteger
    }

    public mutating func add(_ expression: LinearExpression, id: EquationID) -> Addition {
        let (r, provenance) = reduce(expression)
        if r.isConstant {
            var cert = provenance.mapValues { Rational.zero - $0 }
            cert[id] = nil
            let certificate = Certificate(combination: cert)
            return constantIsZero(r.constant) ? .redundant(certificate) : .inconsistent(certificate)
        }
        equationCount += 1
        let pivot = r.terms.keys.min()!
        let inverse = r.terms[pivot]!.reciprocal
        var row = LinearExpression()
        row.add(r, times: inverse)
        var rowProvenance: [EquationID: Rational] = [id: inverse]
        for (k, p) in provenance { rowProvenance[k] = p * inverse }
        for key in Array(rows.keys) {
            guard let c = rows[key]!.row.terms[pivot] else { continue }
            var other = rows[key]!
            let k = Rational.zero - c
            other.row.add(row, times: k)
            for (id2, p) in rowProvenance {
                var x = other.provenance[id2] ?? .zero
                x.addProduct(p, k)
                other.provenance[id2] = x.isZero ? nil : x
            }
            rows[key] = other
        }
        rows[pivot] = (row, rowProvenance)
        return .added
    }

    public func certificate(for expression: LinearExpression) -> Certificate? {
        let (r, provenance) = reduce(expression)
        guard r.isConstant, constantIsZero(r.constant) else { return nil }
        let combination = provenance.mapValues { Rational.zero - $0 }.filter { !$0.value.isZero }
        if modulus != nil, !combination.values.allSatisfy(\.isInteger) { return nil }
        return Certificate(combination: combination)
    }
}
