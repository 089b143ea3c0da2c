import Foundation
import Testing
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguTestSupport

/// Hostile inputs run through the library in-process (parser, diagram builder, engine under
/// a small budget): what ParserFuzzTests (byte flips and truncations) and PipelineFuzzTests
/// (word mutations) do not reach. CRLF and CR line endings, NUL bytes, huge names, very long
/// lines, non-finite and huge numbers, many points. Every stage returns or throws an error
/// that names a location inside the input; nothing crashes or hangs.
///
@Suite struct HostileInputTests {
    static let problems: [(name: String, statement: String)] = [
        ("orthocenter", "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"),
        ("midline", "a b c = triangle a b c; d = midpoint d a b; e = midpoint e a c ? para d e b c"),
        ("circumcentre", "a b c = triangle a b c; o = circle o a b c; m = midpoint m b c ? perp o m b c"),
        ("thales", "a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp a c c b"),
        ("bisector", "a b c = triangle a b c; d = on_bline d b c, on_line d a b ? cong d b d c"),
    ]

    static func file(_ problems: [(name: String, statement: String)], newline: String = "\n") -> String {
        problems.map { "\($0.name)\(newline)\($0.statement)\(newline)" }.joined()
    }

    /// Parses `text`; a thrown error must be a `Diagnostic` inside the input.
    static func parse(_ text: String, file: String = "hostile.txt") -> [Problem]? {
        do {
            return try ProblemParser().parseFile(text, file: file)
        } catch let diagnostic as Diagnostic {
            let lines = max(1, text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).count)
            #expect(diagnostic.location.file == file)
            #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lines, "\(diagnostic)")
            #expect(diagnostic.location.column >= 1, "\(diagnostic)")
            #expect(!diagnostic.message.isEmpty)
            return nil
        } catch {
            Issue.record("not a Diagnostic: \(error)")
            return nil
        }
    }

    /// Builds and saturates a parsed problem under a small budget; a failed build is a
    /// `DiagramError` naming its clause's line.
    static func draw(_ problem: Problem, seed: UInt64 = 0, seconds: Double = 0.2, saturate: Bool = true) {
        let diagram: Diagram
        do {
            diagram = try DiagramBuilder(maximumAttempts: 4, clauseRetries: 3).build(problem, seed: seed)
        } catch let error as DiagramError {
            #expect(error.location.line >= 1 && error.location.column >= 1, "\(error)")
            return
        } catch {
            Issue.record("not a DiagramError: \(error)")
            return
        }
        #expect(diagram.positions.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "non-finite coordinates in \(problem.name)")
        guard saturate else { return }
        let result = Engine().run(diagram, budget: Budget(seconds: seconds, facts: 20_000, rounds: 50, memoryMiB: 512))
        #expect(result.seconds < seconds + 3, "\(problem.name): \(result.seconds) s for a \(seconds) s budget")
    }

    static func summary(_ problems: [Problem]) -> [String] {
        problems.map { p in "\(p.name)|\(p.points.map(\.name))|\(p.clauses.map { p.text(of: $0) })|\(p.goal.map { p.text(of: $0) } ?? "")" }
    }

    // MARK: - Line endings

    @Test func crlfAndCRFilesParseLikeLFFiles() throws {
        let lf = try #require(Self.parse(Self.file(Self.problems)))
        for newline in ["\r\n", "\r"] {
            let text = Self.file(Self.problems, newline: newline)
            // Swift's Character treats "\r\n" as one grapheme; either way the parser must not crash.
            let parsed = Self.parse(text)
            let problems = try #require(parsed)
            #expect(Self.summary(problems) == Self.summary(lf))
        }
    }

    @Test func mixedLineEndingsBOMAndTabsNeverCrash() {
        var rng = SplitMix64(seed: 41)
        for _ in 0..<120 {
            let chosen = (0..<(1 + rng.below(3))).map { _ in Self.problems[rng.below(Self.problems.count)] }
            var text = ""
            for p in chosen {
                for line in [p.name, p.statement] {
                    text += line + ["\n", "\r\n", "\r", "\n\n", " \t\n"][rng.below(5)]
                }
            }
            if rng.below(4) == 0 { text = "\u{FEFF}" + text }
            if rng.below(4) == 0 { text = text.replacingOccurrences(of: " ", with: "\t") }
            if let parsed = Self.parse(text), rng.below(3) == 0 {
                for p in parsed.prefix(1) { Self.draw(p) }
            }
        }
    }

    // MARK: - NUL bytes

    @Test func nulBytesAreRejectedWithALocation() {
        var rng = SplitMix64(seed: 42)
        var rejected = 0
        var rawNulQuoted = 0
        for _ in 0..<150 {
            var scalars = Array(Self.file([Self.problems[rng.below(Self.problems.count)]]).unicodeScalars)
            for _ in 0..<(1 + rng.below(3)) {
                scalars.insert("\u{0}", at: rng.below(scalars.count + 1))
            }
            let text = String(String.UnicodeScalarView(scalars))
            do {
                let problems = try ProblemParser().parseFile(text, file: "nul.txt")
                // A NUL after the last line's content may be read as blank; what parses still draws.
                for p in problems { Self.draw(p) }
            } catch let d as Diagnostic {
                rejected += 1
                #expect(d.location.line >= 1 && d.location.column >= 1)
                if d.message.contains("\u{0}") { rawNulQuoted += 1 }
            } catch {
                Issue.record("not a Diagnostic: \(error)")
            }
        }
        #expect(rejected > 100)
        #expect(rawNulQuoted == 0, "\(rawNulQuoted) diagnostics hold a raw NUL")
    }

    // MARK: - Huge names and long lines

    @Test func hugeNamesAndLongLinesGiveShortDiagnostics() {
        var rng = SplitMix64(seed: 43)
        var longest = 0
        for round in 0..<60 {
            let n = [300, 3_000, 30_000][round % 3]
            let base = Self.problems[rng.below(Self.problems.count)]
            let huge = String(repeating: "p", count: n)
            let text: String
            switch rng.below(4) {
            case 0: text = Self.file([(huge, base.statement)])
            case 1: text = Self.file([(base.name, base.statement.replacingOccurrences(of: " a ", with: " \(huge) "))])
            case 2: text = Self.file([(base.name, base.statement + " " + huge)])
            default: text = Self.file([(base.name, huge + " " + base.statement)])
            }
            do {
                let problems = try ProblemParser().parseFile(text, file: "huge.txt")
                for p in problems where p.points.count < 20 { Self.draw(p, seconds: 0.1) }
            } catch let d as Diagnostic {
                #expect(d.location.line >= 1 && d.location.line <= 2 && d.location.column >= 1, "\(d.location)")
                longest = max(longest, d.message.count)
            } catch {
                Issue.record("not a Diagnostic: \(error)")
            }
        }
        #expect(longest <= 400, "longest diagnostic: \(longest) characters")
    }

    @Test func veryLongStatementLinesParse() throws {
        // 400 midpoint clauses on one line: parsed and drawn (the engine on hundreds of points
        // is what the CLI fuzzer's many_points runs measure).
        let clauses = (0..<400).map { "q\($0) = midpoint q\($0) a b" }.joined(separator: "; ")
        let text = "long\na b c = triangle a b c; \(clauses) ? coll a b q399\n"
        let problems = try #require(Self.parse(text))
        #expect(problems.first?.points.count == 403)
        if let p = problems.first { Self.draw(p, saturate: false) }
    }

    // MARK: - Numbers

    static let numbers = ["1e308", "-1e308", "1e309", "nan", "NaN", "inf", "-inf", "infinity", "1/0", "0/0", "-0", "0",
                          "1e-320", "1e-400", "99999999999999999999999999999999999999", "123456789012345678901234567890/7",
                          "1pi/0", "0pi/1", "-1/2", "1.5e", "0x1p3", "+5", ".5", "5.", "1e", "e5", "90", "1/2"]

    @Test func nonFiniteAndHugeNumbersAreRejectedOrDrawnFinite() {
        var rng = SplitMix64(seed: 44)
        var parsed = 0, rejected = 0
        for _ in 0..<200 {
            let x = Self.numbers[rng.below(Self.numbers.count)], y = Self.numbers[rng.below(Self.numbers.count)]
            let statement: String
            switch rng.below(5) {
            case 0: statement = "a@\(x)_\(y) b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c"
            case 1: statement = "a@0_0 b@\(x)_0 c@0_\(y) = triangle a b c ? perp a b a c"
            case 2: statement = "a b c = triangle a b c ? aconst a b b c \(x)"
            case 3: statement = "a b c = triangle a b c ? rconst a b b c \(x)"
            default: statement = "a b = segment a b; x = s_angle a b x \(x) ? aconst b x b a \(y)"
            }
            guard let problems = Self.parse("numbers\n\(statement)\n") else { rejected += 1; continue }
            parsed += 1
            for p in problems { Self.draw(p, seed: UInt64(parsed)) }
        }
        #expect(parsed > 0 && rejected > 0, "\(parsed) parsed, \(rejected) rejected")
    }

    // MARK: - Many points

    /// Dozens of extra free points (hundreds are left to the CLI fuzzer, on the release build).
    @Test func manyFreePointsStayWithinTheBudget() throws {
        let head = "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b"
        for (label, extra) in [("free", (0..<40).map { "p\($0) = free p\($0)" }.joined(separator: "; ")),
                               ("triangles", (0..<12).map { "t\($0)a t\($0)b t\($0)c = triangle t\($0)a t\($0)b t\($0)c" }.joined(separator: "; "))] {
            let problems = try #require(Self.parse("many_\(label)\n\(head); \(extra) ? perp a h b c\n"))
            let start = Date()
            for p in problems { Self.draw(p, seconds: 0.5) }
            #expect(Date().timeIntervalSince(start) < 8, "\(label): \(Date().timeIntervalSince(start)) s")
        }
    }

    // MARK: - Unknown words and odd characters

    @Test func unknownWordsAndNonASCIINamesNeverCrash() {
        let words = ["frobnicate", "on_lines", "Triangle", "PERP", "∀", "λ", "ü", "😀", "_", "--", "??", "==", ";;", "@", "@@",
                     "a@", "@1_2", "#", "|", "\\", "\"", "(", ")", "\u{202E}", "\u{200B}", "e\u{301}"]
        var rng = SplitMix64(seed: 45)
        for _ in 0..<150 {
            let base = Self.problems[rng.below(Self.problems.count)]
            var parts = base.statement.split(separator: " ").map(String.init)
            for _ in 0..<(1 + rng.below(2)) {
                let word = words[rng.below(words.count)]
                let i = rng.below(parts.count)
                if rng.below(2) == 0 { parts[i] = word } else { parts.insert(word, at: i) }
            }
            if let problems = Self.parse(Self.file([(base.name, parts.joined(separator: " "))])) {
                for p in problems { Self.draw(p, seconds: 0.1) }
            }
        }
    }
}
