/// AlphaGeometry 2's questions: `acompute a b c d` asks for the angle from line cd to line
/// ab (the direction of ab minus the direction of cd, modulo 180°), `rcompute a b c d` for
/// the ratio ab : cd. The answer is a statement with the value (`answers(_:)`), proved like
/// any goal.
public struct Question: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case angle, ratio

        /// The predicate that asks it.
        public var predicate: String { self == .angle ? "acompute" : "rcompute" }
    }

    public let kind: Kind
    /// The two pairs of points: lines ab and cd, or segments ab and cd.
    public let points: [PointID]
    /// Where the question is written.
    public let location: SourceLocation

    public init(kind: Kind, points: [PointID], location: SourceLocation) {
        self.kind = kind
        self.points = points
        self.location = location
    }

    /// The statement that the value is `value`: for an angle in degrees, Gougu's
    /// `aconst c d a b t` (`para c d a b` for 0, `perp c d a b` for 90), t in [0, 180); for a
    /// ratio, `rconst a b c d r` (`cong a b c d` for 1). Nil for a ratio that is not positive.
    public func answer(_ value: (numerator: Int, denominator: Int)) -> Statement? {
        let (a, b, c, d) = (points[0], points[1], points[2], points[3])
        switch kind {
        case .angle:
            return PremiseLanguage.angle(from: (c, d), to: (a, b), degrees: value)
        case .ratio:
            guard value.denominator != 0, (value.numerator > 0) == (value.denominator > 0), value.numerator != 0 else { return nil }
            return PremiseLanguage.ratio(a, b, c, d, value)
        }
    }

    /// Whether `statement` states the value the question asks for, in the form `answer(_:)`
    /// writes: the same points in the same places.
    public func answers(_ statement: Statement) -> Bool {
        let (a, b, c, d) = (points[0], points[1], points[2], points[3])
        let p = statement.arguments.compactMap(\.point)
        let numbers = statement.arguments.compactMap(\.number)
        switch (kind, statement.predicate) {
        case (.angle, .para), (.angle, .perp): return (p == [c, d, a, b] || p == [a, b, c, d]) && numbers.isEmpty
        case (.angle, .aconst): return p == [c, d, a, b] && numbers.count == 1
        case (.ratio, .cong): return p == [a, b, c, d] && numbers.isEmpty
        case (.ratio, .rconst): return p == [a, b, c, d] && numbers.count == 1
        // Any other statement states no value of the question.
        default: return false
        }
    }

    /// The value an answer states, in words: "60°", "90°", "3/2".
    public static func valueText(of answer: Statement) -> String {
        switch answer.predicate {
        case .para: return "0°"
        case .perp: return "90°"
        case .cong: return "1"
        case .aconst: return (answer.arguments.last?.number.map(\.text) ?? "?") + "°"
        case .rconst: return answer.arguments.last?.number.map(\.text) ?? "?"
        case .coll, .cyclic, .midp, .circle, .eqangle, .eqangle6, .eqratio, .eqratio6, .eqratio3, .simtri, .simtri2,
             .contri, .contri2, .sameside, .sameclock, .oppclock, .ncong, .diff, .ncoll, .npara, .nperp,
             .simtriEither, .contriEither:
            // No answer states these; say what a number among the arguments is, if any.
            return answer.arguments.last?.number.map(\.text) ?? "?"
        }
    }
}

extension Problem {
    /// A statement written as proofs write them (`aconst c d a b 60`), over this problem's
    /// points; nil when a word is neither a point of the problem nor a number.
    public func statement(parsing text: String) -> Statement? {
        let words = text.split(separator: " ").map(String.init)
        guard let predicate = words.first.flatMap(Predicate.init(name:)) else { return nil }
        var arguments: [Argument] = []
        for word in words.dropFirst() {
            if let p = point(named: word) {
                arguments.append(.point(p))
            } else if let n = NumberLiteral(word) {
                arguments.append(.number(n))
            } else {
                return nil
            }
        }
        return Statement(predicate: predicate, arguments: arguments)
    }
}
