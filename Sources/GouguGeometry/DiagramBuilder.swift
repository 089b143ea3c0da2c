import GouguLanguage

/// Why a diagram could not be built: the construction that kept failing and how.
public struct DiagramError: Error, Sendable, CustomStringConvertible {
    /// Where the failing clause is written.
    public let location: SourceLocation
    /// The clause's text.
    public let clause: String
    /// Why the last attempt failed.
    public let reason: String
    /// How many whole-diagram attempts were made.
    public let attempts: Int

    public var description: String {
        // No attempt: the given coordinates of a premise-language problem are at fault.
        attempts == 0 ? "\(location): error: \(reason)"
            : "\(location): error: cannot construct '\(clause)' after \(attempts) attempts: \(reason)"
    }
}

/// The time given to build a diagram ran out (`DiagramBuilder.deadline`).
public struct DiagramOutOfTime: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "the time budget ran out while drawing the diagram" }
}

/// Builds numeric diagrams, construction by construction.
///
/// Free points are spread over a disc of radius 1 and kept apart; a point on one locus is
/// sampled on it; a point on two loci is one of their intersections other than an
/// existing point; point methods fix points outright. After each clause the builder
/// checks the clause's non-degeneracy conditions and asserted facts numerically, and that
/// no two points coincide. A failed check resamples the clause, then the whole diagram,
/// a bounded number of times, and finally reports the clause that failed.
public struct DiagramBuilder: Sendable {
    /// How many times the whole diagram may be redrawn.
    public var maximumAttempts: Int
    /// How many times one clause may be resampled within an attempt.
    public var clauseRetries: Int
    /// When to give up (checked before each clause is placed): building then throws
    /// `DiagramOutOfTime`. Nil: no limit but the attempts.
    public var deadline: ContinuousClock.Instant?

    public init(maximumAttempts: Int = 60, clauseRetries: Int = 12, deadline: ContinuousClock.Instant? = nil) {
        self.maximumAttempts = maximumAttempts
        self.clauseRetries = clauseRetries
        self.deadline = deadline
    }

    /// Throws `DiagramOutOfTime` once the deadline has passed.
    func checkDeadline() throws {
        if let deadline, ContinuousClock.now >= deadline { throw DiagramOutOfTime() }
    }

    /// Builds a diagram of `problem` from `seed`.
    ///
    /// - Throws: `DiagramError` naming the construction that could not be satisfied;
    ///   `DiagramOutOfTime` when the deadline passes first.
    public func build(_ problem: Problem, seed: UInt64 = 0, configuration: Configuration = .seeded) throws -> Diagram {
        // A premise-language problem is drawn at its coordinates: a premise false there, or
        // two points at one place, is bad input whatever the seed.
        if let fault = PremiseCheck.diagnostic(for: problem) {
            let clause = problem.clauses.first { $0.constructions.contains { $0.location == fault.location } || $0.points.contains { problem.points[$0.index].location == fault.location } }
            throw DiagramError(location: fault.location, clause: clause.map { Self.text(of: $0, in: problem) } ?? "", reason: fault.message, attempts: 0)
        }
        var lastFailure: (clause: Clause, reason: String)?
        for attempt in 0..<maximumAttempts {
            var rng = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(attempt))
            var positions = [Vector2?](repeating: nil, count: problem.points.count)
            var failed = false
            var branches = BranchRecorder(configuration: configuration)
            for clause in problem.clauses {
                try checkDeadline()
                if let reason = placeWithRetries(clause, of: problem, into: &positions, branches: &branches, using: &rng) {
                    lastFailure = (clause, reason)
                    failed = true
                    break
                }
            }
            if !failed {
                return Diagram(problem: problem, seed: seed, positions: positions.map { $0! }, attempts: attempt + 1,
                               configuration: configuration, branchPoints: branches.branchPoints)
            }
        }
        let clause = lastFailure!.clause
        throw DiagramError(location: clause.location, clause: Self.text(of: clause, in: problem), reason: lastFailure!.reason,
                           attempts: maximumAttempts)
    }

    /// Places one clause, resampling it up to `clauseRetries` times; nil when placed, else
    /// why the last try failed (the clause's points are left unplaced).
    private func placeWithRetries(_ clause: Clause, of problem: Problem, into positions: inout [Vector2?],
                                  branches: inout BranchRecorder, using rng: inout SeededGenerator) -> String? {
        var reason = ""
        for _ in 0..<clauseRetries {
            let branchesBefore = branches
            do {
                try place(clause, of: problem, into: &positions, branches: &branches, using: &rng)
                return nil
            } catch let failure as PlacementFailure {
                reason = failure.reason
                branches = branchesBefore
                for p in clause.points { positions[p.index] = nil }
                if !failure.canRetry { break }
            } catch {
                reason = "\(error)"
            }
        }
        return reason
    }

    /// A clause as written in the problem language.
    static func text(of clause: Clause, in problem: Problem) -> String {
        if clause.isGiven { return problem.text(of: clause) }
        return clause.points.map { problem.name(of: $0) }.joined(separator: " ") + " = "
            + clause.constructions.map { ([$0.definition.name] + $0.arguments.map(problem.text(of:))).joined(separator: " ") }
                .joined(separator: ", ")
    }

    /// Extends a built diagram to `problem`, whose first clauses and points are those of
    /// `diagram.problem` (an auxiliary construction appended to a statement): only the new
    /// clauses are placed, and every old point keeps its coordinates, so what was checked
    /// on the old diagram still holds on the new one. The new points are drawn from the
    /// diagram's seed and the number of clauses, so the same extension gives the same
    /// coordinates.
    ///
    /// - Throws: `DiagramError` when a new clause cannot be placed (its non-degeneracy
    ///   conditions fail, or its point would fall on an existing one).
    public func extend(_ diagram: Diagram, to problem: Problem) throws -> Diagram {
        let old = diagram.problem
        precondition(problem.clauses.count >= old.clauses.count && problem.points.count >= old.points.count
                     && zip(old.points, problem.points).allSatisfy { $0.name == $1.name },
                     "the problem must extend the diagram's problem")
        var positions: [Vector2?] = diagram.positions.map { $0 } + Array(repeating: nil, count: problem.points.count - old.points.count)
        var rng = SeededGenerator(seed: diagram.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(problem.clauses.count))
        // The new clauses take their seeded branches: the configuration names the
        // statement's choices only.
        var branches = BranchRecorder(configuration: .seeded)
        for clause in problem.clauses[old.clauses.count...] {
            try checkDeadline()
            if let reason = placeWithRetries(clause, of: problem, into: &positions, branches: &branches, using: &rng) {
                throw DiagramError(location: clause.location, clause: Self.text(of: clause, in: problem), reason: reason, attempts: 1)
            }
        }
        return Diagram(problem: problem, seed: diagram.seed, positions: positions.map { $0! }, attempts: diagram.attempts,
                       configuration: diagram.configuration, branchPoints: diagram.branchPoints)
    }

    // MARK: Placing one clause

    struct PlacementFailure: Error {
        var reason: String
        /// False when resampling this clause alone cannot help (its given points are bad).
        var canRetry = true
    }

    /// A placement term with its arguments resolved to points and numbers.
    struct BoundTerm {
        var method: PlacementMethod
        var text: String
        var points: [PointID]
        var numbers: [Double]
    }

    /// Something to place: one point with its loci or point method, or several points
    /// fixed together by one method.
    struct Item {
        var points: [PointID]
        var terms: [BoundTerm]
    }

    private func place(_ clause: Clause, of problem: Problem, into positions: inout [Vector2?], branches: inout BranchRecorder,
                       using rng: inout SeededGenerator) throws {
        let scale = 1.0
        // Given points must satisfy each construction's non-degeneracy conditions.
        for call in clause.constructions {
            for condition in call.preconditions where !NumericFacts.holds(condition, at: { positions[$0.index]! }) {
                throw PlacementFailure(reason: "'\(call.definition.name)' needs '\(problem.text(of: condition))', which fails here", canRetry: false)
            }
        }
        var items = try self.items(for: clause, of: problem)
        while !items.isEmpty {
            guard let next = items.firstIndex(where: { item in
                item.terms.allSatisfy { $0.points.allSatisfy { positions[$0.index] != nil } }
            }) else {
                throw PlacementFailure(reason: "the placements of the clause depend on each other in a cycle", canRetry: false)
            }
            let item = items.remove(at: next)
            let placed = try place(item, of: problem, positions: positions, scale: scale, branches: &branches, using: &rng)
            for (p, position) in zip(item.points, placed) {
                for (q, other) in positions.enumerated() where q != p.index {
                    if let other, other.distance(to: position) < Geometry.distinctPointSeparation * scale {
                        throw PlacementFailure(reason: "'\(problem.name(of: p))' falls on '\(problem.points[q].name)'")
                    }
                }
                guard position.length < 1e3 * scale else {
                    throw PlacementFailure(reason: "'\(problem.name(of: p))' lands too far away (near-parallel lines?)")
                }
                positions[p.index] = position
            }
        }
        for call in clause.constructions {
            for fact in call.facts where !NumericFacts.holds(fact, at: { positions[$0.index]! }) {
                throw PlacementFailure(reason: "'\(problem.text(of: fact))' does not hold after placing the points")
            }
        }
    }

    /// Groups the clause's placement steps by point, binding parameters to points.
    private func items(for clause: Clause, of problem: Problem) throws -> [Item] {
        var items: [Item] = []
        for call in clause.constructions {
            let binding = call.binding
            for step in call.definition.placements {
                let points = step.points.map { binding[$0]!.point! }
                var terms: [BoundTerm] = []
                for term in step.terms {
                    guard let method = PlacementMethod.named(term.method) else {
                        throw PlacementFailure(reason: "the library places with unknown method '\(term.method)'", canRetry: false)
                    }
                    var termPoints: [PointID] = [], numbers: [Double] = []
                    for argument in term.arguments {
                        switch argument {
                        case .parameter(let name):
                            switch binding[name]! {
                            case .point(let p): termPoints.append(p)
                            case .number(let n): numbers.append(n.degrees)
                            }
                        case .number(let n): numbers.append(n.doubleValue)
                        }
                    }
                    let text = ([term.method] + term.arguments.map { argument -> String in
                        switch argument {
                        case .parameter(let name): return problem.text(of: binding[name]!)
                        case .number(let n): return n.text
                        }
                    }).joined(separator: " ")
                    terms.append(BoundTerm(method: method, text: text, points: termPoints, numbers: numbers))
                }
                if points.count == 1, let existing = items.firstIndex(where: { $0.points == points }) {
                    items[existing].terms += terms
                } else {
                    items.append(Item(points: points, terms: terms))
                }
            }
        }
        return items
    }

    private func place(_ item: Item, of problem: Problem, positions: [Vector2?], scale: Double,
                       branches: inout BranchRecorder, using rng: inout SeededGenerator) throws -> [Vector2] {
        let name = item.points.map { problem.name(of: $0) }.joined(separator: " ")
        var loci: [Locus] = []
        var fixed: [Vector2]?
        for term in item.terms {
            let points = term.points.map { positions[$0.index]! }
            guard var value = term.method.evaluate(points, term.numbers, &rng) else {
                throw PlacementFailure(reason: "'\(term.text)' is degenerate for '\(name)'")
            }
            // A conventional choice (the internal bisector) is a two-way choice too.
            if let alternative = term.method.alternative, branches.choose(0, for: item.points[0]) == 1 {
                guard let other = alternative(points) else {
                    throw PlacementFailure(reason: "'\(term.text)' is degenerate for '\(name)'")
                }
                value = .locus(other)
            }
            if case .points = value, let alternative = term.method.alternativePoints,
               branches.choose(0, for: item.points[0]) == 1 {
                guard let other = alternative(points) else {
                    throw PlacementFailure(reason: "'\(term.text)' is degenerate for '\(name)'")
                }
                value = .points(other)
            }
            switch value {
            case .locus(let locus): loci.append(locus)
            case .points(let p):
                guard fixed == nil else {
                    throw PlacementFailure(reason: "'\(name)' is fixed twice (two point methods)", canRetry: false)
                }
                fixed = p
            }
        }
        let existing = positions.compactMap { $0 }
        let hint = item.points.count == 1 ? problem.points[item.points[0].index].coordinateHint : nil
        if let fixed {
            // Any further loci over-determine the point: they must hold as a theorem.
            for locus in loci where locus.distance(to: fixed[0]) > 1e-6 {
                throw PlacementFailure(reason: "'\(name)' is over-determined and its loci disagree here")
            }
            return fixed
        }
        switch loci.count {
        case 0:
            if let hint { return [hint] }
            return [freePoint(avoiding: existing, scale: scale, using: &rng)]
        case 1:
            if let hint { return [loci[0].projection(of: hint)] }
            let center = existing.isEmpty ? .zero : existing.reduce(.zero, +) / Double(existing.count)
            return [loci[0].sample(near: center, scale: scale, using: &rng)]
        default:
            let candidates = loci[0].intersections(with: loci[1]).filter { c in
                existing.allSatisfy { $0.distance(to: c) >= Geometry.minimumSeparation }
                    && loci.dropFirst(2).allSatisfy { $0.distance(to: c) < 1e-6 }
            }
            guard !candidates.isEmpty else {
                throw PlacementFailure(reason: "the loci of '\(name)' (\(item.terms.map(\.text).joined(separator: " & "))) do not meet at a new point")
            }
            if let hint {
                return [candidates.min { $0.distance(to: hint) < $1.distance(to: hint) }!]
            }
            // Which branch is drawn from the seed; the configuration may name the other one.
            let drawn = Int(rng.next() % UInt64(candidates.count))
            guard candidates.count == 2 else { return [candidates[drawn]] }
            return [candidates[branches.choose(drawn, for: item.points[0])]]
        }
    }

    /// The most existing points whose connecting lines a free point keeps away from: the
    /// lines through every pair of the first ones (a quadratic number), so that placing n
    /// free points costs O(n²) in all, not O(n³).
    static let lineClearancePoints = 24

    /// A free point in the unit disc, kept away from existing points and from the lines
    /// through pairs of them (of the first `lineClearancePoints`), so that free triangles
    /// are not slivers.
    private func freePoint(avoiding existing: [Vector2], scale: Double, using rng: inout SeededGenerator) -> Vector2 {
        var best = Vector2.zero
        var bestClearance = -Double.infinity
        let lineEnds = existing.prefix(Self.lineClearancePoints)
        for _ in 0..<64 {
            let radius = scale * rng.uniform(0...1).squareRoot()
            let candidate = Vector2.unit(angle: rng.uniform(0...(2 * Double.pi))) * radius
            var clearance = Double.infinity
            for a in existing { clearance = min(clearance, a.distance(to: candidate) / 2.5) }
            for (i, a) in lineEnds.enumerated() {
                for b in lineEnds[(i + 1)...] {
                    if let line = Line(through: a, b) { clearance = min(clearance, line.distance(to: candidate)) }
                }
            }
            if clearance > 0.15 * scale { return candidate }
            if clearance > bestClearance { (best, bestClearance) = (candidate, clearance) }
        }
        return best
    }
}

extension DiagramBuilder {
    /// Whether the clause defining `point` pins it down in `diagram`: the point alone, placed
    /// either by a method that involves no chance (the same position for every draw) or
    /// where two of its loci cross, which they do in isolated points. A point on one locus
    /// (a free point of a line) or drawn at random is not pinned down.
    ///
    /// A proof by identification (`Restatement`) needs this: a second point satisfying
    /// every fact of such a clause, drawn at the same position, is the same point.
    public func pinsDown(_ point: PointID, in diagram: Diagram) -> Bool {
        let problem = diagram.problem
        guard let clause = problem.clauses.first(where: { $0.points.contains(point) }), clause.points == [point],
              let items = try? items(for: clause, of: problem), items.count == 1 else { return false }
        var loci: [Locus] = []
        let position = diagram.positions[point.index]
        for term in items[0].terms {
            let points = term.points.map { diagram.positions[$0.index] }
            var first = SeededGenerator(seed: 1), second = SeededGenerator(seed: 2)
            switch (term.method.evaluate(points, term.numbers, &first), term.method.evaluate(points, term.numbers, &second)) {
            case (.locus(let l), .locus(let m)) where l == m:
                // The other of a conventional two-way choice when the diagram took it.
                if l.distance(to: position) > 1e-6, let other = term.method.alternative?(points) {
                    loci.append(other)
                } else {
                    loci.append(l)
                }
            case (.points(let p), .points(let q)) where p.count == 1 && p == q:
                return true
            default:
                return false
            }
        }
        guard loci.count >= 2 else { return false }
        return loci[0].intersections(with: loci[1]).contains { $0.distance(to: position) < 1e-6 }
    }
}
