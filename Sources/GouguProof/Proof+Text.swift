/// The text form of a proof, for people: what `gougu solve` prints and `--proof-out` writes
/// as `NAME.txt`. `read(_:file:)` reads it back (`ProofTextReader`); both use the labels
/// here, so that the two cannot drift apart.
extension Proof {
    /// The proof as text for people; `gougu check` reads it back (docs/proof-format.md).
    public var text: String {
        var lines = ["Proof of \(problemName)"]
        if let identification {
            lines.append("Identification: \(identification.clause) is the statement's \(identification.point) "
                         + "(\(identification.statedClause ?? "")): it has every property that clause states (proved below), "
                         + "that clause pins \(identification.point) down, and both are drawn at one point.")
            lines.append("Restated problem: \(problem ?? "")")
            for (k, fact) in identification.facts.enumerated() {
                lines.append("Property \(k + 1) of \(identification.facts.count): \(fact.steps.last?.statement ?? "")")
                lines += fact.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { "    " + $0 }
            }
            lines.append("The goal, in the restated problem:")
        }
        if !auxiliaryConstructions.isEmpty { lines.append("Auxiliary constructions: " + auxiliaryConstructions.joined(separator: "; ")) }
        lines.append("Diagram seed: \(seed)")
        if let configuration {
            lines.append("Diagram configuration: \(configuration)" + (configurationNote.map { " (\($0))" } ?? ""))
        }
        lines.append("Premises:")
        for s in premises { lines.append("  (\(s.number)) \(s.statement)    [\(s.reason ?? "")]") }
        lines.append("Steps:")
        for s in steps { lines.append("  (\(s.number)) \(s.statement)    by \(s.reason ?? "")") }
        lines.append("Goal \(steps.last?.statement ?? "") proved in \(steps.count) steps.")
        return lines.joined(separator: "\n")
    }

    /// What a chain step chains: its reason starts with the `label`, a colon and the steps
    /// chained.
    public enum Chain: CaseIterable, Sendable {
        /// Points on one line, through lines that share two points.
        case line
        /// Points on one circle, through circles that share three points.
        case circle
        /// A midpoint: on the line, and equidistant (with a certificate).
        case midpoint
        /// A cited fact stated again (a goal that is a premise).
        case restatement

        /// How a reason names it.
        public var label: String {
            switch self {
            case .line: "one line through shared points"
            case .circle: "one circle through shared points"
            case .midpoint: "midpoint (on the line, equidistant) through shared points"
            case .restatement: "the same fact as"
            }
        }
    }
}

extension Proof.Certificate {
    /// What follows `K × ` in a certificate's label when its terms sum to a multiple of
    /// the statement's equation.
    public static let multipleWords = "the statement (the diagram's solution)"
}

extension Proof.Table {
    /// How a reason names the table before its certificate's terms.
    public var label: String {
        switch self {
        case .angles: "angle chasing (mod 180°)"
        case .ratios: "ratio chasing (log-lengths)"
        case .lengths: "distance chasing (lengths)"
        case .squares: "Pythagoras (squared lengths)"
        case .unknown(let word): word
        }
    }
}

extension Proof.Step {
    /// The reason of a premise: `premise: ` and the clause that asserts it.
    public static func premiseReason(clause: String) -> String { "premise: \(clause)" }

    /// The reason of a rule step: `rule NAME [a=p b=q] from (1) (2)`, then the side
    /// conditions checked on the diagram, if any.
    public static func ruleReason(_ rule: String, binding: [String: String], cites: [Int], sideConditions: [String]) -> String {
        let bound = binding.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        var text = "rule \(rule) [\(bound)] from \(cites.map { "(\($0))" }.joined(separator: " "))"
        if !sideConditions.isEmpty { text += "; checked on the diagram: " + sideConditions.joined(separator: ", ") }
        return text
    }

    /// The reason of a chain step: what it chains, the steps chained, then its certificates
    /// (a midpoint's equal halves), if any.
    public static func chainReason(_ chain: Proof.Chain, chained: [Int], certificates: [Proof.Certificate]) -> String {
        var text = "\(chain.label): \(chained.map { "(\($0))" }.joined(separator: " "))"
        if !certificates.isEmpty { text += "; " + certificatesReason(certificates) }
        return text
    }

    /// Certificates in words, separated by `; `: each table's label (with
    /// `, K × the statement (the diagram's solution)` for a multiple), then `trivial` or its
    /// terms `COEFFICIENT × [EQUATION] (i)` joined by ` + `.
    public static func certificatesReason(_ certificates: [Proof.Certificate]) -> String {
        certificates.map { c in
            c.table.label + (c.multiple.map { ", \($0) × " + Proof.Certificate.multipleWords } ?? "") + ": "
                + (c.terms.isEmpty ? "trivial" : c.terms.map { t in
                "\(t.coefficient) × [\(t.equation ?? "")] \(t.cites.map { "(\($0))" }.joined())"
            }.joined(separator: " + "))
        }.joined(separator: "; ")
    }
}
