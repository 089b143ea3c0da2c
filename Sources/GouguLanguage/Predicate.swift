/// A predicate of the problem language: what a statement says about its points.
///
/// One case per predicate of the theorem library (`TheoremLibrary/predicates.txt`, which
/// declares each one's parameters and meaning); the library is checked against these
/// cases when it loads (`TheoremLibrary.init`), and a test keeps the two lists in step.
/// Code that gives predicates a meaning (the numeric checks, the algebraic tables, the
/// checker's tables) switches over this type exhaustively, so a predicate added here is a
/// compile error wherever its meaning is still missing.
///
/// `name` is the external spelling (`perp`, `simtri*`): problems, rules, proof texts and
/// JSON use it, and `description` prints it. In memory a predicate is a small integer, so
/// statements compare and hash cheaply.
public enum Predicate: CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// `coll a b c ...`: the points lie on one line.
    case coll
    /// `cyclic a b c d ...`: the points lie on one circle.
    case cyclic
    /// `para a b c d`: line ab is parallel to line cd.
    case para
    /// `perp a b c d`: line ab is perpendicular to line cd.
    case perp
    /// `cong a b c d`: segment ab has the same length as segment cd.
    case cong
    /// `midp m a b`: m is the midpoint of ab.
    case midp
    /// `circle o a b c`: o is the centre of the circle through a, b, c.
    case circle
    /// `eqangle a b c d p q r s`: the angle from ab to cd equals the angle from pq to rs
    /// (directed, modulo 180 degrees).
    case eqangle
    /// `eqangle6 ...`: the same as `eqangle` (the name the reference rules use where points
    /// may repeat).
    case eqangle6
    /// `eqratio a b c d p q r s`: ab : cd = pq : rs.
    case eqratio
    /// `eqratio6 ...`: the same as `eqratio` (the name the reference rules use where points
    /// may repeat).
    case eqratio6
    /// `eqratio3 a b c d m n`: ma : mc = nb : nd, for m on line ac and n on line bd
    /// (Thales' ratios).
    case eqratio3
    /// `simtri a b c p q r`: triangles abc and pqr are similar with the same orientation.
    case simtri
    /// `simtri2 a b c p q r`: triangles abc and pqr are similar with opposite orientations.
    case simtri2
    /// `contri a b c p q r`: triangles abc and pqr are congruent with the same orientation.
    case contri
    /// `contri2 a b c p q r`: triangles abc and pqr are congruent with opposite orientations.
    case contri2
    /// `aconst a b c d t`: the angle from ab to cd is t degrees (or a fraction of pi).
    case aconst
    /// `rconst a b c d r`: ab : cd = r, a positive rational.
    case rconst
    /// `sameside a b c x y z`: a lies between b and c exactly when x lies between y and z
    /// (a side condition, read off the diagram).
    case sameside
    /// `sameclock a b c p q r`: triangles abc and pqr have the same orientation (a side
    /// condition).
    case sameclock
    /// `oppclock a b c p q r`: triangles abc and pqr have opposite orientations (a side
    /// condition).
    case oppclock
    /// `ncong a b c d`: segments ab and cd have different lengths (a side condition).
    case ncong
    /// `diff a b`: a and b are distinct points (a side condition).
    case diff
    /// `ncoll a b c ...`: the points do not all lie on one line (a side condition).
    case ncoll
    /// `npara a b c d`: line ab is not parallel to line cd (a side condition).
    case npara
    /// `nperp a b c d`: line ab is not perpendicular to line cd (a side condition).
    case nperp
    /// `simtri* a b c p q r`: triangles abc and pqr are similar, with either orientation.
    case simtriEither
    /// `contri* a b c p q r`: triangles abc and pqr are congruent, with either orientation.
    case contriEither

    /// The name problems, rules and proofs write (`perp`, `simtri*`).
    public var name: String {
        switch self {
        case .coll: "coll"
        case .cyclic: "cyclic"
        case .para: "para"
        case .perp: "perp"
        case .cong: "cong"
        case .midp: "midp"
        case .circle: "circle"
        case .eqangle: "eqangle"
        case .eqangle6: "eqangle6"
        case .eqratio: "eqratio"
        case .eqratio6: "eqratio6"
        case .eqratio3: "eqratio3"
        case .simtri: "simtri"
        case .simtri2: "simtri2"
        case .contri: "contri"
        case .contri2: "contri2"
        case .aconst: "aconst"
        case .rconst: "rconst"
        case .sameside: "sameside"
        case .sameclock: "sameclock"
        case .oppclock: "oppclock"
        case .ncong: "ncong"
        case .diff: "diff"
        case .ncoll: "ncoll"
        case .npara: "npara"
        case .nperp: "nperp"
        case .simtriEither: "simtri*"
        case .contriEither: "contri*"
        }
    }

    public var description: String { name }

    /// The predicate written `name`, if there is one.
    public init?(name: some StringProtocol) {
        guard let predicate = Self.byName[String(name)] else { return nil }
        self = predicate
    }

    private static let byName: [String: Predicate] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// How many points a statement of the predicate names (the least number, for a variadic
    /// one), before its numbers.
    public var pointCount: Int {
        switch self {
        case .diff: 2
        case .coll, .ncoll, .midp: 3
        case .cyclic, .para, .perp, .cong, .circle, .aconst, .rconst, .ncong, .npara, .nperp: 4
        case .eqratio3, .simtri, .simtri2, .contri, .contri2, .sameside, .sameclock, .oppclock,
             .simtriEither, .contriEither: 6
        case .eqangle, .eqangle6, .eqratio, .eqratio6: 8
        }
    }

    /// Whether the last point may repeat (`coll a b c d` is as valid as `coll a b c`).
    public var isVariadic: Bool {
        switch self {
        case .coll, .cyclic, .ncoll: true
        case .para, .perp, .cong, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3,
             .simtri, .simtri2, .contri, .contri2, .aconst, .rconst, .sameside, .sameclock, .oppclock,
             .ncong, .diff, .npara, .nperp, .simtriEither, .contriEither: false
        }
    }

    /// How many numbers follow the points: the angle of `aconst`, the ratio of `rconst`.
    public var numberCount: Int {
        switch self {
        case .aconst, .rconst: 1
        case .coll, .cyclic, .para, .perp, .cong, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6,
             .eqratio3, .simtri, .simtri2, .contri, .contri2, .sameside, .sameclock, .oppclock, .ncong,
             .diff, .ncoll, .npara, .nperp, .simtriEither, .contriEither: 0
        }
    }

    /// Whether the predicate is a side condition: checked on the diagram, never derived
    /// (a rule's premises of these predicates are read off the figure).
    public var isSideCondition: Bool {
        switch self {
        case .ncoll, .npara, .nperp, .ncong, .diff, .sameside, .sameclock, .oppclock: true
        case .coll, .cyclic, .para, .perp, .cong, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6,
             .eqratio3, .simtri, .simtri2, .contri, .contri2, .aconst, .rconst, .simtriEither, .contriEither: false
        }
    }

    /// How the orientations of two triangles compare.
    public enum Orientation: Hashable, Sendable {
        /// Both counterclockwise, or both clockwise.
        case same
        /// One counterclockwise and the other clockwise (a reflection).
        case opposite
        /// Either: the statement does not say (the diagram tells which).
        case either
    }

    /// For a predicate of two triangles abc and pqr, similar or congruent: the orientation
    /// it states. Nil for the others.
    public var triangleOrientation: Orientation? {
        switch self {
        case .simtri, .contri: .same
        case .simtri2, .contri2: .opposite
        case .simtriEither, .contriEither: .either
        case .coll, .cyclic, .para, .perp, .cong, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6,
             .eqratio3, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp: nil
        }
    }

    /// Whether the predicate states two triangles similar or congruent (`simtri`, `contri`
    /// and their variants).
    public var isTriangles: Bool { triangleOrientation != nil }

    /// Whether the predicate states two triangles congruent (`contri`, `contri2`, `contri*`),
    /// not only similar.
    public var isCongruentTriangles: Bool {
        switch self {
        case .contri, .contri2, .contriEither: true
        case .coll, .cyclic, .para, .perp, .cong, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6,
             .eqratio3, .simtri, .simtri2, .aconst, .rconst, .sameside, .sameclock, .oppclock, .ncong, .diff,
             .ncoll, .npara, .nperp, .simtriEither: false
        }
    }
}
