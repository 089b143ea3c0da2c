/// A construction of the problem language (`foot`, `on_circle`, `incenter2`, ...), as
/// declared in `TheoremLibrary/constructions.txt`.
///
/// A construction takes given points (and sometimes numbers) and creates new points. It
/// says three things about them: what must hold of the given points for it to make sense
/// (`preconditions`), what holds of the new points afterwards (`facts`, the premises the
/// deduction engine starts from), and how to place the new points on a numeric diagram
/// (`placements`).
public struct ConstructionDefinition: Hashable, Sendable {
    /// The name used in problems.
    public let name: String
    /// All parameters, in the order a full call writes them.
    public let parameters: [String]
    /// The parameters naming points the construction creates, in creation order.
    public let newPoints: [String]
    /// Parameters that take numbers (`s_angle`'s angle).
    public let numberParameters: Set<String>
    /// Non-degeneracy conditions on the given points.
    public let preconditions: [FactTemplate]
    /// The facts that hold of the new points.
    public let facts: [FactTemplate]
    /// For each new point, the parameters it depends on. Points with no entry depend on
    /// every given parameter.
    public let dependencies: [String: [String]]
    /// How to place the new points numerically, in order.
    public let placements: [PlacementStep]
    /// Another order in which other tools write the parameters (Newclid writes
    /// `parallelogram x a b c` for AlphaGeometry's `parallelogram a b c x`). A full call whose
    /// clause points fill the new-point parameters of this order, and not of `parameters`,
    /// is read in this order (see docs/language.md, "Dialects").
    public let alternativeOrder: [String]?
    /// One line for people.
    public let documentation: String
    /// Where the definition is in the library file (for the premise language's definitions,
    /// where the premise is written).
    public let location: SourceLocation
    /// A construction of the library, or one the premise language makes for a clause (for
    /// those, `documentation` is the premise as written).
    public var role: ConstructionRole = .construction

    /// The parameters that name existing points: neither new points nor numbers.
    public var givenPoints: [String] {
        parameters.filter { !numberParameters.contains($0) && !newPoints.contains($0) }
    }

    /// The given parameters a new point depends on.
    public func dependencies(of point: String) -> [String] {
        dependencies[point] ?? givenPoints
    }
}

/// One step of placing a construction's new points on a diagram: the points it places,
/// and the loci or point method that fix them. An empty `terms` list means a free point.
public struct PlacementStep: Hashable, Sendable, CustomStringConvertible {
    /// The points this step places (several only for methods that fix several at once).
    public let points: [String]
    /// The loci to intersect, or a single point method. Empty: the point is free.
    public let terms: [PlacementTerm]

    public var description: String {
        points.joined(separator: " ") + ": " + (terms.isEmpty ? "free" : terms.map(\.description).joined(separator: " & "))
    }
}

/// A locus or point method with its arguments, such as `tline a b c` or `midpoint a b`.
/// The numeric meaning of each method lives in GouguGeometry.
public struct PlacementTerm: Hashable, Sendable, CustomStringConvertible {
    /// The method's name.
    public let method: String
    /// The arguments: parameters of the construction or numbers.
    public let arguments: [TemplateArgument]

    public var description: String { ([method] + arguments.map(\.description)).joined(separator: " ") }
}
