import GouguArithmetic
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials

// Pairs of lines through an earlier point (the two bisectors of an angle), taken apart into
// the line the point is on, and square roots in the model's field that make that possible
// without a new algebraic parameter.

extension CoordinateModel {
    /// Largest polynomial (terms) whose square root is looked for.
    static let squareRootTermLimit = 4_000

    /// A square root of `d` in the model's field, when `d` is a square there: in the field
    /// of the parameters (`√(N/M) = √(N·M) / M`), or in its extension by an algebraic
    /// parameter `ν` of a quadratic relation `aν² + bν + c`, where `2aν + b` is a root of
    /// the relation's discriminant `Δ`, so `√d = (2aν + b) · √(d·Δ) / Δ`. Every root
    /// returned is checked exactly: its square minus `d` reduces to zero.
    func squareRoot(of d: RationalFunction) -> RationalFunction? {
        let n = d.numerator, m = d.denominator
        var candidates: [() -> RationalFunction?] = [{
            // Numerator and denominator squares, up to constants whose quotient is one.
            guard n.termCount <= Self.squareRootTermLimit, m.termCount <= Self.squareRootTermLimit,
                  let c = Polynomial.rationalSquareRoot(n.leadingNumber / m.leadingNumber),
                  let sn = n.scaled(by: n.leadingNumber.reciprocal).squareRoot(),
                  let sm = m.scaled(by: m.leadingNumber.reciprocal).squareRoot() else { return nil }
            return RationalFunction(sn.scaled(by: c), over: sm)
        }, {
            guard n.termCount * m.termCount <= Self.squareRootTermLimit, let s = (n * m).squareRoot() else { return nil }
            return RationalFunction(s, over: m)
        }]
        for (index, variable) in variables.enumerated() {
            guard let relation = variable.relation, relation.mainVariable == index, relation.degree(in: index) == 2 else { continue }
            candidates.append {
                let c = relation.coefficients(in: index)
                let discriminant = c[1] * c[1] - c[2] * c[0] * 4
                let product = n * discriminant * m
                guard product.termCount <= Self.squareRootTermLimit, let s = product.squareRoot() else { return nil }
                let rootOfDiscriminant = c[2] * Polynomial.variable(index) * 2 + c[1]
                return RationalFunction(rootOfDiscriminant * s, over: m * discriminant)
            }
        }
        for candidate in candidates {
            guard let root = candidate().map(simplify), isZero(root * root - d) else { continue }
            return root
        }
        return nil
    }

    /// The quadratic equations that are pairs of lines through an earlier point, replaced
    /// by the line of the pair that passes through the diagram's point, while the point
    /// has fewer than two lines. Those whose slope is rational in the model's field come
    /// first; the others take an algebraic parameter, the slope.
    mutating func splittingLinePairs(point: PointID, name: String, position: PlanePoint<Complex>,
                                     equations: [(LocusPolynomial, Statement)]) throws -> [(LocusPolynomial, Statement)] {
        var lineCount = equations.filter { $0.0.degree == 1 }.count
        guard lineCount < 2 else { return equations }
        var pairs: [(index: Int, pair: LinePair, root: RationalFunction?)] = []
        for (index, equation) in equations.enumerated() where equation.0.degree == 2 {
            guard let pair = linePair(equation.0, position: position) else { continue }
            pairs.append((index, pair, slopeInField(pair)))
        }
        pairs.sort { ($0.root == nil ? 1 : 0, $0.index) < ($1.root == nil ? 1 : 0, $1.index) }
        var result = equations
        for (index, pair, root) in pairs where lineCount < 2 {
            let reason = problem.text(of: equations[index].1)
            let slope: RationalFunction
            if let root {
                try require(pair.slopeEquation[2], nonzero: "the leading coefficient of the slope of \(reason)")
                slope = root
            } else {
                slope = try algebraic("m_\(name)_\(problem.name(of: pair.vertexPoint))", value: pair.slopeValue,
                                      coefficients: pair.slopeEquation, reason: "the slope of a line of \(reason)")
            }
            // (Y - v.y) = slope (X - v.x), or with the coordinates exchanged.
            let v = pair.vertex
            let line = pair.alongX
                ? LocusPolynomial.y - LocusPolynomial(constant: slope) * LocusPolynomial.x + LocusPolynomial(constant: slope * v.x - v.y)
                : LocusPolynomial.x - LocusPolynomial(constant: slope) * LocusPolynomial.y + LocusPolynomial(constant: slope * v.y - v.x)
            result[index] = (line.mapCoefficients { self.normalize($0) }, equations[index].1)
            lineCount += 1
        }
        return result
    }

    /// A quadratic locus `Q` that is a pair of lines through an earlier point `v`:
    /// `Q(v + (X, Y)) = A X² + B XY + C Y²`.
    struct LinePair {
        let vertexPoint: PointID
        let vertex: PlanePoint<RationalFunction>
        /// Whether the slope is `Y/X` (else `X/Y`, for a line closer to the second axis).
        let alongX: Bool
        /// The slope's equation, lowest power first: `[A, B, C]` for `Y/X`, `[C, B, A]` for `X/Y`.
        let slopeEquation: [RationalFunction]
        /// The slope of the line through the diagram's point.
        let slopeValue: Complex
    }

    func linePair(_ q: LocusPolynomial, position: PlanePoint<Complex>) -> LinePair? {
        for vertexPoint in placed where numericValue(q, at: frame[vertexPoint.index]).length < 1e-6
                                        && separation(frame[vertexPoint.index], position) > 1e-6 {
            let v = self.point(vertexPoint)
            let shifted = q.shifted(by: v).mapCoefficients { self.normalize($0) }
            guard shifted.coefficient(0, 0).isZero, shifted.coefficient(1, 0).isZero, shifted.coefficient(0, 1).isZero else { continue }
            let (a, b, c) = (shifted.coefficient(2, 0), shifted.coefficient(1, 1), shifted.coefficient(0, 2))
            let d = position - frame[vertexPoint.index]
            let alongX = prefersFirst(d.x, over: d.y)
            return LinePair(vertexPoint: vertexPoint, vertex: v, alongX: alongX,
                            slopeEquation: alongX ? [a, b, c] : [c, b, a],
                            slopeValue: alongX ? d.y / d.x : d.x / d.y)
        }
        return nil
    }

    /// The slope of the pair's line through the diagram's point, when its discriminant is a
    /// square in the model's field (or zero).
    func slopeInField(_ pair: LinePair) -> RationalFunction? {
        let c = pair.slopeEquation
        guard !c[2].isZero else { return nil }
        let discriminant = normalize(c[1] * c[1] - RationalFunction(4) * c[0] * c[2])
        let twice = RationalFunction(2) * c[2]
        if discriminant.isZero { return simplify(-c[1] / twice) }
        guard let root = squareRoot(of: discriminant) else { return nil }
        let tolerance = 1e-6 * (1 + pair.slopeValue.length)
        return [simplify((-c[1] + root) / twice), simplify((-c[1] - root) / twice)]
            .first { (value(of: $0) - pair.slopeValue).length < tolerance }
    }
}

extension LocusPolynomial {
    /// The polynomial with `X`, `Y` replaced by `v.x + X`, `v.y + Y`.
    func shifted(by v: PlanePoint<RationalFunction>) -> LocusPolynomial {
        let sx = LocusPolynomial.x + LocusPolynomial(constant: v.x), sy = LocusPolynomial.y + LocusPolynomial(constant: v.y)
        var result = LocusPolynomial(terms: [:])
        for (monomial, c) in terms {
            var term = LocusPolynomial(constant: c)
            for _ in 0..<monomial.x { term = term * sx }
            for _ in 0..<monomial.y { term = term * sy }
            result = result + term
        }
        return result
    }
}
