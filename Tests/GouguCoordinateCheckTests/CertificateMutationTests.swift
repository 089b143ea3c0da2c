import Foundation
import GouguArithmetic
import GouguCoordinateCheck
import GouguLanguage
import GouguPolynomials
import GouguTestSupport
import Testing

/// Corrupted certificates are rejected: the certificates of the fixtures' proofs by
/// coordinates, mutated at random with a fixed seed, each mutation a real error (a family
/// that misses the diagram, a coordinate or relation that breaks a fact, a condition that
/// vanishes, a point or variable out of place, another goal), every one refused.
@Suite struct CertificateMutationTests {
    enum Kind: String, CaseIterable {
        case coordinateTerm = "add a term to a coordinate"
        case coordinateTinyTerm = "add a term of size 1e-9 to a constrained point's coordinate"
        case coordinateScale = "scale a coordinate"
        case variableValue = "move a variable's value"
        case relationTerm = "add a term to a relation"
        case relationTinyTerm = "add a constant of size 1e-9 to a relation"
        case dropRelation = "make an algebraic variable free"
        case vanishingCondition = "claim nonzero a polynomial that vanishes"
        case otherGoal = "name another goal"
        case dropPlacement = "drop a placement"
        case swapPoints = "swap two points"
        case variableLater = "move a variable to a later point"
        case otherSystem = "name the other coordinate system"
        case notAssumedForeign = "excuse a fact that is no premise"
        case editText = "change a digit of the JSON"
    }

    /// A mutant, or nil when the kind does not apply to what was drawn.
    static func mutate(_ proof: CertifiedProof, kind: Kind, rng: inout SplitMix64) -> CoordinateCertificate?? {
        var c = proof.certificate
        func pick<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs[rng.below(xs.count)] }
        let coefficients = [Rational(1, 2), Rational(-2), Rational(3, 7), Rational(5), Rational(-7, 3)]
        // Variables introduced up to each placement (its coordinates may use those).
        var limits: [Int] = []
        for p in c.placements { limits.append((limits.last ?? 0) + p.variables.count) }
        func term(upTo limit: Int) -> Polynomial {
            let coefficient = Polynomial(pick(coefficients)!)
            return limit == 0 || rng.below(3) == 0 ? coefficient : coefficient * Polynomial.variable(rng.below(limit))
        }
        func changeCoordinate(_ i: Int, _ change: (RationalFunction) -> RationalFunction) {
            if rng.below(2) == 0 { c.placements[i].x = change(c.placements[i].x) } else { c.placements[i].y = change(c.placements[i].y) }
        }
        switch kind {
        case .coordinateTerm:
            let i = rng.below(c.placements.count)
            let t = term(upTo: limits[i])
            changeCoordinate(i) { RationalFunction($0.numerator + t * $0.denominator, over: $0.denominator) }
        case .coordinateTinyTerm:
            // A point with no variable of its own is pinned down by its facts: any change breaks one.
            guard let i = pick(c.placements.indices.filter { c.placements[$0].variables.isEmpty && !c.placements[$0].from.isEmpty }) else { return nil }
            let t = term(upTo: limits[i]).scaled(by: Rational(1, 1_000_000_000))
            changeCoordinate(i) { RationalFunction($0.numerator + t * $0.denominator, over: $0.denominator) }
        case .coordinateScale:
            guard let i = pick(c.placements.indices.filter { !c.placements[$0].x.isZero || !c.placements[$0].y.isZero }) else { return nil }
            let factor = Rational(rng.below(2) == 0 ? 2 : -3)
            if !c.placements[i].x.isZero && (c.placements[i].y.isZero || rng.below(2) == 0) {
                c.placements[i].x = RationalFunction(c.placements[i].x.numerator.scaled(by: factor), over: c.placements[i].x.denominator)
            } else {
                c.placements[i].y = RationalFunction(c.placements[i].y.numerator.scaled(by: factor), over: c.placements[i].y.denominator)
            }
        case .variableValue:
            guard let i = pick(c.placements.indices.filter { !c.placements[$0].variables.isEmpty }) else { return nil }
            let j = rng.below(c.placements[i].variables.count)
            let v = c.placements[i].variables[j].value
            let shift = 0.05 * (1 + v.length)
            c.placements[i].variables[j].value = rng.below(2) == 0 ? Complex(v.real + shift, v.imaginary) : Complex(v.real, v.imaginary - shift)
        case .relationTerm, .relationTinyTerm, .dropRelation:
            let algebraic = c.placements.indices.flatMap { i in c.placements[i].variables.indices.compactMap { c.placements[i].variables[$0].relation == nil ? nil : (i, $0) } }
            guard let (i, j) = pick(algebraic) else { return nil }
            let relation = c.placements[i].variables[j].relation!
            switch kind {
            case .dropRelation: c.placements[i].variables[j].relation = nil
            case .relationTinyTerm: c.placements[i].variables[j].relation = relation + Polynomial(Rational(1, 1_000_000_000))
            default: c.placements[i].variables[j].relation = relation + term(upTo: limits[i])
            }
        case .vanishingCondition:
            let relations = c.variables.compactMap(\.relation)
            let vanishing = rng.below(2) == 0 || relations.isEmpty ? Polynomial.zero : pick(relations)!
            let condition = CoordinateCertificate.Condition(polynomial: vanishing, reason: "mutant")
            if c.conditions.isEmpty || rng.below(2) == 0 { c.conditions.append(condition) } else { c.conditions[rng.below(c.conditions.count)] = condition }
        case .otherGoal:
            let premises = proof.problem.premises.map(proof.problem.text(of:)).filter { $0 != c.goal }
            guard let other = pick(premises) else { return nil }
            c.goal = other
        case .dropPlacement:
            c.placements.remove(at: rng.below(c.placements.count))
        case .swapPoints:
            let i = rng.below(c.placements.count), j = rng.below(c.placements.count)
            guard i != j, proof.diagram.position(of: proof.problem.point(named: c.placements[i].point)!)
                    != proof.diagram.position(of: proof.problem.point(named: c.placements[j].point)!) else { return nil }
            (c.placements[i].point, c.placements[j].point) = (c.placements[j].point, c.placements[i].point)
        case .variableLater:
            // A variable its own point's coordinates use, handed to a later point.
            let candidates = c.placements.indices.dropLast().flatMap { i in
                c.placements[i].variables.indices.suffix(1).filter { j in
                    let index = limits[i] - c.placements[i].variables.count + j
                    let p = c.placements[i]
                    return [p.x.numerator, p.x.denominator, p.y.numerator, p.y.denominator].contains { $0.degree(in: index) > 0 }
                }.map { (i, $0) }
            }
            guard let (i, j) = pick(candidates) else { return nil }
            let variable = c.placements[i].variables.remove(at: j)
            c.placements[i + 1].variables.insert(variable, at: 0)
            // The point's last variable goes first to the next: the numbering is unchanged,
            // but the point now uses a variable introduced after it.
        case .otherSystem:
            c.system = c.system == .cartesian ? .isotropic : .cartesian
        case .notAssumedForeign:
            c.notAssumed.append(.init(fact: "para " + proof.problem.points.prefix(4).map(\.name).joined(separator: " ")))
            guard !proof.problem.premises.map(proof.problem.text(of:)).contains(c.notAssumed.last!.fact) else { return nil }
        case .editText:
            return .some(nil)
        }
        return .some(c)
    }

    /// A mutant of the JSON text: one digit of a polynomial or a value changed.
    static func mutateText(_ proof: CertifiedProof, rng: inout SplitMix64) -> Data? {
        var bytes = Array(proof.certificate.json(pretty: true))
        // Digits inside the coordinates and relations (a condition's digits may change and
        // it still be a nonzero polynomial: no error).
        var candidates: [Int] = []
        var lineStart = 0
        for (k, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") { lineStart = k + 1; continue }
            guard byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9") else { continue }
            let line = String(decoding: bytes[lineStart..<k], as: UTF8.self)
            if ["\"numerator\"", "\"denominator\"", "\"root_of\""].contains(where: line.contains) { candidates.append(k) }
        }
        guard !candidates.isEmpty else { return nil }
        let k = candidates[rng.below(candidates.count)]
        bytes[k] = bytes[k] == UInt8(ascii: "9") ? UInt8(ascii: "2") : bytes[k] + 1
        return Data(bytes)
    }

    @Test func everyCorruptedCertificateIsRejected() throws {
        let proofs = Fixtures.all
        #expect(proofs.count == Fixtures.classics.count + Fixtures.small.count)
        var rng = SplitMix64(seed: 0xC0FFEE)
        var tried = 0
        var byKind: [Kind: Int] = [:]
        var accepted: [String] = []
        let target = 2_400
        var attempts = 0
        while tried < target && attempts < target * 4 {
            attempts += 1
            let proof = proofs[rng.below(proofs.count)]
            let kind = Kind.allCases[rng.below(Kind.allCases.count)]
            let outcome: CoordinateChecker.Outcome
            switch Self.mutate(proof, kind: kind, rng: &rng) {
            case .none:
                continue
            case .some(.some(let mutant)):
                guard mutant != proof.certificate else { continue }
                outcome = proof.check(mutant)
            case .some(.none):
                // Through the JSON text: a changed digit.
                guard let data = Self.mutateText(proof, rng: &rng) else { continue }
                guard let read = try? CoordinateCertificate.read(data, file: "mutant.json") else {
                    tried += 1
                    byKind[kind, default: 0] += 1
                    continue
                }
                guard read != proof.certificate else { continue }
                outcome = proof.check(read)
            }
            tried += 1
            byKind[kind, default: 0] += 1
            if case .invalid = outcome { continue }
            accepted.append("\(proof.problem.name), \(kind.rawValue): \(outcome)")
        }
        #expect(accepted.isEmpty, "\(accepted.count) corrupted certificates accepted: \(accepted.prefix(5))")
        #expect(tried >= 2_000)
        #expect(Set(byKind.keys) == Set(Kind.allCases), "kinds never applied: \(Set(Kind.allCases).subtracting(byKind.keys))")
        print("coordinate certificate mutations: \(tried - accepted.count) rejected of \(tried); "
              + Kind.allCases.map { "\($0.rawValue) \(byKind[$0] ?? 0)" }.joined(separator: ", "))
    }
}
