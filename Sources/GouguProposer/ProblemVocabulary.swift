import GouguNeural

/// The neural proposer's vocabulary: the words of the problem language.
extension Tokenizer {
    /// The AlphaGeometry construction names (first word of each definition in defs.txt).
    public static let problemConstructions: [String] = [
        "angle_bisector", "angle_mirror", "circle", "circumcenter", "eq_quadrangle", "eq_trapezoid",
        "eq_triangle", "eqangle2", "eqdia_quadrangle", "eqdistance", "foot", "free", "incenter",
        "incenter2", "excenter", "excenter2", "centroid", "ninepoints", "intersection_cc",
        "intersection_lc", "intersection_ll", "intersection_lp", "intersection_lt", "intersection_pp",
        "intersection_tt", "iso_triangle", "lc_tangent", "midpoint", "mirror", "nsquare", "on_aline",
        "on_aline2", "on_bline", "on_circle", "on_line", "on_pline", "on_tline", "orthocenter",
        "parallelogram", "pentagon", "psquare", "quadrangle", "r_trapezoid", "r_triangle", "rectangle",
        "reflect", "risos", "s_angle", "segment", "shift", "square", "isquare", "trapezoid", "triangle",
        "triangle12", "2l1c", "e5128", "3peq", "trisect", "trisegment", "on_dia", "ieq_triangle",
        "on_opline", "cc_tangent0", "cc_tangent", "eqangle3", "tangent", "on_circum",
    ]

    /// Predicate names of goals.
    public static let problemPredicates: [String] = [
        "coll", "cyclic", "para", "perp", "cong", "eqangle", "eqratio", "midp", "simtri", "simtri2",
        "contri", "contri2", "circle", "aconst", "rconst",
    ]

    /// Largest integer literal with its own token.
    public static let maximumInteger = 127

    /// A tokenizer for the problem language, e.g.
    /// `a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c`:
    /// the punctuation `= , ; ?`, construction and predicate names (`names`), point names (a
    /// lowercase letter optionally followed by one digit: `a`, `b1`, `o2`, 26 x 11 fixed
    /// tokens) and the integers 0...`maximumInteger`, in that order after the special tokens.
    public static func problemLanguage(names: [String] = problemConstructions + problemPredicates) -> Tokenizer {
        var words = ["=", ",", ";", "?"]
        for name in names {
            precondition(!isPointName(name) && Int(name) == nil, "name '\(name)' collides with a point or integer")
            words.append(name)
        }
        for letter in "abcdefghijklmnopqrstuvwxyz" {
            words.append(String(letter))
            for digit in 0...9 { words.append("\(letter)\(digit)") }
        }
        for i in 0...maximumInteger { words.append(String(i)) }
        return Tokenizer(words: words)
    }

    /// Whether `word` is a point name of the proposer's vocabulary: one lowercase letter,
    /// then at most one digit.
    public static func isPointName(_ word: some StringProtocol) -> Bool {
        let s = Array(word.unicodeScalars)
        guard let first = s.first, s.count <= 2, ("a"..."z").contains(first) else { return false }
        return s.count == 1 || ("0"..."9").contains(s[1])
    }
}
