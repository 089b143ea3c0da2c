import GouguArithmetic
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguTestSupport
import Testing

/// Corrupted proofs are rejected: engine proofs (JSON and text read back) mutated at random
/// with a fixed seed, each mutation a real error, every one refused by the checker.
@Suite struct MutationTests {
    enum Kind: String, CaseIterable {
        case dropCite = "drop a cited premise"
        case citeLater = "cite a later step"
        case changePoint = "change a point"
        case swapRule = "swap the rule"
        case perturbCoefficient = "perturb a coefficient"
        case dropAuxiliary = "drop an auxiliary construction"
        case replaceGoal = "replace the goal"
        case reorderPoints = "reorder a statement's points by no symmetry"
    }

    /// A mutant of `proof`, or nil when the kind does not apply to the step drawn.
    static func mutate(_ proof: Proof, of problem: Problem, kind: Kind, rules: [RuleDefinition],
                       rng: inout SplitMix64) -> Proof? {
        var p = proof
        let total = p.premises.count + p.steps.count
        func pick<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs[rng.below(xs.count)] }
        switch kind {
        case .dropCite:
            guard let i = pick(p.steps.indices.filter { !p.steps[$0].cites.isEmpty }) else { return nil }
            var step = p.steps[i]
            let c = step.cites[rng.below(step.cites.count)]
            step.cites.remove(at: step.cites.firstIndex(of: c)!)
            if var certificates = step.certificates {
                for k in certificates.indices { certificates[k].terms.removeAll { $0.cites.contains(c) } }
                step.certificates = certificates
            }
            p.steps[i] = step
        case .citeLater:
            guard let i = pick(p.steps.indices.filter { !p.steps[$0].cites.isEmpty && p.steps[$0].number < total }) else { return nil }
            var step = p.steps[i]
            let k = rng.below(step.cites.count)
            let old = step.cites[k]
            let later = step.number + 1 + rng.below(total - step.number)
            step.cites[k] = later
            if var certificates = step.certificates {
                for a in certificates.indices {
                    for b in certificates[a].terms.indices {
                        certificates[a].terms[b].cites = certificates[a].terms[b].cites.map { $0 == old ? later : $0 }
                    }
                }
                step.certificates = certificates
            }
            p.steps[i] = step
        case .changePoint:
            let names = problem.points.map(\.name)
            let inPremises = rng.below(4) == 0 && !p.premises.isEmpty
            let count = inPremises ? p.premises.count : p.steps.count
            let i = rng.below(count)
            var step = inPremises ? p.premises[i] : p.steps[i]
            // A point of a line or segment-addition term, when the step has one.
            var places: [(Int, Int, Bool)] = []
            for (a, c) in (step.certificates ?? []).enumerated() {
                for (b, t) in c.terms.enumerated() where t.line != nil || t.between != nil { places.append((a, b, t.line != nil)) }
            }
            if rng.below(3) == 0, let (a, b, isLine) = pick(places) {
                var points = isLine ? step.certificates![a].terms[b].line! : step.certificates![a].terms[b].between!
                let k = rng.below(points.count)
                guard let other = pick(names.filter { $0 != points[k] }) else { return nil }
                points[k] = other
                if isLine { step.certificates![a].terms[b].line = points } else { step.certificates![a].terms[b].between = points }
            } else if step.kind == .rule, rng.below(2) == 0, let binding = step.binding, let key = pick(Array(binding.keys).sorted()) {
                guard let other = pick(names.filter { $0 != binding[key] }) else { return nil }
                step.binding![key] = other
            } else {
                var words = step.statement.split(separator: " ").map(String.init)
                guard let w = pick(words.indices.filter { $0 > 0 && names.contains(words[$0]) }),
                      let other = pick(names.filter { $0 != words[w] }) else { return nil }
                words[w] = other
                step.statement = words.joined(separator: " ")
            }
            if inPremises { p.premises[i] = step } else { p.steps[i] = step }
        case .swapRule:
            guard let i = pick(p.steps.indices.filter { p.steps[$0].kind == .rule }),
                  let current = rules.first(where: { $0.name == p.steps[i].rule }),
                  let other = pick(rules.filter { $0.factPremises != current.factPremises || $0.conclusion != current.conclusion })
            else { return nil }
            p.steps[i].rule = other.name
        case .perturbCoefficient:
            var places: [(Int, Int, Int)] = []
            for (i, s) in p.steps.enumerated() {
                for (a, c) in (s.certificates ?? []).enumerated() { for b in c.terms.indices { places.append((i, a, b)) } }
            }
            guard let (i, a, b) = pick(places) else { return nil }
            let term = p.steps[i].certificates![a].terms[b]
            let deltas: [Rational] = p.steps[i].certificates![a].table == .angles ? [1, -1, 2, -2] : [1, -1, Rational(1, 2), Rational(-1, 3)]
            p.steps[i].certificates![a].terms[b].coefficient = (Rational(term.coefficient)! + pick(deltas)!).description
        case .dropAuxiliary:
            guard !p.auxiliaryConstructions.isEmpty else { return nil }
            p.auxiliaryConstructions.remove(at: rng.below(p.auxiliaryConstructions.count))
        case .reorderPoints:
            // Another fact on the same points (or a false one): the checker accepts a fact in
            // any of its forms, and must tell those from every other order.
            let inPremises = rng.below(4) == 0 && !p.premises.isEmpty
            let i = rng.below(inPremises ? p.premises.count : p.steps.count)
            var step = inPremises ? p.premises[i] : p.steps[i]
            var words = step.statement.split(separator: " ").map(String.init)
            guard let predicate = Predicate(name: words[0]), !predicate.symmetry.isPointSet,
                  words.count == 1 + predicate.pointCount + predicate.numberCount else { return nil }
            var order = Array(0..<(words.count - 1))
            for k in stride(from: predicate.pointCount - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
            guard !predicate.symmetricOrders(count: order.count).contains(order) else { return nil }
            let arguments = Array(words.dropFirst())
            words = [words[0]] + order.map { arguments[$0] }
            func statement(_ words: [String]) -> Statement? {
                let points = words.dropFirst(1).prefix(predicate.pointCount).compactMap { problem.point(named: $0) }
                let numbers = words.dropFirst(1 + predicate.pointCount).compactMap { NumberLiteral($0) }
                guard points.count == predicate.pointCount, numbers.count == predicate.numberCount else { return nil }
                return Statement(predicate: predicate, arguments: points.map { .point($0) } + numbers.map { .number($0) })
            }
            guard let before = statement(step.statement.split(separator: " ").map(String.init)), let after = statement(words),
                  !after.isRestatement(of: before) else { return nil }
            step.statement = words.joined(separator: " ")
            if inPremises { p.premises[i] = step } else { p.steps[i] = step }
        case .replaceGoal:
            let last = p.steps.count - 1
            let others = (p.premises + p.steps.dropLast()).map(\.statement).filter { $0 != p.steps[last].statement }
            guard let other = pick(others) else { return nil }
            p.steps[last].statement = other
        }
        return p == proof ? nil : p
    }

    @Test func tenThousandCorruptedProofsAreAllRejected() {
        let pool = EngineProofs.classics + EngineProofs.imo + EngineProofs.distances + EngineProofs.pythagoras + EngineProofs.auxiliaries
        #expect(!pool.isEmpty)
        let rules = TheoremLibrary.standard.rules
        let checker = ProofChecker()
        var rng = SplitMix64(seed: 20_261_122)
        var tried: [Kind: Int] = [:], rejected: [Kind: Int] = [:]
        var escaped: [String] = []
        let perKind = 1_700
        // Few proofs have auxiliary constructions: drop each one of each, once.
        for base in pool + EngineProofs.withAuxiliaryRemoved {
            for document in [base.json, base.text] {
                for k in document.auxiliaryConstructions.indices {
                    var mutant = document
                    mutant.auxiliaryConstructions.remove(at: k)
                    tried[.dropAuxiliary, default: 0] += 1
                    if case .invalid = checker.check(mutant, for: base.problem) { rejected[.dropAuxiliary, default: 0] += 1 }
                    else { escaped.append("\(Kind.dropAuxiliary.rawValue) in \(base.problem.name)") }
                }
            }
        }
        for kind in Kind.allCases where kind != .dropAuxiliary {
            var attempts = 0
            while tried[kind, default: 0] < perKind, attempts < perKind * 20 {
                attempts += 1
                let base = pool[rng.below(pool.count)]
                let document = rng.below(2) == 0 ? base.json : base.text
                guard let mutant = Self.mutate(document, of: base.problem, kind: kind, rules: rules, rng: &rng) else { continue }
                tried[kind, default: 0] += 1
                if case .invalid = checker.check(mutant, for: base.problem) {
                    rejected[kind, default: 0] += 1
                } else if escaped.count < 5 {
                    escaped.append("\(kind.rawValue) in \(base.problem.name)")
                }
            }
        }
        for kind in Kind.allCases {
            print("mutation '\(kind.rawValue)': tried \(tried[kind, default: 0]), rejected \(rejected[kind, default: 0])")
        }
        let total = tried.values.reduce(0, +)
        print("mutations: tried \(total), rejected \(rejected.values.reduce(0, +))")
        #expect(total >= 10_000)
        #expect(escaped.isEmpty, "accepted mutants: \(escaped)")
        for kind in Kind.allCases { #expect(tried[kind, default: 0] > 0, "\(kind.rawValue) never applied") }
    }
}
