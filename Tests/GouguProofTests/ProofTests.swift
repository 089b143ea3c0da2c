import Foundation
import GouguProof
import Testing

/// The proof document: what the text and the JSON say reads back as the same proof.
@Suite struct ProofTests {
    /// A small proof with one step of each kind: a premise, a rule instance with a side
    /// condition, a chain, and an algebraic step with two certificates.
    static let proof: Proof = {
        let angles = Proof.Certificate(table: .angles, conclusion: Proof.Expression(terms: [], constant: "0"), terms: [
            Proof.Term(coefficient: "1", equation: "perp x a b c", cites: [2], index: 0,
                       expression: Proof.Expression(terms: [.init(coefficient: "1", points: ["x", "a"])], constant: "1/2")),
            Proof.Term(coefficient: "-1", equation: "b c ∥ x c on one line", cites: [1], line: ["b", "c", "x", "c"]),
        ])
        let ratios = Proof.Certificate(table: .ratios, terms: [
            Proof.Term(coefficient: "1/2", equation: "law of sines in triangle a b c #2", cites: [], index: 1, triangle: ["a", "b", "c"]),
        ])
        let premise = Proof.Step(number: 1, statement: "coll x b c", kind: .premise,
                                 reason: Proof.Step.premiseReason(clause: "x = foot x a b c"))
        let rule = Proof.Step(number: 2, statement: "perp x a b c", kind: .rule,
                              reason: Proof.Step.ruleReason("r", binding: ["b": "b", "a": "a"], cites: [1], sideConditions: ["ncoll a b c"]),
                              cites: [1], rule: "r", binding: ["a": "a", "b": "b"], sideConditions: ["ncoll a b c"])
        let chain = Proof.Step(number: 3, statement: "coll x c b", kind: .chain,
                               reason: Proof.Step.chainReason(.line, chained: [1], certificates: []), cites: [1])
        let algebra = Proof.Step(number: 4, statement: "para x a x a", kind: .algebra,
                                 reason: Proof.Step.certificatesReason([angles, ratios]), cites: [1, 2], certificates: [angles, ratios])
        return Proof(problemName: "foot", problem: "a b c = triangle a b c; x = foot x a b c ? perp x a b c", seed: 3,
                     configuration: 1, configurationNote: "x at the other of two positions", premises: [premise],
                     steps: [rule, chain, algebra], auxiliaryConstructions: ["y = midpoint y a b"])
    }()

    @Test func theJSONReadsBackAsTheSameProof() throws {
        let json = try GouguJSON.encoder(pretty: true).encode(Self.proof)
        #expect(try Proof.readJSON(json, file: "p.json") == Self.proof)
        #expect(try Proof.read(String(decoding: json, as: UTF8.self), file: "p.json") == Self.proof)
    }

    @Test func theTextReadsBackAsTheSameStepsKindsAndCertificates() throws {
        let text = Self.proof.text
        #expect(text.contains("  (2) perp x a b c    by rule r [a=a b=b] from (1); checked on the diagram: ncoll a b c"))
        #expect(text.contains("  (3) coll x c b    by one line through shared points: (1)"))
        #expect(text.contains("by angle chasing (mod 180°): 1 × [perp x a b c] (2) + -1 × [b c ∥ x c on one line] (1); ratio chasing (log-lengths): 1/2 × [law of sines in triangle a b c #2] "))
        let read = try Proof.read(text, file: "p.txt")
        #expect(read.problemName == "foot" && read.seed == 3 && read.configuration == 1)
        #expect(read.auxiliaryConstructions == ["y = midpoint y a b"])
        #expect(read.premises.map(\.statement) == ["coll x b c"] && read.premises.map(\.kind) == [.premise])
        #expect(read.steps.map(\.kind) == [.rule, .chain, .algebra])
        #expect(read.steps.map(\.cites) == Self.proof.steps.map(\.cites))
        // A line of text ends without the space after a term that cites nothing.
        #expect(read.steps.map(\.reason) == Self.proof.steps.map { $0.reason?.trimmingCharacters(in: .whitespaces) })
        #expect(read.steps[0].rule == "r" && read.steps[0].binding == ["a": "a", "b": "b"])
        let certificates = try #require(read.steps[2].certificates)
        #expect(certificates.map(\.table) == [.angles, .ratios])
        let written = Self.proof.steps[2].certificates!.flatMap(\.terms)
        let terms = certificates.flatMap(\.terms)
        #expect(terms.map(\.coefficient) == written.map(\.coefficient))
        #expect(terms.map(\.equation) == written.map(\.equation))
        #expect(terms.map(\.cites) == written.map(\.cites))
        #expect(terms.map(\.index) == [0, nil, 1])
        #expect(terms.map(\.line) == written.map(\.line) && terms.map(\.triangle) == written.map(\.triangle))
    }

    @Test func everyTableAndChainLabelReadsBack() throws {
        for table in [Proof.Table.angles, .ratios, .lengths, .squares] {
            let step = Proof.Step(number: 2, statement: "cong a b a b", kind: .algebra,
                                  reason: Proof.Step.certificatesReason([Proof.Certificate(table: table, terms: [])]))
            let proof = Proof(problemName: "t", seed: 0, premises: [], steps: [step], auxiliaryConstructions: [])
            #expect(try Proof.read(proof.text, file: "t.txt").steps[0].certificates?.map(\.table) == [table])
        }
        for chain in Proof.Chain.allCases {
            let step = Proof.Step(number: 2, statement: "coll a b c", kind: .chain,
                                  reason: Proof.Step.chainReason(chain, chained: [1], certificates: []))
            let proof = Proof(problemName: "t", seed: 0, premises: [], steps: [step], auxiliaryConstructions: [])
            let read = try Proof.read(proof.text, file: "t.txt").steps[0]
            #expect(read.kind == .chain && read.cites == [1], "\(chain)")
        }
    }

    @Test func aKindOrTableTheFormatDoesNotDefineIsKeptAsWritten() throws {
        let json = """
        {"format": "gougu-proof/2", "problem_name": "t", "seed": 0, "premises": [], "auxiliary_constructions": [],
         "steps": [{"number": 1, "statement": "coll a b c", "kind": "lemma", "cites": [],
                    "certificates": [{"table": "volumes", "terms": []}]}]}
        """
        let proof = try Proof.readJSON(Data(json.utf8), file: "t.json")
        #expect(proof.steps[0].kind == .unknown("lemma"))
        #expect(proof.steps[0].certificates?.first?.table == .unknown("volumes"))
        let written = String(decoding: try GouguJSON.encoder(pretty: false).encode(proof), as: UTF8.self)
        #expect(written.contains("\"kind\":\"lemma\"") && written.contains("\"table\":\"volumes\""))
    }

    @Test func aConfigurationNoteOfTheWrongTypeIsIgnored() throws {
        let json = """
        {"format": "gougu-proof/2", "problem_name": "t", "seed": 0, "configuration_note": 5, "premises": [], "steps": [],
         "auxiliary_constructions": []}
        """
        #expect(try Proof.readJSON(Data(json.utf8), file: "t.json").configurationNote == nil)
    }
}
