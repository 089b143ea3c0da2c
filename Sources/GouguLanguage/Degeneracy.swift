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
        let p = points.map(\.index)
        func pairsAreSegments(_ pairs: [(Int, Int)]) -> Bool { pairs.allSatisfy { $0.1 < p.count && p[$0.0] != p[$0.1] } }
        switch predicate {
        case "cyclic", "circle": return Set(p).count < 4
        case "midp": return Set(p).count < 3
        case "para", "perp", "cong", "aconst", "rconst": return !pairsAreSegments([(0, 1), (2, 3)])
        case "eqangle", "eqangle6", "eqratio", "eqratio6": return !pairsAreSegments([(0, 1), (2, 3), (4, 5), (6, 7)])
        case "eqratio3":
            // ma : mc = nb : nd for arguments a b c d m n.
            return !pairsAreSegments([(4, 0), (4, 2), (5, 1), (5, 3)])
        case "simtri", "simtri2", "contri", "contri2", "simtri*", "contri*":
            return p.count < 6 || Set(p[0..<3]).count < 3 || Set(p[3..<6]).count < 3
        default: return false
        }
    }
}
