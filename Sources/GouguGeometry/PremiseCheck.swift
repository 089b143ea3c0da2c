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

/// Writes a problem in the premise language (`PremiseLanguage`) from a diagram of it: each
/// point at its coordinates in the diagram, and the facts each clause's constructions
/// assert as the premises of that clause. The converted problem has the same hypotheses
/// (a construction's facts are its premises; the order a construction gives the drawing,
/// such as a point inside a segment, is in the coordinates, where the engine reads side
/// conditions as it does for the original) and is drawn as the diagram is.
public enum PremiseConversion {
    /// Why a problem cannot be written in the premise language.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let location: SourceLocation
        public let reason: String
        public var description: String { "\(location): error: \(reason)" }
    }

    /// The statement line of `diagram.problem` in the premise language.
    ///
    /// - Throws: `Failure` for a fact the premise language has no premise for.
    public static func statement(of diagram: Diagram) throws -> String {
        let problem = diagram.problem
        var texts: [String] = []
        for clause in problem.clauses {
            let points = clause.points.map { p in
                let position = diagram.positions[p.index]
                return "\(problem.name(of: p))@\(position.x)_\(position.y)"
            }
            var premises: [String] = []
            for call in clause.constructions {
                for fact in call.facts {
                    guard let text = PremiseLanguage.premiseText(of: fact, in: problem) else {
                        throw Failure(location: call.location, reason: "the fact '\(problem.text(of: fact))' of '\(call.definition.name)' has no premise in the premise language")
                    }
                    if !premises.contains(text) { premises.append(text) }
                }
            }
            texts.append(points.joined(separator: " ") + " = " + premises.joined(separator: ", "))
        }
        var line: String
        if let start = problem.authorAuxiliaryStart, start > 0, start < texts.count {
            line = texts[..<start].joined(separator: "; ") + " | " + texts[start...].joined(separator: "; ")
        } else {
            line = texts.joined(separator: "; ")
        }
        if let goal = problem.goal {
            // An angle goal in AlphaGeometry 2's order, as the premise language reads it.
            var written = problem.text(of: goal)
            if goal.predicate == .aconst, goal.arguments.count == 5 {
                let a = goal.arguments
                written = problem.text(of: Statement(predicate: .aconst, arguments: [a[2], a[3], a[0], a[1], a[4]]))
            }
            line += " ? " + written
        } else if let question = problem.question {
            line += " ? " + ([question.kind.predicate] + question.points.map(problem.name(of:))).joined(separator: " ")
        }
        return line
    }
}
