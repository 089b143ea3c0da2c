/// Points known to lie on common lines (arity 2) or circles (arity 3), as union-find
/// classes of point pairs or triples.
///
/// Invariant: every pair (triple) of points of a class is an element of that class, so
/// "are these points on one line?" is a find per point, and every union edge carries the
/// facts that justify it.
struct PointClasses: Sendable {
    /// 2 for lines (classes of pairs), 3 for circles (classes of triples).
    let arity: Int
    private var ids: [[Int]: Int] = [:]
    private var subsets: [[Int]] = []
    private var forest = ExplainedUnionFind<[FactID]>()
    private var members: [Int: [Int]] = [:]

    init(arity: Int) { self.arity = arity }

    /// The element id of a sorted subset, created on first use.
    mutating func element(_ subset: [Int]) -> Int {
        let key = subset.sorted()
        if let id = ids[key] { return id }
        let id = subsets.count
        ids[key] = id
        subsets.append(key)
        forest.reserve(id + 1)
        members[id] = key
        return id
    }

    /// The sorted points of an element.
    func elementSubset(_ element: Int) -> [Int] { subsets[element] }

    /// The points of the class of `element`.
    mutating func points(ofClassOf element: Int) -> [Int] {
        members[forest.find(element)]!
    }

    /// All `arity`-subsets of `points`.
    func subsets(of points: [Int]) -> [[Int]] {
        let p = points.sorted()
        var result: [[Int]] = []
        var current: [Int] = []
        func walk(_ start: Int) {
            if current.count == arity { result.append(current); return }
            guard start < p.count else { return }
            for i in start..<p.count {
                current.append(p[i])
                walk(i + 1)
                current.removeLast()
            }
        }
        walk(0)
        return result
    }

    /// Puts `points` on one class because of `fact`. Returns the unions made, as
    /// (element, anchor, reasons), so that callers can mirror them (angle equations).
    mutating func merge(_ points: [Int], because fact: FactID) -> [(element: Int, anchor: Int, reasons: [FactID])] {
        let given = Array(Set(points)).sorted()
        guard given.count >= arity else { return [] }
        let anchor = element(Array(given.prefix(arity)))
        let givenSet = Set(given)
        // Every class holding a subset of the given points joins; its other points come along,
        // each with the facts that put it there.
        var membership: [Int: [FactID]] = [:]
        var all = givenSet
        for subset in subsets(of: given) {
            let e = element(subset)
            let root = forest.find(e)
            for x in members[root]! where !givenSet.contains(x) && membership[x] == nil {
                // x and arity-1 given points of the same class form an element of it.
                let witness = element([x] + subset.prefix(arity - 1))
                membership[x] = Array(Set((forest.explain(witness, e) ?? []).flatMap { $0 })).sorted()
                all.insert(x)
            }
        }
        var unions: [(Int, Int, [FactID])] = []
        for subset in subsets(of: Array(all)) {
            let e = element(subset)
            if forest.find(e) == forest.find(anchor) { continue }
            var reasons = Set([fact])
            for x in subset { if let m = membership[x] { reasons.formUnion(m) } }
            let sorted = reasons.sorted()
            let rootA = forest.find(anchor), rootE = forest.find(e)
            let merged = Array(Set(members[rootA]! + members[rootE]!)).sorted()
            forest.union(e, anchor, because: sorted)
            members[forest.find(anchor)] = merged
            unions.append((e, anchor, sorted))
        }
        return unions
    }

    /// Whether all `points` lie in one class, and the facts that show it.
    mutating func together(_ points: [Int]) -> [FactID]? {
        let distinct = Array(Set(points)).sorted()
        guard distinct.count >= arity else { return [] }
        let base = Array(distinct.prefix(arity))
        let first = element(base)
        let root = forest.find(first)
        let inClass = Set(members[root]!)
        guard distinct.allSatisfy(inClass.contains) else { return nil }
        var reasons = Set<FactID>()
        for x in distinct.dropFirst(arity) {
            let other = element(Array(base.prefix(arity - 1)) + [x])
            reasons.formUnion((forest.explain(first, other) ?? []).flatMap { $0 })
        }
        return reasons.sorted()
    }

    /// Whether all `points` lie in one class (as ``together(_:)``, without the reasons).
    mutating func contains(_ points: [Int]) -> Bool {
        Set(points).count < arity || classMembers(holding: points) != nil
    }

    /// The points of the class holding all of `points` (at least `arity` distinct ones), or
    /// nil when no class holds them all.
    mutating func classMembers(holding points: [Int]) -> [Int]? {
        let distinct = Array(Set(points)).sorted()
        guard distinct.count >= arity else { return nil }
        let inClass = members[forest.find(element(Array(distinct.prefix(arity))))]!
        return distinct.allSatisfy(inClass.contains) ? inClass : nil
    }

    /// Every class with more than `arity` points: the known lines (circles).
    mutating func classes() -> [[Int]] {
        var roots = Set<Int>()
        for e in 0..<subsets.count { roots.insert(forest.find(e)) }
        return roots.compactMap { members[$0] }.filter { $0.count > arity }
    }
}
