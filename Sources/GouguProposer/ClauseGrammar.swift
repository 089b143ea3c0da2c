import GouguGeometry
import GouguLanguage
import GouguNeural

/// The auxiliary clauses the neural proposer can use, as a constraint on the model's
/// decoding: one new point, named with the next canonical name, fixed by one construction
/// that places it or by two loci, every other argument a distinct point of the problem.
///
/// `allowed(after:)` lists the tokens that may follow a partial clause, so beam search only
/// spends its beams on clauses that survive `NeuralProposer.clause(fromCanonical:...)`
/// (on IMO problems, most unconstrained beams misname the new point and are dropped).
/// For `j` new after `a` ... `i`:
///
///     j = foot j a b c <eos>                   one construction that places j
///     j = on_line j a b , on_circle j c d <eos>   two loci
struct ClauseGrammar {
    /// Token of the new point's name.
    let newPoint: Int
    /// Tokens of the problem's points.
    let points: [Int]
    /// Constructions with one new point, no numbers and given points, by token, with how
    /// much each fixes its new point (2: placed; 1: a locus).
    let constructions: Constructions
    let equals: Int, comma: Int, end: Int

    typealias Constructions = [Int: (definition: ConstructionDefinition, fixes: Int)]

    /// The constructions a clause may use, by token: the same for every problem, so the
    /// proposer computes them once.
    static func constructions(tokenizer: Tokenizer, library: TheoremLibrary = .standard) -> Constructions {
        var constructions: Constructions = [:]
        for definition in library.constructions.values
        where definition.newPoints.count == 1 && definition.numberParameters.isEmpty && !definition.givenPoints.isEmpty {
            guard let token = tokenizer.id(of: definition.name), case let fixes = Self.fixes(definition, parameter: definition.newPoints[0]),
                  fixes > 0 else { continue }
            constructions[token] = (definition, min(fixes, 2))
        }
        return constructions
    }

    /// The grammar for a problem whose points are canonically `pointNames` and whose new
    /// point is `newName`, over `constructions`, or nil if the tokenizer lacks a name.
    init?(pointNames: [String], newName: String, tokenizer: Tokenizer, constructions: Constructions) {
        guard let newPoint = tokenizer.id(of: newName), let equals = tokenizer.id(of: "="),
              let comma = tokenizer.id(of: ",") else { return nil }
        let points = pointNames.compactMap { tokenizer.id(of: $0) }
        guard points.count == pointNames.count else { return nil }
        self.newPoint = newPoint
        self.points = points
        self.constructions = constructions
        self.equals = equals
        self.comma = comma
        self.end = Tokenizer.eos
    }

    /// How much `definition`'s placements fix its parameter `parameter`: 1 per locus, 2 per
    /// method that places points (unknown methods count nothing). A new point is determined
    /// at 2 (`NeuralProposer.isDetermined`).
    static func fixes(_ definition: ConstructionDefinition, parameter: String) -> Int {
        var total = 0
        for step in definition.placements where step.points.contains(parameter) {
            for term in step.terms {
                guard let method = PlacementMethod.named(term.method) else { continue }
                total += method.producedPoints == 0 ? 1 : 2
            }
        }
        return total
    }

    /// The tokens that may follow `prefix` (the clause's tokens so far); empty when no valid
    /// clause starts with it.
    func allowed(after prefix: [Int]) -> [Int] {
        switch prefix.count {
        case 0: return [newPoint]
        case 1: return prefix[0] == newPoint ? [equals] : []
        default: break
        }
        var fixed = 0, calls = 0
        var i = 2
        while i < prefix.count {
            guard let (definition, fixes) = constructions[prefix[i]] else { return [] }
            calls += 1
            let parameters = definition.parameters
            var used: Set<Int> = []
            for (k, parameter) in parameters.enumerated() {
                let position = i + 1 + k
                let expected = definition.newPoints.contains(parameter) ? [newPoint] : points.filter { !used.contains($0) }
                guard position < prefix.count else { return expected }
                guard expected.contains(prefix[position]) else { return [] }
                used.insert(prefix[position])
            }
            fixed += fixes
            i += 1 + parameters.count
            // After a call: the clause ends once its point is fixed, else a second locus follows.
            let next: [Int] = fixed >= 2 ? [end] : calls < 2 ? [comma] : []
            guard i < prefix.count else { return next }
            guard next.contains(prefix[i]), prefix[i] == comma else { return [] }
            i += 1
            guard i < prefix.count else { return constructions.filter { fixed + $0.value.fixes <= 2 }.map(\.key).sorted() }
        }
        return constructions.keys.sorted()
    }
}
