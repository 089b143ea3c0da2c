import GouguGeometry
import GouguLanguage

/// Every numerically true instance of the predicates rules can enumerate, read once off
/// the diagram: the facts worth trying to justify ("diagram first").
///
/// Instances are ordered point tuples, with every ordering a rule might need.
struct NumericCandidates: Sendable {
    private(set) var instances: [Predicate: [[Int]]] = [:]
    /// For each predicate, slot and point: the positions in `instances(of:)` of the
    /// instances with that point in that slot, in order.
    private var postings: [Predicate: [[[Int]]]] = [:]

    /// The number of points of an enumerable predicate's instances; nil for a predicate
    /// whose instances are not listed.
    static func arity(of predicate: Predicate) -> Int? {
        switch predicate {
        case .coll, .midp: return 3
        case .cyclic, .cong, .para, .perp, .circle: return 4
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither: return 6
        case .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .aconst, .rconst, .sameside, .sameclock, .oppclock,
             .ncong, .diff, .ncoll, .npara, .nperp:
            return nil
        }
    }

    /// Whether `shouldStop` cut the enumeration short (the instances are then incomplete,
    /// and the engine stops on its budget).
    private(set) var interrupted = false

    /// `shouldStop`: asked between rows of the enumeration (quartic in the points for
    /// circles), so that a budget holds on figures of hundreds of points.
    init(diagram: Diagram, shouldStop: () -> Bool = { false }) {
        let p = diagram.positions
        let n = p.count
        let tol = Geometry.tolerance * 10
        func holds(_ predicate: Predicate, _ points: [Int]) -> Bool {
            NumericFacts.holds(predicate, at: points.map { p[$0] })
        }
        // Segments, sorted by length and by direction, so equal ones sit together.
        var segments: [(Int, Int)] = []
        for a in 0..<n { for b in (a + 1)..<n { segments.append((a, b)) } }
        func groups(by key: ((Int, Int)) -> Double, period: Double?) -> [[(Int, Int)]] {
            let sorted = segments.map { ($0, key($0)) }.sorted { $0.1 < $1.1 }
            var result: [[(Int, Int)]] = []
            var current: [(Int, Int)] = []
            var last = -Double.infinity
            for (s, k) in sorted {
                if k - last > tol, !current.isEmpty { result.append(current); current = [] }
                current.append(s)
                last = k
            }
            if !current.isEmpty { result.append(current) }
            if let period, result.count > 1, let first = sorted.first?.1, let lastKey = sorted.last?.1,
               first + period - lastKey < tol {
                // Directions wrap around: merge the last group into the first.
                result[0] += result.removeLast()
            }
            return result.filter { $0.count > 1 }
        }
        func direction(_ s: (Int, Int)) -> Double {
            var t = (p[s.1] - p[s.0]).angle
            if t < 0 { t += Double.pi }
            if t >= Double.pi - 1e-12 { t -= Double.pi }
            return t
        }
        func orientations(_ s: (Int, Int), _ t: (Int, Int)) -> [[Int]] {
            [[s.0, s.1, t.0, t.1], [s.1, s.0, t.0, t.1], [s.0, s.1, t.1, t.0], [s.1, s.0, t.1, t.0],
             [t.0, t.1, s.0, s.1], [t.1, t.0, s.0, s.1], [t.0, t.1, s.1, s.0], [t.1, t.0, s.1, s.0]]
        }
        // The budget is asked once every 1,024 steps of a loop (a step can be a row).
        var steps = 0, cut = false
        func outOfBudget() -> Bool {
            if cut { return true }
            steps += 1
            if steps & 1023 == 0, shouldStop() { cut = true }
            return cut
        }
        var cong: [[Int]] = [], para: [[Int]] = [], perp: [[Int]] = []
        congLoop: for group in groups(by: { p[$0.0].distance(to: p[$0.1]) }, period: nil) {
            for i in 0..<group.count {
                if outOfBudget() { break congLoop }
                for j in (i + 1)..<group.count {
                    for o in orientations(group[i], group[j]) where holds(.cong, o) { cong.append(o) }
                }
            }
        }
        // Parallel pairs exclude segments of one line (those are collinearities).
        paraLoop: for group in groups(by: direction, period: Double.pi) where !cut {
            for i in 0..<group.count {
                if outOfBudget() { break paraLoop }
                for j in (i + 1)..<group.count {
                    let (s, t) = (group[i], group[j])
                    if holds(.coll, [s.0, s.1, t.0]) && holds(.coll, [s.0, s.1, t.1]) { continue }
                    for o in orientations(s, t) where holds(.para, o) { para.append(o) }
                }
            }
        }
        // Perpendicular pairs: for each segment s of direction below a right angle, the
        // segments t whose direction is s's plus a right angle, found by binary search in
        // the segments sorted by direction and visited in the order of `segments`.
        let directions = segments.map(direction)
        let byDirection = directions.indices.sorted { directions[$0] < directions[$1] }
        for (si, s) in segments.enumerated() where !cut && directions[si] < Double.pi / 2 {
            if outOfBudget() { break }
            let target = directions[si] + Double.pi / 2
            var lo = 0, hi = byDirection.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if directions[byDirection[mid]] <= target - tol { lo = mid + 1 } else { hi = mid }
            }
            var partners: [Int] = []
            var k = lo
            while k < byDirection.count, directions[byDirection[k]] < target + tol {
                if abs(directions[byDirection[k]] - directions[si] - Double.pi / 2) < tol { partners.append(byDirection[k]) }
                k += 1
            }
            for ti in partners.sorted() {
                for o in orientations(s, segments[ti]) where holds(.perp, o) { perp.append(o) }
            }
        }
        interrupted = cut
        instances[.cong] = cong
        instances[.para] = para
        instances[.perp] = perp

        // Lines and circles through at least three (four) points, then ordered tuples.
        var coll: [[Int]] = [], cyclic: [[Int]] = []
        var seenLines = Set<[Int]>(), seenCircles = Set<[Int]>()
        rows: for a in 0..<n where !interrupted { for b in (a + 1)..<n {
            if shouldStop() { interrupted = true; break rows }
            let onLine = (0..<n).filter { $0 == a || $0 == b || holds(.coll, [a, b, $0]) }
            if onLine.count >= 3, seenLines.insert(onLine).inserted {
                for x in onLine { for y in onLine where y != x { for z in onLine where z != x && z != y { coll.append([x, y, z]) } } }
            }
            for c in (b + 1)..<n where !holds(.coll, [a, b, c]) {
                let onCircle = (0..<n).filter { $0 == a || $0 == b || $0 == c || holds(.cyclic, [a, b, c, $0]) }
                if onCircle.count >= 4, seenCircles.insert(onCircle).inserted {
                    for w in onCircle { for x in onCircle where x != w { for y in onCircle where y != w && y != x {
                        for z in onCircle where z != w && z != x && z != y { cyclic.append([w, x, y, z]) }
                    } } }
                }
            }
        } }
        instances[.coll] = coll
        instances[.cyclic] = cyclic

        // Centres: o with three points at one distance; midpoints.
        var circle: [[Int]] = [], midp: [[Int]] = []
        for o in 0..<n where !interrupted {
            if shouldStop() { interrupted = true; break }
            let others = (0..<n).filter { $0 != o }.sorted { p[o].distance(to: p[$0]) < p[o].distance(to: p[$1]) }
            var i = 0
            while i < others.count {
                var j = i
                while j + 1 < others.count, p[o].distance(to: p[others[j + 1]]) - p[o].distance(to: p[others[i]]) < tol { j += 1 }
                let ring = Array(others[i...j])
                if ring.count >= 3 {
                    for a in ring { for b in ring where b != a { for c in ring where c != a && c != b { circle.append([o, a, b, c]) } } }
                }
                i = j + 1
            }
            for (a, b) in segments where a != o && b != o && holds(.midp, [o, a, b]) {
                midp.append([o, a, b])
                midp.append([o, b, a])
            }
        }
        instances[.circle] = circle
        instances[.midp] = midp

        // Similar triangles, by the shape (c - a) / (b - a) as a complex number.
        var shapes: [(key: SIMD2<Double>, triangle: [Int])] = []
        shapesLoop: for a in 0..<n where !interrupted { for b in 0..<n where b != a {
            if shouldStop() { interrupted = true; break shapesLoop }
            for c in 0..<n where c != a && c != b {
                let u = p[b] - p[a], v = p[c] - p[a]
                guard abs(u.cross(v)) > 1e-6 else { continue }
                shapes.append((SIMD2(v.dot(u), u.cross(v)) / u.dot(u), [a, b, c]))
            }
        } }
        shapes.sort { $0.key.x < $1.key.x }
        var same: [[Int]] = [], reflected: [[Int]] = []
        func collect(_ list: [(key: SIMD2<Double>, triangle: [Int])], into result: inout [[Int]], conjugate: Bool) {
            let targets = list.map { (key: conjugate ? SIMD2($0.key.x, -$0.key.y) : $0.key, triangle: $0.triangle) }
            for s in list {
                var lo = 0, hi = targets.count
                while lo < hi { let mid = (lo + hi) / 2; if targets[mid].key.x < s.key.x - 1e-6 { lo = mid + 1 } else { hi = mid } }
                var k = lo
                while k < targets.count, targets[k].key.x <= s.key.x + 1e-6 {
                    let t = targets[k]
                    // Three distinct vertices each: the same vertices when all of t's are s's.
                    if (t.key - s.key).length < 1e-6, conjugate || !t.triangle.allSatisfy(s.triangle.contains), t.triangle != s.triangle {
                        result.append(s.triangle + t.triangle)
                    }
                    k += 1
                }
            }
        }
        collect(shapes, into: &same, conjugate: false)
        collect(shapes, into: &reflected, conjugate: true)
        same = same.filter { holds(.simtri, $0) }
        reflected = reflected.filter { holds(.simtri2, $0) }
        instances[.simtri] = same
        instances[.simtri2] = reflected
        instances[.simtriEither] = same + reflected
        instances[.contri] = same.filter { holds(.contri, $0) }
        instances[.contri2] = reflected.filter { holds(.contri2, $0) }
        instances[.contriEither] = instances[.contri]! + instances[.contri2]!

        for (predicate, list) in instances {
            var table = [[[Int]]](repeating: [[Int]](repeating: [], count: n), count: Self.arity(of: predicate) ?? 0)
            for (position, instance) in list.enumerated() {
                for (slot, point) in instance.enumerated() { table[slot][point].append(position) }
            }
            postings[predicate] = table
        }
    }

    /// The positions in `instances(of: predicate)` of the instances with `point` in `slot`,
    /// in order.
    func positions(of predicate: Predicate, slot: Int, point: Int) -> [Int] {
        guard let table = postings[predicate], slot < table.count, point < table[slot].count else { return [] }
        return table[slot][point]
    }

    /// Every numerically true instance of `predicate` (empty for predicates not indexed).
    func instances(of predicate: Predicate) -> [[Int]] { instances[predicate] ?? [] }
}
