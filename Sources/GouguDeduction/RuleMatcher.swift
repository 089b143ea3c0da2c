import GouguArithmetic
import GouguGeometry
import GouguLanguage

/// A rule of the theorem library prepared for matching: variables numbered, and the
/// strategy chosen once.
struct CompiledRule: Sendable {
    enum Slot: Hashable, Sendable {
        case variable(Int)
        case number(NumberLiteral)
    }

    struct Pattern: Sendable {
        var predicate: String
        var slots: [Slot]
        var variables: [Int] { slots.compactMap { if case .variable(let v) = $0 { return v } else { return nil } } }
        var isSideCondition: Bool { RuleDefinition.sideConditionPredicates.contains(predicate) }
    }

    let definition: RuleDefinition
    let variableNames: [String]
    let premises: [Pattern]
    let conclusion: Pattern
    /// Whether to start from numeric candidates of the conclusion (else from premises).
    let seedsFromConclusion: Bool

    /// Whether angle chasing or ratio chasing alone already implies every instance of the
    /// rule: asserting its premises over symbolic line directions (or log-lengths), one
    /// point per variable, the conclusion follows in the table. Side conditions add nothing
    /// there, so a rule that needs one (two bisectors of an angle are perpendicular: 2x = c
    /// has two solutions modulo 180 degrees) is kept.
    let isImpliedByAlgebra: Bool

    static func impliedByAlgebra(premises: [Pattern], conclusion: Pattern) -> Bool {
        for table in [AlgebraTable.angles, .ratios] {
            func terms(_ p: Pattern) -> [FactStore.SparseEquation]? {
                let points = p.slots.map { slot -> Int in if case .variable(let v) = slot { return v } else { return -1 } }
                let numbers = p.slots.compactMap { slot -> NumberLiteral? in if case .number(let n) = slot { return n } else { return nil } }
                return table == .angles ? FactStore.angleTerms(p.predicate, points, numbers) : FactStore.ratioTerms(p.predicate, points, numbers)
            }
            let facts = premises.filter { !$0.isSideCondition }
            guard let target = terms(conclusion), facts.allSatisfy({ terms($0) != nil }) else { continue }
            var ids: [Int: Int] = [:]
            func expression(_ e: FactStore.SparseEquation) -> LinearExpression {
                var merged: [Int: Rational] = [:]
                for (key, c) in e.terms {
                    let id = ids[key] ?? ids.count
                    ids[key] = id
                    merged[id, default: .zero] += c
                }
                return LinearExpression(merged, constant: e.constant)
            }
            var system = LinearSystem(modulus: table == .angles ? Rational(1) : nil)
            var next = 0
            for fact in facts {
                for e in terms(fact)! {
                    system.add(expression(e), id: EquationID(next))
                    next += 1
                }
            }
            if target.allSatisfy({ system.certificate(for: expression($0)) != nil }) { return true }
        }
        return false
    }

    init(_ rule: RuleDefinition) {
        definition = rule
        variableNames = rule.variables
        func pattern(_ f: FactTemplate) -> Pattern {
            Pattern(predicate: f.predicate, slots: f.arguments.map { argument in
                switch argument {
                case .parameter(let name): return .variable(rule.variables.firstIndex(of: name)!)
                case .number(let n): return .number(n)
                }
            })
        }
        premises = rule.premises.map(pattern)
        conclusion = pattern(rule.conclusion)
        seedsFromConclusion = NumericCandidates.enumerable.contains(rule.conclusion.predicate)
        isImpliedByAlgebra = Self.impliedByAlgebra(premises: premises, conclusion: conclusion)
    }
}

/// Finds the instances of a rule whose premises all hold and whose conclusion is new and
/// true in the diagram.
struct RuleMatcher {
    let rule: CompiledRule
    let diagram: Diagram
    let candidates: NumericCandidates
    /// Stops matching when it returns true (a budget ran out).
    let shouldStop: () -> Bool

    /// Calls `found` with each binding (variable index -> point) and the premises'
    /// justifications, in premise order.
    func run(store: inout FactStore, found: (inout FactStore, [Int], [Justification?]) -> Void) {
        var binding = [Int](repeating: -1, count: rule.variableNames.count)
        if rule.seedsFromConclusion {
            for instance in candidates.instances(of: rule.conclusion.predicate) {
                if shouldStop() { return }
                guard bind(rule.conclusion, to: instance, in: &binding) else { continue }
                let statement = instantiate(rule.conclusion, binding)
                if store.holds(statement) == nil {
                    search(remaining: Array(rule.premises.indices), binding: &binding, justifications: [:], store: &store, found: found)
                }
                unbind(rule.conclusion, &binding)
            }
        } else {
            search(remaining: Array(rule.premises.indices), binding: &binding, justifications: [:], store: &store, found: found)
        }
    }

    /// Binds the pattern's variables to `points`; false on a conflict (nothing bound then).
    private func bind(_ pattern: CompiledRule.Pattern, to points: [Int], in binding: inout [Int]) -> Bool {
        guard points.count == pattern.slots.count else { return false }
        var assigned: [Int] = []
        for (slot, point) in zip(pattern.slots, points) {
            guard case .variable(let v) = slot else { continue }
            if binding[v] == -1 {
                // Distinct variables may share a point (similar triangles with a common
                // vertex); degenerate bindings fail the numeric checks.
                binding[v] = point
                assigned.append(v)
            } else if binding[v] != point {
                for a in assigned { binding[a] = -1 }
                return false
            }
        }
        return true
    }

    /// Clears the pattern's variables (all were unbound before it was bound).
    private func unbind(_ pattern: CompiledRule.Pattern, _ binding: inout [Int]) {
        for v in pattern.variables { binding[v] = -1 }
    }

    func instantiate(_ pattern: CompiledRule.Pattern, _ binding: [Int]) -> Statement {
        Statement(predicate: pattern.predicate, arguments: pattern.slots.map { slot in
            switch slot {
            case .variable(let v): return .point(PointID(binding[v]))
            case .number(let n): return .number(n)
            }
        })
    }

    private func search(remaining: [Int], binding: inout [Int], justifications: [Int: Justification?],
                        store: inout FactStore, found: (inout FactStore, [Int], [Justification?]) -> Void) {
        if shouldStop() { return }
        guard !remaining.isEmpty else {
            found(&store, binding, rule.premises.indices.map { justifications[$0] ?? nil })
            return
        }
        // Next: the premise with the fewest unbound variables; side conditions once bound.
        let next = remaining.min { a, b in
            let (pa, pb) = (rule.premises[a], rule.premises[b])
            let ua = Set(pa.variables.filter { binding[$0] == -1 }).count
            let ub = Set(pb.variables.filter { binding[$0] == -1 }).count
            let ea = NumericCandidates.enumerable.contains(pa.predicate) ? 0 : 1
            let eb = NumericCandidates.enumerable.contains(pb.predicate) ? 0 : 1
            return (ua == 0 ? 0 : 1, ea, ua) < (ub == 0 ? 0 : 1, eb, ub)
        }!
        let rest = remaining.filter { $0 != next }
        let premise = rule.premises[next]
        let unbound = Array(Set(premise.variables.filter { binding[$0] == -1 })).sorted()
        let saved = binding

        func check() {
            let statement = instantiate(premise, binding)
            guard diagram.holds(statement) else { return }
            if premise.isSideCondition {
                var j = justifications
                j[next] = .some(nil)
                search(remaining: rest, binding: &binding, justifications: j, store: &store, found: found)
                return
            }
            guard let why = store.holds(statement) else { return }
            var j = justifications
            j[next] = why
            search(remaining: rest, binding: &binding, justifications: j, store: &store, found: found)
        }

        if unbound.isEmpty {
            check()
        } else if NumericCandidates.enumerable.contains(premise.predicate),
                  candidates.instances(of: premise.predicate).first.map({ $0.count == premise.slots.count }) ?? true {
            for instance in candidates.instances(of: premise.predicate) {
                if bind(premise, to: instance, in: &binding) { check() }
                binding = saved
            }
        } else if unbound.count <= 3 {
            // No index: try every point for each unbound variable, filtered numerically.
            let n = diagram.positions.count
            func assign(_ k: Int) {
                if k == unbound.count { check(); return }
                for point in 0..<n {
                    binding[unbound[k]] = point
                    assign(k + 1)
                    binding[unbound[k]] = -1
                }
            }
            assign(0)
            binding = saved
        }
    }
}
