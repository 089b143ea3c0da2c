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
    let pointSet: Set<Int>
    /// The constructions a clause may use.
    let constructions: Constructions
    let equals: Int, comma: Int, end: Int

    /// Constructions with one new point, no numbers and given points: the same for every
    /// problem, so the proposer computes them once.
    struct Constructions {
        /// By token, with how much each fixes its new point (2: placed; 1: a locus).
        var byToken: [Int: (definition: ConstructionDefinition, fixes: Int)] = [:]
        /// Every construction's token, in order: what a clause starts with.
        var all: [Int] = []
        /// The loci's tokens, in order: what may follow a first locus.
        var loci: [Int] = []

        init(tokenizer: Tokenizer, library: TheoremLibrary = .standard) {
            for definition in library.constructions.values
            where definition.newPoints.count == 1 && definition.numberParameters.isEmpty && !definition.givenPoints.isEmpty {
                let fixes = ClauseGrammar.fixes(definition, parameter: definition.newPoints[0])
                guard let token = tokenizer.id(of: definition.name), fixes > 0 else { continue }
                byToken[token] = (definition, min(fixes, 2))
            }
            all = byToken.keys.sorted()
            loci = all.filter { byToken[$0]!.fixes == 1 }
        }
    }

    /// The grammar for a problem whose points are canonically `pointNames` and whose new
    /// point is `newName`, over `constructions`, or nil if the tokenizer lacks a name.
    init?(pointNames: [String], newName: String, tokenizer: Tokenizer, constructions: Constructions) {
        guard let newPoint = tokenizer.id(of: newName), let equals = tokenizer.id(of: "="),
              let comma = tokenizer.id(of: ",") else { return nil }
        let points = pointNames.compactMap { tokenizer.id(of: $0) }
        guard points.count == pointNames.count else { return nil }
        self.pointSet = Set(points)
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
            guard let (definition, fixes) = constructions.byToken[prefix[i]] else { return [] }
            calls += 1
            var used: Set<Int> = []
            for (k, parameter) in definition.parameters.enumerated() {
                let isNew = definition.newPoints.contains(parameter)
                guard i + 1 + k < prefix.count else { return isNew ? [newPoint] : points.filter { !used.contains($0) } }
                let token = prefix[i + 1 + k]
                guard isNew ? token == newPoint : pointSet.contains(token) && used.insert(token).inserted else { return [] }
            }
            fixed += fixes
            i += 1 + definition.parameters.count
            // After a call: the clause ends once its point is fixed, else a second locus follows.
            guard i < prefix.count else { return fixed >= 2 ? [end] : calls < 2 ? [comma] : [] }
            guard fixed < 2, calls < 2, prefix[i] == comma else { return [] }
            i += 1
        }
        return calls == 0 ? constructions.all : constructions.loci
    }
}
