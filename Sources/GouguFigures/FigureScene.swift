import GouguGeometry
import GouguLanguage

/// What a drawn object is for; decides its colour, stroke and layer.
public enum FigureRole: String, Sendable, Hashable, CaseIterable {
    /// Lines and circles the constructions use: solid.
    case construction
    /// Helper lines, such as the perpendicular from a point to its foot: dashed.
    case auxiliary
    /// The objects the goal speaks about: highlighted, drawn on top.
    case goal
}

/// A straight piece of the figure: the part of a line that covers a set of points.
///
/// The problem's lines are infinite; a figure draws the segment from the outermost point
/// on the line to the other. An end whose outermost point is one of the `open` points
/// runs on by a small overhang, to show that the line goes on past it (a point placed on
/// a line beyond the given points, say); other ends stop at their point.
public struct FigureLine: Sendable, Hashable {
    /// A point of the line (the first point covered).
    public var anchor: Vector2
    /// The unit direction.
    public var direction: Vector2
    /// The points the drawn segment must cover.
    public var covered: [Vector2]
    /// Points past which the line runs on, when they are outermost.
    public var open: [Vector2]
    public var role: FigureRole

    /// The parameters, along `direction` from `anchor`, of the outermost covered points.
    public var extent: (lower: Double, upper: Double) {
        var lower = Double.infinity, upper = -Double.infinity
        for p in covered {
            let t = direction.dot(p - anchor)
            lower = min(lower, t)
            upper = max(upper, t)
        }
        return (lower, upper)
    }

    /// Whether some end runs on past its outermost point.
    public var overhangs: Bool {
        let (lower, upper) = extent
        return open.contains { isOutermost($0, lower, upper).lower || isOutermost($0, lower, upper).upper }
    }

    private func isOutermost(_ p: Vector2, _ lower: Double, _ upper: Double) -> (lower: Bool, upper: Bool) {
        let t = direction.dot(p - anchor)
        let epsilon = 1e-7 * max(upper - lower, 1e-12)
        return (t <= lower + epsilon, t >= upper - epsilon)
    }

    /// The end points of the drawn segment, `overhang` being the world length to add at
    /// each open end.
    public func endpoints(overhang: Double) -> (Vector2, Vector2) {
        let (lower, upper) = extent
        var extraLower = 0.0, extraUpper = 0.0
        for p in open {
            let (atLower, atUpper) = isOutermost(p, lower, upper)
            if atLower { extraLower = overhang }
            if atUpper { extraUpper = overhang }
        }
        return (anchor + direction * (lower - extraLower), anchor + direction * (upper + extraUpper))
    }

    /// Whether `p` lies on the line, within `tolerance`.
    func contains(_ p: Vector2, tolerance: Double) -> Bool {
        abs(direction.cross(p - anchor)) <= tolerance
    }

    /// Whether `other` is the same infinite line, within `tolerance`.
    func coincides(with other: FigureLine, tolerance: Double) -> Bool {
        other.covered.allSatisfy { contains($0, tolerance: tolerance) }
    }
}

/// A circle of the figure, drawn whole.
public struct FigureCircle: Sendable, Hashable {
    public var circle: Circle
    public var role: FigureRole
}

/// A right-angle mark: a small square at `vertex` between two perpendicular lines.
public struct RightAngleMark: Sendable, Hashable {
    public var vertex: Vector2
    /// The directions of the two lines; the renderer picks the sides the drawn lines
    /// run along.
    public var first: Vector2
    public var second: Vector2
    public var role: FigureRole
}

/// Equal segments, each marked with `count` ticks across its middle.
public struct TickMarks: Sendable, Hashable {
    public var segments: [Segment]
    public var count: Int
    public var role: FigureRole

    /// A segment between two positions.
    public struct Segment: Sendable, Hashable {
        public var start: Vector2
        public var end: Vector2
    }
}

/// Equal angles, each marked with `count` arcs at its vertex.
public struct AngleMarks: Sendable, Hashable {
    public var angles: [Angle]
    public var count: Int
    public var role: FigureRole

    /// The angle at `vertex` from the ray along `from` to the ray along `to` (the
    /// smaller of the two ways round).
    public struct Angle: Sendable, Hashable {
        public var vertex: Vector2
        public var from: Vector2
        public var to: Vector2
    }
}

/// Everything a figure draws, in world coordinates, before framing and rendering.
///
/// `FigureScene(diagram:)` derives the objects from the problem's construction calls and
/// goal; equal lines and circles are merged, and a construction line absorbs the
/// auxiliary line it coincides with.
public struct FigureScene: Sendable {
    /// The diagram drawn.
    public let diagram: Diagram
    public internal(set) var lines: [FigureLine] = []
    public internal(set) var circles: [FigureCircle] = []
    public internal(set) var rightAngles: [RightAngleMark] = []
    public internal(set) var ticks: [TickMarks] = []
    public internal(set) var angles: [AngleMarks] = []
    /// The points the goal names: their dots are highlighted.
    public internal(set) var goalPoints: Set<PointID> = []

    /// The size of the diagram: the larger side of its points' bounding box.
    public let scale: Double
    /// Positions closer than this count as equal when merging objects.
    let tolerance: Double

    /// Collects the objects of `diagram`.
    public init(diagram: Diagram) {
        self.diagram = diagram
        let box = BoundingBox(diagram.positions)
        scale = max(box.extent, 1e-6)
        tolerance = scale * 1e-6
        for clause in diagram.problem.clauses {
            for call in clause.constructions {
                addConstruction(call)
            }
        }
        if let goal = diagram.problem.goal { addGoal(goal) }
        absorbAuxiliaryLines()
    }

    // MARK: Adding primitives

    /// Adds the line through `points` (covering all of them, running on past those of
    /// `open` that are outermost), merging it into an equal line of the same role.
    /// Points that all coincide give no line.
    mutating func line(_ points: [Vector2], _ role: FigureRole = .construction, open: [Vector2] = []) {
        guard let (p, q) = farthestPair(points), p.distance(to: q) > tolerance * 10 else { return }
        let new = FigureLine(anchor: p, direction: (q - p).normalized, covered: points, open: open, role: role)
        for index in lines.indices where lines[index].role == role && lines[index].coincides(with: new, tolerance: tolerance * 100) {
            lines[index].covered += points
            lines[index].open += open
            return
        }
        lines.append(new)
    }

    /// Adds the segment from `a` to `b`.
    mutating func segment(_ a: Vector2, _ b: Vector2, _ role: FigureRole = .construction) {
        line([a, b], role)
    }

    /// Adds the sides of a polygon.
    mutating func polygon(_ vertices: [Vector2], _ role: FigureRole = .construction) {
        for (index, v) in vertices.enumerated() {
            segment(v, vertices[(index + 1) % vertices.count], role)
        }
    }

    /// Adds a circle, unless an equal one of the same role is there.
    mutating func circle(_ circle: Circle?, _ role: FigureRole = .construction) {
        guard let circle else { return }
        let same = circles.contains {
            $0.role == role && $0.circle.center.distance(to: circle.center) < tolerance * 100
                && abs($0.circle.radius - circle.radius) < tolerance * 100
        }
        if !same { circles.append(FigureCircle(circle: circle, role: role)) }
    }

    /// Adds the circle with centre `center` through `point`.
    mutating func circle(center: Vector2, through point: Vector2, _ role: FigureRole = .construction) {
        circle(Circle(center: center, radius: center.distance(to: point)), role)
    }

    /// Adds a right-angle mark at `vertex` between lines along `u` and `v`.
    mutating func rightAngle(at vertex: Vector2, _ u: Vector2, _ v: Vector2, _ role: FigureRole = .construction) {
        guard u.length > tolerance, v.length > tolerance else { return }
        let mark = RightAngleMark(vertex: vertex, first: u.normalized, second: v.normalized, role: role)
        let same = rightAngles.contains { $0.role == role && $0.vertex.distance(to: vertex) < tolerance * 100 }
        if !same { rightAngles.append(mark) }
    }

    /// Marks segments as equal, with one more tick than the previous group.
    mutating func equal(_ segments: [(Vector2, Vector2)], _ role: FigureRole = .construction) {
        let kept = segments.filter { $0.0.distance(to: $0.1) > tolerance * 10 }
        guard kept.count >= 2 else { return }
        let count = (ticks.map(\.count).max() ?? 0) + 1
        ticks.append(TickMarks(segments: kept.map { TickMarks.Segment(start: $0.0, end: $0.1) }, count: count, role: role))
    }

    /// Marks angles as equal, with one more arc than the previous group. Each angle is
    /// (vertex, a point on the first ray, a point on the second ray).
    mutating func equalAngles(_ list: [(Vector2, Vector2, Vector2)], _ role: FigureRole = .construction) {
        let kept = list.compactMap { v, p, q -> AngleMarks.Angle? in
            guard v.distance(to: p) > tolerance * 10, v.distance(to: q) > tolerance * 10 else { return nil }
            return AngleMarks.Angle(vertex: v, from: (p - v).normalized, to: (q - v).normalized)
        }
        guard !kept.isEmpty else { return }
        let count = (angles.map(\.count).max() ?? 0) + 1
        angles.append(AngleMarks(angles: kept, count: count, role: role))
    }

    /// The perpendicular from `p` to line `bc`: the line from `p` to the foot (covering
    /// `extra` too), line `bc` extended to the foot, and a right-angle mark there.
    /// Returns the foot.
    @discardableResult
    mutating func perpendicular(from p: Vector2, to b: Vector2, _ c: Vector2, through extra: [Vector2] = [],
                                _ role: FigureRole = .construction, baseRole: FigureRole = .construction) -> Vector2? {
        guard let base = Line(through: b, c) else { return nil }
        let foot = base.projection(of: p)
        line([b, c, foot], baseRole)
        if p.distance(to: foot) > tolerance * 10 {
            line([p, foot] + extra, role)
            rightAngle(at: foot, p - foot, c - b, role == .goal ? .goal : .construction)
        } else if let other = extra.first(where: { $0.distance(to: foot) > tolerance * 10 }) {
            line([foot, other] + extra, role)
            rightAngle(at: foot, other - foot, c - b, role == .goal ? .goal : .construction)
        }
        return foot
    }

    /// Moves the points of each auxiliary line onto the construction line it coincides
    /// with, so that no line is drawn twice.
    mutating func absorbAuxiliaryLines() {
        var absorbed = Set<Int>()
        for index in lines.indices where lines[index].role == .auxiliary {
            let auxiliary = lines[index]
            if let target = lines.indices.first(where: {
                lines[$0].role == .construction && lines[$0].coincides(with: auxiliary, tolerance: tolerance * 100)
            }) {
                lines[target].covered += auxiliary.covered
                lines[target].open += auxiliary.open
                absorbed.insert(index)
            }
        }
        lines = lines.indices.filter { !absorbed.contains($0) }.map { lines[$0] }
    }

    /// The two points farthest apart.
    private func farthestPair(_ points: [Vector2]) -> (Vector2, Vector2)? {
        guard points.count >= 2 else { return nil }
        var best: (Vector2, Vector2) = (points[0], points[1])
        var bestDistance = -1.0
        for i in points.indices {
            for j in points.indices where j > i {
                let d = points[i].distance(to: points[j])
                if d > bestDistance { bestDistance = d; best = (points[i], points[j]) }
            }
        }
        return best
    }
}

/// An axis-aligned box around positions.
struct BoundingBox: Sendable, Hashable {
    var minimum: Vector2
    var maximum: Vector2

    init(_ points: [Vector2]) {
        let finite = points.filter(\.isFinite)
        guard let first = finite.first else {
            minimum = Vector2(-1, -1); maximum = Vector2(1, 1); return
        }
        minimum = first; maximum = first
        for p in finite.dropFirst() { add(p) }
    }

    init(minimum: Vector2, maximum: Vector2) {
        self.minimum = minimum
        self.maximum = maximum
    }

    mutating func add(_ p: Vector2) {
        minimum = Vector2(min(minimum.x, p.x), min(minimum.y, p.y))
        maximum = Vector2(max(maximum.x, p.x), max(maximum.y, p.y))
    }

    func union(_ other: BoundingBox) -> BoundingBox {
        var box = self
        box.add(other.minimum)
        box.add(other.maximum)
        return box
    }

    var size: Vector2 { maximum - minimum }
    var center: Vector2 { (minimum + maximum) / 2 }
    /// The larger side.
    var extent: Double { max(size.x, size.y) }

    /// Whether `p` is inside the box grown by `margin` on every side.
    func contains(_ p: Vector2, margin: Double = 0) -> Bool {
        p.x >= minimum.x - margin && p.x <= maximum.x + margin && p.y >= minimum.y - margin && p.y <= maximum.y + margin
    }
}
