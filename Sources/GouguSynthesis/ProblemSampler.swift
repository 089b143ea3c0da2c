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
    /// How often each construction is drawn; nil draws uniformly within each kind (bases,
    /// fixing constructions, loci) and meets two loci a third of the time.
    public var style: Style?

    /// Clauses after the base unless told otherwise: problems of 5 to 10 points.
    public static let defaultSteps: ClosedRange<Int> = 3...6

    public init(library: TheoremLibrary = .standard, steps: ClosedRange<Int> = ProblemSampler.defaultSteps, style: Style? = nil) {
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
        self.style = style
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
        let base = pick(bases, using: &rng)
        for _ in base.newPoints { sample.points.append(Self.pointName(sample.points.count)) }
        sample.clauses.append("\(sample.points.joined(separator: " ")) = \(base.name) \(sample.points.joined(separator: " "))")
        let count = steps.lowerBound + Int(rng.next() % UInt64(steps.count))
        for _ in 0..<count {
            // Two loci for one point about a third of the time, else one fixing construction.
            extend(&sample, intersections: meetsTwoLoci(using: &rng), using: &rng)
        }
        return sample
    }

    /// Adds one clause defining a new point: one fixing construction, or two loci meeting.
    public func extend(_ sample: inout Sample, intersections: Bool = false, using rng: inout SeededGenerator) {
        let point = Self.pointName(sample.points.count)
        let names = sample.points
        if intersections, loci.count > 0 {
            let first = call(pick(loci, using: &rng), newPoint: point, names: names, using: &rng)
            let second = call(pick(loci, using: &rng), newPoint: point, names: names, using: &rng)
            guard let first, let second, first != second else { return }
            sample.clauses.append("\(point) = \(first), \(second)")
        } else {
            guard let only = call(pick(fixing, using: &rng), newPoint: point, names: names, using: &rng) else { return }
            sample.clauses.append("\(point) = \(only)")
        }
        sample.points.append(point)
    }

    /// Whether the next point is where two loci meet (else one fixing construction fixes it).
    func meetsTwoLoci(using rng: inout SeededGenerator) -> Bool {
        guard let style else { return rng.next() % 3 == 0 }
        return Self.unit(using: &rng) < style.intersectionShare
    }

    /// One of `definitions`, uniformly without a style, else in proportion to the style's weights.
    func pick(_ definitions: [ConstructionDefinition], using rng: inout SeededGenerator) -> ConstructionDefinition {
        let weights = style.map { style in definitions.map { style.weight(of: $0.name) } }
        // No style, or nothing of this kind weighted: every one equally.
        guard let weights, case let total = weights.reduce(0, +), total > 0 else {
            return definitions[Int(rng.next() % UInt64(definitions.count))]
        }
        var target = Self.unit(using: &rng) * total
        for (definition, weight) in zip(definitions, weights) {
            if target < weight { return definition }
            target -= weight
        }
        return definitions[definitions.count - 1]
    }

    /// A uniform number in [0, 1) from the generator's next 53 bits.
    static func unit(using rng: inout SeededGenerator) -> Double {
        Double(rng.next() >> 11) * 0x1p-53
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

extension ProblemSampler {
    /// How a problem author chooses constructions: weights read off example problems, so
    /// that random premises use `on_line`, `on_circle`, `circle` and `foot` as often as
    /// competition statements do rather than every construction of the library equally.
    public struct Style: Sendable, Equatable {
        /// How many times each construction occurs in the examples.
        public var counts: [String: Int]
        /// The weight of a construction the examples never use (so that every construction
        /// of the library can still appear).
        public var unseenWeight: Double
        /// The share of points, after the base, that the examples define by two loci meeting.
        public var intersectionShare: Double

        public init(counts: [String: Int], unseenWeight: Double = 0.25, intersectionShare: Double) {
            self.counts = counts
            self.unseenWeight = unseenWeight
            self.intersectionShare = intersectionShare
        }

        /// The style of `problems`' premises: each construction counted once per call, and
        /// the share of clauses with given points that combine two or more constructions.
        public init(problems: [Problem], unseenWeight: Double = 0.25) {
            var counts: [String: Int] = [:]
            var defined = 0, intersections = 0
            for problem in problems {
                for clause in problem.clauses {
                    for call in clause.constructions { counts[call.definition.name, default: 0] += 1 }
                    guard clause.constructions.contains(where: { !$0.definition.givenPoints.isEmpty }) else { continue }
                    defined += 1
                    if clause.constructions.count >= 2 { intersections += 1 }
                }
            }
            self.init(counts: counts, unseenWeight: unseenWeight,
                      intersectionShare: defined == 0 ? 1.0 / 3 : Double(intersections) / Double(defined))
        }

        /// The style in one line (`name=count ...; unseen=W; two-loci=S`): shards of one run
        /// must have the same.
        public var summary: String {
            counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                + "; unseen=\(unseenWeight); two-loci=\(intersectionShare)"
        }

        /// How likely `construction` is drawn, relative to the others of its kind.
        public func weight(of construction: String) -> Double {
            counts[construction].map(Double.init) ?? unseenWeight
        }
    }
}
