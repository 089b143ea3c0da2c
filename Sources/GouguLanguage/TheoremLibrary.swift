import GouguTheoremLibrary

/// The theorem library: every construction and predicate the problem language knows.
///
/// It is data, read from the text files in `TheoremLibrary/` (embedded in the binary),
/// so that the meaning of the language can be read and extended without touching code.
public struct TheoremLibrary: Sendable {
    /// Constructions by name.
    public let constructions: [String: ConstructionDefinition]
    /// Predicates by name.
    public let predicates: [String: PredicateDefinition]
    /// Deduction rules, in library order.
    public let rules: [RuleDefinition]

    /// The library shipped with Gougu.
    ///
    /// The embedded files are checked by the test suite, so failing to load them is a
    /// build defect, not a user error.
    public static let standard: TheoremLibrary = {
        do {
            return try TheoremLibrary(
                predicatesText: TheoremLibraryFiles.predicates, predicatesFile: "TheoremLibrary/predicates.txt",
                constructionsText: TheoremLibraryFiles.constructions, constructionsFile: "TheoremLibrary/constructions.txt",
                rulesText: TheoremLibraryFiles.rules, rulesFile: "TheoremLibrary/rules.txt"
            )
        } catch {
            fatalError("the embedded theorem library does not load: \(error)")
        }
    }()

    /// Reads a library from the text of its files. Errors name the file, line and column.
    public init(
        predicatesText: String, predicatesFile: String,
        constructionsText: String, constructionsFile: String,
        rulesText: String = "", rulesFile: String = "rules.txt"
    ) throws {
        var predicates: [String: PredicateDefinition] = [:]
        for block in try LibraryBlock.parse(predicatesText, file: predicatesFile) {
            let predicate = try TheoremLibrary.predicate(from: block)
            guard predicates[predicate.name] == nil else {
                throw Diagnostic("predicate '\(predicate.name)' is defined twice", at: block.location)
            }
            predicates[predicate.name] = predicate
        }
        var constructions: [String: ConstructionDefinition] = [:]
        for block in try LibraryBlock.parse(constructionsText, file: constructionsFile) {
            let construction = try TheoremLibrary.construction(from: block, predicates: predicates)
            guard constructions[construction.name] == nil else {
                throw Diagnostic("construction '\(construction.name)' is defined twice", at: block.location)
            }
            constructions[construction.name] = construction
        }
        self.predicates = predicates
        self.constructions = constructions
        self.rules = try TheoremLibrary.rules(from: rulesText, file: rulesFile, predicates: predicates)
    }

    // MARK: Reading blocks

    private static func predicate(from block: LibraryBlock) throws -> PredicateDefinition {
        guard block.keyword == "predicate" else {
            throw Diagnostic("expected 'predicate NAME PARAMETERS...', found '\(block.keyword)'", at: block.location)
        }
        guard let name = block.header.first else {
            throw Diagnostic("expected a predicate name after 'predicate'", at: block.location)
        }
        var parameters = Array(block.header.dropFirst())
        let variadic = parameters.last == "..."
        if variadic { parameters.removeLast() }
        guard !parameters.isEmpty else {
            throw Diagnostic("predicate '\(name)' needs at least one parameter", at: block.location)
        }
        let numbers = Set(block.values("numbers").flatMap { $0.value.split(separator: " ").map(String.init) })
        for n in numbers where !parameters.contains(n) {
            throw Diagnostic("'numbers' names '\(n)', which is not a parameter of '\(name)'", at: block.values("numbers")[0].valueLocation)
        }
        try rejectUnknownFields(block, allowed: ["doc", "numbers"])
        // The engine, the checker and the diagrams give each predicate its meaning in code
        // (`Predicate`): the library may declare only those, with the parameters they take.
        guard let predicate = Predicate(name: name) else {
            let known = Predicate.allCases.map(\.name).joined(separator: ", ")
            throw Diagnostic("predicate '\(name)' has no meaning in Gougu (the predicates are \(known))", at: block.location)
        }
        let definition = PredicateDefinition(
            predicate: predicate, parameters: parameters, isVariadic: variadic, numberParameters: numbers,
            documentation: block.values("doc").map(\.value).joined(separator: " ")
        )
        guard definition.matchesPredicate else {
            let expected = "\(predicate.pointCount)\(predicate.isVariadic ? " or more" : "") points"
                + (predicate.numberCount > 0 ? " then \(predicate.numberCount) number" : "")
            throw Diagnostic("predicate '\(name)' takes \(expected)", at: block.location)
        }
        return definition
    }

    private static func construction(from block: LibraryBlock, predicates: [String: PredicateDefinition]) throws -> ConstructionDefinition {
        guard block.keyword == "construction" else {
            throw Diagnostic("expected 'construction NAME PARAMETERS...', found '\(block.keyword)'", at: block.location)
        }
        guard let name = block.header.first else {
            throw Diagnostic("expected a construction name after 'construction'", at: block.location)
        }
        let parameters = Array(block.header.dropFirst())
        guard Set(parameters).count == parameters.count else {
            throw Diagnostic("construction '\(name)' repeats a parameter", at: block.location)
        }
        try rejectUnknownFields(block, allowed: ["doc", "new", "numbers", "needs", "asserts", "depends", "place", "alsowritten"])
        func names(_ key: String) throws -> [String] {
            let fields = block.values(key)
            let words = fields.flatMap { $0.value.split(separator: " ").map(String.init) }
            for w in words where !parameters.contains(w) {
                throw Diagnostic("'\(key)' names '\(w)', which is not a parameter of '\(name)'", at: fields[0].valueLocation)
            }
            return words
        }
        let newPoints = try names("new")
        guard !newPoints.isEmpty else {
            throw Diagnostic("construction '\(name)' must create at least one point ('new' field)", at: block.location)
        }
        let numbers = Set(try names("numbers"))
        let isParameter: (String) -> Bool = { parameters.contains($0) }

        func facts(_ key: String) throws -> [FactTemplate] {
            try block.values(key).flatMap { field in
                try parseFacts(field.value, at: field.valueLocation, isParameter: isParameter,
                               isNumberParameter: { numbers.contains($0) }, predicates: predicates)
            }
        }
        let preconditions = try facts("needs")
        let asserted = try facts("asserts")

        var dependencies: [String: [String]] = [:]
        for field in block.values("depends") {
            for part in field.value.split(separator: ";") {
                let sides = part.split(separator: ":", omittingEmptySubsequences: false)
                guard sides.count == 2 else {
                    throw Diagnostic("expected 'POINT: POINTS...' in 'depends'", at: field.valueLocation)
                }
                let on = sides[1].split(separator: " ").map(String.init)
                for p in sides[0].split(separator: " ").map(String.init) {
                    guard newPoints.contains(p), on.allSatisfy(isParameter) else {
                        throw Diagnostic("'depends' must map new points to parameters of '\(name)'", at: field.valueLocation)
                    }
                    dependencies[p] = on
                }
            }
        }

        var placements: [PlacementStep] = []
        var placed: [String] = []
        for field in block.values("place") {
            let sides = field.value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard sides.count == 2 else {
                throw Diagnostic("expected 'POINTS: PLACEMENT' in 'place'", at: field.valueLocation)
            }
            let points = sides[0].split(separator: " ").map(String.init)
            guard !points.isEmpty, points.allSatisfy({ newPoints.contains($0) }) else {
                throw Diagnostic("'place' must name new points of '\(name)' before the colon", at: field.valueLocation)
            }
            let body = sides[1].trimmingCharacters(in: " ")
            var terms: [PlacementTerm] = []
            if body != "free" {
                for termText in body.split(separator: "&") {
                    let words = termText.split(separator: " ").map(String.init)
                    guard let method = words.first else {
                        throw Diagnostic("empty locus in 'place'", at: field.valueLocation)
                    }
                    let arguments = try words.dropFirst().map { word -> TemplateArgument in
                        if isParameter(word) { return .parameter(word) }
                        if let n = NumberLiteral(word) { return .number(n) }
                        throw Diagnostic("'\(word)' is neither a parameter of '\(name)' nor a number", at: field.valueLocation)
                    }
                    terms.append(PlacementTerm(method: method, arguments: arguments))
                }
            }
            placements.append(PlacementStep(points: points, terms: terms))
            placed += points
        }
        for p in newPoints where !placed.contains(p) {
            throw Diagnostic("construction '\(name)' never places its new point '\(p)'", at: block.location)
        }
        var alternativeOrder: [String]?
        if let field = block.values("alsowritten").first {
            let order = field.value.split(separator: " ").map(String.init)
            guard order.count == parameters.count, Set(order) == Set(parameters), order != parameters else {
                throw Diagnostic("'alsowritten' must list the parameters of '\(name)' in another order", at: field.valueLocation)
            }
            alternativeOrder = order
        }
        return ConstructionDefinition(
            name: name, parameters: parameters, newPoints: newPoints, numberParameters: numbers,
            preconditions: preconditions, facts: asserted, dependencies: dependencies, placements: placements,
            alternativeOrder: alternativeOrder,
            documentation: block.values("doc").map(\.value).joined(separator: " "), location: block.location
        )
    }

    /// Parses `perp x a b c, coll x b c` into fact templates, checking names and arities.
    static func parseFacts(
        _ text: String, at location: SourceLocation,
        isParameter: (String) -> Bool, isNumberParameter: (String) -> Bool = { _ in false },
        predicates: [String: PredicateDefinition]
    ) throws -> [FactTemplate] {
        try text.split(separator: ",").compactMap { part -> FactTemplate? in
            let words = part.split(separator: " ").map(String.init)
            guard let name = words.first else { return nil }
            guard let predicate = predicates[name] else {
                throw Diagnostic("unknown predicate '\(name)'", at: location)
            }
            let arguments = Array(words.dropFirst())
            guard predicate.accepts(argumentCount: arguments.count) else {
                throw Diagnostic("'\(name)' takes \(predicate.arityDescription) arguments, found \(arguments.count)", at: location)
            }
            let templated = try arguments.enumerated().map { index, word -> TemplateArgument in
                if predicate.takesNumber(at: index) {
                    if isNumberParameter(word) { return .parameter(word) }
                    guard let n = NumberLiteral(word) else {
                        throw Diagnostic("argument \(index + 1) of '\(name)' must be a number, found '\(word)'", at: location)
                    }
                    return .number(n)
                }
                guard isParameter(word), !isNumberParameter(word) else {
                    throw Diagnostic("'\(word)' in '\(name)' is not a point parameter", at: location)
                }
                return .parameter(word)
            }
            return FactTemplate(predicate: predicate.predicate, arguments: templated)
        }
    }

    private static func rejectUnknownFields(_ block: LibraryBlock, allowed: Set<String>) throws {
        for field in block.fields where !allowed.contains(field.key) {
            let list = allowed.sorted().joined(separator: ", ")
            throw Diagnostic("unknown field '\(field.key)' (expected one of: \(list))", at: field.location)
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
