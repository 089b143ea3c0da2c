import GouguGeometry
import GouguLanguage

/// The objects each construction call draws.
///
/// Shapes made of free points (`triangle`, `trapezoid`, `square`, ...) draw their sides.
/// Every other construction is drawn from its placement steps: each locus or point
/// method draws the segments, lines and circles it is made of, between the actual
/// points involved (see `addPlacement`).
extension FigureScene {
    /// The positions bound to a call's parameters.
    struct Binding {
        let call: ConstructionCall
        let diagram: Diagram

        /// The position of the point bound to parameter `name`.
        subscript(_ name: String) -> Vector2? {
            call.binding[name]?.point.map(diagram.position(of:))
        }
    }

    mutating func addConstruction(_ call: ConstructionCall) {
        let at = Binding(call: call, diagram: diagram)
        let points = call.definition.parameters.filter { !call.definition.numberParameters.contains($0) }
        let all = points.compactMap { at[$0] }
        switch call.definition.name {
        case "free":
            return
        case "segment":
            line(all)
        case "triangle", "quadrangle", "pentagon":
            // Free points: a polygon only when something else speaks of two of them.
            if polygonIsUsed(call) { polygon(all) }
        case "foot":
            if let x = at["x"], let a = at["a"], let b = at["b"], let c = at["c"] {
                perpendicular(from: a, to: b, c, through: [x], .auxiliary)
            }
        case "triangle12", "trapezoid", "eq_quadrangle",
             "parallelogram", "square", "eq_trapezoid", "rectangle", "isquare", "r_trapezoid":
            // Parameters in the order of the vertices round the shape.
            polygon(all)
            addShapeMarks(call.definition.name, all)
        case "iso_triangle", "r_triangle", "risos", "ieq_triangle":
            polygon(all)
            addShapeMarks(call.definition.name, all)
        case "eq_triangle":
            polygon(all)
            equal([(all[0], all[1]), (all[1], all[2]), (all[2], all[0])])
        case "eqdia_quadrangle":
            polygon(all)
            line([all[1], all[3]], .auxiliary)
            line([all[0], all[2]], .auxiliary)
            equal([(all[1], all[3]), (all[0], all[2])])
        default:
            for step in call.definition.placements {
                for term in step.terms {
                    addPlacement(term, placing: step.points.compactMap { at[$0] }, at)
                }
            }
            if call.definition.name == "incenter2" || call.definition.name == "excenter2",
               let i = at["i"], let x = at["x"] {
                circle(center: i, through: x)
            }
        }
    }

    /// Whether another construction call or the goal names two of the points `call`
    /// creates, other than by putting a circle through all of them. Free points that
    /// nothing joins (the tangent points of a circle, say) are not a polygon.
    private func polygonIsUsed(_ call: ConstructionCall) -> Bool {
        let problem = diagram.problem
        let vertices = Set(call.arguments.compactMap(\.point))
        let circles: Set<String> = ["circle", "circumcenter", "on_circum", "ninepoints"]
        for clause in problem.clauses {
            for other in clause.constructions where other != call {
                let named = Set(other.arguments.compactMap(\.point)).intersection(vertices)
                if named.count >= 2 && !(circles.contains(other.definition.name) && named == vertices) { return true }
            }
        }
        if let goal = problem.goal, Set(goal.points).intersection(vertices).count >= 2 { return true }
        return false
    }

    /// Right angles and equal sides that shapes assert.
    private mutating func addShapeMarks(_ name: String, _ v: [Vector2]) {
        switch name {
        case "iso_triangle":
            equal([(v[0], v[1]), (v[0], v[2])])
        case "r_triangle":
            rightAngle(at: v[0], v[1] - v[0], v[2] - v[0])
        case "risos":
            rightAngle(at: v[0], v[1] - v[0], v[2] - v[0])
            equal([(v[0], v[1]), (v[0], v[2])])
        case "ieq_triangle":
            equal([(v[0], v[1]), (v[1], v[2]), (v[2], v[0])])
        case "rectangle", "r_trapezoid":
            rightAngle(at: v[0], v[1] - v[0], v[3] - v[0])
        case "isquare", "square":
            rightAngle(at: v[0], v[1] - v[0], v[3] - v[0])
            equal([(v[0], v[1]), (v[1], v[2]), (v[2], v[3]), (v[3], v[0])])
        case "eq_trapezoid", "eq_quadrangle":
            equal([(v[3], v[0]), (v[1], v[2])])
        default:
            break
        }
    }

    /// Draws one placement term: `placed` are the positions of the points it places.
    mutating func addPlacement(_ term: PlacementTerm, placing placed: [Vector2], _ at: Binding) {
        let p = term.arguments.compactMap { argument -> Vector2? in
            if case .parameter(let name) = argument { return at[name] }
            return nil
        }
        guard let method = PlacementMethod.named(term.method), p.count == method.pointArity,
              let x = placed.first else { return }
        switch term.method {
        // Loci: x is on them.
        case "line", "opray":
            line([x, p[0], p[1]], open: [x])
        case "pline":
            line([x, p[0]], open: [x])
            segment(p[1], p[2])
        case "tline":
            perpendicular(from: p[0], to: p[1], p[2], through: [x])
        case "bline":
            segment(x, p[0])
            segment(x, p[1])
            equal([(x, p[0]), (x, p[1])])
        case "circle":
            circle(center: p[0], through: p[1])
        case "circum":
            circle(Circle(through: p[0], p[1], p[2]))
        case "diameter":
            segment(x, p[0])
            segment(x, p[1])
            rightAngle(at: x, p[0] - x, p[1] - x)
        case "radiuscircle":
            segment(x, p[0])
            segment(p[1], p[2])
            equal([(x, p[0]), (p[1], p[2])])
        case "scaledcircle":
            segment(x, p[0])
            segment(p[0], p[1])
        case "bisector", "anglemirror":
            segment(p[1], p[0])
            segment(p[1], p[2])
            line([p[1], x], open: [x])
            if term.method == "bisector" {
                let u = (p[0] - p[1]).normalized + (p[2] - p[1]).normalized
                equalAngles([(p[1], p[0], p[1] + u), (p[1], p[1] + u, p[2])])
            }
        case "angleline":
            line([p[0], x], open: [x])
            segment(p[0], p[1])
            segment(p[3], p[2])
            segment(p[3], p[4])
        case "anglecircle":
            segment(x, p[0])
            segment(x, p[1])
            segment(p[2], p[3])
            segment(p[4], p[5])
        case "fixedangle":
            line([p[1], x], open: [x])
            segment(p[1], p[0])

        // Point methods: the placed points follow from the given ones.
        case "midpoint":
            line([p[0], p[1], x])
            equal([(p[0], x), (x, p[1])])
        case "pointmirror":
            line([p[0], p[1], x])
            equal([(p[0], p[1]), (p[1], x)])
        case "linemirror":
            perpendicular(from: p[0], to: p[1], p[2], through: [x], .auxiliary)
        case "foot":
            perpendicular(from: p[0], to: p[1], p[2], through: [x], .auxiliary)
        case "circumcenter":
            circle(center: x, through: p[0])
        case "orthocenter":
            for k in 0..<3 {
                perpendicular(from: p[k], to: p[(k + 1) % 3], p[(k + 2) % 3], through: [x], .auxiliary)
            }
        case "incenter", "excenter":
            polygon(Array(p.prefix(3)))
            for vertex in p.prefix(3) { line([vertex, x], .auxiliary) }
        case "centroid":
            polygon(Array(p.prefix(3)))
            for k in 0..<3 {
                line([p[k], (p[(k + 1) % 3] + p[(k + 2) % 3]) / 2, x], .auxiliary)
            }
        case "translate":
            // x = a + c - b: the parallelogram b a x c.
            polygon([p[1], p[0], x, p[2]])
        case "rotate90", "rotate270":
            segment(p[0], p[1])
            segment(p[0], x)
            rightAngle(at: p[0], p[1] - p[0], x - p[0])
            equal([(p[0], p[1]), (p[0], x)])
        case "isotrapezoid":
            polygon([p[0], p[1], p[2], x])
        case "eqangle2":
            polygon([p[0], p[1], p[2], x])
        case "trisegment":
            line([p[0], p[1]] + placed)
            if placed.count == 2 { equal([(p[0], placed[0]), (placed[0], placed[1]), (placed[1], p[1])]) }
        case "trisect":
            line([p[0], p[2]] + placed)
            segment(p[1], p[0])
            segment(p[1], p[2])
            for y in placed { segment(p[1], y) }
        case "externaltangent", "externaltangents":
            circle(center: p[0], through: p[1])
            circle(center: p[2], through: p[3])
            var k = 0
            while k + 1 < placed.count {
                let (touch1, touch2) = (placed[k], placed[k + 1])
                line([touch1, touch2], open: [touch1, touch2])
                segment(p[0], touch1, .auxiliary)
                segment(p[2], touch2, .auxiliary)
                rightAngle(at: touch1, p[0] - touch1, touch2 - touch1)
                rightAngle(at: touch2, p[2] - touch2, touch1 - touch2)
                k += 2
            }
        case "twolinesonecircle":
            guard placed.count == 4 else { return }
            let (tx, ty, tz, i) = (placed[0], placed[1], placed[2], placed[3])
            line([p[2], p[0], tx], open: [tx])
            line([p[2], p[1], ty], open: [ty])
            circle(center: p[3], through: p[0])
            circle(center: i, through: tz)
            perpendicular(from: i, to: p[2], p[0], .auxiliary)
            perpendicular(from: i, to: p[2], p[1], .auxiliary)
        case "e5128":
            guard placed.count == 2 else { return }
            line([p[3], placed[1], placed[0]])
            line([p[0], p[1], placed[1]])
            circle(center: p[2], through: p[1])
        case "midpointchord":
            guard placed.count == 2 else { return }
            line([p[0], p[1], placed[0]], open: [placed[0]])
            line([p[0], p[2], placed[1]], open: [placed[1]])
            line([placed[0], placed[1], p[3]])
            equal([(placed[0], p[3]), (p[3], placed[1])])
        default:
            break
        }
    }

    // MARK: The goal

    /// Highlights the objects the goal speaks about.
    mutating func addGoal(_ goal: Statement) {
        goalPoints = Set(goal.points)
        let p = goal.points.map(diagram.position(of:))
        switch goal.predicate {
        case .coll:
            line(p, .goal, open: p)
        case .cyclic:
            circle(circleThrough(p), .goal)
        case .circle:
            circle(center: p[0], through: p[1], .goal)
        case .perp, .nperp:
            goalLines(p[0], p[1], p[2], p[3], perpendicular: goal.predicate == .perp)
        case .para, .npara, .rconst:
            segment(p[0], p[1], .goal)
            segment(p[2], p[3], .goal)
        case .cong:
            segment(p[0], p[1], .goal)
            segment(p[2], p[3], .goal)
            equal([(p[0], p[1]), (p[2], p[3])], .goal)
        case .midp:
            line([p[1], p[2], p[0]], .goal)
            equal([(p[1], p[0]), (p[0], p[2])], .goal)
        case .eqangle, .eqangle6:
            let first = goalLines(p[0], p[1], p[2], p[3], perpendicular: false)
            let second = goalLines(p[4], p[5], p[6], p[7], perpendicular: false)
            let marks = [first, second].compactMap { $0 }
            if marks.count == 2 { equalAngles(marks, .goal) }
        case .aconst:
            if let angle = goalLines(p[0], p[1], p[2], p[3], perpendicular: false) { equalAngles([angle], .goal) }
        case .eqratio, .eqratio6:
            for k in stride(from: 0, to: 8, by: 2) { segment(p[k], p[k + 1], .goal) }
        case .eqratio3:
            // ma : mc = nb : nd.
            segment(p[4], p[0], .goal); segment(p[4], p[2], .goal)
            segment(p[5], p[1], .goal); segment(p[5], p[3], .goal)
        case .simtri, .simtri2, .contri, .contri2:
            polygon(Array(p[0..<3]), .goal)
            polygon(Array(p[3..<6]), .goal)
        case .ncoll:
            polygon(p, .goal)
        // No goal of these is drawn.
        case .sameside, .sameclock, .oppclock, .ncong, .diff, .simtriEither, .contriEither:
            break
        }
    }

    /// Highlights lines ab and cd, run on to where they meet when that is near the
    /// figure, with a right-angle mark there for perpendicular lines. Returns the angle
    /// from ab to cd at the meeting point (vertex, a point on each ray), if they meet.
    @discardableResult
    private mutating func goalLines(_ a: Vector2, _ b: Vector2, _ c: Vector2, _ d: Vector2,
                                    perpendicular isPerpendicular: Bool) -> (Vector2, Vector2, Vector2)? {
        guard let l = Line(through: a, b), let m = Line(through: c, d) else { return nil }
        let denominator = l.direction.cross(m.direction)
        let box = BoundingBox(diagram.positions)
        var vertex: Vector2?
        if abs(denominator) > 1e-9 {
            let t = (m.point - l.point).cross(m.direction) / denominator
            let meeting = l.point + l.direction * t
            if box.contains(meeting, margin: 0.25 * scale) { vertex = meeting }
        }
        guard let v = vertex else {
            segment(a, b, .goal)
            segment(c, d, .goal)
            return nil
        }
        line([a, b, v], .goal)
        line([c, d, v], .goal)
        // The rays from the vertex toward the farther point of each line.
        let onFirst = a.distance(to: v) >= b.distance(to: v) ? a : b
        let onSecond = c.distance(to: v) >= d.distance(to: v) ? c : d
        if isPerpendicular { rightAngle(at: v, onFirst - v, onSecond - v, .goal) }
        return (v, onFirst, onSecond)
    }

    /// The circle through the first three points that are not collinear.
    private func circleThrough(_ points: [Vector2]) -> Circle? {
        for i in points.indices {
            for j in points.indices where j > i {
                for k in points.indices where k > j {
                    if let c = Circle(through: points[i], points[j], points[k]) { return c }
                }
            }
        }
        return nil
    }
}
