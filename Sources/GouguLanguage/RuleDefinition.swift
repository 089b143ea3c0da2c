/// A deduction rule of the theorem library (`TheoremLibrary/rules.txt`): premises over
/// variables, and one conclusion.
///
/// Premises whose predicate is a side condition (`ncoll`, `npara`, `diff`, `sameside`,
/// ...) are checked on the diagram rather than derived; `sideConditions` lists them.
public struct RuleDefinition: Hashable, Sendable {
    /// A name that says what the rule does (`angle_angle_similarity`).
    public let name: String
    /// The premises, in the order written.
    public let premises: [FactTemplate]
    /// The conclusion.
    public let conclusion: FactTemplate
    /// One line for people.
    public let documentation: String
    /// Where the rule is in the library file.
    public let location: SourceLocation

    /// The premises that must be derived facts.
    public var factPremises: [FactTemplate] { premises.filter { !$0.predicate.isSideCondition } }

    /// The premises checked on the diagram (`Predicate.isSideCondition`).
    public var sideConditions: [FactTemplate] { premises.filter(\.predicate.isSideCondition) }

    /// Every variable of the rule, in order of first appearance.
    public var variables: [String] {
        var seen: [String] = []
        for fact in premises + [conclusion] {
            for case .parameter(let v) in fact.arguments where !seen.contains(v) { seen.append(v) }
        }
        return seen
    }
}

extension TheoremLibrary {
    /// Reads the rules file, checking every predicate and arity against `predicates`.
    ///
    /// - Throws: `Diagnostic` naming the file, line and column of the first bad rule.
    public static func rules(from text: String, file: String, predicates: [String: PredicateDefinition]) throws -> [RuleDefinition] {
        var rules: [RuleDefinition] = []
        var names: Set<String> = []
        for block in try LibraryBlock.parse(text, file: file) {
            guard block.keyword == "rule", block.header.count == 1 else {
                throw Diagnostic("expected 'rule NAME'", at: block.location)
            }
            let name = block.header[0]
            guard names.insert(name).inserted else {
                throw Diagnostic("rule '\(name)' is defined twice", at: block.location)
            }
            for field in block.fields where !["doc", "if", "then"].contains(field.key) {
                throw Diagnostic("unknown field '\(field.key)' (expected one of: doc, if, then)", at: field.location)
            }
            guard let ifField = block.values("if").first, block.values("if").count == 1 else {
                throw Diagnostic("rule '\(name)' needs exactly one 'if' line of premises", at: block.location)
            }
            guard let thenField = block.values("then").first, block.values("then").count == 1 else {
                throw Diagnostic("rule '\(name)' needs exactly one 'then' line with its conclusion", at: block.location)
            }
            let isVariable: (String) -> Bool = { isPointName($0) }
            let premises = try parseFacts(ifField.value, at: ifField.valueLocation, isParameter: isVariable, predicates: predicates)
            let conclusions = try parseFacts(thenField.value, at: thenField.valueLocation, isParameter: isVariable, predicates: predicates)
            guard conclusions.count == 1 else {
                throw Diagnostic("rule '\(name)' must have exactly one conclusion, found \(conclusions.count)", at: thenField.valueLocation)
            }
            let premiseVariables = Set(premises.flatMap(\.arguments))
            for argument in conclusions[0].arguments where !premiseVariables.contains(argument) {
                throw Diagnostic("variable '\(argument)' of the conclusion occurs in no premise", at: thenField.valueLocation)
            }
            rules.append(RuleDefinition(
                name: name, premises: premises, conclusion: conclusions[0],
                documentation: block.values("doc").map(\.value).joined(separator: " "), location: block.location
            ))
        }
        return rules
    }
}
