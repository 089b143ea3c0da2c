import GouguArithmetic
import GouguGeometry
import GouguLanguage

/// A rule of the theorem library prepared for matching: variables numbered, and the
/// strategy chosen once.
///
/// A class, like `RuleMatcher`: matching passes them down deep recursions and through the
/// engine's callback, where a struct would be copied field by field (one reference count
/// per array) at every level.
final class CompiledRule: Sendable {
    enum Slot: Hashable, Sendable {
        case variable(Int)
        case number(NumberLiteral)
    }

    /// A class for the reason `CompiledRule` is one: matching reads a pattern at every node,
    /// and a struct of arrays would be copied there (one reference count per array).
    final class Pattern: Sendable {
        let predicate: Predicate
        let slots: [Slot]
        /// The variable of each slot (-1 for a number), in slot order.
        let slotVariables: [Int]
        /// The variables, in slot order, each once.
        let variables: [Int]
        /// The numbers among the slots, in order.
        let numbers: [NumberLiteral]
        let isSideCondition: Bool
        /// Whether `NumericCandidates` lists instances of the predicate with this many points.
        let isEnumerable: Bool

        init(predicate: Predicate, slots: [Slot]) {
            self.predicate = predicate
            self.slots = slots
            slotVariables = slots.map { if case .variable(let v) = $0 { return v } else { return -1 } }
            var seen: [Int] = []
            for v in slotVariables where v >= 0 && !seen.contains(v) { seen.append(v) }
            variables = seen
            numbers = slots.compactMap { if case .number(let n) = $0 { return n } else { return nil } }
            isSideCondition = predicate.isSideCondition
            isEnumerable = NumericCandidates.arity(of: predicate).map { slots.count == $0 } ?? false
        }
    }

    /// One step of matching: the premise taken next, its variables still unbound when it is
    /// reached (bound by this step), the ones bound before, and its slots holding bound
    /// variables (which narrow the candidates of an enumerable premise).
    final class Step: Sendable {
        let premise: Int
        let unbound: [Int]
        let bound: [Int]
        let boundSlots: [(slot: Int, variable: Int)]

        init(premise: Int, unbound: [Int], bound: [Int], boundSlots: [(slot: Int, variable: Int)]) {
            self.premise = premise
            self.unbound = unbound
            self.bound = bound
            self.boundSlots = boundSlots
        }
    }

    let definition: RuleDefinition
    let variableNames: [String]
    let premises: [Pattern]
    let conclusion: Pattern
    /// Whether to start from numeric candidates of the conclusion (else from premises).
    let seedsFromConclusion: Bool
    /// The order premises are matched in, from the variables the start binds (the
    /// conclusion's when seeded from it, else none): each next premise is the one with the
    /// fewest unbound variables, fully bound ones (side conditions among them) first, then
    /// enumerable ones. A step binds every variable of its premise, so which variables are
    /// bound at each step, and so the whole order, is fixed by the rule.
    let plan: [Step]

    static func plan(premises: [Pattern], initiallyBound: [Int], variableCount: Int) -> [Step] {
        var isBound = [Bool](repeating: false, count: variableCount)
        for v in initiallyBound { isBound[v] = true }
        var remaining = Array(premises.indices)
        var steps: [Step] = []
        while !remaining.isEmpty {
            var next = remaining[0]
            var bestKey = (Int.max, Int.max, Int.max)
            for candidate in remaining {
                let p = premises[candidate]
                let u = p.variables.filter { !isBound[$0] }.count
                let key = (u == 0 ? 0 : 1, p.isEnumerable ? 0 : 1, u)
                if key < bestKey { (next, bestKey) = (candidate, key) }
            }
            remaining.removeAll { $0 == next }
            let p = premises[next]
            steps.append(Step(premise: next, unbound: p.variables.filter { !isBound[$0] },
                              bound: p.variables.filter { isBound[$0] },
                              boundSlots: p.slotVariables.enumerated().filter { $0.element >= 0 && isBound[$0.element] }
                                .map { (slot: $0.offset, variable: $0.element) }))
            for v in p.variables { isBound[v] = true }
        }
        return steps
    }

    /// Whether angle chasing or ratio chasing alone already implies every instance of the
    /// rule: asserting its premises over symbolic line directions (or log-lengths), one
    /// point per variable, the conclusion follows in the table. Among angles a multiple of
    /// the conclusion suffices (two bisectors of an angle are perpendicular: 2x ≡ 2y + 1
    /// has two solutions modulo 180 degrees): the engine applies a rule only where its
    /// conclusion holds in the diagram, and there the table concludes it too, with the
    /// diagram's solution (`FactStore.angleMultiple`).
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
            if target.allSatisfy({ system.leastImpliedMultiple(of: expression($0), upTo: FactStore.largestAngleMultiple) != nil }) {
                return true
            }
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
        seedsFromConclusion = conclusion.isEnumerable
        plan = Self.plan(premises: premises, initiallyBound: seedsFromConclusion ? conclusion.variables : [],
                         variableCount: rule.variables.count)
        isImpliedByAlgebra = Self.impliedByAlgebra(premises: premises, conclusion: conclusion)
    }
}

/// Finds the instances of a rule whose premises all hold and whose conclusion is new and
/// true in the diagram.
final class RuleMatcher {
    let rule: CompiledRule
    let diagram: Diagram
    let candidates: NumericCandidates
    /// Stops matching when it returns true (a budget ran out).
    let shouldStop: () -> Bool
    /// The positions of a premise's slots under the binding, reused from check to check.
    /// (Not checked for exclusive access at each use: a matcher runs on one thread, and
    /// `holdsInDiagram` never reenters itself.)
    @exclusivity(unchecked) private var slotPositions: [Vector2] = []

    init(rule: CompiledRule, diagram: Diagram, candidates: NumericCandidates, shouldStop: @escaping () -> Bool) {
        self.rule = rule
        self.diagram = diagram
        self.candidates = candidates
        self.shouldStop = shouldStop
    }

    /// Calls `found` with each binding (variable index -> point) under which every premise
    /// holds (facts known to the store, side conditions true in the diagram); the caller
    /// asks the store why when it uses the instance.
    func run(store: inout FactStore, found: (inout FactStore, [Int]) -> Void) {
        // Kept by the matcher rather than passed down the recursion: a closure argument is
        // specialized into the recursion with its captures as arguments, and the engine's
        // captures (the budget among them) were then copied, with their reference counts,
        // at every level: about half of all deduction time.
        withoutActuallyEscaping(found) { found in
            self.found = found
            defer { self.found = nil }
            matchAll(store: &store)
        }
    }

    /// What `run` calls with each instance found.
    private var found: ((inout FactStore, [Int]) -> Void)?

    private func matchAll(store: inout FactStore) {
        var binding = [Int](repeating: -1, count: rule.variableNames.count)
        if rule.seedsFromConclusion {
            for instance in candidates.instances(of: rule.conclusion.predicate) {
                if shouldStop() { return }
                guard bind(rule.conclusion, to: instance, in: &binding) else { continue }
                let statement = instantiate(rule.conclusion, binding)
                if !store.isKnown(statement) {
                    search(step: 0, binding: &binding, store: &store)
                }
                unbind(rule.conclusion, &binding)
            }
        } else {
            search(step: 0, binding: &binding, store: &store)
        }
    }

    /// Binds the pattern's variables to `points`; false on a conflict (nothing bound then).
    /// Distinct variables may share a point (similar triangles with a common vertex);
    /// degenerate bindings fail the numeric checks.
    private func bind(_ pattern: CompiledRule.Pattern, to points: [Int], in binding: inout [Int]) -> Bool {
        let vars = pattern.slotVariables
        guard points.count == vars.count else { return false }
        // Check first (a variable repeated in the pattern must get one point), then write.
        for i in 0..<vars.count where vars[i] >= 0 {
            let v = vars[i]
            if binding[v] != -1 {
                if binding[v] != points[i] { return false }
            } else {
                for j in 0..<i where vars[j] == v && points[j] != points[i] { return false }
            }
        }
        for i in 0..<vars.count where vars[i] >= 0 { binding[vars[i]] = points[i] }
        return true
    }

    /// Clears the pattern's variables (all were unbound before it was bound).
    private func unbind(_ pattern: CompiledRule.Pattern, _ binding: inout [Int]) {
        for v in pattern.variables { binding[v] = -1 }
    }

    /// Whether `pattern` under `binding` holds in the diagram: `diagram.holds` of its
    /// statement (the same positions, a number's slot at the origin, and numbers), from a
    /// buffer reused from call to call instead of a statement built for it.
    func holdsInDiagram(_ pattern: CompiledRule.Pattern, _ binding: [Int]) -> Bool {
        slotPositions.removeAll(keepingCapacity: true)
        for v in pattern.slotVariables { slotPositions.append(v >= 0 ? diagram.positions[binding[v]] : .zero) }
        return NumericFacts.holds(pattern.predicate, at: slotPositions, numbers: pattern.numbers)
    }

    func instantiate(_ pattern: CompiledRule.Pattern, _ binding: [Int]) -> Statement {
        Statement(predicate: pattern.predicate, arguments: pattern.slots.map { slot in
            switch slot {
            case .variable(let v): return .point(PointID(binding[v]))
            case .number(let n): return .number(n)
            }
        })
    }

    /// Matches the premises of `rule.plan` from `step` on.
    private func search(step: Int, binding: inout [Int], store: inout FactStore) {
        if shouldStop() { return }
        guard step < rule.plan.count else {
            found?(&store, binding)
            return
        }
        let plan = rule.plan[step]
        let premise = rule.premises[plan.premise]
        let unbound = plan.unbound
        if unbound.isEmpty {
            check(premise, then: step + 1, binding: &binding, store: &store)
        } else if premise.predicate == .coll || premise.predicate == .cyclic,
                  distinctCount(plan.bound, binding) >= (premise.predicate == .coll ? 2 : 3) {
            // The bound points fix the line (circle): the others range over its known points.
            guard let members = store.classMembers(premise.predicate, holding: plan.bound.map { binding[$0] }) else { return }
            assign(unbound, from: 0, over: members, premise, then: step + 1, binding: &binding, store: &store)
        } else if premise.isEnumerable {
            let instances = candidates.instances(of: premise.predicate)
            // Only instances agreeing with every bound slot can bind: when some slot is
            // bound, visit just the instances with its point there (the fewest such).
            var narrowest: [Int]?
            for (slot, v) in plan.boundSlots {
                let positions = candidates.positions(of: premise.predicate, slot: slot, point: binding[v])
                if positions.count < narrowest?.count ?? .max { narrowest = positions }
            }
            for k in 0..<(narrowest?.count ?? instances.count) {
                if bind(premise, to: instances[narrowest?[k] ?? k], in: &binding) {
                    check(premise, then: step + 1, binding: &binding, store: &store)
                    for v in unbound { binding[v] = -1 }
                }
            }
        } else if unbound.count <= 3 {
            // No index: try every point for each unbound variable, filtered numerically.
            assign(unbound, from: 0, over: 0..<diagram.positions.count, premise, then: step + 1,
                   binding: &binding, store: &store)
        }
    }

    /// How many distinct points `variables` are bound to.
    private func distinctCount(_ variables: [Int], _ binding: [Int]) -> Int {
        var count = 0
        for i in variables.indices where !variables[..<i].contains(where: { binding[$0] == binding[variables[i]] }) { count += 1 }
        return count
    }

    /// With `premise` fully bound: goes on with the plan's step `next` if it holds (in the
    /// diagram, and in the store unless it is a side condition).
    ///
    /// `check` and `assign` are methods rather than functions nested in `search`, so that
    /// the innermost loop of matching does not copy the matcher into a closure context.
    private func check(_ premise: CompiledRule.Pattern, then next: Int, binding: inout [Int], store: inout FactStore) {
        // The numeric test first, without building the statement: most candidates fail it.
        guard holdsInDiagram(premise, binding) else { return }
        let statement = instantiate(premise, binding)
        // A premise with too few distinct points for its figure says nothing (`cyclic e e k
        // d`: any three points): no theorem applies.
        guard premise.isSideCondition || !statement.isDegenerate else { return }
        guard premise.isSideCondition || store.isKnown(statement) else { return }
        search(step: next, binding: &binding, store: &store)
    }

    /// Tries every point of `domain` for each of `unbound[k...]`, then checks `premise`.
    private func assign(_ unbound: [Int], from k: Int, over domain: some Collection<Int>,
                        _ premise: CompiledRule.Pattern, then next: Int, binding: inout [Int],
                        store: inout FactStore) {
        if k == unbound.count {
            check(premise, then: next, binding: &binding, store: &store)
            return
        }
        for point in domain {
            binding[unbound[k]] = point
            assign(unbound, from: k + 1, over: domain, premise, then: next, binding: &binding, store: &store)
            binding[unbound[k]] = -1
        }
    }
}
