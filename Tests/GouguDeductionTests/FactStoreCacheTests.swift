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

    func statement(_ predicate: String, _ points: Int...) -> Statement {
        Statement(predicate: predicate, arguments: points.map { .point(PointID($0)) })
    }

    func known(_ store: inout FactStore, _ s: Statement) -> Bool { store.isKnown(s) }

    func premise(_ store: inout FactStore, _ s: Statement) {
        let added = store.add(s, because: .premise(clause: 0), round: 0)
        #expect(added != nil)
    }

    @Test func anAngleFactUnknownBeforeIsKnownOnceTheAngleTableImpliesIt() throws {
        var store = try store()
        let goal = statement("para", 0, 1, 4, 5)
        #expect(!known(&store, goal))
        premise(&store, statement("para", 0, 1, 2, 3))
        #expect(!known(&store, goal))
        premise(&store, statement("cong", 0, 1, 4, 5))  // another table: the answer stands
        #expect(!known(&store, goal))
        premise(&store, statement("para", 2, 3, 4, 5))
        #expect(known(&store, goal))
        let why = store.holds(goal)
        #expect(why != nil)
    }

    @Test func aLengthFactUnknownBeforeIsKnownOnceTheRatioTableImpliesIt() throws {
        var store = try store()
        let goal = statement("cong", 0, 1, 2, 3)
        #expect(!known(&store, goal))
        premise(&store, statement("para", 0, 1, 2, 3))
        #expect(!known(&store, goal))
        premise(&store, statement("cong", 0, 1, 4, 5))
        #expect(!known(&store, goal))
        premise(&store, statement("cong", 4, 5, 2, 3))
        #expect(known(&store, goal))
    }

    @Test func collinearityUnknownBeforeIsKnownOnceLinesMerge() throws {
        var store = try store()
        let goal = statement("coll", 0, 1, 2)
        #expect(!known(&store, goal))
        premise(&store, statement("coll", 0, 1, 3))
        #expect(!known(&store, goal))
        premise(&store, statement("coll", 1, 3, 2))
        #expect(known(&store, goal))
    }

    @Test func concyclicityUnknownBeforeIsKnownOnceCirclesMerge() throws {
        var store = try store()
        let goal = statement("cyclic", 0, 1, 2, 4)
        #expect(!known(&store, goal))
        premise(&store, statement("cyclic", 0, 1, 2, 3))
        #expect(!known(&store, goal))
        premise(&store, statement("cyclic", 1, 2, 3, 4))
        #expect(known(&store, goal))
    }

    @Test func aMidpointUnknownBeforeIsKnownOnceItIsOnTheLineAndEquidistant() throws {
        var store = try store()
        let goal = statement("midp", 0, 1, 2)
        #expect(!known(&store, goal))
        premise(&store, statement("cong", 0, 1, 0, 2))
        #expect(!known(&store, goal))
        premise(&store, statement("coll", 0, 1, 2))
        #expect(known(&store, goal))
    }

    @Test func aStatementNoTableReadsIsKnownOnlyAsAFact() throws {
        var store = try store()
        let goal = statement("sameside", 0, 1, 2, 3, 4, 5)
        #expect(!known(&store, goal))
        premise(&store, statement("para", 0, 1, 2, 3))
        #expect(!known(&store, goal))
        _ = store.materialize(goal, because: .premise(clause: 0), round: 0)
        #expect(known(&store, goal))
    }
}
