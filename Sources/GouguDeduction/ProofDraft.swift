import GouguArithmetic
import GouguLanguage
import GouguProof

/// The facts a proof will state and why, before they are numbered: the facts the goal
/// needs, traced back through their justifications, then shortened for a reader.
///
/// The engine learns a fact in the form a rule asks for it, so a proof traced straight from
/// the store restates facts with their points reordered (`cong g a g m` after `cong g m g a`)
/// and ends by restating the goal. `shorten()` removes what a demanding reader would strike
/// out, keeping every step checkable:
/// - a **restatement** (a step or premise stating a fact already stated, its points
///   reordered by a symmetry of the predicate, `Statement.isRestatement(of:)`) goes: its
///   users cite the first statement instead (a rule premise and a chain accept any form of
///   a fact; a chase cites the same equation of the first form, its coefficient negated
///   when the equation is, or else the chase that proved the restatement);
/// - the goal, when it restates a fact nothing else cites, is that fact's step, written in
///   the goal's form (a rule's conclusion and a chain accept any form; a chase's
///   certificates are negated where the goal's equation is the negative of the fact's);
/// - an angle or ratio **chase used by one chase only** is merged into it: each equation
///   cited from it is replaced by the combination of equations that proved it, which stays
///   an exact certificate of the same table;
/// - a chase cites only equations it needs: one it can do without is left out and the
///   others recombined (`CertificateTrimming`);
/// - a fact no longer cited on the way to the goal goes, and so does a premise.
///
/// Nothing is shortened that the checker (`ProofChecker`) would not accept, and the proof
/// it gives is checked like any other before it is reported.
struct ProofDraft {
    /// A fact the proof may state: the statement and why it holds.
    struct Entry {
        var statement: Statement
        var justification: Justification
    }

    /// The facts the proof states, by id: store ids, and `goalID` for the goal's own step.
    private(set) var entries: [FactID: Entry]
    /// The ids in the order the proof states them (premises among them); the goal last.
    private(set) var order: [FactID]
    /// The goal's own step: one past the store's facts.
    let goalID: FactID
    /// The run's facts and diagram: what a statement's equations are (`citedEquations`).
    private let store: FactStore
    /// Certificates none of whose groups of terms can be left out: whether a group can
    /// does not depend on the order they are tried in, so later rounds skip them.
    private var untrimmable = Set<AlgebraCertificate>()

    /// The facts `goal` (proved by `justification`) needs in `store`, in the order they were
    /// derived, then the goal's own step.
    init(store: FactStore, goal: Statement, justification: Justification) {
        let facts = store.facts
        var needed = Set<FactID>()
        var stack = justification.dependencies
        while let f = stack.popLast() {
            guard needed.insert(f).inserted else { continue }
            stack += facts[f].dependencies
        }
        goalID = facts.count
        self.store = store
        var entries: [FactID: Entry] = [goalID: Entry(statement: goal, justification: justification)]
        for id in needed { entries[id] = Entry(statement: facts[id].statement, justification: facts[id].justification) }
        self.entries = entries
        order = needed.sorted() + [goalID]
    }

    // MARK: Shortening

    /// Drops restatements, ends with the fact the goal restates, merges chases used once,
    /// trims chases and drops what is no longer needed, until none of these applies.
    ///
    /// - Complexity: each round is linear in the size of the proof (one pass over its
    ///   citations); every round but the last removes a step.
    mutating func shorten() {
        var changed = true
        while changed {
            changed = false
            if dropRestatements() { changed = true }
            if endWithTheGoalsFact() { changed = true }
            if mergeChases() { changed = true }
            if trimChases() { changed = true }
            if dropUnneeded() { changed = true }
        }
    }

    /// The ids of the entries citing each id.
    private func users() -> [FactID: [FactID]] {
        var users: [FactID: [FactID]] = [:]
        for id in order { for cited in entries[id]!.justification.dependencies { users[cited, default: []].append(id) } }
        return users
    }

    private func isPremise(_ id: FactID) -> Bool {
        if case .premise = entries[id]!.justification { return true }
        return false
    }

    /// Drops each step (or premise) that restates an earlier one, when every step citing it can
    /// cite the earlier one instead (`redirect`). The goal's own step stays (it is the
    /// proof's last line; `endWithTheGoalsFact` shortens it).
    private mutating func dropRestatements() -> Bool {
        var first: [Statement: FactID] = [:]
        var changed = false
        let users = users()
        for id in order where entries[id] != nil {
            let form = entries[id]!.statement.canonicalForm
            guard let earlier = first[form] else { first[form] = id; continue }
            guard id != goalID else { continue }
            var rewritten: [FactID: Justification] = [:]
            for user in users[id] ?? [] {
                guard let why = redirect(entries[user]!.justification, from: id, to: earlier) else { rewritten = [:]; break }
                rewritten[user] = why
            }
            guard !rewritten.isEmpty || (users[id] ?? []).isEmpty else { continue }
            for (user, why) in rewritten { entries[user]!.justification = why }
            remove(id)
            changed = true
        }
        return changed
    }

    /// The goal's own step restates a fact that nothing else cites: that fact's step moves
    /// to the end and states the goal, when its justification allows the goal's form: a
    /// rule, a chain of points on a line or circle, or a restatement of its own, whose check
    /// accepts any form of the fact; a chase whose equations are the goal's up to sign (its
    /// terms then negated); any justification when the statement is the goal's already.
    private mutating func endWithTheGoalsFact() -> Bool {
        guard let fact = restated(by: entries[goalID]!.justification) else { return false }
        return takeGoal(from: fact)
    }

    /// The one fact a justification cites, when it only restates it: a chain of that fact
    /// alone, or a chase citing equations of that fact alone (whether the statements are
    /// restatements of each other is for the caller to check).
    private func restated(by why: Justification) -> FactID? {
        switch why {
        case .chain(_, let facts, let certificates) where facts.count == 1 && certificates.isEmpty:
            return facts[0]
        case .algebra(let certificates):
            let terms = certificates.flatMap(\.terms)
            let cited = Set(terms.flatMap(\.facts))
            guard cited.count == 1, terms.allSatisfy({ if case .fact = $0.source { true } else { false } }) else { return nil }
            return cited.first
        case .premise, .chain, .rule:
            return nil
        }
    }

    private mutating func takeGoal(from fact: FactID) -> Bool {
        guard let entry = entries[fact], !isPremise(fact) else { return false }
        let goal = entries[goalID]!.statement
        guard entry.statement.isRestatement(of: goal), users()[fact] == [goalID] else { return false }
        var justification = entry.justification
        if entry.statement != goal {
            switch entry.justification {
            case .premise: return false
            case .rule: break
            case .chain(let predicate, let facts, let certificates):
                guard certificates.isEmpty, predicate.symmetry.isPointSet || facts.count == 1 else { return false }
            case .algebra(let certificates):
                guard let restated = restate(certificates, of: entry.statement, as: goal) else { return false }
                justification = .algebra(certificates: restated)
            }
        }
        entries[goalID] = Entry(statement: goal, justification: justification)
        remove(fact)
        return true
    }

    /// The certificates of a chase proving `statement`, made certificates of `restatement`:
    /// each proves an equation of the statement that is, or is the negative of, the same
    /// equation of the restatement (then its terms are negated). Nil when one is not.
    private func restate(_ certificates: [AlgebraCertificate], of statement: Statement, as restatement: Statement) -> [AlgebraCertificate]? {
        var seen: [AlgebraTable: Int] = [:]
        var result: [AlgebraCertificate] = []
        for certificate in certificates {
            let k = seen[certificate.table, default: 0]
            seen[certificate.table] = k + 1
            guard let (j, sign) = sameEquation(k, of: statement, in: certificate.table, as: restatement), j == k else { return nil }
            var c = certificate
            if sign != Rational(1) {
                c.terms = c.terms.map { var t = $0; t.coefficient = Rational.zero - t.coefficient; return t }
                c.conclusion = Self.negated(c.conclusion)
            }
            result.append(c)
        }
        return result
    }

    /// Merges each chase (an algebraic step) cited by one other step only, a chase or a
    /// midpoint's certificate, into it, when every equation it cites from the chase is one
    /// the chase proves (the same table).
    private mutating func mergeChases() -> Bool {
        var changed = false
        for id in order where id != goalID {
            guard let entry = entries[id], case .algebra = entry.justification else { continue }
            let citing = users()[id] ?? []
            guard citing.count == 1, let user = citing.first,
                  let merged = redirect(entries[user]!.justification, from: id, to: nil) else { continue }
            entries[user]!.justification = merged
            remove(id)
            changed = true
        }
        return changed
    }

    /// Leaves out of each chase the equations it can do without (`CertificateTrimming`),
    /// trying first those of a derived fact that only this chase cites (which then leaves
    /// the proof with whatever only it needed).
    private mutating func trimChases() -> Bool {
        var onlyUser: [FactID: FactID] = [:]
        for (fact, citing) in users() where citing.count == 1 && !isPremise(fact) { onlyUser[fact] = citing[0] }
        var changed = false
        for id in order {
            guard case .algebra(let certificates) = entries[id]!.justification else { continue }
            var trimmedAny = false
            let trimmed = certificates.map { certificate in
                guard !untrimmable.contains(certificate) else { return certificate }
                let terms = CertificateTrimming.trimmed(certificate) { term in term.facts.count == 1 && onlyUser[term.facts[0]] == id }
                guard let terms else {
                    untrimmable.insert(certificate)
                    return certificate
                }
                trimmedAny = true
                var c = certificate
                c.terms = terms
                return c
            }
            if trimmedAny {
                entries[id]!.justification = .algebra(certificates: trimmed)
                changed = true
            }
        }
        return changed
    }

    /// Drops every step the goal no longer needs.
    private mutating func dropUnneeded() -> Bool {
        var needed: Set<FactID> = [goalID]
        var stack = [goalID]
        while let id = stack.popLast() {
            for cited in entries[id]!.justification.dependencies where needed.insert(cited).inserted { stack.append(cited) }
        }
        let unneeded = order.filter { !needed.contains($0) }
        for id in unneeded { remove(id) }
        return !unneeded.isEmpty
    }

    private mutating func remove(_ id: FactID) {
        entries[id] = nil
        order.removeAll { $0 == id }
    }

    // MARK: Citations

    /// `why` with every citation of fact `old` replaced: by `new`, a restatement of it, or
    /// (`new` nil) by nothing but the chase that proved `old`. A rule premise and a chained
    /// fact cite `new` (the checker accepts any form of a fact there; points on one line or
    /// circle are the same set); a line or segment-addition equation cites it too (the same
    /// points on one line). An equation of `old` itself becomes the same equation of `new`,
    /// or its negative with the coefficient negated, when `new` has it; otherwise the
    /// combination of equations that proved `old`, when `old` is a chase with a certificate
    /// for that equation. Nil when some citation cannot be replaced.
    func redirect(_ why: Justification, from old: FactID, to new: FactID?) -> Justification? {
        func replaced(_ facts: [FactID]) -> [FactID]? {
            guard facts.contains(old) else { return facts }
            guard let new else { return nil }
            var out: [FactID] = []
            for f in facts.map({ $0 == old ? new : $0 }) where !out.contains(f) { out.append(f) }
            return out
        }
        switch why {
        case .premise:
            return why
        case .rule(let name, let premises, let binding, let sides):
            guard let new else { return premises.contains(old) ? nil : why }
            return .rule(name: name, premises: premises.map { $0 == old ? new : $0 }, binding: binding, sideConditions: sides)
        case .chain(let predicate, let facts, let certificates):
            guard let chained = replaced(facts), let certificates = redirect(certificates, from: old, to: new) else { return nil }
            return .chain(predicate: predicate, facts: chained, certificates: certificates)
        case .algebra(let certificates):
            return redirect(certificates, from: old, to: new).map { .algebra(certificates: $0) }
        }
    }

    private func redirect(_ certificates: [AlgebraCertificate], from old: FactID, to new: FactID?) -> [AlgebraCertificate]? {
        var result: [AlgebraCertificate] = []
        for certificate in certificates {
            guard certificate.terms.contains(where: { $0.facts.contains(old) }) else { result.append(certificate); continue }
            var terms: [AlgebraTerm] = []
            for term in certificate.terms {
                guard term.facts.contains(old) else { terms.append(term); continue }
                switch term.source {
                case .line, .segmentSum:
                    guard let new else { return nil }
                    var t = term
                    t.facts = []
                    for f in term.facts.map({ $0 == old ? new : $0 }) where !t.facts.contains(f) { t.facts.append(f) }
                    terms.append(t)
                case .fact(let index):
                    if let new, let (j, sign) = sameEquation(index, of: old, in: certificate.table, as: new) {
                        var t = term
                        t.facts = [new]
                        t.source = .fact(index: j)
                        t.coefficient = term.coefficient * sign
                        if sign != Rational(1) { t.expression = Self.negated(term.expression) }
                        terms.append(t)
                    } else if let proof = chase(of: old, table: certificate.table, index: index) {
                        for inner in proof.terms {
                            var t = inner
                            t.coefficient = term.coefficient * inner.coefficient
                            terms.append(t)
                        }
                    } else {
                        return nil
                    }
                case .lawOfSines:
                    terms.append(term)
                }
            }
            result.append(AlgebraCertificate(table: certificate.table, terms: Self.combined(terms), conclusion: certificate.conclusion,
                                             multiple: certificate.multiple))
        }
        return result
    }

    /// The certificate that proved equation `index` of fact `id` in `table`, when `id` is a
    /// chase: its certificates are one per equation its statement means, in order, and
    /// those of one table are that table's equations (`docs/proof-format.md`).
    private func chase(of id: FactID, table: AlgebraTable, index: Int) -> AlgebraCertificate? {
        guard case .algebra(let certificates) = entries[id]?.justification else { return nil }
        let own = certificates.filter { $0.table == table }
        // A certificate of a multiple proves the equation only with its figure's solution:
        // its terms do not sum to the equation, so they cannot stand in for it.
        guard index >= 0 && index < own.count, own[index].multiple == 1 else { return nil }
        return own[index]
    }

    /// The equation of fact `new` in `table` that is equation `index` of fact `old`, or its
    /// negative (modulo 180° among angles): its index and the sign. Nil when none is, or
    /// when a statement's equations there are learned apart (triangles, midpoints).
    private func sameEquation(_ index: Int, of old: FactID, in table: AlgebraTable, as new: FactID) -> (Int, Rational)? {
        guard let oldEntry = entries[old], let newEntry = entries[new] else { return nil }
        return sameEquation(index, of: oldEntry.statement, in: table, as: newEntry.statement)
    }

    /// The equation of statement `new` in `table` that is equation `index` of `old`, or its
    /// negative (modulo 180° among angles): its index and the sign.
    private func sameEquation(_ index: Int, of old: Statement, in table: AlgebraTable, as new: Statement) -> (Int, Rational)? {
        guard let from = citedEquations(of: old, in: table), index >= 0, index < from.count,
              let to = citedEquations(of: new, in: table) else { return nil }
        func form(_ e: FactStore.SparseEquation, _ sign: Rational) -> [Int: Rational] {
            var terms: [Int: Rational] = [:]
            for (key, c) in e.terms { terms[key, default: .zero] += sign * c }
            return terms.filter { !$0.value.isZero }
        }
        func constantsAgree(_ a: Rational, _ b: Rational) -> Bool {
            table == .angles ? (a - b).isInteger : a == b
        }
        let target = from[index]
        for (j, e) in to.enumerated() {
            for sign in [Rational(1), Rational(-1)]
            where form(e, sign) == form(target, 1) && constantsAgree(sign * e.constant, target.constant) {
                return (j, sign)
            }
        }
        return nil
    }

    /// The equations a statement gives `table` when cited, in the engine's order (its
    /// meaning there, then what it implies: inscribed angles of a centre, equal sines of
    /// equal angles); nil for triangles and midpoints, whose equations the store learns apart.
    private func citedEquations(of s: Statement, in table: AlgebraTable) -> [FactStore.SparseEquation]? {
        guard !s.predicate.isTriangles, s.predicate != .midp else { return nil }
        let p = s.arguments.compactMap { $0.point?.index }, n = s.arguments.compactMap(\.number)
        switch table {
        case .angles: return (FactStore.angleTerms(s.predicate, p, n) ?? []) + FactStore.angleConsequences(s.predicate, p)
        case .ratios: return (FactStore.ratioTerms(s.predicate, p, n) ?? []) + store.sineConsequences(s)
        case .lengths: return FactStore.lengthTerms(s.predicate, p, n) ?? []
        case .squares: return FactStore.squareTerms(s.predicate, p, n) ?? []
        }
    }

    /// An equation's expression with every coefficient and the constant negated.
    static func negated(_ e: Proof.Expression) -> Proof.Expression {
        func minus(_ text: String) -> String { Rational(text).map { (Rational.zero - $0).description } ?? text }
        return Proof.Expression(terms: e.terms.map { .init(coefficient: minus($0.coefficient), points: $0.points, logPrime: $0.logPrime) },
                                constant: minus(e.constant))
    }

    /// Terms citing the same equation summed, those that cancel dropped, in the order of
    /// the facts they cite.
    static func combined(_ terms: [AlgebraTerm]) -> [AlgebraTerm] {
        var out: [AlgebraTerm] = []
        for term in terms {
            if let k = out.firstIndex(where: { $0.facts == term.facts && $0.source == term.source }) {
                out[k].coefficient = out[k].coefficient + term.coefficient
            } else {
                out.append(term)
            }
        }
        let kept = out.filter { !$0.coefficient.isZero }
        return kept.indices.sorted { i, j in
            kept[i].facts == kept[j].facts ? i < j : kept[i].facts.lexicographicallyPrecedes(kept[j].facts)
        }.map { kept[$0] }
    }
}

