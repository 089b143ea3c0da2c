import GouguFigures
import GouguGeometry
import GouguLanguage

/// What each step's statement speaks of, drawn over the figure and shown when the step is
/// selected: the line of collinear points, the circle of concyclic points or of a centre,
/// the two triangles of a similarity, the segments of the other predicates (parallels,
/// perpendiculars, equal lengths, the lines of equal angles and ratios).
struct ProofOverlays {
    let diagram: Diagram
    let frame: FigureFrame
    let statementPoints: Int

    static let color = "#e67e00"

    /// One hidden `<g id="overlay-N" class="overlay">` per step.
    func svg(for steps: [(number: Int, statement: String)]) -> String {
        var out = "<g class=\"overlays\" fill=\"none\" stroke=\"\(Self.color)\" stroke-width=\"3\" stroke-opacity=\"0.75\" stroke-linecap=\"round\">\n"
        for step in steps {
            out += "<g id=\"overlay-\(step.number)\" class=\"overlay\">" + shapes(of: step.statement).joined() + "</g>\n"
        }
        return out + "</g>\n"
    }

    /// The shapes of one statement, in canvas coordinates.
    func shapes(of statement: String) -> [String] {
        let words = statement.split(separator: " ").map(String.init)
        guard let word = words.first else { return [] }
        let points = words.dropFirst().compactMap { diagram.problem.point(named: $0) }.map { diagram.position(of: $0) }
        /// The segments of the points taken two by two.
        func pairs() -> [String] { stride(from: 0, to: points.count - 1, by: 2).map { segment(points[$0], points[$0 + 1]) } }
        guard let predicate = Predicate(name: word) else { return pairs() }
        var distinct: [Vector2] = []
        for p in points where !distinct.contains(where: { $0.distance(to: p) < 1e-9 }) { distinct.append(p) }
        switch predicate {
        case .coll:
            guard distinct.count >= 2 else { return [] }
            let direction = (distinct[1] - distinct[0]).normalized
            let along = distinct.map { direction.dot($0 - distinct[0]) }
            let lo = distinct[along.indices.min { along[$0] < along[$1] }!]
            let hi = distinct[along.indices.max { along[$0] < along[$1] }!]
            return [segment(lo, hi)]
        case .cyclic:
            guard distinct.count >= 3, let centre = Vector2.circumcenter(distinct[0], distinct[1], distinct[2], tolerance: 1e-12) else { return [] }
            return [circle(centre, radius: centre.distance(to: distinct[0]))]
        case .circle:
            guard points.count >= 2 else { return [] }
            return [circle(points[0], radius: points[0].distance(to: points[1]))]
        case .midp:
            guard points.count >= 3 else { return [] }
            return [segment(points[1], points[2])]
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither:
            guard points.count >= 6 else { return [] }
            return [polygon(Array(points[0..<3])), polygon(Array(points[3..<6]))]
        case .para, .perp, .cong, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .aconst, .rconst, .sameside,
             .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp:
            return pairs()
        }
    }

    func segment(_ a: Vector2, _ b: Vector2) -> String {
        let (p, q) = (frame.pixel(a), frame.pixel(b))
        return "<line x1=\"\(fmt(p.x))\" y1=\"\(fmt(p.y))\" x2=\"\(fmt(q.x))\" y2=\"\(fmt(q.y))\"/>"
    }

    func circle(_ centre: Vector2, radius: Double) -> String {
        let c = frame.pixel(centre)
        return "<circle cx=\"\(fmt(c.x))\" cy=\"\(fmt(c.y))\" r=\"\(fmt(radius * frame.scale))\"/>"
    }

    func polygon(_ corners: [Vector2]) -> String {
        "<polygon points=\"" + corners.map(frame.pixel).map { "\(fmt($0.x)),\(fmt($0.y))" }.joined(separator: " ") + "\"/>"
    }
}
