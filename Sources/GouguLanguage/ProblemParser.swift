/// Reads problems written in AlphaGeometry's problem language, the common format of the
/// field:
///
///     orthocenter
///     a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c
///
/// A file is a sequence of problems, each a name line followed by a statement line; blank
/// lines and lines starting with `#` are skipped. A statement is clauses separated by `;`,
/// then optionally `?` and a goal. A clause names new points (optionally with coordinates,
/// `x@1.5_-2`), then `=`, then constructions separated by `,`. A construction may leave out
/// its new points (`h = on_tline b a c` means `on_tline h b a c`).
///
/// Every error is a `Diagnostic` naming file, line and column and what was expected.
public struct ProblemParser: Sendable {
    /// The constructions and predicates the parser accepts.
    public let library: TheoremLibrary

    public init(library: TheoremLibrary = .standard) {
        self.library = library
    }

    /// Parses a whole problem file.
    ///
    /// - Throws: `Diagnostic` for the first error found (see `readFile` to read past it).
    public func parseFile(_ contents: String, file: String) throws -> [Problem] {
        let read = readFile(contents, file: file)
        if let first = read.diagnostics.first { throw first }
        return read.problems
    }

    /// Reads a whole problem file, problem by problem: a problem that cannot be read is
    /// reported (with its name, when the name line is good) and the rest are still read, so
    /// that one bad problem never stops a batch.
    public func readFile(_ contents: String, file: String) -> ProblemFile {
        var lines: [(number: Int, text: Substring)] = []
        var number = 0
        // "\r\n" is one Character in Swift, so CRLF files are split on it explicitly; a lone
        // "\r" (old Mac files) ends a line too.
        let contents = contents.unicodeScalars.contains("\r") ? Self.newlinesNormalized(contents) : contents
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) || trimmed.hasPrefix("#") { continue }
            lines.append((number, line))
        }
        guard !lines.isEmpty else {
            return ProblemFile(entries: [.unreadable(name: nil, Diagnostic("empty file: expected a problem name line followed by a statement line",
                                                                          at: SourceLocation(file: file, line: 1, column: 1)))])
        }
        var entries: [ProblemFile.Entry] = []
        var seen: [String: SourceLocation] = [:]
        var i = 0
        while i < lines.count {
            let nameLine = lines[i]
            let nameLocation = SourceLocation(file: file, line: nameLine.number, column: 1)
            let name = String(nameLine.text).trimmingCharacters(in: " ").trimmingCharacters(in: "\r")
            if name.contains("=") {
                // Out of step (a name line missing): this line alone is skipped.
                entries.append(.unreadable(name: nil, Diagnostic("expected a problem name line, found a statement (each problem is a name line, then a statement line)", at: nameLocation)))
                i += 1
                continue
            }
            guard i + 1 < lines.count else {
                entries.append(.unreadable(name: nil, Diagnostic("truncated file: the problem named on line \(nameLine.number) has no statement line after it",
                                                                 at: SourceLocation(file: file, line: nameLine.number, column: name.count + 1))))
                break
            }
            let statement = lines[i + 1]
            i += 2
            do {
                try Self.checkName(name, at: nameLocation)
            } catch let diagnostic as Diagnostic {
                entries.append(.unreadable(name: nil, diagnostic))
                continue
            } catch {}
            // A line without '=' is no statement: the file is likely not a problem file at
            // all, and its line is not quoted back (it could be anything, a secret included).
            if !statement.text.contains("=") {
                entries.append(.unreadable(name: nil, Diagnostic("expected the statement line of the problem named on line \(nameLine.number) (new points, '=', constructions, then '?' and the goal); this line has no '=': is this a problem file?",
                                                                 at: SourceLocation(file: file, line: statement.number, column: 1))))
                continue
            }
            if let earlier = seen[name] {
                entries.append(.unreadable(name: name, Diagnostic("problem \(q(name)) is defined twice (first at \(earlier))", at: nameLocation)))
                continue
            }
            seen[name] = nameLocation
            do {
                let problems = try parseProblems(name: name, statement: statement.text, file: file, line: statement.number, nameLocation: nameLocation)
                if problems.count > 1, let clash = problems.first(where: { seen[$0.name] != nil }) {
                    entries.append(.unreadable(name: name, Diagnostic("problem \(q(clash.name)) (a goal of \(q(name))) is defined twice (first at \(seen[clash.name]!))", at: nameLocation)))
                    continue
                }
                for problem in problems where problems.count > 1 { seen[problem.name] = nameLocation }
                entries += problems.map { .problem($0) }
            } catch let diagnostic as Diagnostic {
                entries.append(.unreadable(name: name, diagnostic))
            } catch {
                entries.append(.unreadable(name: name, Diagnostic("\(error)", at: nameLocation)))
            }
        }
        return ProblemFile(entries: entries)
    }

    /// `text` with every "\r\n" and lone "\r" made "\n".
    static func newlinesNormalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                afterCR = true
            } else {
                if !(scalar == "\n" && afterCR) { scalars.append(scalar) }
                afterCR = false
            }
        }
        return String(scalars)
    }

    /// The most points a problem may have (the engine indexes pairs of points, and auxiliary
    /// points come on top).
    public static let maximumPoints = 1000

    /// The longest problem name accepted, in characters.
    public static let maximumNameLength = 200

    /// A problem name is one line of printable text, at most `maximumNameLength` long.
    static func checkName(_ name: String, at location: SourceLocation) throws {
        if name.unicodeScalars.count > maximumNameLength {
            throw Diagnostic("the problem name is \(name.unicodeScalars.count) characters long; at most \(maximumNameLength) are allowed", at: location)
        }
        if let bad = name.unicodeScalars.firstIndex(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            let column = name.unicodeScalars.distance(from: name.unicodeScalars.startIndex, to: bad) + 1
            throw Diagnostic("the problem name contains a control character (\(Diagnostic.quoted(String(name.unicodeScalars[bad])))); expected printable text",
                             at: SourceLocation(file: location.file, line: location.line, column: column))
        }
    }

    /// Parses one problem from its name and statement line.
    ///
    /// - Throws: `Diagnostic` for the first error found.
    public func parseProblem(name: String, statement: some StringProtocol, file: String = "<string>", line: Int = 1) throws -> Problem {
        try parseProblem(name: name, statement: Substring(statement), file: file, line: line,
                         nameLocation: SourceLocation(file: file, line: line, column: 1))
    }

    private func parseProblem(name: String, statement: Substring, file: String, line: Int, nameLocation: SourceLocation) throws -> Problem {
        let problems = try parseProblems(name: name, statement: statement, file: file, line: line, nameLocation: nameLocation)
        guard problems.count == 1 else {
            throw Diagnostic("several goals separated by ';' (Newclid's conjunction of goals): a problem file reads them as one problem per goal; here one goal is expected",
                             at: problems[1].goalLocation ?? nameLocation)
        }
        return problems[0]
    }

    /// The problems of one statement line: one, or, for several goals `? g1; g2; ...`
    /// (Newclid's conjunction), one problem per goal, named `NAME_goal1`, `NAME_goal2`, ...
    /// (`conjunctionName`), each with the whole statement and one of the goals.
    private func parseProblems(name: String, statement: Substring, file: String, line: Int, nameLocation: SourceLocation) throws -> [Problem] {
        var state = StatementParser(tokens: tokenize(statement), file: file, line: line, endColumn: statement.count + 1, library: library)
        try state.parseStatement()
        try state.resolvePremises()
        guard !state.earlierGoals.isEmpty, let last = state.goal, let lastLocation = state.goalLocation else {
            return [Problem(name: name, location: nameLocation, points: state.points, clauses: state.clauses,
                            goal: state.goal, goalLocation: state.goalLocation, authorAuxiliaryStart: state.authorAuxiliaryStart,
                            question: state.question)]
        }
        let goals = state.earlierGoals + [(last, lastLocation)]
        return goals.enumerated().map { k, goal in
            Problem(name: Self.conjunctionName(name, goal: k + 1), location: nameLocation, points: state.points, clauses: state.clauses,
                    goal: goal.goal, goalLocation: goal.location, authorAuxiliaryStart: state.authorAuxiliaryStart)
        }
    }

    /// The name of the problem of the `goal`-th goal (from 1) of a problem stating several.
    public static func conjunctionName(_ name: String, goal: Int) -> String { "\(name)_goal\(goal)" }
}

/// A problem file as read: every problem in order, each read or refused with its diagnostic.
public struct ProblemFile: Sendable {
    /// One problem of the file.
    public enum Entry: Sendable {
        case problem(Problem)
        /// A problem that cannot be read: its name when the name line was good, and why.
        case unreadable(name: String?, Diagnostic)
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The problems that were read, in order.
    public var problems: [Problem] {
        entries.compactMap { if case .problem(let p) = $0 { p } else { nil } }
    }

    /// The diagnostics of the problems that were not, in order.
    public var diagnostics: [Diagnostic] {
        entries.compactMap { if case .unreadable(_, let d) = $0 { d } else { nil } }
    }
}

/// The state of parsing one statement line.
struct StatementParser {
    let tokens: [Token]
    let file: String
    let line: Int
    let endColumn: Int
    let library: TheoremLibrary
    var position = 0

    var points: [PointDeclaration] = []
    var pointIndex: [String: Int] = [:]
    var clauses: [Clause] = []
    var goal: Statement?
    var goalLocation: SourceLocation?
    /// The goals before the last of a conjunction `? g1; g2; ...`, in order (`goal` is the last).
    var earlierGoals: [(goal: Statement, location: SourceLocation)] = []
    var authorAuxiliaryStart: Int?
    var question: Question?
    /// The premise language's clauses (points given by coordinates), by index.
    var givenClauses: Set<Int> = []
    /// Premises as written, read once every point is known (a premise may name points given
    /// after it): the clause they are written in, the predicate and its arguments.
    var pendingPremises: [(clause: Int, name: String, column: Int, words: [(text: String, column: Int)])] = []

    init(tokens: [Token], file: String, line: Int, endColumn: Int, library: TheoremLibrary) {
        self.tokens = tokens
        self.file = file
        self.line = line
        self.endColumn = endColumn
        self.library = library
    }

    func location(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
    var current: Token? { position < tokens.count ? tokens[position] : nil }
    var here: SourceLocation { location(current?.column ?? endColumn) }
    var found: String { current?.spelling ?? "the end of the line" }

    mutating func parseStatement() throws {
        guard current != nil else {
            throw Diagnostic("expected a statement such as 'a b c = triangle a b c ? ...', found an empty line", at: here)
        }
        while true {
            try parseClause()
            guard let token = current else { return }
            switch token.kind {
            case .bar:
                // Newclid's `| aux clauses`: the author's auxiliary constructions, drawn as
                // part of the statement and remembered as such.
                guard authorAuxiliaryStart == nil else {
                    throw Diagnostic("a second '|': the author's auxiliary clauses follow a single '|'", at: here)
                }
                position += 1
                authorAuxiliaryStart = clauses.count
                guard current != nil, current?.kind != .question else {
                    throw Diagnostic("expected the author's auxiliary clauses after '|', found \(found)", at: here)
                }
            case .semicolon:
                position += 1
                // AlphaGeometry tolerates a trailing ';' before the goal or the end.
                if current == nil { return }
                if current?.kind == .question {
                    position += 1
                    try parseGoal()
                    return
                }
            case .question:
                position += 1
                try parseGoal()
                return
            default:
                throw Diagnostic("expected ';' before the next clause, '|' before the author's auxiliary clauses, '?' before the goal, or the end of the line; found \(found)", at: here)
            }
        }
    }

    mutating func parseClause() throws {
        let clauseLocation = here
        // New points, up to '='.
        var newPoints: [PointID] = []
        while let token = current, let word = token.word {
            let (name, hint) = try splitHint(word, column: token.column)
            guard isPointName(name) else {
                throw Diagnostic("expected a point name (a letter, then letters or digits), found \(q(name))", at: location(token.column))
            }
            guard points.count < ProblemParser.maximumPoints else {
                throw Diagnostic("too many points: a problem has at most \(ProblemParser.maximumPoints)", at: location(token.column))
            }
            if let earlier = pointIndex[name] {
                throw Diagnostic("point \(q(name)) is defined twice (first at \(points[earlier].location))", at: location(token.column))
            }
            pointIndex[name] = points.count
            newPoints.append(PointID(points.count))
            points.append(PointDeclaration(name: name, location: location(token.column), coordinateHint: hint))
            position += 1
        }
        guard !newPoints.isEmpty else {
            throw Diagnostic("expected the names of the new points at the start of a clause, found \(found)", at: here)
        }
        guard current?.kind == .equals else {
            throw Diagnostic("expected '=' after the new points, found \(found)", at: here)
        }
        position += 1
        if atClauseEnd || (newPoints.allSatisfy { points[$0.index].coordinateHint != nil } && premisesFollow()) {
            try parseGivenClause(newPoints, at: clauseLocation)
            return
        }
        var calls: [ConstructionCall] = []
        while true {
            calls.append(try parseConstruction(newPoints: newPoints))
            guard current?.kind == .comma else { break }
            position += 1
        }
        // Every new point must be created by one of the constructions.
        for p in newPoints where !calls.contains(where: { call in
            call.definition.newPoints.contains { call.binding[$0] == .point(p) }
        }) {
            throw Diagnostic("point \(q(points[p.index].name)) is declared here but no construction in the clause creates it", at: points[p.index].location)
        }
        clauses.append(Clause(points: newPoints, constructions: calls, location: clauseLocation))
    }

    /// Whether the clause ends here: ';', '?', '|' or the end of the line.
    var atClauseEnd: Bool {
        guard let kind = current?.kind else { return true }
        return kind == .semicolon || kind == .question || kind == .bar
    }

    /// Whether the rest of the clause is premises rather than constructions: one of its
    /// items names a premise predicate that is no construction (or is `s_angle` with the
    /// premise language's four points and an angle).
    func premisesFollow() -> Bool {
        var index = position
        while index < tokens.count {
            let kind = tokens[index].kind
            if kind == .semicolon || kind == .question || kind == .bar { return false }
            guard let name = tokens[index].word else { index += 1; continue }
            var end = index + 1
            while end < tokens.count, tokens[end].word != nil { end += 1 }
            let arguments = end - index - 1
            if PremiseLanguage.predicates.contains(name), library.constructions[name] == nil || (name == "s_angle" && arguments == 5) {
                return true
            }
            index = end
        }
        return false
    }

    /// A clause of the premise language: its points are given by their coordinates, and
    /// the premises after '=' (possibly none) are read once every point is known.
    mutating func parseGivenClause(_ newPoints: [PointID], at clauseLocation: SourceLocation) throws {
        for p in newPoints where points[p.index].coordinateHint == nil {
            let name = points[p.index].name
            throw Diagnostic("point \(q(name)) has no coordinates: a point given by premises rather than constructions is written with its coordinates, as '\(name)@1.5_-2 = ...' (and a construction clause needs a construction after '=')",
                             at: points[p.index].location)
        }
        let index = clauses.count
        while !atClauseEnd {
            // AlphaGeometry 2 skips empty premises (`perp a b c d, , cong a b c d`).
            if current?.kind == .comma { position += 1; continue }
            guard let nameToken = current, let name = nameToken.word else {
                throw Diagnostic("expected a premise such as 'perp a b c d', found \(found)", at: here)
            }
            position += 1
            var words: [(text: String, column: Int)] = []
            while let token = current, let word = token.word {
                words.append((word, token.column))
                position += 1
            }
            pendingPremises.append((index, name, nameToken.column, words))
            guard atClauseEnd || current?.kind == .comma else {
                throw Diagnostic("expected ',' before the next premise, or the end of the clause; found \(found)", at: here)
            }
        }
        let given = ConstructionCall(definition: PremiseLanguage.givenPointsDefinition(count: newPoints.count, location: clauseLocation),
                                     arguments: newPoints.map { .point($0) }, location: clauseLocation)
        givenClauses.insert(index)
        clauses.append(Clause(points: newPoints, constructions: [given], location: clauseLocation))
    }

    /// Reads the premises (`pendingPremises`) as facts and gives each to the clause of the
    /// newest point it names, which must be a clause of the premise language.
    mutating func resolvePremises() throws {
        guard !pendingPremises.isEmpty else { return }
        var clauseOf: [Int] = Array(repeating: 0, count: points.count)
        for (index, clause) in clauses.enumerated() { for p in clause.points { clauseOf[p.index] = index } }
        var added: [Int: [ConstructionCall]] = [:]
        for premise in pendingPremises {
            var premisePoints: [PointID] = [], numbers: [NumberLiteral] = []
            for word in premise.words {
                // As AlphaGeometry 2 reads them: a number starts with a digit or '-'.
                if let first = word.text.unicodeScalars.first, ("0"..."9").contains(first) || first == "-" {
                    guard let n = NumberLiteral(word.text) else {
                        throw Diagnostic("expected a number (such as 30, -1, 1/2 or 1pi/3) in the premise \(q(premise.name)), found \(q(word.text))", at: location(word.column))
                    }
                    numbers.append(n)
                    continue
                }
                guard isPointName(word.text), !word.text.contains("@") else {
                    throw Diagnostic("expected a point name or a number in the premise \(q(premise.name)), found \(q(word.text))", at: location(word.column))
                }
                guard let index = pointIndex[word.text] else {
                    throw Diagnostic("point \(q(word.text)) in the premise \(q(premise.name)) is not given by any clause", at: location(word.column))
                }
                premisePoints.append(PointID(index))
            }
            let written = ([premise.name] + premise.words.map(\.text)).joined(separator: " ")
            guard PremiseLanguage.predicates.contains(premise.name) else {
                throw Diagnostic("unknown predicate \(q(premise.name)) in a premise\(suggestion(for: premise.name, among: PremiseLanguage.predicates)); the premise language has \(PremiseLanguage.predicates.sorted().joined(separator: ", "))",
                                 at: location(premise.column))
            }
            let facts: [Statement]
            switch PremiseLanguage.facts(of: premise.name, points: premisePoints, numbers: numbers) {
            case .refused(let reason):
                throw Diagnostic("premise \(q(written)) is refused: \(reason)", at: location(premise.column))
            case .facts(let read):
                facts = read
            }
            for fact in facts where fact.isDegenerate {
                throw Diagnostic("degenerate premise \(q(written)): \(fact.degeneracyReason ?? "")", at: location(premise.column))
            }
            guard let newest = facts.flatMap(\.points).max() else { continue }
            let target = clauseOf[newest.index]
            guard givenClauses.contains(target) else {
                throw Diagnostic("premise \(q(written)) names \(q(points[newest.index].name)), which a construction creates after every point given by coordinates that the premise names; a premise is about points given by coordinates (with points constructed before them)",
                                 at: location(premise.column))
            }
            let (definition, arguments) = PremiseLanguage.premiseDefinition(
                written: written, predicate: premise.name, facts: facts, names: { self.points[$0.index].name },
                location: location(premise.column))
            added[target, default: []].append(ConstructionCall(definition: definition, arguments: arguments, location: location(premise.column)))
        }
        clauses = clauses.enumerated().map { index, clause in
            guard let calls = added[index] else { return clause }
            return Clause(points: clause.points, constructions: clause.constructions + calls, location: clause.location)
        }
    }

    mutating func parseConstruction(newPoints: [PointID]) throws -> ConstructionCall {
        guard let nameToken = current, let name = nameToken.word else {
            throw Diagnostic("expected a construction name, found \(found)", at: here)
        }
        guard let definition = library.constructions[name] else {
            throw Diagnostic("unknown construction \(q(name))\(suggestion(for: name, among: library.constructions.keys))", at: location(nameToken.column))
        }
        position += 1
        var words: [(text: String, column: Int)] = []
        while let token = current, let word = token.word {
            words.append((word, token.column))
            position += 1
        }
        // The abbreviated form leaves out the new points; they are the clause's points.
        let full = definition.parameters.count
        let abbreviated = full - definition.newPoints.count
        var written: [(text: String, column: Int)?]
        if words.count == full {
            written = words.map { Optional($0) }
            // Another tool's order (Newclid's `parallelogram x a b c`): taken when the clause's
            // new points sit at its new-point parameters and not at the signature's.
            if let order = definition.alternativeOrder {
                let newNames = Set(newPoints.map { points[$0.index].name })
                let isNew: ((text: String, column: Int)) -> Bool = { newNames.contains($0.text) }
                let fitsSignature = zip(definition.parameters, words).allSatisfy { !definition.newPoints.contains($0.0) || isNew($0.1) }
                let fitsOrder = zip(order, words).allSatisfy { !definition.newPoints.contains($0.0) || isNew($0.1) }
                if !fitsSignature && fitsOrder {
                    let byParameter = Dictionary(uniqueKeysWithValues: zip(order, words))
                    written = definition.parameters.map { byParameter[$0] }
                }
            }
        } else if words.count == abbreviated && newPoints.count == definition.newPoints.count
                    && !words.contains(where: { w in newPoints.contains { points[$0.index].name == w.text } }) {
            written = []
            var rest = words[...]
            var clausePoints = newPoints[...]
            for parameter in definition.parameters {
                if definition.newPoints.contains(parameter) {
                    _ = clausePoints.popFirst()
                    written.append(nil)
                } else {
                    written.append(rest.popFirst())
                }
            }
        } else {
            let short = abbreviated != full && newPoints.count == definition.newPoints.count
                ? " (or \(abbreviated) leaving out the new points)" : ""
            let signature = ([name] + definition.parameters).joined(separator: " ")
            throw Diagnostic("\(q(name)) takes \(full) arguments\(short), found \(words.count); expected '\(signature)'", at: location(nameToken.column))
        }
        var arguments: [Argument] = []
        var implicit = newPoints.makeIterator()
        var boundNew: Set<PointID> = []
        for (parameter, word) in zip(definition.parameters, written) {
            if definition.numberParameters.contains(parameter) {
                guard let word, let n = NumberLiteral(word.text) else {
                    throw Diagnostic("argument '\(parameter)' of \(q(name)) must be a number such as 30 or 1/2, found \(word.map { "\(q($0.text))" } ?? "nothing")", at: word.map { location($0.column) } ?? location(nameToken.column))
                }
                arguments.append(.number(n))
                continue
            }
            guard let word else {
                // An abbreviated call: the next clause point fills this new-point slot.
                let p = implicit.next()!
                boundNew.insert(p)
                arguments.append(.point(p))
                continue
            }
            let (pointName, hint) = try splitHint(word.text, column: word.column)
            guard hint == nil, isPointName(pointName) else {
                throw Diagnostic("expected a point name for argument '\(parameter)' of \(q(name)), found \(q(word.text))", at: location(word.column))
            }
            guard let index = pointIndex[pointName] else {
                throw Diagnostic("point \(q(pointName)) is used before it is defined", at: location(word.column))
            }
            let p = PointID(index)
            if definition.newPoints.contains(parameter) {
                guard newPoints.contains(p) else {
                    throw Diagnostic("\(q(pointName)) fills the new-point argument '\(parameter)' of \(q(name)), but it is not a new point of this clause", at: location(word.column))
                }
                guard boundNew.insert(p).inserted else {
                    throw Diagnostic("new point \(q(pointName)) fills two new-point arguments of \(q(name))", at: location(word.column))
                }
            } else if newPoints.contains(p) {
                throw Diagnostic("\(q(pointName)) is created by this clause, so it cannot be the given point '\(parameter)' of \(q(name))", at: location(word.column))
            }
            arguments.append(.point(p))
        }
        return ConstructionCall(definition: definition, arguments: arguments, location: location(nameToken.column))
    }

    mutating func parseGoal() throws {
        guard let nameToken = current, let name = nameToken.word else {
            throw Diagnostic("expected a goal such as 'perp a h b c' after '?', found \(found)", at: here)
        }
        if name == "acompute" || name == "rcompute" {
            guard earlierGoals.isEmpty else {
                throw Diagnostic("\(q(name)) after ';': a question cannot be one of several goals", at: location(nameToken.column))
            }
            try parseQuestion(name, at: nameToken.column)
            return
        }
        guard let predicate = library.predicates[name] else {
            throw Diagnostic("unknown predicate \(q(name)) in the goal\(suggestion(for: name, among: library.predicates.keys))", at: location(nameToken.column))
        }
        position += 1
        var arguments: [Argument] = []
        while let token = current, let word = token.word {
            if predicate.takesNumber(at: arguments.count) {
                guard let n = NumberLiteral(word) else {
                    throw Diagnostic("argument \(arguments.count + 1) of \(q(name)) must be a number, found \(q(word))", at: location(token.column))
                }
                arguments.append(.number(n))
            } else {
                guard isPointName(word) else {
                    throw Diagnostic("expected a point name in the goal, found \(q(word))", at: location(token.column))
                }
                guard let index = pointIndex[word] else {
                    throw Diagnostic("point \(q(word)) in the goal is not defined by any clause", at: location(token.column))
                }
                arguments.append(.point(PointID(index)))
            }
            position += 1
        }
        if let token = current, token.kind == .semicolon {
            // Newclid's conjunction of goals: each goal is read, then the next one.
            guard predicate.accepts(argumentCount: arguments.count) else {
                throw Diagnostic("\(q(name)) takes \(predicate.arityDescription) arguments, found \(arguments.count); expected '\(([name] + predicate.parameters).joined(separator: " "))\(predicate.isVariadic ? " ..." : "")'", at: location(nameToken.column))
            }
            let statement = Statement(predicate: predicate.predicate, arguments: arguments)
            if statement.isDegenerate {
                let text = ([name] + tokens[(position - arguments.count)..<position].compactMap(\.word)).joined(separator: " ")
                throw Diagnostic("degenerate goal \(q(text)): \(statement.degeneracyReason ?? "")", at: location(nameToken.column))
            }
            earlierGoals.append((statement, location(nameToken.column)))
            position += 1
            guard current != nil else {
                throw Diagnostic("expected another goal after ';'", at: location(token.column + 1))
            }
            try parseGoal()
            return
        }
        if let token = current {
            throw Diagnostic("expected the end of the line after the goal, found \(token.spelling)", at: location(token.column))
        }
        guard predicate.accepts(argumentCount: arguments.count) else {
            throw Diagnostic("\(q(name)) takes \(predicate.arityDescription) arguments, found \(arguments.count); expected '\(([name] + predicate.parameters).joined(separator: " "))\(predicate.isVariadic ? " ..." : "")'", at: location(nameToken.column))
        }
        var statement = Statement(predicate: predicate.predicate, arguments: arguments)
        if !givenClauses.isEmpty, predicate.predicate == .aconst {
            // Read as the premises are: AlphaGeometry 2's order (`PremiseLanguage`).
            let a = arguments
            statement = Statement(predicate: .aconst, arguments: [a[2], a[3], a[0], a[1], a[4]])
        }
        if statement.isDegenerate {
            let text = ([name] + tokens[(position - arguments.count)..<position].compactMap(\.word)).joined(separator: " ")
            throw Diagnostic("degenerate goal \(q(text)): \(statement.degeneracyReason ?? "")", at: location(nameToken.column))
        }
        goal = statement
        goalLocation = location(nameToken.column)
    }

    /// AlphaGeometry 2's question `acompute a b c d` or `rcompute a b c d`, after '?'.
    mutating func parseQuestion(_ name: String, at column: Int) throws {
        position += 1
        var arguments: [PointID] = []
        while let token = current, let word = token.word {
            guard isPointName(word), let index = pointIndex[word] else {
                throw Diagnostic("expected a point of the problem in \(q(name)), found \(q(word))", at: location(token.column))
            }
            arguments.append(PointID(index))
            position += 1
        }
        if let token = current {
            throw Diagnostic("expected the end of the line after the question, found \(token.spelling)", at: location(token.column))
        }
        guard arguments.count == 4 else {
            throw Diagnostic("\(q(name)) takes four points, found \(arguments.count); expected '\(name) a b c d' (\(name == "acompute" ? "the angle from line cd to line ab" : "the ratio ab : cd"))", at: location(column))
        }
        guard arguments[0] != arguments[1], arguments[2] != arguments[3] else {
            throw Diagnostic("degenerate question: each pair of \(q(name)) must be two distinct points", at: location(column))
        }
        question = Question(kind: name == "acompute" ? .angle : .ratio, points: arguments, location: location(column))
    }

    /// Splits `x@1.5_-2` into the name and the coordinates.
    func splitHint(_ word: String, column: Int) throws -> (String, SIMD2<Double>?) {
        guard let at = word.firstIndex(of: "@") else { return (word, nil) }
        let name = String(word[..<at])
        let coordinates = word[word.index(after: at)...].split(separator: "_", omittingEmptySubsequences: false)
        guard coordinates.count == 2, let x = Double(coordinates[0]), let y = Double(coordinates[1]), x.isFinite, y.isFinite else {
            throw Diagnostic("expected coordinates as 'name@x_y' (for example 'a@1.5_-2'), found \(q(word))", at: location(column))
        }
        return (name, SIMD2(x, y))
    }
}

/// `'word'`, short and escaped (`Diagnostic.quoted`).
func q(_ word: some StringProtocol) -> String { Diagnostic.quoted(word) }

/// ` (did you mean 'x'?)` for the closest known name, when one is close.
func suggestion(for name: String, among names: some Sequence<String>) -> String {
    // No known name is long; a long word is no misspelling of one (and costs time).
    guard name.count <= 40 else { return "" }
    let best = names.map { ($0, editDistance($0, name)) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    guard let best, best.1 <= max(2, name.count / 3) else { return "" }
    return " (did you mean '\(best.0)'?)"
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = current
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
