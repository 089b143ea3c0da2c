/// A problem restated with one of its points defined another way: the basis of a proof by
/// identification (AlphaGeometry 2's "double points").
///
/// Some statements define a point by properties that are hard to reason from (IMO 2020 P1:
/// `o` is where two angle bisectors meet) while a familiar construction (the circumcentre of
/// `pab`) lands on the same point. The restated problem defines the point by that
/// construction instead; a proof of the original goal then consists of
/// - proofs, in the restated problem, of every fact the stated clause asserts about the
///   point (`obligations`): the new point satisfies the old definition;
/// - the old definition pins the point down (the checker and the search verify this on the
///   diagram: its loci meet in isolated points, and the new point is the one drawn);
/// - a proof of the goal in the restated problem.
///
/// ```swift
/// let restated = try Restatement(problem, point: o, clause: "o = circle o p a b")
/// restated.problem        // ... o = circle o p a b ? cong o a o b
/// restated.obligations    // [eqangle d a d o d o d p, eqangle c p c o c o c b]
/// ```
public struct Restatement: Sendable {
    /// The problem as stated.
    public let original: Problem
    /// The point defined anew (the same index in both problems).
    public let point: PointID
    /// The stated clause that defined the point, written in full.
    public let statedClause: String
    /// The clause that defines it in `problem`, written in full (`o = circle o p a b`).
    public let clause: String
    /// The original problem with the point's clause replaced, and the original goal.
    public let problem: Problem
    /// The facts the stated clause asserts, each to be proved in `problem`.
    public let obligations: [Statement]

    /// Restates `original` with `point` defined by `clause` (one clause in the problem
    /// language defining that point alone, from points defined before it).
    ///
    /// - Throws: `RestatementError` when the stated clause defines more than the point, the
    ///   new clause does not parse in its place, or it is the stated clause again.
    public init(_ original: Problem, point: PointID, clause: String, library: TheoremLibrary = .standard) throws {
        guard let index = original.clauses.firstIndex(where: { $0.points.contains(point) }) else {
            throw RestatementError(reason: "no clause defines point \(point)")
        }
        let stated = original.clauses[index]
        let name = original.name(of: point)
        guard stated.points == [point] else {
            throw RestatementError(reason: "the clause defining '\(name)' defines other points too")
        }
        var texts = original.clauses.map(original.text(of:))
        guard !clause.contains(";"), !clause.contains("?") else {
            throw RestatementError(reason: "'\(clause)' is not one clause")
        }
        let statedText = texts[index]
        texts[index] = clause
        let statement = texts.joined(separator: "; ") + (original.goal.map { " ? " + original.goalText($0) } ?? "")
        let restated: Problem
        do {
            restated = try ProblemParser(library: library).parseProblem(name: original.name, statement: statement)
        } catch {
            throw RestatementError(reason: "'\(clause)' cannot define '\(name)' in its place: \(error)")
        }
        guard restated.points.map(\.name) == original.points.map(\.name),
              restated.clauses[index].points == [point] else {
            throw RestatementError(reason: "'\(clause)' does not define '\(name)' alone")
        }
        let newText = restated.text(of: restated.clauses[index])
        guard newText != statedText else { throw RestatementError(reason: "'\(clause)' is the stated clause") }
        self.original = original
        self.point = point
        self.statedClause = statedText
        self.clause = newText
        self.problem = restated
        self.obligations = stated.constructions.flatMap(\.facts)
    }

    /// The restated problem with `goal` (a statement about its points) as the goal.
    public func problem(proving goal: Statement, library: TheoremLibrary = .standard) throws -> Problem {
        let clauses = problem.clauses.map(problem.text(of:)).joined(separator: "; ")
        return try ProblemParser(library: library).parseProblem(name: problem.name, statement: clauses + " ? " + problem.goalText(goal))
    }
}

/// Why a problem cannot be restated as asked.
public struct RestatementError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
