/// Reads back the text proofs `gougu solve` prints, so that a person can edit one and
/// check it:
///
/// ```
/// Proof of NAME
/// Auxiliary constructions: x = midpoint x a b; ...      (optional)
/// Diagram seed: 0                                       (optional, default 0)
/// Diagram configuration: 5 (e, g at the other ...)      (optional, default 0)
/// Premises:
///   (1) coll x b c    [premise: x = foot x p b c]
/// Steps:
///   (8) eqangle ...    by rule NAME [a=a b=c] from (1) (2); checked on the diagram: ...
///   (9) cyclic a c b p    by one circle through shared points: (1)
///   (11) para ...    by angle chasing (mod 180°): -1 × [perp y p c a] (4) + 1 × [a c ∥ c y on one line] (5)
/// Goal ... proved in N steps.                           (optional)
/// ```
///
/// Statement and justification are separated by four spaces (`    by ` for steps, `    [`
/// for premises). Blank lines are skipped. The labels are those `Proof.text` writes
/// (`Proof.Chain.label`, `Proof.Table.label`).
struct ProofTextReader {
    let file: String

    func read(_ text: String) throws -> Proof {
        var name: String?
        var seed: UInt64 = 0
        var configuration: UInt64?
        var auxiliary: [String] = []
        var premises: [Proof.Step] = [], steps: [Proof.Step] = []
        var section = ""
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let number = offset + 1
            func error(_ message: String, column: Int = 1) -> ProofReadError {
                ProofReadError(file: file, line: number, column: column, message: message)
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("Proof of ") { name = String(trimmed.dropFirst("Proof of ".count)); continue }
            if trimmed.hasPrefix("Identification: ") {
                throw error("a proof by identification is checked from its JSON form (`gougu solve --json` or --proof-out)")
            }
            if trimmed.hasPrefix("Auxiliary constructions: ") {
                auxiliary = trimmed.dropFirst("Auxiliary constructions: ".count).split(separator: ";")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                continue
            }
            if trimmed.hasPrefix("Diagram seed: ") {
                guard let s = UInt64(trimmed.dropFirst("Diagram seed: ".count)) else { throw error("expected a seed (a non-negative integer)") }
                seed = s
                continue
            }
            if trimmed.hasPrefix("Diagram configuration: ") {
                let value = trimmed.dropFirst("Diagram configuration: ".count).prefix { $0.isNumber }
                guard let c = UInt64(value) else { throw error("expected a configuration (a non-negative integer)", column: column(of: trimmed, in: line) + 23) }
                configuration = c
                continue
            }
            if trimmed == "Premises:" || trimmed == "Steps:" { section = trimmed; continue }
            if trimmed.hasPrefix("Goal ") { continue }
            guard name != nil else { throw error("expected 'Proof of NAME' first") }
            guard trimmed.hasPrefix("(") else {
                throw error("expected a numbered step '(N) statement    by ...', 'Premises:' or 'Steps:'", column: column(of: trimmed, in: line))
            }
            let indent = column(of: trimmed, in: line)
            guard let close = trimmed.firstIndex(of: ")"), let n = Int(trimmed[trimmed.index(after: trimmed.startIndex)..<close]) else {
                throw error("expected a step number '(N)'", column: indent)
            }
            let rest = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
            switch section {
            case "Premises:":
                let statement = rest.components(separatedBy: "    [").first!.trimmingCharacters(in: .whitespaces)
                premises.append(.init(number: n, statement: statement, kind: .premise, reason: nil, cites: []))
            case "Steps:":
                guard let split = rest.range(of: "    by ") else {
                    throw error("expected 'statement    by justification' (four spaces, then 'by')", column: indent)
                }
                let statement = rest[..<split.lowerBound].trimmingCharacters(in: .whitespaces)
                let justification = String(rest[split.upperBound...])
                do {
                    steps.append(try step(n, statement, justification))
                } catch let message as Message {
                    let at = line.range(of: justification).map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? indent
                    throw error(message.text, column: at)
                }
            default:
                throw error("a step before 'Premises:' or 'Steps:'", column: indent)
            }
        }
        guard let name else { throw ProofReadError(file: file, line: 1, column: 1, message: "expected 'Proof of NAME'") }
        return Proof(problemName: name, seed: seed, configuration: configuration, premises: premises, steps: steps, auxiliaryConstructions: auxiliary)
    }

    private func column(of part: String, in line: String) -> Int {
        line.range(of: part).map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? 1
    }

    struct Message: Error { var text: String }

    private static let chainLabels = Proof.Chain.allCases.map { $0.label + ":" }
    private static let tableLabels: [(key: String, value: Proof.Table)] =
        [Proof.Table.angles, .ratios, .lengths, .squares].map { ($0.label + ":", $0) }

    /// The numbers in `(1) (2)(3)`.
    private func references(_ text: Substring) throws -> [Int] {
        var result: [Int] = []
        var rest = text.trimmingCharacters(in: .whitespaces)[...]
        while let open = rest.firstIndex(of: "(") {
            guard rest[..<open].allSatisfy(\.isWhitespace), let close = rest[open...].firstIndex(of: ")"),
                  let n = Int(rest[rest.index(after: open)..<close]) else {
                throw Message(text: "expected step references like (3) in '\(text)'")
            }
            result.append(n)
            rest = rest[rest.index(after: close)...]
        }
        guard rest.allSatisfy(\.isWhitespace) else { throw Message(text: "expected step references like (3) in '\(text)'") }
        return result
    }

    /// Splits at `; ` outside brackets.
    private func parts(_ text: String) -> [String] {
        var result: [String] = [], current = "", depth = 0
        var chars = text[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            if c == ";", depth == 0, chars.first == " " {
                result.append(current)
                current = ""
                chars = chars.dropFirst()
                continue
            }
            current.append(c)
        }
        result.append(current)
        return result
    }

    private func step(_ n: Int, _ statement: String, _ justification: String) throws -> Proof.Step {
        if justification.hasPrefix("rule ") {
            let body = parts(justification)[0]
            guard let open = body.firstIndex(of: "["), let close = body.firstIndex(of: "]"), open < close else {
                throw Message(text: "expected 'rule NAME [x=p ...] from (i) ...'")
            }
            let rule = body[body.index(body.startIndex, offsetBy: 5)..<open].trimmingCharacters(in: .whitespaces)
            var binding: [String: String] = [:]
            for pair in body[body.index(after: open)..<close].split(separator: " ") {
                let kv = pair.split(separator: "=", omittingEmptySubsequences: false)
                guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else { throw Message(text: "expected 'variable=point' in the binding, not '\(pair)'") }
                guard binding[String(kv[0])] == nil else { throw Message(text: "variable '\(kv[0])' bound twice") }
                binding[String(kv[0])] = String(kv[1])
            }
            let after = body[body.index(after: close)...].trimmingCharacters(in: .whitespaces)
            guard after.hasPrefix("from") else { throw Message(text: "expected 'from (i) ...' after the binding") }
            let cites = try references(after.dropFirst(4))
            return .init(number: n, statement: statement, kind: .rule, reason: justification, cites: cites, rule: rule, binding: binding)
        }
        var sections = parts(justification)
        var kind = Proof.Step.Kind.algebra
        var cites: [Int] = []
        if let label = Self.chainLabels.first(where: { sections[0].hasPrefix($0) }) {
            kind = .chain
            cites = try references(sections[0].dropFirst(label.count))
            sections.removeFirst()
        }
        var certificates: [Proof.Certificate] = []
        for var section in sections {
            // `angle chasing (mod 180°), K × the statement (the diagram's solution): ...`
            var multiple: Int?
            let multiplePrefix = Proof.Table.angles.label + ", "
            if section.hasPrefix(multiplePrefix) {
                let rest = section.dropFirst(multiplePrefix.count)
                let digits = rest.prefix { $0.isNumber }
                let words = " × " + Proof.Certificate.multipleWords + ":"
                guard let k = Int(digits), rest.dropFirst(digits.count).hasPrefix(words) else {
                    throw Message(text: "expected '\(multiplePrefix)K × \(Proof.Certificate.multipleWords):'")
                }
                multiple = k
                section = Proof.Table.angles.label + ":" + String(rest.dropFirst(digits.count + words.count))
            }
            guard let (label, table) = Self.tableLabels.first(where: { section.hasPrefix($0.key) }) else {
                throw Message(text: "expected 'rule ...', 'one line/one circle/midpoint ... through shared points:', 'the same fact as:', 'angle chasing (mod 180°):', 'ratio chasing (log-lengths):', 'distance chasing (lengths):' or 'Pythagoras (squared lengths):'")
            }
            let body = section.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            var terms: [Proof.Term] = []
            if body != "trivial" {
                for text in body.components(separatedBy: " + ") { terms.append(try term(text)) }
            }
            certificates.append(.init(table: table, terms: terms, multiple: multiple))
            cites += terms.flatMap(\.cites)
        }
        if kind == .algebra, certificates.isEmpty { throw Message(text: "an algebraic step needs a certificate") }
        var unique: [Int] = []
        for c in cites where !unique.contains(c) { unique.append(c) }
        return .init(number: n, statement: statement, kind: kind, reason: justification,
                     cites: kind == .chain && certificates.isEmpty ? cites : unique.sorted(),
                     certificates: certificates.isEmpty ? nil : certificates)
    }

    /// `COEFFICIENT × [EQUATION] (i)(j)`.
    private func term(_ text: String) throws -> Proof.Term {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let times = trimmed.range(of: " × ["), let close = trimmed.lastIndex(of: "]"), times.upperBound <= close else {
            throw Message(text: "expected 'coefficient × [equation] (i)', not '\(trimmed)'")
        }
        let coefficient = String(trimmed[..<times.lowerBound])
        let equation = String(trimmed[times.upperBound..<close])
        let cites = try references(trimmed[trimmed.index(after: close)...])
        if equation.hasPrefix("law of sines in triangle ") {
            let words = equation.dropFirst("law of sines in triangle ".count).split(separator: " ").map(String.init)
            guard words.count == 4, words[3].hasPrefix("#"), let k = Int(words[3].dropFirst()), k >= 1 else {
                throw Message(text: "expected 'law of sines in triangle a b c #k', not '\(equation)'")
            }
            return .init(coefficient: coefficient, equation: equation, cites: cites, index: k - 1, triangle: Array(words[0..<3]))
        }
        if equation.hasSuffix(" on one line"), equation.contains(" between ") {
            let words = equation.dropLast(" on one line".count).split(separator: " ").map(String.init)
            guard words.count == 5, words[1] == "between", words[3] == "and" else {
                throw Message(text: "expected 'b between a and c on one line', not '\(equation)'")
            }
            return .init(coefficient: coefficient, equation: equation, cites: cites, between: [words[2], words[0], words[4]])
        }
        if equation.hasSuffix(" on one line") {
            let words = equation.dropLast(" on one line".count).split(separator: " ").map(String.init)
            guard words.count == 5, words[2] == "∥" else { throw Message(text: "expected 'a b ∥ c d on one line', not '\(equation)'") }
            return .init(coefficient: coefficient, equation: equation, cites: cites, line: [words[0], words[1], words[3], words[4]])
        }
        var index = 0
        if let hash = equation.range(of: " #") {
            let digits = equation[hash.upperBound...].prefix { $0.isNumber }
            guard let k = Int(digits), k >= 1 else { throw Message(text: "expected '#k' (k from 1) in '\(equation)'") }
            index = k - 1
        }
        return .init(coefficient: coefficient, equation: equation, cites: cites, index: index)
    }
}

import Foundation
