import Foundation
import GouguGeometry
import GouguLanguage
import GouguNeural
import GouguSearch

/// Proposes auxiliary constructions with the trained transformer: the state's problem (the
/// statement, the auxiliary clauses so far and the goal) is renamed canonically
/// (`CanonicalNaming`) and, for a model trained on the `configuration` prompt (named in its
/// file), followed by the lines and circles the state's closure knows (`ProposerPrompt`);
/// beam search returns the model's best continuations, and each is mapped back to the
/// problem's names, its new points renamed fresh (`x1`, `x2`, ...).
///
/// Decoding is constrained by a `ClauseGrammar` (unless `constrained` is false): the beams
/// only write one new point with the next canonical name, fixed by one construction that
/// places it or by two loci, over distinct points of the problem. A continuation is still
/// dropped unless it is one clause whose arguments are, position by position, its own new
/// points where the construction's signature declares new points and points of the problem
/// elsewhere, parses as an addition to the problem, and fixes its new points without free
/// choice (a point on one line or circle only is dropped, as the `Proposer` contract asks).
/// Scores are the model's natural-log probabilities of the clause (sum over its tokens and
/// `<eos>`; constrained, each token's probability renormalised over the tokens the grammar
/// allows), so they are at most 0.
///
/// The model is not thread-safe (one `Linalg` with its packing buffers, one set of
/// weights), so calls are serialised by a lock; the search's workers share one proposer.
public final class NeuralProposer: Proposer, @unchecked Sendable {
    /// The model.
    public let model: Transformer
    /// Its tokenizer (from the model file).
    public let tokenizer: Tokenizer
    /// Beam width: continuations asked of the model per state (before filtering).
    public var beamWidth: Int
    /// Longest clause, in tokens.
    public var maximumTokens: Int
    /// Whether beams are constrained to clauses the proposer can use (`ClauseGrammar`).
    public var constrained = true
    /// What the model reads (from the model file's metadata; `statement` for older files).
    public var prompt: ProposerPrompt
    /// The constructions the grammar allows, by token.
    private let grammarConstructions: ClauseGrammar.Constructions
    /// The last prompt's keys and values (consecutive search states' prompts share most of
    /// their tokens), and the beams' states, reused under `lock`.
    private let decodingCache: DecodingCache
    private let lock = NSLock()

    /// A proposer around a loaded model.
    public init(model: Transformer, tokenizer: Tokenizer, prompt: ProposerPrompt = .statement, beamWidth: Int = 16, maximumTokens: Int = 32) {
        self.model = model
        self.prompt = prompt
        self.tokenizer = tokenizer
        self.beamWidth = beamWidth
        self.maximumTokens = maximumTokens
        grammarConstructions = ClauseGrammar.Constructions(tokenizer: tokenizer)
        decodingCache = DecodingCache(model: model)
    }

    /// Loads a model file written by `gougu proposer train` (F32 or F16), decoding on one thread.
    public convenience init(contentsOf url: URL, beamWidth: Int = 16) throws {
        let file = try SafetensorsFile(contentsOf: url)
        guard let tokenizer = Tokenizer(file: file) else { throw ProposerModelError(description: "\(url.path): no vocabulary in the model file") }
        let prompt = try file.metadata[ProposerPrompt.metadataKey].map { name in
            guard let prompt = ProposerPrompt(rawValue: name) else {
                throw ProposerModelError(description: "\(url.path): unknown prompt '\(name)' (expected one of \(ProposerPrompt.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return prompt
        } ?? .statement
        let model = try Transformer(file: file, linalg: Linalg(pool: ThreadPool(threadCount: 1)))
        self.init(model: model, tokenizer: tokenizer, prompt: prompt, beamWidth: beamWidth)
    }

    /// The model shipped with Gougu (`Sources/GouguProposer/Resources/proposer.safetensors`).
    public static var shippedModelURL: URL? {
        Bundle.module.url(forResource: "proposer", withExtension: "safetensors")
    }

    /// Loads the shipped model.
    public static func shipped(beamWidth: Int = 16) throws -> NeuralProposer {
        guard let url = shippedModelURL else { throw ProposerModelError(description: "the shipped proposer model is missing") }
        return try NeuralProposer(contentsOf: url, beamWidth: beamWidth)
    }

    /// The model's input for `state` in canonical names, extending `naming`.
    func promptText(for state: ProofState, naming: inout CanonicalNaming) -> String {
        prompt.text(for: state.problem, configuration: prompt == .configuration ? ConfigurationSummary(store: state.store) : nil,
                    naming: &naming)
    }

    public func propose(for state: ProofState, limit: Int) -> [Proposal] {
        var naming = CanonicalNaming()
        let input = promptText(for: state, naming: &naming)
        guard let prompt = try? tokenizer.encodeExample(problem: input, continuation: nil),
              prompt.count + 2 <= model.config.contextLength else { return [] }
        let width = max(1, min(limit, beamWidth))
        let grammar = constrained
            ? ClauseGrammar(pointNames: naming.toOriginal.keys.sorted(), newName: CanonicalNaming.name(naming.count), tokenizer: tokenizer,
                            constructions: grammarConstructions)
            : nil
        lock.lock()
        let beams = model.beamSearch(prompt: prompt, beamWidth: width, maxTokens: maximumTokens, stopToken: Tokenizer.eos,
                                     allowed: grammar.map { grammar in { grammar.allowed(after: $0) } }, cache: decodingCache)
        lock.unlock()
        var seen = Set<String>()
        var out: [Proposal] = []
        for beam in beams where beam.finished {
            let text = tokenizer.decode(beam.tokens)
            guard let clause = Self.clause(fromCanonical: text, naming: naming, problem: state.problem),
                  seen.insert(clause).inserted else { continue }
            out.append(Proposal(clause: clause, score: beam.logProbability))
        }
        return out
    }

    /// The model's natural-log probability of each of `clauses` (in the problem's names, new
    /// points named freely) as the next auxiliary clause of `state`'s problem, or nil for a
    /// clause the tokenizer cannot read or that does not fit the context.
    ///
    /// The problem is renamed canonically, as the model reads it, and so is each clause's
    /// old points. Its new points take the name the model would give a new point here:
    /// the point name it finds most likely as the clause's first word (on IMO problems it
    /// often reuses an old name, see `clause(fromCanonical:naming:problem:library:)`), then
    /// the canonical names after it. So scores compare constructions, not names.
    public func logProbabilities(of clauses: [String], in state: ProofState) -> [Double?] {
        var naming = CanonicalNaming()
        let input = promptText(for: state, naming: &naming)
        guard let prompt = try? tokenizer.encodeExample(problem: input, continuation: nil),
              prompt.count < model.config.contextLength else { return clauses.map { _ in nil } }
        lock.lock()
        defer { lock.unlock() }
        let scorer = ContinuationScorer(model: model, prompt: prompt)
        let names = (0..<(26 * 10)).compactMap { index in tokenizer.id(of: CanonicalNaming.name(index)).map { (index, $0) } }
        let likeliest = names.max { scorer.nextTokenLogProbabilities[$0.1] < scorer.nextTokenLogProbabilities[$1.1] }?.0 ?? naming.count
        let encoded: [[Int]?] = clauses.map { clause in
            var newNames: [String: String] = [:]
            let text = CanonicalNaming.mapPoints(clause) { point in
                if let old = naming.toCanonical[point] { return old }
                if let new = newNames[point] { return new }
                newNames[point] = CanonicalNaming.name(likeliest + newNames.count)
                return newNames[point]!
            }
            return try? tokenizer.encode(text)
        }
        let readable = encoded.compactMap { $0 }
        var scores = scorer.logProbabilities(of: readable, stopToken: Tokenizer.eos).makeIterator()
        return encoded.map { tokens in
            guard tokens != nil, let score = scores.next(), score > -.infinity else { return nil }
            return score
        }
    }

    /// The model's canonical clause `text` in the problem's names, or nil if it is not a
    /// valid, fully determined addition to `problem` (see the type's documentation).
    ///
    /// Which words are the new points is read from the constructions' signatures, not from
    /// the names: the model names a new point with the next canonical name, and on problems
    /// with more points than its training problems it sometimes reuses an old one
    /// (`i = reflect i a d c` in a problem whose points run to `k`). An argument in a
    /// position the signature declares new (`new` in the library) must be one of the
    /// clause's defined words and becomes the matching fresh name (`x1`, `x2`, ... unused
    /// by the problem); every other argument must be a point of the problem.
    public static func clause(fromCanonical text: String, naming: CanonicalNaming, problem: Problem,
                              library: TheoremLibrary = .standard) -> String? {
        let words = CanonicalNaming.words(text)
        guard let eq = words.firstIndex(of: "="), eq > 0, !words.contains(";"), !words.contains("?") else { return nil }
        let defined = Array(words[..<eq])
        guard Set(defined).count == defined.count, !defined.contains(",") else { return nil }
        var used = Set(problem.points.map(\.name))
        var fresh: [String] = []
        for _ in defined {
            var k = 1
            while used.contains("x\(k)") { k += 1 }
            fresh.append("x\(k)")
            used.insert("x\(k)")
        }
        var calls: [String] = []
        for part in words[(eq + 1)...].split(separator: ",") {
            guard let name = part.first, let definition = library.constructions[name],
                  part.count - 1 == definition.parameters.count else { return nil }
            var call = [name]
            for (parameter, word) in zip(definition.parameters, part.dropFirst()) {
                if definition.numberParameters.contains(parameter) {
                    guard word.first?.isNumber == true else { return nil }
                    call.append(word)
                } else if definition.newPoints.contains(parameter) {
                    guard let i = defined.firstIndex(of: word) else { return nil }
                    call.append(fresh[i])
                } else {
                    guard let original = naming.toOriginal[word] else { return nil }
                    call.append(original)
                }
            }
            calls.append(call.joined(separator: " "))
        }
        let mapped = fresh.joined(separator: " ") + " = " + calls.joined(separator: ", ")
        guard let augmented = try? Augmentation.problem(problem, adding: mapped),
              let added = augmented.clauses.last, Self.isDetermined(added) else { return nil }
        return mapped
    }

    /// Whether every new point of `clause` is fixed by its placements: a point method, or
    /// two loci (from one construction or from two), never `free` or a single locus.
    public static func isDetermined(_ clause: Clause) -> Bool {
        clause.points.allSatisfy { point in
            var constraints = 0
            for call in clause.constructions {
                for (parameter, argument) in call.binding where argument.point == point {
                    constraints += ClauseGrammar.fixes(call.definition, parameter: parameter)
                }
            }
            return constraints >= 2
        }
    }
}

/// A model file the neural proposer cannot use.
public struct ProposerModelError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var description: String
}
