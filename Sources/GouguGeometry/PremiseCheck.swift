import GouguLanguage

/// The check of a premise-language problem against its coordinates (`PremiseLanguage`):
/// the diagram of such a problem is the coordinates its points are given, so every premise
/// must hold there, and two points must not be drawn at one place. A problem that fails is
/// bad input, reported by a `Diagnostic` at the premise (or the point) at fault.
///
/// The coordinates are a drawing: a fact that holds at them is never assumed unless a
/// premise states it.
public enum PremiseCheck {
    /// The first fault of `problem`'s premise clauses, or nil. Premises that name points
    /// placed by constructions are left to the diagram builder, which checks every fact of
    /// every clause once the points are placed.
    public static func diagnostic(for problem: Problem) -> Diagnostic? {
        guard problem.isPremiseLanguage else { return nil }
        var given: [Vector2?] = Array(repeating: nil, count: problem.points.count)
        for clause in problem.clauses where clause.isGiven {
            for p in clause.points {
                let declaration = problem.points[p.index]
                guard let hint = declaration.coordinateHint else { continue }
                let position = Vector2(hint.x, hint.y)
                guard position.length < 1e3 else {
                    return Diagnostic("point \(Diagnostic.quoted(declaration.name)) is given at \(hint.x), \(hint.y), too far away: coordinates are at most 1000 from the origin",
                                      at: declaration.location)
                }
                for (q, other) in given.enumerated() {
                    guard let other, other.distance(to: position) < Geometry.distinctPointSeparation else { continue }
                    let name = problem.points[q].name
                    return Diagnostic("point \(Diagnostic.quoted(declaration.name)) is given at the place of \(Diagnostic.quoted(name)) (less than \(Geometry.distinctPointSeparation) apart): each point must be drawn at a place of its own; if they are one point, name it once",
                                      at: declaration.location)
                }
                given[p.index] = position
            }
        }
        for clause in problem.clauses where clause.isGiven {
            for call in clause.constructions where call.definition.role == .premise {
                for fact in call.facts where fact.points.allSatisfy({ given[$0.index] != nil }) {
                    if !NumericFacts.holds(fact, at: { given[$0.index]! }) {
                        return Diagnostic(falseMessage(call, fact: fact, in: problem), at: call.location)
                    }
                }
            }
        }
        return nil
    }

    /// "premise 'perp a b c d' is false at the given coordinates".
    static func falseMessage(_ call: ConstructionCall, fact: Statement, in problem: Problem) -> String {
        let written = call.definition.documentation
        let read = problem.text(of: fact)
        let meaning = read == written ? "" : " (read as '\(read)')"
        return "premise \(Diagnostic.quoted(written))\(meaning) is false at the given coordinates: the diagram is the points' coordinates, and every premise must hold there"
    }
}

extension ProblemFile {
    /// The file with every premise-language problem whose premises fail at its coordinates
    /// (`PremiseCheck`) turned into an unreadable entry with its diagnostic.
    public func checkingPremises() -> ProblemFile {
        ProblemFile(entries: entries.map { entry in
            guard case .problem(let problem) = entry, let diagnostic = PremiseCheck.diagnostic(for: problem) else { return entry }
            return .unreadable(name: problem.name, diagnostic)
        })
    }
}
