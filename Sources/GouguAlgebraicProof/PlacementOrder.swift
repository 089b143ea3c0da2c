import GouguLanguage

/// The order in which a coordinate model places a problem's points, and the facts each
/// point is placed by.
///
/// The construction order, except for one rearrangement that keeps the coordinates small:
/// when three free points are followed by the centre of their circle (`circle o a b c`:
/// `cong o a o b, cong o b o c`, the centre's only facts), the centre comes first and the three points follow it on the
/// circle. The configurations are the same (any three points of a circle, and its
/// centre); in isotropic coordinates the circle becomes the unit circle, and a point on
/// it has coordinates of degree one in its parameter, where the centre of three free
/// points has coordinates of degree three over a denominator of degree two.
struct PlacementOrder {
    /// The points, first placed first.
    let points: [PointID]
    /// For each point (by index), the facts that constrain it: each fact goes to the
    /// newest point it mentions in the placement order.
    let facts: [[Statement]]

    /// The construction order, each fact given to the newest point it mentions.
    init(constructionOrderOf problem: Problem) {
        points = problem.points.indices.map { PointID($0) }
        facts = PlacementOrder.factsByPoint(problem.premises, order: points, count: problem.points.count)
    }

    /// The construction order with the centre of a circle through three free points
    /// first, when the problem has one; else the construction order.
    init(centreFirstIn problem: Problem) {
        let plain = PlacementOrder(constructionOrderOf: problem)
        guard let centre = PlacementOrder.circumcentreOfFreePoints(problem, facts: plain.facts) else {
            self = plain
            return
        }
        let head = [centre.centre] + centre.onCircle
        points = head + plain.points.filter { !head.contains($0) }
        // A fact's equations may now constrain different points (the circle's two
        // equations: one for each of its second and third points), so facts are split
        // into pieces of one equation each before they are given out.
        let pieces = problem.premises.flatMap(PlacementOrder.pieces)
        facts = PlacementOrder.factsByPoint(pieces, order: points, count: problem.points.count)
    }

    /// The first point `o` constrained only by facts `cong o a o b` that put it at equal
    /// distances from three free points (constrained by nothing), as `circle o a b c`
    /// does; with those points in the order the facts name them.
    private static func circumcentreOfFreePoints(_ problem: Problem, facts: [[Statement]]) -> (centre: PointID, onCircle: [PointID])? {
        for (index, constraints) in facts.enumerated() where constraints.count == 2 {
            let centre = PointID(index)
            var onCircle: [PointID] = []
            for fact in constraints {
                let p = fact.points
                guard fact.predicate == .cong, p.count == 4, p[0] == centre, p[2] == centre else { break }
                for q in [p[1], p[3]] where !onCircle.contains(q) { onCircle.append(q) }
            }
            guard onCircle.count == 3, !onCircle.contains(centre),
                  onCircle.allSatisfy({ facts[$0.index].isEmpty }) else { continue }
            return (centre, onCircle)
        }
        return nil
    }

    /// A fact as statements of one equation each, where it has several of the same kind:
    /// `circle o a b c` is `cong o a o b` and `cong o a o c`; `coll` and `cyclic` of
    /// more points are those of their first two or three with each further one.
    static func pieces(of fact: Statement) -> [Statement] {
        let p = fact.points.map(Argument.point)
        guard p.count == fact.arguments.count else { return [fact] }
        switch fact.predicate {
        case .circle where p.count == 4:
            return [Statement(predicate: .cong, arguments: [p[0], p[1], p[0], p[2]]),
                    Statement(predicate: .cong, arguments: [p[0], p[1], p[0], p[3]])]
        case .coll where p.count > 3:
            return p.dropFirst(2).map { Statement(predicate: .coll, arguments: [p[0], p[1], $0]) }
        case .cyclic where p.count > 4:
            return p.dropFirst(3).map { Statement(predicate: .cyclic, arguments: [p[0], p[1], p[2], $0]) }
        // These with no more points, and every other fact: the fact itself.
        case .circle, .coll, .cyclic,
             .para, .perp, .cong, .midp, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara,
             .nperp, .simtriEither, .contriEither:
            return [fact]
        }
    }

    private static func factsByPoint(_ statements: [Statement], order: [PointID], count: Int) -> [[Statement]] {
        var rank = [Int](repeating: 0, count: count)
        for (position, point) in order.enumerated() { rank[point.index] = position }
        var facts = [[Statement]](repeating: [], count: count)
        for fact in statements {
            guard let newest = fact.points.max(by: { rank[$0.index] < rank[$1.index] }) else { continue }
            facts[newest.index].append(fact)
        }
        return facts
    }
}
