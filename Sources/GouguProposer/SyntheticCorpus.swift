import Foundation
import GouguNeural

/// A synthetic corpus whose target is a fixed function of the problem: the auxiliary point
/// `x` is the midpoint of the first two points of the goal, rendered `x = midpoint x P Q`.
///
/// Problems start from a triangle, add 0–4 constructed points (random constructions from
/// the AlphaGeometry list, sometimes two per point, with random existing arguments), and end
/// with a random goal predicate. Point names are random lowercase letters other than `x`,
/// some with a digit. The statements are syntactically valid but not geometrically checked.
public enum SyntheticCorpus {
    /// (construction, number of existing-point arguments) used for new points.
    static let constructions: [(String, Int)] = [
        ("midpoint", 2), ("on_line", 2), ("on_circle", 2), ("mirror", 2), ("on_bline", 2),
        ("foot", 3), ("circumcenter", 3), ("orthocenter", 3), ("incenter", 3),
        ("on_tline", 3), ("on_pline", 3), ("reflect", 3),
    ]
    /// (predicate, number of point arguments) used for goals.
    static let goals: [(String, Int)] = [
        ("perp", 4), ("para", 4), ("cong", 4), ("coll", 3), ("cyclic", 4), ("midp", 3), ("eqangle", 8),
    ]

    /// One random example.
    public static func example(_ rng: inout SplitMix64) -> CorpusExample {
        var names: [String] = []
        func freshName() -> String {
            while true {
                let letters = Array("abcdefghijklmnopqrstuvw")
                var n = String(letters[rng.nextInt(below: letters.count)])
                if rng.nextInt(below: 4) == 0 { n += String(rng.nextInt(below: 10)) }
                if !names.contains(n) { return n }
            }
        }
        /// `count` distinct existing points.
        func pick(_ count: Int) -> [String] {
            var chosen: [String] = []
            while chosen.count < count {
                let n = names[rng.nextInt(below: names.count)]
                if !chosen.contains(n) { chosen.append(n) }
            }
            return chosen
        }
        for _ in 0..<3 { names.append(freshName()) }
        var clauses = ["\(names.joined(separator: " ")) = triangle \(names.joined(separator: " "))"]
        for _ in 0..<rng.nextInt(below: 5) {
            let p = freshName()
            var parts: [String] = []
            for _ in 0..<(rng.nextInt(below: 3) == 0 ? 2 : 1) {
                let (name, arity) = constructions[rng.nextInt(below: constructions.count)]
                parts.append(([name, p] + pick(arity)).joined(separator: " "))
            }
            clauses.append("\(p) = \(parts.joined(separator: ", "))")
            names.append(p)
        }
        let (goal, arity) = goals[rng.nextInt(below: goals.count)]
        var args = pick(2)  // the first two goal points are distinct
        for _ in 2..<arity { args.append(names[rng.nextInt(below: names.count)]) }
        let problem = clauses.joined(separator: "; ") + " ? " + ([goal] + args).joined(separator: " ")
        return CorpusExample(problem: problem, target: "x = midpoint x \(args[0]) \(args[1])")
    }

    /// `count` examples from `seed`.
    public static func generate(count: Int, seed: UInt64) -> [CorpusExample] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in example(&rng) }
    }
}
