/// A point of a problem, as a small integer: its index in `Problem.points`, which is
/// also the order in which points are constructed.
public struct PointID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index into `Problem.points`.
    public let index: Int

    public init(_ index: Int) { self.index = index }

    public static func < (lhs: PointID, rhs: PointID) -> Bool { lhs.index < rhs.index }
    public var description: String { "#\(index)" }
}

/// A point as declared in a problem.
public struct PointDeclaration: Hashable, Sendable {
    /// The name as written (`a`, `o1`, `pa`).
    public let name: String
    /// Where the point is declared.
    public let location: SourceLocation
    /// Coordinates written after the name (`x@4.96_-0.13`): a drawing of the statement, never
    /// an assumption. The diagram uses them for a free point and as the preferred position
    /// for a constrained one; a proof must still hold for every figure the constructions
    /// allow (an isosceles drawing of `triangle a b c` proves nothing about isosceles
    /// triangles), which is why every rule carries the side conditions its theorem needs.
    public let coordinateHint: SIMD2<Double>?
}

/// An argument of a construction call or a statement: a point or a number.
public enum Argument: Hashable, Sendable {
    case point(PointID)
    case number(NumberLiteral)

    /// The point, if this argument is one.
    public var point: PointID? {
        if case .point(let p) = self { return p }
        return nil
    }

    /// The number, if this argument is one.
    public var number: NumberLiteral? {
        if case .number(let n) = self { return n }
        return nil
    }
}

/// One construction in a clause, with its arguments bound to points of the problem.
public struct ConstructionCall: Hashable, Sendable {
    /// The construction's definition in the theorem library.
    public let definition: ConstructionDefinition
    /// The arguments, one per parameter of the definition (abbreviated calls are expanded).
    public let arguments: [Argument]
    /// Where the construction's name is written.
    public let location: SourceLocation

    /// The argument bound to each parameter name.
    public var binding: [String: Argument] {
        Dictionary(uniqueKeysWithValues: zip(definition.parameters, arguments))
    }

    /// Substitutes this call's arguments into templates from the definition.
    public func instantiate(_ templates: [FactTemplate]) -> [Statement] {
        let binding = self.binding
        return templates.map { template in
            Statement(predicate: template.predicate, arguments: template.arguments.map { argument in
                switch argument {
                case .parameter(let name): return binding[name]!
                case .number(let n): return .number(n)
                }
            })
        }
    }

    /// The facts this call asserts about its new points.
    public var facts: [Statement] { instantiate(definition.facts) }

    /// The non-degeneracy conditions this call needs of its given points.
    public var preconditions: [Statement] { instantiate(definition.preconditions) }
}

/// `points = construction, construction, ...`: the points it creates and how.
public struct Clause: Hashable, Sendable {
    /// The points this clause creates, in the order written.
    public let points: [PointID]
    /// The constructions that together fix the points.
    public let constructions: [ConstructionCall]
    /// Where the clause starts.
    public let location: SourceLocation
}

/// A predicate applied to arguments: a goal, a premise or a derived fact.
public struct Statement: Hashable, Sendable {
    /// The predicate (`perp`, `eqangle`, ...).
    public let predicate: Predicate
    /// The arguments, in order.
    public let arguments: [Argument]

    public init(predicate: Predicate, arguments: [Argument]) {
        self.predicate = predicate
        self.arguments = arguments
    }

    /// The points among the arguments, in order, with repeats.
    public var points: [PointID] { arguments.compactMap(\.point) }

    /// The predicate, then the points folded into one word (numbers apart): the deduction
    /// engine hashes statements in its innermost loops, and hashing each argument with its
    /// case and the array's length costs several times as much. Equal statements fold
    /// alike; the rare collision only costs a comparison.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(predicate)
        var folded = UInt64(truncatingIfNeeded: arguments.count)
        for argument in arguments {
            switch argument {
            case .point(let p): folded = folded &* 0x1_0000_0001_B3 &+ UInt64(truncatingIfNeeded: p.index)
            case .number(let n): hasher.combine(n)
            }
        }
        hasher.combine(folded)
    }
}

/// A parsed problem: named points, the clauses that construct them, and a goal.
public struct Problem: Sendable {
    /// The name line (`translated_imo_2000_p1`).
    public let name: String
    /// Where the name line is.
    public let location: SourceLocation
    /// Every point, in construction order; `PointID.index` indexes this array.
    public let points: [PointDeclaration]
    /// The clauses, in order.
    public let clauses: [Clause]
    /// What to prove, if the problem states it.
    public let goal: Statement?
    /// Where the goal is written.
    public let goalLocation: SourceLocation?
    /// The index in `clauses` of the first of the author's auxiliary clauses, written after
    /// `|` (Newclid's `... ; x = on_line x a b | y = midpoint y a c ? goal`), if any. They are
    /// clauses of the statement's diagram like the others; a proof may declare them as given
    /// auxiliary constructions.
    public let authorAuxiliaryStart: Int?
    /// AlphaGeometry 2's question (`? acompute a b c d`: what is this angle?), if the problem
    /// asks one instead of stating a goal. `goal` is nil until the question is answered
    /// (`answering(_:)`).
    public let question: Question?

    public init(name: String, location: SourceLocation, points: [PointDeclaration], clauses: [Clause],
                goal: Statement?, goalLocation: SourceLocation?, authorAuxiliaryStart: Int? = nil, question: Question? = nil) {
        self.name = name
        self.location = location
        self.points = points
        self.clauses = clauses
        self.goal = goal
        self.goalLocation = goalLocation
        self.authorAuxiliaryStart = authorAuxiliaryStart.flatMap { $0 < clauses.count ? $0 : nil }
        self.question = question
    }

    /// The problem with `answer` (a statement of the question's value, `Question.answers`)
    /// as its goal, the question kept.
    public func answering(_ answer: Statement) -> Problem {
        Problem(name: name, location: location, points: points, clauses: clauses, goal: answer,
                goalLocation: question?.location ?? goalLocation, authorAuxiliaryStart: authorAuxiliaryStart, question: question)
    }

    /// The goal as the problem language writes it: as `text(of:)`, except an `aconst` goal
    /// of a premise-language problem, written in AlphaGeometry 2's order like its premises
    /// (`PremiseLanguage`).
    public func goalText(_ goal: Statement) -> String {
        if isPremiseLanguage, goal.predicate == .aconst, goal.arguments.count == 5 {
            let a = goal.arguments
            return text(of: Statement(predicate: .aconst, arguments: [a[2], a[3], a[0], a[1], a[4]]))
        }
        return text(of: goal)
    }

    /// What follows `?`: the goal, or the question when it is not answered yet.
    var goalPart: String? {
        if let goal { return goalText(goal) }
        return question.map { ([$0.kind.predicate] + $0.points.map(name(of:))).joined(separator: " ") }
    }

    /// The author's auxiliary clauses (after `|`), possibly none.
    public var authorAuxiliaryClauses: ArraySlice<Clause> {
        guard let start = authorAuxiliaryStart else { return [] }
        return clauses[start...]
    }

    /// The name of a point.
    public func name(of point: PointID) -> String { points[point.index].name }

    /// The point with this name, if any.
    public func point(named name: String) -> PointID? {
        points.firstIndex(where: { $0.name == name }).map(PointID.init)
    }

    /// Every fact the constructions assert: the premises of the problem.
    public var premises: [Statement] { clauses.flatMap { $0.constructions.flatMap(\.facts) } }

    /// A statement written in the problem language (`perp a h b c`).
    public func text(of statement: Statement) -> String {
        ([statement.predicate.name] + statement.arguments.map(text(of:))).joined(separator: " ")
    }

    /// An argument written in the problem language.
    public func text(of argument: Argument) -> String {
        switch argument {
        case .point(let p): return name(of: p)
        case .number(let n): return n.text
        }
    }

    /// Whether some clause is of the premise language (points given by coordinates, with
    /// premises about them; `PremiseLanguage`).
    public var isPremiseLanguage: Bool { clauses.contains(where: \.isGiven) }

    /// A clause in the problem language, every call written in full (`x = midpoint x a b`).
    /// A clause of the premise language is written with its points' coordinates, which
    /// give them (`h@0.5_1 = perp a h b c, perp b h a c`).
    public func text(of clause: Clause) -> String {
        if clause.isGiven { return premiseText(of: clause) }
        return clause.points.map { name(of: $0) }.joined(separator: " ") + " = "
            + clause.constructions.map { ([$0.definition.name] + $0.arguments.map(text(of:))).joined(separator: " ") }
            .joined(separator: ", ")
    }

    /// A clause as its author may write it: new points with their `@` coordinates (the
    /// drawing the author gave, see `PointDeclaration.coordinateHint`), then the calls.
    public func writtenText(of clause: Clause) -> String {
        if clause.isGiven { return premiseText(of: clause) }
        return clause.points.map { point in
            let name = name(of: point)
            guard let hint = points[point.index].coordinateHint else { return name }
            return "\(name)@\(hint.x)_\(hint.y)"
        }.joined(separator: " ") + " = "
            + clause.constructions.map { ([$0.definition.name] + $0.arguments.map(text(of:))).joined(separator: " ") }
            .joined(separator: ", ")
    }

    /// A clause of the premise language: its points with their coordinates, then its
    /// premises, each fact written as AlphaGeometry 2 writes it.
    private func premiseText(of clause: Clause) -> String {
        let names = clause.points.map { point -> String in
            let hint = points[point.index].coordinateHint ?? .zero
            return "\(name(of: point))@\(hint.x)_\(hint.y)"
        }
        let premises = clause.constructions.filter { $0.definition.role == .premise }.flatMap(\.facts).map {
            PremiseLanguage.premiseText(of: $0, in: self) ?? text(of: $0)
        }
        return names.joined(separator: " ") + " = " + premises.joined(separator: ", ")
    }

    /// The problem written back out as a line of the problem language that reads back as
    /// the same problem: `statementText` with the points' `@` coordinates kept, so that a
    /// problem file written from it is drawn as the author drew it.
    public var writtenText: String {
        let clauses = joinedClauses(self.clauses.map(writtenText(of:)))
        guard let goal = goalPart else { return clauses }
        return "\(clauses) ? \(goal)"
    }

    /// The problem as one line of the problem language, every call written in full, without
    /// the points' `@` coordinates (see `writtenText`).
    public var statementText: String {
        let clauses = joinedClauses(self.clauses.map(text(of:)))
        guard let goal = goalPart else { return clauses }
        return "\(clauses) ? \(goal)"
    }

    /// Clause texts joined by `; `, with ` | ` before the author's auxiliary clauses.
    private func joinedClauses(_ texts: [String]) -> String {
        guard let start = authorAuxiliaryStart, start > 0, start < texts.count else { return texts.joined(separator: "; ") }
        return texts[..<start].joined(separator: "; ") + " | " + texts[start...].joined(separator: "; ")
    }
}
