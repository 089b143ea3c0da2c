import GouguGeometry
import GouguLanguage
@testable import GouguSynthesis
import Testing

/// A style makes random premises use constructions as often as example problems do.
@Suite struct SamplerStyleTests {
    /// The constructions of a statement's clauses, by name.
    func constructions(of sample: ProblemSampler.Sample) -> [String] {
        sample.clauses.flatMap { clause in
            clause.split(separator: "=", maxSplits: 1)[1].split(separator: ",").map { String($0.split(separator: " ")[0]) }
        }
    }

    @Test func aStyleIsReadOffTheProblemsPremises() throws {
        let problems = try ProblemParser().parseFile("""
            one
            a b c = triangle a b c; d = midpoint d a b; e = on_line e a c, on_circle e d a ? coll a c e
            two
            a b c = triangle a b c; d = foot d a b c ? perp a d b c
            """, file: "style.txt")
        let style = ProblemSampler.Style(problems: problems)
        #expect(style.counts == ["triangle": 2, "midpoint": 1, "on_line": 1, "on_circle": 1, "foot": 1])
        // Three clauses define a point from given points; one of them by two loci.
        #expect(style.intersectionShare == 1.0 / 3)
        #expect(style.weight(of: "foot") == 1)
        #expect(style.weight(of: "psquare") == style.unseenWeight)
        #expect(style.summary == "foot=1 midpoint=1 on_circle=1 on_line=1 triangle=2; unseen=0.25; two-loci=\(1.0 / 3)")
    }

    @Test func constructionsAreDrawnInProportionToTheirWeights() {
        let style = ProblemSampler.Style(counts: ["triangle": 1, "midpoint": 3, "foot": 1], unseenWeight: 0,
                                         intersectionShare: 0)
        let sampler = ProblemSampler(steps: 4...4, style: style)
        var rng = SeededGenerator(seed: 3)
        var drawn: [String: Int] = [:]
        for _ in 0..<500 {
            for name in constructions(of: sampler.sample(using: &rng)) { drawn[name, default: 0] += 1 }
        }
        // Only the weighted constructions occur: every base is a triangle, and midpoints
        // outnumber feet about three to one (2,000 draws; a wide margin for the seed).
        #expect(Set(drawn.keys) == ["triangle", "midpoint", "foot"])
        #expect(drawn["triangle"] == 500)
        let ratio = Double(drawn["midpoint"] ?? 0) / Double(drawn["foot"] ?? 1)
        #expect(ratio > 2.5 && ratio < 3.5, "midpoint/foot = \(ratio)")
    }

    @Test func theIntersectionShareSaysHowOftenTwoLociMeet() {
        let style = ProblemSampler.Style(counts: ["triangle": 1, "on_line": 1, "on_circle": 1, "midpoint": 1],
                                         unseenWeight: 0, intersectionShare: 1)
        let sampler = ProblemSampler(steps: 3...3, style: style)
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<100 {
            let sample = sampler.sample(using: &rng)
            // Every clause after the base is two loci (a draw of the same locus twice is dropped).
            for clause in sample.clauses.dropFirst() { #expect(clause.contains(","), "\(clause)") }
            #expect(!sample.statement.contains("midpoint"))
        }
    }

    @Test func withoutAStyleEveryConstructionOfItsKindIsEquallyLikely() {
        let sampler = ProblemSampler(steps: 1...1)
        var rng = SeededGenerator(seed: 11)
        var bases: [String: Int] = [:]
        for _ in 0..<2000 { bases[constructions(of: sampler.sample(using: &rng))[0], default: 0] += 1 }
        #expect(Set(bases.keys) == Set(sampler.bases.map(\.name)))
        let expected = 2000.0 / Double(sampler.bases.count)
        for (name, count) in bases { #expect(abs(Double(count) - expected) < expected / 2, "\(name): \(count)") }
    }
}
