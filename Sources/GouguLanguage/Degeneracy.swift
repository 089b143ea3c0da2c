extension Statement {
    /// Whether the statement is degenerate: it names a line or segment through one point
    /// twice, or a figure its points are too few to determine, so that as a theorem's
    /// premise it says nothing the theorem can use (any three points are "concyclic").
    ///
    /// - `cyclic` with fewer than four distinct points;
    /// - `midp m a b` with two of m, a, b equal; `circle o a b c` with o among a, b, c or
    ///   a, b, c not distinct;
    /// - in `para`, `perp`, `cong`, `eqangle`, `eqratio` (and their variants), `eqratio3`,
    ///   `aconst`, `rconst`: a pair of a point with itself;
    /// - triangle predicates (`simtri`, `contri`, …) with a repeated vertex in a triangle.
    ///
    /// Repeated points are otherwise allowed: `coll x b c` with x = b (b is on line bc), the
    /// same segment on both sides of `cong` (the side two triangles share), the same angle
    /// twice. Side conditions (`ncoll`, `diff`, …) are read off the diagram.
    public var isDegenerate: Bool {
        // Hot: rule matching asks it of every premise that holds; no allocation here.
        func point(_ i: Int) -> Int? {
            guard i < arguments.count, case .point(let id) = arguments[i] else { return nil }
            return id.index
        }
        /// Whether the arguments at `i` and `j` are two different points.
        func segment(_ i: Int, _ j: Int) -> Bool {
            guard let a = point(i), let b = point(j) else { return false }
            return a != b
        }
        /// How many distinct points the arguments in `range` name.
        func distinctPoints(_ range: Range<Int>) -> Int {
            var count = 0
            for i in range where point(i) != nil && !(range.lowerBound..<i).contains(where: { point($0) == point(i) }) {
                count += 1
            }
            return count
        }
        switch predicate {
        case .cyclic, .circle: return distinctPoints(arguments.indices) < 4
        case .midp: return distinctPoints(arguments.indices) < 3
        case .para, .perp, .cong, .aconst, .rconst: return !(segment(0, 1) && segment(2, 3))
        case .eqangle, .eqangle6, .eqratio, .eqratio6: return !(segment(0, 1) && segment(2, 3) && segment(4, 5) && segment(6, 7))
        case .eqratio3:
            // ma : mc = nb : nd for arguments a b c d m n.
            return !(segment(4, 0) && segment(4, 2) && segment(5, 1) && segment(5, 3))
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither:
            return arguments.count < 6 || distinctPoints(0..<3) < 3 || distinctPoints(3..<6) < 3
        case .coll:
            // Repeated points are allowed: x on line bc with x = b.
            return false
        case .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp:
            // Side conditions: the diagram decides them.
            return false
        }
    }
}

extension Statement {
    /// What a degenerate statement lacks, for a diagnostic (nil when it is not degenerate):
    /// "two distinct points on each line or segment", say.
    public var degeneracyReason: String? {
        guard isDegenerate else { return nil }
        switch predicate {
        case .cyclic: return "it names fewer than four distinct points (any three points lie on a circle)"
        case .circle: return "it needs a centre and three distinct points other than the centre"
        case .midp: return "it needs three distinct points (a midpoint and the two ends of a segment)"
        case .simtri, .simtri2, .contri, .contri2, .simtriEither, .contriEither: return "each triangle needs three distinct vertices"
        case .para, .perp, .cong, .aconst, .rconst, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3,
             .coll, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp:
            return "a line or segment through one point twice has no direction or length; each pair must be two distinct points"
        }
    }
}
