/// Problems edited as values: clauses appended or replaced, a subset of the clauses kept,
/// the goal changed. Nothing here renders a problem as text and reads it back: a new clause
/// is read in the context of the problem's points, and the rest of the problem is kept as
/// it is (points, their `@` coordinates, locations, the author's auxiliary clauses).
extension Problem {
    /// The problem with `goal` as its goal (none: nil), and no question.
    public func replacingGoal(_ goal: Statement?) -> Problem {
        Problem(name: name, location: location, points: points, clauses: clauses, goal: goal,
                goalLocation: goal == nil ? nil : goalLocation, authorAuxiliaryStart: authorAuxiliaryStart)
    }

    /// The problem renamed.
    public func renamed(_ name: String) -> Problem {
        Problem(name: name, location: location, points: points, clauses: clauses, goal: goal, goalLocation: goalLocation,
                authorAuxiliaryStart: authorAuxiliaryStart, question: question)
    }

    /// The problem with only the clauses at `kept` (indices into `clauses`), in their order,
    /// the points they create renumbered in order, and no goal or question. The kept clauses must use
    /// only points that kept clauses create (`ProblemEditingError` otherwise). The author's
    /// auxiliary clauses stay so marked when kept.
    public func restricted(to kept: Set<Int>) throws -> Problem {
        let order = kept.sorted()
        guard order.allSatisfy(clauses.indices.contains) else {
            throw ProblemEditingError(reason: "no clause at \(order.filter { !clauses.indices.contains($0) })")
        }
        let newIndex = renumbering(keeping: kept)
        var newPoints = [PointDeclaration?](repeating: nil, count: newIndex.count)
        for (old, new) in newIndex { newPoints[new] = points[old] }
        func mapped(_ argument: Argument) throws -> Argument {
            guard case .point(let p) = argument else { return argument }
            guard let index = newIndex[p.index] else {
                throw ProblemEditingError(reason: "the kept clauses use '\(name(of: p))', which no kept clause creates")
            }
            return .point(PointID(index))
        }
        let newClauses = try order.map { c in
            let clause = clauses[c]
            return Clause(points: clause.points.map { PointID(newIndex[$0.index]!) },
                          constructions: try clause.constructions.map { call in
                              ConstructionCall(definition: call.definition, arguments: try call.arguments.map(mapped), location: call.location)
                          },
                          location: clause.location)
        }
        let auxiliaryStart = authorAuxiliaryStart.flatMap { start in order.firstIndex { $0 >= start } }
        return Problem(name: name, location: location, points: newPoints.map { $0! }, clauses: newClauses, goal: nil, goalLocation: nil,
                       authorAuxiliaryStart: auxiliaryStart)
    }

    /// `statement`, a statement about this problem's points, with its points renumbered as
    /// `restricted(to: kept)` numbers them (nil when it names a point of another clause).
    public func statement(_ statement: Statement, restrictedTo kept: Set<Int>) -> Statement? {
        let newIndex = renumbering(keeping: kept)
        var arguments: [Argument] = []
        for argument in statement.arguments {
            guard case .point(let p) = argument else { arguments.append(argument); continue }
            guard let index = newIndex[p.index] else { return nil }
            arguments.append(.point(PointID(index)))
        }
        return Statement(predicate: statement.predicate, arguments: arguments)
    }
}

extension Problem {
    /// Old point index to new, for the points the clauses at `kept` create, numbered in
    /// construction order (as `restricted(to:)` numbers them).
    private func renumbering(keeping kept: Set<Int>) -> [Int: Int] {
        var newIndex: [Int: Int] = [:]
        for c in kept.sorted() where clauses.indices.contains(c) {
            for p in clauses[c].points { newIndex[p.index] = newIndex.count }
        }
        return newIndex
    }
}

extension Problem {
    /// The points `points` are built from, themselves included: clause by clause from the
    /// last, the arguments of every clause that defines one of them, and with `siblings`
    /// the other points such a clause defines as well.
    public func ancestors(of points: [PointID], siblings: Bool = false) -> Set<PointID> {
        var ancestors = Set(points)
        for clause in clauses.reversed() where clause.points.contains(where: ancestors.contains) {
            if siblings { ancestors.formUnion(clause.points) }
            for call in clause.constructions { for case .point(let p) in call.arguments { ancestors.insert(p) } }
        }
        return ancestors
    }
}

extension ProblemParser {
    /// `problem` with `clauses` (each one clause in the problem language, such as
    /// `x = midpoint x a b`) appended after its last clause, before its goal: each is read
    /// in the context of the points before it, old points keep their indices (so facts and
    /// diagrams of `problem` stay valid), and the goal (or question) is unchanged.
    ///
    /// - Throws: `Diagnostic` for a clause that does not read (its columns count within the
    ///   clause), or that is more than one clause.
    public func problem(_ problem: Problem, appending clauses: [String]) throws -> Problem {
        guard !clauses.isEmpty else { return problem }
        var state = StatementParser(continuing: problem, library: library)
        for text in clauses {
            try state.parseOneClause(text)
        }
        return Problem(name: problem.name, location: problem.location, points: state.points, clauses: state.clauses,
                       goal: problem.goal, goalLocation: problem.goalLocation, authorAuxiliaryStart: problem.authorAuxiliaryStart,
                       question: problem.question)
    }

    /// `problem` with the clause at `index` replaced by `clause` (one clause in the problem
    /// language), read in the context of the points the earlier clauses create; the points
    /// it creates must be those of the replaced clause, with the same names, so the later
    /// clauses and the goal stay as they are.
    ///
    /// - Throws: `Diagnostic` when the clause does not read there; `ProblemEditingError`
    ///   when it creates other points than the replaced clause.
    public func problem(_ problem: Problem, replacingClauseAt index: Int, with clause: String) throws -> Problem {
        guard problem.clauses.indices.contains(index) else { throw ProblemEditingError(reason: "no clause at \(index)") }
        let replaced = problem.clauses[index]
        let firstPoint = replaced.points.map(\.index).min() ?? problem.points.count
        let before = Problem(name: problem.name, location: problem.location, points: Array(problem.points[..<firstPoint]),
                             clauses: Array(problem.clauses[..<index]), goal: nil, goalLocation: nil)
        guard before.clauses.allSatisfy({ $0.points.allSatisfy { $0.index < firstPoint } }) else {
            throw ProblemEditingError(reason: "the clause at \(index) does not create the points after those of the earlier clauses")
        }
        var state = StatementParser(continuing: before, library: library)
        try state.parseOneClause(clause)
        let created = state.clauses[index]
        guard created.points.map({ state.points[$0.index].name }) == replaced.points.map({ problem.name(of: $0) }),
              created.points == replaced.points else {
            throw ProblemEditingError(reason: "'\(clause)' does not create the points \(replaced.points.map { problem.name(of: $0) }.joined(separator: " ")) of the clause it replaces")
        }
        var points = problem.points
        for p in created.points { points[p.index] = state.points[p.index] }
        var clauses = problem.clauses
        clauses[index] = created
        return Problem(name: problem.name, location: problem.location, points: points, clauses: clauses, goal: problem.goal,
                       goalLocation: problem.goalLocation, authorAuxiliaryStart: problem.authorAuxiliaryStart,
                       question: problem.question)
    }
}

/// Why a problem cannot be edited as asked.
public struct ProblemEditingError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

extension StatementParser {
    /// A parser that goes on from `problem`'s points and clauses.
    init(continuing problem: Problem, library: TheoremLibrary) {
        self.init(tokens: [], file: "<clause>", line: 1, endColumn: 1, library: library)
        points = problem.points
        clauses = problem.clauses
        for (index, point) in problem.points.enumerated() { pointIndex[point.name] = index }
        givenClauses = Set(problem.clauses.indices.filter { problem.clauses[$0].isGiven })
    }

    /// Reads `text` as one more clause (its premises too, for a clause of the premise
    /// language).
    mutating func parseOneClause(_ text: String) throws {
        let line = Substring(text)
        var next = StatementParser(tokens: tokenize(line), file: file, line: 1, endColumn: line.count + 1, library: library)
        next.points = points
        next.pointIndex = pointIndex
        next.clauses = clauses
        next.givenClauses = givenClauses
        self = next
        try parseClause()
        if let token = current {
            throw Diagnostic("expected one clause, found \(token.spelling) after it", at: location(token.column))
        }
        try resolvePremises()
        pendingPremises = []
    }
}
