/// A predicate of the problem language (`coll`, `eqangle`, ...), as declared in
/// `TheoremLibrary/predicates.txt`.
public struct PredicateDefinition: Hashable, Sendable {
    /// The predicate it declares.
    public let predicate: Predicate
    /// Parameter names, in order. With `isVariadic`, the last one may repeat.
    public let parameters: [String]
    /// Whether the last parameter may repeat (`coll a b c d` is as valid as `coll a b c`).
    public let isVariadic: Bool
    /// Parameters that take numbers rather than points.
    public let numberParameters: Set<String>
    /// One line for people.
    public let documentation: String

    /// The name used in problems and rules.
    public var name: String { predicate.name }

    /// Whether the parameter at `index` of a call takes a number.
    public func takesNumber(at index: Int) -> Bool {
        let i = min(index, parameters.count - 1)
        return numberParameters.contains(parameters[i])
    }

    /// Whether a call with `count` arguments has the right arity.
    public func accepts(argumentCount count: Int) -> Bool {
        isVariadic ? count >= parameters.count : count == parameters.count
    }

    /// Whether the declared parameters are those the predicate takes (`Predicate`): its
    /// points, then its numbers, the last point repeating when it is variadic.
    public var matchesPredicate: Bool {
        guard isVariadic == predicate.isVariadic, parameters.count == predicate.pointCount + predicate.numberCount,
              numberParameters.count == predicate.numberCount else { return false }
        return parameters.indices.allSatisfy { takesNumber(at: $0) == ($0 >= predicate.pointCount) }
    }

    /// The arity as people read it: `4`, or `3 or more`.
    public var arityDescription: String {
        isVariadic ? "\(parameters.count) or more" : "\(parameters.count)"
    }
}

/// An argument of a fact in the theorem library: a parameter name or a number.
public enum TemplateArgument: Hashable, Sendable, CustomStringConvertible {
    case parameter(String)
    case number(NumberLiteral)

    public var description: String {
        switch self {
        case .parameter(let name): return name
        case .number(let n): return n.text
        }
    }
}

/// A fact with parameters, such as `perp x a b c` in the definition of `foot`.
public struct FactTemplate: Hashable, Sendable, CustomStringConvertible {
    /// The predicate.
    public let predicate: Predicate
    /// The arguments, in order.
    public let arguments: [TemplateArgument]

    public var description: String { ([predicate.name] + arguments.map(\.description)).joined(separator: " ") }
}
