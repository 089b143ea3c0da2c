import GouguDeduction
import GouguGeometry
import GouguLanguage
import Foundation
import GouguProof
import GouguProofCheck
@testable import GouguSynthesis
import Testing

/// Synthetic data: random premises from the whole library, goals mined from the closure,
/// auxiliary points exactly when the goal needs them, deduplication, and determinism.
@Suite struct SyntheticGeneratorTests {
    /// One unbalanced corpus that several tests read (mining is the slow part).
    static let corpus: SyntheticGenerator.Output = {
        var generator = SyntheticGenerator(threads: 2)
        generator.balance = nil
        return generator.generate(count: 400, seed: 2, maximumSamples: 600)
    }()

    @Test func sampledStatementsParse() throws {
        let sampler = ProblemSampler()
        #expect(sampler.bases.contains { $0.name == "triangle" })
        #expect(sampler.fixing.contains { $0.name == "midpoint" })
        #expect(sampler.loci.contains { $0.name == "on_circle" })
        var rng = SeededGenerator(seed: 7)
        for i in 0..<200 {
            let statement = sampler.sample(using: &rng).statement
            #expect(throws: Never.self, "sample \(i): \(statement)") {
                _ = try ProblemParser().parseProblem(name: "s", statement: statement)
            }
        }
    }

    @Test func canonicalKeysIgnorePointNames() {
        let a = ExampleMiner.canonicalKey("a b c = triangle a b c; d = midpoint d a b ? coll d a b")
        let b = ExampleMiner.canonicalKey("x y z = triangle x y z; m = midpoint m x y ? coll m x y")
        let c = ExampleMiner.canonicalKey("x y z = triangle x y z; m = midpoint m x z ? coll m x z")
        #expect(a == b)
        #expect(a != c)
    }

    @Test func auxiliaryClausesAreThoseTheGoalDoesNotDependOn() throws {
        let problem = try ProblemParser().parseProblem(
            name: "t", statement: "a b c = triangle a b c; d = midpoint d b c; e = midpoint e a c; f = foot f a b c ? para d e a b")
        // The goal's points d, e, a, b depend on the triangle and both midpoints, not on f.
        let clauses = ExampleMiner.clausesDefining([0, 1, 3, 4].map(PointID.init), in: problem)
        #expect(clauses == [0, 1, 2])
    }

    @Test func preferringLargerProblemsTriesGoalsThatNeedMoreClausesFirst() throws {
        let problem = try ProblemParser().parseProblem(
            name: "t", statement: "a b c = triangle a b c; d = midpoint d b c; e = midpoint e a c; f = midpoint f d e ? coll a b c")
        func goal(_ points: [Int]) -> (Statement, [FactID]) {
            (Statement(predicate: .coll, arguments: points.map { .point(PointID($0)) }), [])
        }
        // Needs 1, 4 (f: all four clauses), 2 and 2 clauses.
        let goals = [goal([0, 1, 2]), goal([5, 0, 1]), goal([3, 1, 2]), goal([4, 0, 2])]
        var miner = ExampleMiner()
        #expect(miner.largerFirst(goals, in: problem).map(\.0) == goals.map(\.0))
        miner.preferLargerProblems = true
        #expect(miner.largerFirst(goals, in: problem).map(\.0) == [1, 2, 3, 0].map { goals[$0].0 })
    }

    @Test func minedExamplesAreProvedAndSayWhetherTheirAuxiliaryPointsAreNeeded() throws {
        let miner = ExampleMiner()
        var examples: [SyntheticExample] = []
        for seed in UInt64(0)..<40 { examples += miner.mine(seed: seed) }
        #expect(examples.count >= 10, "mined \(examples.count) examples from 40 random problems")
        for example in examples {
            // The proof proves the problem with its auxiliary clauses, ending at the goal.
            let goal = try #require(example.problem.components(separatedBy: " ? ").last)
            #expect(example.proof.steps.last?.statement == goal)
            #expect(example.proof.steps.count >= miner.minimumSteps)
            // With auxiliary clauses the proof uses them, and "needed" says the engine cannot do without.
            if !example.auxiliary.isEmpty {
                #expect(!example.proof.auxiliaryConstructions.isEmpty)
                #expect(miner.prove(example.fullProblem, name: example.name, seed: example.seed) != nil)
                let alone = miner.prove(example.problem, name: example.name, seed: example.seed)
                #expect((alone == nil) == example.auxiliaryNeeded)
            }
        }
    }

    @Test func extendingAProblemFindsGoalsThatNeedAuxiliaryPoints() {
        // Over enough random problems some goal needs a construction it does not depend on.
        let output = Self.corpus
        #expect(output.withAuxiliary > 0)
        #expect(output.all.contains { $0.auxiliaryNeeded })
    }

    @Test func balancingKeepsNoMoreExamplesWithoutAuxiliaryPointsThanWith() {
        var generator = SyntheticGenerator(threads: 2)
        generator.balance = 1
        let output = generator.generate(count: 1000, seed: 2, maximumSamples: 96)
        #expect(output.all.count - output.withAuxiliary <= output.withAuxiliary)
        #expect(output.unbalanced > 0)
    }

    @Test func everySampledExampleProofPassesTheProofChecker() throws {
        let output = Self.corpus
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every example with auxiliary points, and every fifth of the others.
        let sampled = output.all.enumerated().filter { !$0.element.auxiliary.isEmpty || $0.offset % 5 == 0 }.map(\.element)
        #expect(sampled.count >= 60)
        for example in sampled {
            let problem = try ProblemParser().parseProblem(name: example.name, statement: example.fullProblem)
            let document = try Proof.readJSON(try encoder.encode(example.proof), file: "\(example.name).json")
            let verdict = ProofChecker().check(document, for: problem)
            #expect(verdict == .valid, "\(example.name): \(example.fullProblem): \(verdict)")
        }
    }

    @Test func theSameSeedGivesTheSameCorpusOnAnyNumberOfThreads() {
        var one = SyntheticGenerator(threads: 1)
        one.balance = nil
        var two = one
        two.threads = 2
        let a = one.generate(count: 12, seed: 3, maximumSamples: 64)
        let b = two.generate(count: 12, seed: 3, maximumSamples: 64)
        #expect(a.all.map(\.problem) == b.all.map(\.problem))
        #expect(!a.all.isEmpty)
        #expect(Set(a.all.map(\.key)).count == a.all.count, "no duplicates")
    }

    @Test func shardsPartitionTheSeeds() {
        var generator = SyntheticGenerator(threads: 2)
        generator.balance = nil
        let first = generator.generate(count: 1000, seed: 5, shard: 0, shards: 2, maximumSamples: 16)
        let second = generator.generate(count: 1000, seed: 5, shard: 1, shards: 2, maximumSamples: 16)
        let names = first.all.map(\.name) + second.all.map(\.name)
        #expect(Set(names).count == names.count, "no problem is mined by two shards")
    }

    @Test func shardsOfABudgetOfProblemsTogetherMineTheUnshardedRun() {
        var generator = SyntheticGenerator(threads: 2)
        generator.balance = nil
        let whole = generator.generate(count: .max, seed: 5, problems: 12)
        let shards = (0..<3).map { generator.generate(count: .max, seed: 5, shard: $0, shards: 3, problems: 12) }
        #expect(whole.sampled == 12 && shards.map(\.sampled) == [4, 4, 4])
        // Each shard keeps the first of its own duplicates; the merge keeps the first in the
        // run's seed order, which is the unsharded run's choice.
        var seen = Set<String>()
        let merged = shards.flatMap(\.all)
            .sorted { SyntheticGenerator.problemIndex(ofExampleNamed: $0.name, runSeed: 5)! < SyntheticGenerator.problemIndex(ofExampleNamed: $1.name, runSeed: 5)! }
            .filter { seen.insert($0.key).inserted }
        #expect(!whole.all.isEmpty)
        #expect(Set(merged.map(\.name)) == Set(whole.all.map(\.name)))
        #expect(Set(merged.map(\.key)) == Set(whole.all.map(\.key)))
    }

    @Test func theProblemIndexIsReadBackFromTheExampleName() {
        #expect(SyntheticGenerator.problemIndex(ofExampleNamed: "synthetic_7000549_0", runSeed: 7) == 7000549 - 7 * 1_000_003)
        #expect(SyntheticGenerator.problemIndex(ofExampleNamed: "thales", runSeed: 7) == nil)
    }
}
