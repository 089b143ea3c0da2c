import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage

/// Enumerates auxiliary points from the state without learning: midpoints, feet of
/// perpendiculars, reflections in points and lines, circumcentres, orthocentres, intersections of
/// lines, second intersections of lines with circles, and parallelogram completions,
/// every one fully determined (no free choice), so a point's position does not depend on
/// the order points are added in.
///
/// Candidates are placed numerically (a few arithmetic operations each), those falling on
/// an existing point or too far away are dropped, coincident candidates are merged, and
/// the rest are ranked by cheap signals: a prior per kind of construction; how many
/// facts the diagram shows about the new point beyond the ones its construction asserts
/// (it lies on an existing line or circle, it is equidistant from existing points or
/// makes a length equal to an existing one), which is how a point that completes a known
/// configuration shows itself; whether its arguments are points of the goal; and how
/// many derived facts mention its arguments.
public struct HeuristicProposer: Proposer {
    /// Prior weight of each construction kind.
    public var priors: [String: Double] = [
        "midpoint": 1.0, "foot": 1.0, "circle": 0.9, "intersection_ll": 0.7, "intersection_lc": 0.7,
        "line_circle": 0.7, "circle_circle": 0.6, "intersection_tt": 0.6,
        "orthocenter": 0.6, "reflect": 0.5, "mirror": 0.5, "parallelogram": 0.3,
        "intersection_lp": 0.3, "intersection_lt": 0.3,
    ]

    /// Score lost per better candidate of the same kind.
    public var diversity: Double

    /// A learned ranker that reorders the candidates (nil: the heuristic's order).
    public var learned: LearnedRanking?
    /// Whether each proposal carries its `CandidateFeatures` (for the search's traces,
    /// which train the learned ranker); computing them costs a little, so by default not.
    public var attachesFeatures: Bool

    public init(diversity: Double = 0.02, learned: LearnedRanking? = nil, attachesFeatures: Bool = false) {
        self.diversity = diversity
        self.learned = learned
        self.attachesFeatures = attachesFeatures
    }

    /// A candidate before ranking: the construction and its arguments (point indices).
    struct Candidate {
        var kind: String
        var arguments: [Int]
        var position: Vector2
        /// Lines, circles and equal lengths the construction itself asserts.
        var assertedLines: Int
        var assertedCircles: Int
        var assertedLengths: Int
        var score = 0.0
        /// What the diagram shows at the point (for `CandidateFeatures`).
        var onLines = 0, onCircles = 0, equalLengths = 0, onGoalLines = 0
        var goalShare = 0.0, touched = 0.0
        /// Other constructions landing on the same point, rank among its kind, and whether it
        /// is the construction from the earliest points of a point proposed otherwise.
        var constructions = 0, rankInKind = 0
        var earliestAlternative = false
        /// The point it builds: candidates landing on one point (to 1e-5 of the figure's
        /// scale) share the group (`HeuristicProposer.group`).
        var group = 0
    }

    public func propose(for state: ProofState, limit: Int) -> [Proposal] {
        placedProposals(for: state, limit: limit).map(\.proposal)
    }

    /// Up to `limit` proposals, best first, each with where its new point lands in the
    /// state's diagram: which candidates build a given point.
    public func placedProposals(for state: ProofState, limit: Int) -> [(proposal: Proposal, position: Vector2)] {
        var candidates = ranked(for: state, onExistingPoints: false)
        guard learned != nil || attachesFeatures else {
            candidates = Array(candidates.prefix(limit))
            return Array(zip(proposals(candidates, state), candidates.map(\.position)))
        }
        var features = self.features(of: candidates, state: state)
        if let learned {
            // The ranker scores every candidate; only the first `limit` of its order are kept.
            let scores = learned.rescored(heuristic: candidates.map(\.score), features: features)
            let order = Self.byScore(scores).prefix(limit)
            let width = CandidateFeatures.count
            features = order.flatMap { features[($0 * width)..<(($0 + 1) * width)] }
            candidates = order.map { k in var c = candidates[k]; c.score = scores[k]; return c }
        }
        candidates = Array(candidates.prefix(limit))
        return Array(zip(proposals(candidates, state, features: attachesFeatures ? features : nil), candidates.map(\.position)))
    }

    /// The rows of `CandidateFeatures` of `candidates` (in the heuristic's order, best first).
    func features(of candidates: [Candidate], state: ProofState) -> [Float] {
        let width = CandidateFeatures.count, kinds = CandidateFeatures.kinds.count
        let n = state.diagram.positions.count
        let originalPoints = state.problem.clauses.prefix(state.originalClauseCount).reduce(0) { $0 + $1.points.count }
        let p = state.diagram.positions
        let centre = p.reduce(Vector2(0, 0), +) / Double(max(1, n))
        let scale = max(1, p.map(\.length).max() ?? 1)
        let depth = Float(state.problem.clauses.count - state.originalClauseCount)
        let goal = CandidateFeatures.goalRow(predicate: state.problem.goal.map { "\($0.predicate)" })
        var rows = [Float](repeating: 0, count: candidates.count * width)
        for (rank, c) in candidates.enumerated() {
            let base = rank * width
            if let kind = CandidateFeatures.kindIndex(c.kind) { rows[base + kind] = 1 }
            let arguments = c.arguments.map { Double($0) }
            let values: [Double] = [
                c.score, log1p(Double(rank)),
                log1p(Double(max(0, c.onLines - c.assertedLines))), log1p(Double(max(0, c.onCircles - c.assertedCircles))),
                log1p(Double(max(0, c.equalLengths - c.assertedLengths))),
                log1p(Double(c.onLines)), log1p(Double(c.onCircles)), log1p(Double(c.equalLengths)),
                Double(c.onGoalLines), c.goalShare, c.touched,
                (arguments.max() ?? 0) / Double(max(1, n)), arguments.reduce(0, +) / Double(max(1, arguments.count * n)),
                Double(c.arguments.filter { $0 >= originalPoints }.count) / Double(max(1, c.arguments.count)),
                log1p(Double(c.constructions)), log1p(Double(c.rankInKind)), c.earliestAlternative ? 1 : 0,
                Double(depth), log(Double(max(1, n))), c.position.distance(to: centre) / scale,
            ]
            for (k, v) in values.enumerated() { rows[base + kinds + k] = Float(v) }
            for (k, v) in goal.enumerated() { rows[base + CandidateFeatures.candidateCount + k] = v }
        }
        return rows
    }

    /// Constructions of the same kinds whose new point lands exactly on a point the state
    /// already has (the circumcentre of three points may be a point of the statement), best
    /// first, every construction of each such point, each with the point it lands on: what
    /// `PointIdentifier` restates a problem with.
    public func constructionsOfExistingPoints(for state: ProofState, limit: Int) -> [(point: PointID, proposal: Proposal)] {
        let p = state.diagram.positions
        let found = ranked(for: state, onExistingPoints: true).prefix(limit)
        return zip(found, proposals(found, state)).map { c, proposal in
            (PointID(p.indices.min { p[$0].distance(to: c.position) < p[$1].distance(to: c.position) }!), proposal)
        }
    }

    /// The candidates, best first: new points (coincident ones merged), or constructions
    /// of existing points.
    private func ranked(for state: ProofState, onExistingPoints: Bool) -> [Candidate] {
        let figure = Figure(state)
        var candidates = self.candidates(in: figure, onExistingPoints: onExistingPoints)
        let groups = Self.group(&candidates, scale: figure.scale)
        score(&candidates, groups: groups, in: figure, state: state)
        // Sorted by index, a candidate being large to move: the same stable order.
        let order = Self.byScore(candidates.map(\.score))
        if onExistingPoints { return order.map { candidates[$0] } }
        return varied(merged(candidates, in: order, groups: groups))
    }

    /// The indices of `scores`, best first (stable: ties keep their order).
    static func byScore(_ scores: [Double]) -> [Int] {
        scores.indices.sorted { scores[$0] > scores[$1] }
    }

    /// Numbers the points the candidates build (`Candidate.group`), in the candidates'
    /// order; returns how many there are.
    static func group(_ candidates: inout [Candidate], scale: Double) -> Int {
        var ids: [SIMD2<Int64>: Int] = [:]
        ids.reserveCapacity(candidates.count)
        for k in candidates.indices {
            let x = candidates[k].position
            let key = SIMD2<Int64>(Int64((x.x / (1e-5 * scale)).rounded()), Int64((x.y / (1e-5 * scale)).rounded()))
            if let id = ids[key] {
                candidates[k].group = id
            } else {
                candidates[k].group = ids.count
                ids[key] = ids.count
            }
        }
        return ids.count
    }

    /// What the candidates are built from and checked against: the state's lines (through
    /// at least two points) and circles (through at least three), its segments' lengths,
    /// the points equidistant from others, and the lines worth intersecting.
    struct Figure {
        let p: [Vector2]
        let n: Int
        let tol = 1e-6
        let scale: Double
        var lines: [(a: Int, b: Int, points: [Int])] = []
        var circles: [(center: Vector2, radius: Double, points: [Int])] = []
        /// Lengths of existing segments, sorted, to find equal ones by binary search.
        var lengths: [Double] = []
        /// One bit per interval of `bucketWidth`: set when a length is in it or close to
        /// it, so that `hasLength` answers most lengths, found in none, without the search.
        var lengthBuckets: [UInt64] = []
        var bucketWidth: Double { scale / 1024 }
        /// Centres: points equidistant from at least two others (circles known to the problem).
        var centres: [(o: Int, through: [Int])] = []
        /// Lines with three or more points and those the statement mentions (segments of the
        /// premises and the goal).
        var majorLines: [(a: Int, b: Int, points: [Int])] = []
        /// Circles with four or more points, or whose centre is a point of the figure: the
        /// circles the figure draws, not those through any three of its points.
        var majorCircles: [(center: Vector2, radius: Double, points: [Int])] = []
        /// Segments the statement mentions (pairs of point indices, sorted).
        var mentioned = Set<[Int]>()

        init(_ state: ProofState) {
            p = state.diagram.positions
            n = p.count
            scale = max(1, p.map(\.length).max() ?? 1)
            var seenLines = Set<[Int]>()
            for a in 0..<n { for b in (a + 1)..<n {
                let on = (0..<n).filter { $0 == a || $0 == b || collinear(a, b, $0) }
                if seenLines.insert(on).inserted { lines.append((on[0], on[1], on)) }
            } }
            var seenCircles = Set<[Int]>()
            for a in 0..<n { for b in (a + 1)..<n { for c in (b + 1)..<n {
                guard let o = Vector2.circumcenter(p[a], p[b], p[c], tolerance: 1e-9) else { continue }
                let r = o.distance(to: p[a])
                guard r < 100 * scale else { continue }
                let on = (0..<n).filter { abs(o.distance(to: p[$0]) - r) < tol * max(1, r) }
                if seenCircles.insert(on).inserted { circles.append((o, r, on)) }
            } } }
            for a in 0..<n { for b in (a + 1)..<n { lengths.append(p[a].distance(to: p[b])) } }
            lengths.sort()
            lengthBuckets = [UInt64](repeating: 0, count: Int((lengths.last ?? 0) / bucketWidth) / 64 + 2)
            for length in lengths {
                // Twice the tolerance: a length within it of this one is in the range.
                let slack = 2 * tol * max(1, length)
                for bucket in Int(max(0, length - slack) / bucketWidth)...Int((length + slack) / bucketWidth) {
                    lengthBuckets[bucket >> 6] |= 1 << UInt64(bucket & 63)
                }
            }
            for o in 0..<n {
                var rings: [Double: [Int]] = [:]
                for a in 0..<n where a != o {
                    let d = (p[o].distance(to: p[a]) / (tol * 100)).rounded() * (tol * 100)
                    rings[d, default: []].append(a)
                }
                // By distance, so that the order (and so the proposals) is the same in every run.
                for d in rings.keys.sorted() where rings[d]!.count >= 2 { centres.append((o, rings[d]!)) }
            }
            for statement in state.problem.premises + [state.problem.goal].compactMap({ $0 }) {
                let q = statement.points.map(\.index)
                var i = 0
                while i + 1 < q.count { mentioned.insert([q[i], q[i + 1]].sorted()); i += 2 }
            }
            majorLines = lines.filter { line in
                line.points.count >= 3 || mentioned.contains { $0.allSatisfy(line.points.contains) }
            }
            let positions = p, tolerance = tol
            majorCircles = circles.filter { circle in
                circle.points.count >= 4
                    || positions.contains { $0.distance(to: circle.center) < tolerance * max(1, circle.radius) }
            }
        }

        func collinear(_ a: Int, _ b: Int, _ c: Int) -> Bool {
            abs((p[b] - p[a]).cross(p[c] - p[a])) < tol * scale * max(1, (p[b] - p[a]).length)
        }

        func hasLength(_ d: Double) -> Bool {
            let bucket = d / bucketWidth
            guard bucket < Double(lengthBuckets.count * 64),
                  lengthBuckets[Int(bucket) >> 6] & (1 << UInt64(Int(bucket) & 63)) != 0 else { return false }
            var lo = 0, hi = lengths.count
            while lo < hi { let mid = (lo + hi) / 2; if lengths[mid] < d - tol * max(1, d) { lo = mid + 1 } else { hi = mid } }
            return lo < lengths.count && abs(lengths[lo] - d) < tol * max(1, d)
        }
    }

    /// Every construction of each kind on the figure's points, placed: new points far
    /// enough from the existing ones, or (`onExistingPoints`) those landing on one.
    private func candidates(in figure: Figure, onExistingPoints: Bool) -> [Candidate] {
        let (p, n, tol, scale) = (figure.p, figure.n, figure.tol, figure.scale)
        var candidates: [Candidate] = []
        func add(_ kind: String, _ arguments: [Int], _ position: Vector2?, lines: Int = 0, circles: Int = 0, lengths: Int = 0) {
            guard let position, position.isFinite, position.length < 20 * scale else { return }
            if onExistingPoints {
                guard p.contains(where: { $0.distance(to: position) < tol * scale }) else { return }
            } else {
                // The builder's own separation, with a margin: it would refuse closer points.
                guard p.allSatisfy({ $0.distance(to: position) > 2 * Geometry.minimumSeparation }) else { return }
            }
            candidates.append(Candidate(kind: kind, arguments: arguments, position: position,
                                        assertedLines: lines, assertedCircles: circles, assertedLengths: lengths))
        }
        for a in 0..<n { for b in (a + 1)..<n {
            add("midpoint", [a, b], (p[a] + p[b]) / 2, lines: 1, lengths: 1)
            add("mirror", [a, b], p[b] * 2 - p[a], lines: 1, lengths: 1)
            add("mirror", [b, a], p[a] * 2 - p[b], lines: 1, lengths: 1)
        } }
        for line in figure.lines {
            let (b, c) = (line.a, line.b)
            let d = p[c] - p[b]
            for a in 0..<n where !line.points.contains(a) {
                let foot = p[b] + d * ((p[a] - p[b]).dot(d) / d.dot(d))
                add("foot", [a, b, c], foot, lines: 1)
                add("reflect", [a, b, c], foot * 2 - p[a], lengths: 2)
            }
        }
        for a in 0..<n { for b in (a + 1)..<n { for c in (b + 1)..<n where !figure.collinear(a, b, c) {
            let centre = Vector2.circumcenter(p[a], p[b], p[c], tolerance: 1e-9)
            add("circle", [a, b, c], centre, lengths: 2)
            add("orthocenter", [a, b, c], centre.map { p[a] + p[b] + p[c] - $0 * 2 })
            add("parallelogram", [a, b, c], p[a] + p[c] - p[b], lengths: 2)
            add("parallelogram", [b, a, c], p[b] + p[c] - p[a], lengths: 2)
            add("parallelogram", [a, c, b], p[a] + p[b] - p[c], lengths: 2)
        } } }
        for i in figure.majorLines.indices { for j in (i + 1)..<figure.majorLines.count {
            let (l, m) = (figure.majorLines[i], figure.majorLines[j])
            guard Set(l.points).isDisjoint(with: m.points) else { continue }
            add("intersection_ll", [l.a, l.b, m.a, m.b], intersect(p[l.a], p[l.b], p[m.a], p[m.b]), lines: 2)
        } }
        // Tangents at two points of a circle whose centre is a point: where they meet.
        for (o, through) in figure.centres {
            for (i, a) in through.enumerated() { for b in through[(i + 1)...] {
                add("intersection_tt", [a, a, o, b, b, o], intersect(p[a], p[a] + (p[a] - p[o]).perpendicular, p[b], p[b] + (p[b] - p[o]).perpendicular))
            } }
        }
        // The second point where a line through a point of a drawn circle meets it again, and
        // where two drawn circles through a common point meet again.
        for circle in figure.majorCircles {
            let on = circle.points
            for a in on {
                let others = on.filter { $0 != a }
                guard others.count >= 2 else { continue }
                for b in 0..<n where !on.contains(b) {
                    let d = p[b] - p[a]
                    let second = p[a] - d * (2 * d.dot(p[a] - circle.center) / d.dot(d))
                    add("line_circle", [a, b, a, others[0], others[1]], second, lines: 1, circles: 1)
                }
            }
        }
        for i in figure.majorCircles.indices { for j in (i + 1)..<figure.majorCircles.count {
            let (c1, c2) = (figure.majorCircles[i], figure.majorCircles[j])
            let common = c1.points.filter(c2.points.contains)
            guard common.count == 1, let a = common.first else { continue }
            let first = c1.points.filter { $0 != a }, second = c2.points.filter { $0 != a }
            guard first.count >= 2, second.count >= 2 else { continue }
            // The reflection of a in the line of centres.
            let axis = c2.center - c1.center
            guard axis.length > tol * scale else { continue }
            let foot = c1.center + axis * ((p[a] - c1.center).dot(axis) / axis.dot(axis))
            add("circle_circle", [a, first[0], first[1], a, second[0], second[1]], foot * 2 - p[a], circles: 2)
        } }
        // Where a line the statement mentions meets the parallel or the perpendicular to
        // another through a point; the segments in a fixed order (a set's order changes from
        // run to run), so that the proposals are the same in every run.
        let mentioned = figure.mentioned.sorted { $0.lexicographicallyPrecedes($1) }
        for line in figure.majorLines {
            let (a, b) = (line.a, line.b)
            for segment in mentioned where !(segment[0] == a && segment[1] == b) {
                let (m, q) = (segment[0], segment[1])
                let direction = p[q] - p[m]
                for c in 0..<n where !line.points.contains(c) && !figure.collinear(c, m, q) {
                    add("intersection_lp", [a, b, c, m, q], intersect(p[a], p[b], p[c], p[c] + direction), lines: 1)
                    add("intersection_lt", [a, b, c, m, q], intersect(p[a], p[b], p[c], p[c] + direction.perpendicular), lines: 1)
                }
            }
        }
        for (o, through) in figure.centres {
            for b in through {
                for a in 0..<n where a != b && a != o {
                    let d = p[a] - p[b]
                    guard abs(d.dot(p[b] - p[o])) > 1e-3 * d.length * p[b].distance(to: p[o]) else { continue }
                    add("intersection_lc", [a, o, b], p[b] - d * (2 * d.dot(p[b] - p[o]) / d.dot(d)), lines: 1, lengths: 1)
                }
            }
        }

        return candidates
    }

    /// Scores the candidates: the kind's prior, the facts the figure shows about the new
    /// point beyond those its construction asserts, the share of its arguments in the goal,
    /// and how many derived facts mention its arguments.
    private func score(_ candidates: inout [Candidate], groups: Int, in figure: Figure, state: ProofState) {
        let (p, n, tol, scale) = (figure.p, figure.n, figure.tol, figure.scale)
        // What the statement and the closure touch.
        let goalPoints = Set(state.problem.goal?.points.map(\.index) ?? [])
        var factCount = [Int](repeating: 0, count: n)
        for fact in state.store.facts { for q in Set(fact.statement.points) where q.index < n { factCount[q.index] += 1 } }
        let maxFacts = Double(factCount.max() ?? 1)

        // Which candidates lie on which lines and circles: thousands of candidates and, on a
        // large figure, a thousand circles through three of its points, which made this the
        // proposer's largest cost. Lines once as plain numbers; circles through a grid of the
        // candidates, so that each circle meets only those near it.
        let lineTests = figure.lines.map { line in
            let d = p[line.b] - p[line.a]
            return (origin: p[line.a], direction: d, tolerance: tol * 10 * scale * max(1, d.length))
        }
        let goalLineTests = lineTests.indices.filter { figure.lines[$0].points.filter(goalPoints.contains).count >= 2 }.map { lineTests[$0] }
        // What the diagram shows at each point, once per point however many candidates
        // build it (at the first one's position).
        var representative = [Int](repeating: -1, count: groups)
        for k in candidates.indices where representative[candidates[k].group] < 0 { representative[candidates[k].group] = k }
        let circlesThrough = CircleIncidence.counts(of: representative.map { candidates[$0].position },
                                                    on: figure.circles.map { (center: $0.center, radius: $0.radius, tolerance: tol * 10 * max(1, $0.radius)) },
                                                    cell: scale / 24)
        var shown = [(onLines: Int, equalLengths: Int, onGoalLines: Int)](repeating: (0, 0, 0), count: groups)
        var distances: [Double] = []
        distances.reserveCapacity(n)
        for (group, k) in representative.enumerated() {
            let x = candidates[k].position
            var onLines = 0
            for line in lineTests where abs(line.direction.cross(x - line.origin)) < line.tolerance { onLines += 1 }
            var onGoalLines = 0
            for line in goalLineTests where abs(line.direction.cross(x - line.origin)) < line.tolerance { onGoalLines += 1 }
            var equalLengths = 0
            distances.removeAll(keepingCapacity: true)
            for a in 0..<n {
                let d = x.distance(to: p[a])
                if figure.hasLength(d) { equalLengths += 1 }
                distances.append(d)
            }
            distances.sort()
            for i in 1..<max(1, distances.count) where abs(distances[i] - distances[i - 1]) < tol * 10 * max(1, distances[i]) { equalLengths += 1 }
            shown[group] = (onLines, equalLengths, onGoalLines)
        }
        for k in candidates.indices {
            let c = candidates[k]
            let (onLines, equalLengths, onGoalLines) = shown[c.group]
            let onCircles = circlesThrough[c.group]
            candidates[k].onLines = onLines
            candidates[k].onCircles = onCircles
            candidates[k].equalLengths = equalLengths
            candidates[k].onGoalLines = onGoalLines
            let extraLines = max(0, onLines - c.assertedLines)
            let extraCircles = max(0, onCircles - c.assertedCircles)
            let extraLengths = max(0, equalLengths - c.assertedLengths)
            let evidence = Double(extraLines) + 1.5 * Double(extraCircles) + 0.5 * Double(extraLengths)
            let goalShare = Double(c.arguments.filter(goalPoints.contains).count) / Double(c.arguments.count)
            let touched = c.arguments.map { Double(factCount[$0]) / maxFacts }.reduce(0, +) / Double(c.arguments.count)
            candidates[k].goalShare = goalShare
            candidates[k].touched = touched
            candidates[k].score = (priors[c.kind] ?? 0.2) + 0.6 * log(1 + evidence) + 0.6 * goalShare + 0.3 * touched
        }
    }

    /// The candidates (best first) with coincident ones made one point: the best-scored
    /// construction of each, and (`earliest`, with the index of that best one) its
    /// construction from the earliest points when that is another one. The same
    /// point built from other points brings other facts: the centre of the circle through
    /// three late points may be the circumcentre of the first triangle, which only the
    /// construction from that triangle tells the engine.
    private func merged(_ candidates: [Candidate], in order: [Int], groups: Int) -> (unique: [Candidate], earliest: [(leader: Int, candidate: Candidate)]) {
        // For each point, in the order of its best construction: that one (the leader), how
        // many build it, and the one from the earliest points (its latest argument the
        // earliest, the better-scored first among equals).
        var leader = [Int](repeating: -1, count: groups), count = [Int](repeating: 0, count: groups)
        var earliestOf = [Int](repeating: -1, count: groups)
        var pointOrder: [Int] = []
        let latest = candidates.map { $0.arguments.max() ?? 0 }
        for k in order {
            let g = candidates[k].group
            count[g] += 1
            if leader[g] < 0 {
                leader[g] = k
                earliestOf[g] = k
                pointOrder.append(g)
            } else if latest[k] < latest[earliestOf[g]] {
                earliestOf[g] = k
            }
        }
        var unique: [Candidate] = []
        unique.reserveCapacity(pointOrder.count)
        var earliest: [(leader: Int, candidate: Candidate)] = []
        for g in pointOrder {
            var best = candidates[leader[g]]
            best.constructions = count[g] - 1
            unique.append(best)
            let first = earliestOf[g]
            if first != leader[g] {
                var alternative = candidates[first]
                alternative.constructions = count[g] - 1
                alternative.earliestAlternative = true
                earliest.append((unique.count - 1, alternative))
            }
        }
        return (unique, earliest)
    }

    /// The merged candidates with the variety penalty, best first.
    private func varied(_ merged: (unique: [Candidate], earliest: [(leader: Int, candidate: Candidate)])) -> [Candidate] {
        var (unique, earliest) = merged
        // Variety: the k-th candidate of a kind loses `diversity` × k, so that one kind
        // with many near-equal scores (feet onto every line) does not fill the queue.
        var rankInKind: [String: Int] = [:]
        for k in unique.indices {
            let rank = rankInKind[unique[k].kind, default: 0]
            rankInKind[unique[k].kind] = rank + 1
            unique[k].rankInKind = rank
            unique[k].score -= diversity * Double(rank)
        }
        // The construction from the earliest points follows its point's best one closely
        // and takes no place in the variety ranking.
        for (leader, candidate) in earliest {
            var c = candidate
            c.score = unique[leader].score - diversity
            unique.append(c)
        }
        return Self.byScore(unique.map(\.score)).map { unique[$0] }
    }

    /// The constructions of a candidate of `kind` on `arguments` that create `name`.
    static func call(_ kind: String, arguments: [String], name: String) -> String {
        let list = arguments.joined(separator: " ")
        switch kind {
        case "parallelogram":
            // `parallelogram a b c x` names its new point last.
            return "parallelogram \(list) \(name)"
        case "line_circle":
            // Line a b, circle a c d: the point other than a.
            return "on_line \(name) \(arguments[0]) \(arguments[1]), on_circum \(name) \(arguments[2...].joined(separator: " "))"
        case "circle_circle":
            return "on_circum \(name) \(arguments[0..<3].joined(separator: " ")), on_circum \(name) \(arguments[3...].joined(separator: " "))"
        default:
            return "\(kind) \(name) \(list)"
        }
    }

    /// The candidates as clauses creating a fresh point, each with its row of `features`
    /// when given.
    private func proposals(_ candidates: some Sequence<Candidate>, _ state: ProofState, features: [Float]? = nil) -> [Proposal] {
        var result: [Proposal] = []
        let name = state.freshPointName
        let width = CandidateFeatures.count
        for (k, c) in candidates.enumerated() {
            result.append(Proposal(clause: "\(name) = \(Self.call(c.kind, arguments: c.arguments.map { state.problem.name(of: PointID($0)) }, name: name))",
                                   score: c.score, features: features.map { Array($0[(k * width)..<((k + 1) * width)]) }))
        }
        return result
    }
}

/// Where lines ab and cd meet (nil when parallel).
func intersect(_ a: Vector2, _ b: Vector2, _ c: Vector2, _ d: Vector2) -> Vector2? {
    let (u, v) = (b - a, d - c)
    let den = u.cross(v)
    guard abs(den) > 2 * Geometry.minimumCrossingSine * u.length * v.length else { return nil }
    return a + u * ((c - a).cross(v) / den)
}
