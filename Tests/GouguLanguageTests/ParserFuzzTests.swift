import Testing
@testable import GouguLanguage
import GouguTestSupport

/// Random truncations and byte flips of real problem files: the parser either returns
/// problems or throws a `Diagnostic` pointing inside the input. It never crashes or hangs.
@Suite struct ParserFuzzTests {
    static let alphabet: [UInt8] = Array("abcxyz019 =,;?@_.-/\n\t#éÿ".utf8) + [0, 0xFF, 0xC3]

    @Test(.enabled(if: SharedFiles.available)) func truncationsAndByteFlipsNeverCrash() throws {
        let source = try #require(SharedFiles.text("benchmarks/imo_ag_30.txt"))
        let bytes = Array(source.utf8)
        let parser = ProblemParser()
        var rng = SplitMix64(seed: 2026)
        var accepted = 0, rejected = 0
        for round in 0..<3000 {
            var mutated = bytes
            if round % 3 == 0 {
                mutated = Array(mutated.prefix(rng.below(mutated.count + 1)))
            }
            let flips = 1 + rng.below(4)
            for _ in 0..<flips where !mutated.isEmpty {
                let i = rng.below(mutated.count)
                switch rng.below(3) {
                case 0: mutated[i] = Self.alphabet[rng.below(Self.alphabet.count)]
                case 1: mutated.remove(at: i)
                default: mutated.insert(Self.alphabet[rng.below(Self.alphabet.count)], at: i)
                }
            }
            let text = String(decoding: mutated, as: UTF8.self)
            do {
                _ = try parser.parseFile(text, file: "fuzz.txt")
                accepted += 1
            } catch let d as Diagnostic {
                rejected += 1
                let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(d.location.line >= 1 && d.location.line <= max(lineCount, 1))
                #expect(d.location.column >= 1)
                #expect(!d.message.isEmpty)
            }
        }
        #expect(accepted + rejected == 3000)
        #expect(rejected > 1000, "mutations should mostly be rejected")
    }
}
