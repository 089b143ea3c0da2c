/// Union-find over small integer ids that remembers why classes were merged, so that
/// "why are x and y in one class?" has an answer: the reasons on the path between them
/// in the forest of unions (egg's explanation forest, in miniature).
struct ExplainedUnionFind<Reason: Hashable & Sendable>: Sendable {
    private var parent: [Int32] = []
    private var size: [Int32] = []
    /// The forest of union edges: each union joins one node of each class.
    private var edges: [[(to: Int32, reason: Reason)]] = []

    /// Makes sure ids below `count` exist.
    mutating func reserve(_ count: Int) {
        while parent.count < count {
            parent.append(Int32(parent.count))
            size.append(1)
            edges.append([])
        }
    }

    /// The class representative of `x`.
    /// - Complexity: amortised nearly constant (path halving).
    mutating func find(_ x: Int) -> Int {
        var x = Int32(x)
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return Int(x)
    }

    /// The representative without compressing paths (for read-only callers).
    func root(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x { x = Int(parent[x]) }
        return x
    }

    /// Merges the classes of `a` and `b` because of `reason`. Returns false when they
    /// were already one class (nothing recorded).
    @discardableResult
    mutating func union(_ a: Int, _ b: Int, because reason: Reason) -> Bool {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        edges[a].append((Int32(b), reason))
        edges[b].append((Int32(a), reason))
        return true
    }

    /// The reasons along the forest path from `a` to `b`, or nil when they are not in one class.
    /// - Complexity: O(size of the class), a breadth-first search in the forest.
    func explain(_ a: Int, _ b: Int) -> [Reason]? {
        if a == b { return [] }
        guard root(a) == root(b) else { return nil }
        // Breadth-first from a; `previous` maps each reached node to the edge it was reached by.
        var previous: [Int32: (from: Int32, reason: Reason)] = [:]
        var visited: Set<Int32> = [Int32(a)]
        var queue = [Int32(a)]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if Int(node) == b { break }
            for edge in edges[Int(node)] where visited.insert(edge.to).inserted {
                previous[edge.to] = (node, edge.reason)
                queue.append(edge.to)
            }
        }
        var reasons: [Reason] = []
        var node = Int32(b)
        while Int(node) != a {
            let step = previous[node]!
            reasons.append(step.reason)
            node = step.from
        }
        return reasons.reversed()
    }
}
