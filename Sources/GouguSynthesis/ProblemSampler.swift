import GouguGeometry
import GouguLanguage

/// Random premises, as a problem author chains constructions: a base shape, then new points
/// each fixed by one construction or by two loci meeting, over the whole construction
/// library. The result is a statement in the problem language, without a goal.
///
/// The sampler knows nothing about geometry beyond the library's signatures and placement
/// kinds; a statement that turns out degenerate is rejected later by the diagram builder.
public struct ProblemSampler: Sendable {
    /// Constructions with no given points (`triangle`, `quadrangle`, ...): the base shapes.
    public let bases: [ConstructionDefinition]
    /// Constructions that fix their one new point from given points (`midpoint`, `foot`,
    /// `circle`, `intersection_ll`, ...).
    public let fixing: [ConstructionDefinition]
    /// Constructions that put their one new point on a locus (`on_line`, `on_circle`, ...):
    /// two of them meet in the new point.
    public let loci: [ConstructionDefinition]
    /// How many clauses follow the base (inclusive range).
    public var steps: ClosedRange<Int>

    /// Clauses after the base unless told otherwise: problems of 5 to 10 points.
    public static let defaultSteps: ClosedRange<Int> = 3...6

    public init(library: TheoremLibrary = .standard, steps: ClosedRange<Int> = ProblemSampler.defaultSteps) {
        var bases: [ConstructionDefinition] = [], fixing: [ConstructionDefinition] = [], loci: [ConstructionDefinition] = []
        for definition in library.constructions.values.sorted(by: { $0.name < $1.name }) {
            // Numbers (angles, ratios) are left to hand-written problems.
            guard definition.numberParameters.isEmpty, let kind = Self.kind(of: definition) else { continue }
            switch kind {
            case .base: bases.append(definition)
            case .fixing: fixing.append(definition)
            case .locus: loci.append(definition)
            }
        }
        self.bases = bases
        self.fixing = fixing
        self.loci = loci
        self.steps = steps
    }

    enum Kind { case base, fixing, locus }

    /// How a construction places its points, read off its `place` lines.
    static func kind(of definition: ConstructionDefinition) -> Kind? {
        if definition.givenPoints.isEmpty {
            // Free shapes of up to four points (a pentagon gives sprawling problems).
            let onlyFree = definition.placements.allSatisfy { step in step.terms.allSatisfy { $0.method == "free" } }
            return definition.newPoints.count <= 4 && definition.newPoints.count >= 2 && onlyFree ? .base : nil
        }
        guard definition.newPoints.count == 1, definition.placements.count == 1 else { return nil }
        let terms = definition.placements[0].terms
        let methods = terms.compactMap { PlacementMethod.named($0.method) }
        guard methods.count == terms.count else { return nil }
        if terms.count == 1 { return methods[0].producedPoints == 0 ? .locus : .fixing }
        return .fixing
    }

    /// Point names in order: a..z, then a1..z1, ...
    static func pointName(_ i: Int) -> String {
        let letter = String(UnicodeScalar(UInt8(97 + i % 26)))
        return i < 26 ? letter : letter + String(i / 26)
    }

    /// A random statement as clauses of the problem language, and its points in order.
    public struct Sample: Sendable {
        public var clauses: [String]
        public var points: [String]
        public var statement: String { clauses.joined(separator: "; ") }
    }

    /// A random statement: one base clause and `steps` more, with points named a, b, c, ...
    public func sample(using rng: inout SeededGenerator) -> Sample {
        var sample = Sample(clauses: [], points: [])
        let base = bases[Int(rng.next() % UInt64(bases.count))]
        for _ in base.newPoints { sample.points.append(Self.pointName(sample.points.count)) }
        sample.clauses.append("\(sample.points.joined(separator: " ")) = \(base.name) \(sample.points.joined(separator: " "))")
        let count = steps.lowerBound + Int(rng.next() % UInt64(steps.count))
        for _ in 0..<count {
            // Two loci for one point about a third of the time, else one fixing construction.
            extend(&sample, intersections: rng.next() % 3 == 0, using: &rng)
        }
        return sample
    }

    /// Adds one clause defining a new point: one fixing construction, or two loci meeting.
    public func extend(_ sample: inout Sample, intersections: Bool = false, using rng: inout SeededGenerator) {
        let point = Self.pointName(sample.points.count)
        let names = sample.points
        if intersections, loci.count > 0 {
            let first = call(loci[Int(rng.next() % UInt64(loci.count))], newPoint: point, names: names, using: &rng)
            let second = call(loci[Int(rng.next() % UInt64(loci.count))], newPoint: point, names: names, using: &rng)
            guard let first, let second, first != second else { return }
            sample.clauses.append("\(point) = \(first), \(second)")
        } else {
            guard let only = call(fixing[Int(rng.next() % UInt64(fixing.count))], newPoint: point, names: names, using: &rng) else { return }
            sample.clauses.append("\(point) = \(only)")
        }
        sample.points.append(point)
    }

    /// A call of `definition` defining `newPoint` from distinct random existing points.
    private func call(_ definition: ConstructionDefinition, newPoint: String, names: [String],
                      using rng: inout SeededGenerator) -> String? {
        let given = definition.givenPoints
        guard given.count <= names.count else { return nil }
        var pool = names
        var chosen: [String: String] = [:]
        for parameter in given {
            let k = Int(rng.next() % UInt64(pool.count))
            chosen[parameter] = pool.remove(at: k)
        }
        for parameter in definition.newPoints { chosen[parameter] = newPoint }
        return ([definition.name] + definition.parameters.map { chosen[$0]! }).joined(separator: " ")
    }
}
