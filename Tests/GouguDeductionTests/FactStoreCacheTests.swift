import Testing
@testable import GouguDeduction
import GouguGeometry
import GouguLanguage

/// `FactStore.isKnown` caches "not known" until a part of the store it consulted changes
/// (`StoreParts`); these pin down that an answer is asked again when, and only when, it can
/// have changed, for each kind of part.
@Suite struct FactStoreCacheTests {
    /// A store over six free points a ... f (indices 0 ... 5).
    func store() throws -> FactStore {
        let problem = try ProblemParser().parseProblem(name: "t", statement: "a b c = triangle a b c; d e f = triangle d e f")
        return FactStore(diagram: try DiagramBuilder().build(problem, seed: 0))
    }

    func statement(_ predicate: Predicate, _ points: [Int]) -> Statement {
        Statement(predicate: predicate, arguments: points.map { .point(PointID($0)) })
    }

    func known(_ store: inout FactStore, _ s: Statement) -> Bool { store.isKnown(s) }

    func premise(_ store: inout FactStore, _ s: Statement) {
        let added = store.add(s, because: .premise(clause: 0), round: 0)
        #expect(added != nil)
    }

    /// A goal asked before and after each premise is learned, and whether it is known then.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var goal: (Predicate, [Int])
        var steps: [(premise: (Predicate, [Int]), knownAfter: Bool)]
    }

    static let scenarios: [Scenario] = [
        Scenario(testDescription: "angle table", goal: (.para, [0, 1, 4, 5]), steps: [
            ((.para, [0, 1, 2, 3]), false), ((.cong, [0, 1, 4, 5]), false), ((.para, [2, 3, 4, 5]), true)]),
        Scenario(testDescription: "ratio table", goal: (.cong, [0, 1, 2, 3]), steps: [
            ((.para, [0, 1, 2, 3]), false), ((.cong, [0, 1, 4, 5]), false), ((.cong, [4, 5, 2, 3]), true)]),
        Scenario(testDescription: "lines", goal: (.coll, [0, 1, 2]), steps: [
            ((.coll, [0, 1, 3]), false), ((.coll, [1, 3, 2]), true)]),
        Scenario(testDescription: "circles", goal: (.cyclic, [0, 1, 2, 4]), steps: [
            ((.cyclic, [0, 1, 2, 3]), false), ((.cyclic, [1, 2, 3, 4]), true)]),
        Scenario(testDescription: "midpoint from a line and equal lengths", goal: (.midp, [0, 1, 2]), steps: [
            ((.cong, [0, 1, 0, 2]), false), ((.coll, [0, 1, 2]), true)]),
    ]

    @Test(arguments: scenarios)
    func aStatementNotKnownIsKnownOnceThePartsItDependsOnImplyIt(_ scenario: Scenario) throws {
        var store = try store()
        let goal = statement(scenario.goal.0, scenario.goal.1)
        #expect(!known(&store, goal))
        for (premise, knownAfter) in scenario.steps {
            self.premise(&store, statement(premise.0, premise.1))
            #expect(known(&store, goal) == knownAfter, "after \(premise.0) \(premise.1)")
        }
        let why = store.holds(goal)
        #expect(why != nil)
    }

    @Test func aStatementNoTableReadsIsKnownOnlyAsAFact() throws {
        var store = try store()
        let goal = statement(.sameside, [0, 1, 2, 3, 4, 5])
        #expect(!known(&store, goal))
        premise(&store, statement(.para, [0, 1, 2, 3]))
        #expect(!known(&store, goal))
        _ = store.materialize(goal, because: .premise(clause: 0), round: 0)
        #expect(known(&store, goal))
    }
}
