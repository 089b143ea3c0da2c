import Foundation
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof

/// A goal proved by identifying a point of the statement with the point of another
/// construction (`Restatement`): engine runs on the restated problem for the goal and for
/// every fact of the point's stated clause.
public struct IdentifiedProof: Sendable {
    public let restatement: Restatement
    /// The statement's diagram, as a diagram of the restated problem.
    public let diagram: Diagram
    /// The run proving the goal in the restated problem.
    public let result: EngineResult
    /// For each obligation, in order: the restated problem with it as the goal, and the run
    /// proving it.
    public let facts: [(problem: Problem, result: EngineResult)]

    /// The proof: the goal in the restated problem, with the proofs of the obligations;
    /// nil when one of them needs an auxiliary construction. (A point of the statement
    /// that the restated point no longer depends on, and that nothing the goal names is
    /// built on, is one: the checker accepts no auxiliary construction in these proofs.)
    public var proof: Proof? {
        guard var proof = Proof(result: result, problem: restatement.problem), proof.auxiliaryConstructions.isEmpty else { return nil }
        var factProofs: [Proof] = []
        for fact in facts {
            guard let p = Proof(result: fact.result, problem: fact.problem), p.auxiliaryConstructions.isEmpty else { return nil }
            factProofs.append(p)
        }
        proof.identification = Proof.Identification(point: restatement.original.name(of: restatement.point),
                                                     statedClause: restatement.statedClause, clause: restatement.clause,
                                                     facts: factProofs)
        return proof
    }
}

/// Proof by identification ("double points", as in AlphaGeometry 2).
///
/// A proposed construction whose new point lands exactly on a point `o` of the statement
/// that its clause pins down (where two loci cross), built from points defined before `o`,
/// suggests restating the problem with `o` defined by that construction. If the engine
/// proves, in the restated problem, every fact the stated clause asserts about `o` and the
/// goal, the goal holds for the statement: the two constructions give one point.
public struct PointIdentifier: Sendable {
    public var engine: Engine

    public init(engine: Engine = Engine()) {
        self.engine = engine
    }

    /// The restatements `constructions` suggest for `diagram`'s problem, in their order:
    /// each construction's new point renamed to the point of the statement it lands on, when
    /// that point's clause pins it down (`DiagramBuilder.pinsDown`) and the restated problem
    /// holds on the diagram. Constructions creating more than one point are skipped.
    public func candidates(for diagram: Diagram, constructions: [(point: PointID, proposal: Proposal)]) -> [Restatement] {
        let problem = diagram.problem
        let builder = DiagramBuilder()
        var pinned: [PointID: Bool] = [:]
        var found: [Restatement] = []
        var seen = Set<String>()
        for (point, proposal) in constructions {
            guard let (name, clause) = Self.split(proposal.clause) else { continue }
            if pinned[point] == nil { pinned[point] = builder.pinsDown(point, in: diagram) }
            guard pinned[point] == true,
                  let restatement = try? Restatement(problem, point: point, clause: Self.renaming(name, to: problem.name(of: point), in: clause)),
                  seen.insert(restatement.clause).inserted,
                  diagram.restated(as: restatement.problem) != nil else { continue }
            found.append(restatement)
        }
        return found
    }

    /// Whether the restated clause asserts something about its point that `closure` (the
    /// saturated closure of the problem as stated) does not know. When it asserts nothing
    /// new, the restated problem's premises all lie in that closure, so its own closure does
    /// too (deduction is monotone), and it cannot prove a goal the stated problem's
    /// deduction did not: the restatement is not worth an engine run.
    public static func assertsSomethingNew(_ restatement: Restatement, beyond closure: inout FactStore) -> Bool {
        guard let clause = restatement.problem.clauses.first(where: { $0.points == [restatement.point] }) else { return true }
        return clause.constructions.flatMap(\.facts).contains { !closure.isKnown($0) }
    }

    /// The proof by `restatement` when the engine proves, in the restated problem, the goal
    /// and then every obligation (continuing from the goal's closure); nil otherwise.
    public func prove(_ restatement: Restatement, on diagram: Diagram, budget: Budget) -> IdentifiedProof? {
        guard let restated = diagram.restated(as: restatement.problem) else { return nil }
        let result = engine.run(restated, budget: budget)
        guard result.proved else { return nil }
        var facts: [(problem: Problem, result: EngineResult)] = []
        for obligation in restatement.obligations {
            guard let target = try? restatement.problem(proving: obligation),
                  let drawn = diagram.restated(as: target) else { return nil }
            let run = engine.run(continuing: result.store, on: drawn, budget: budget)
            guard run.proved else { return nil }
            facts.append((target, run))
        }
        let identified = IdentifiedProof(restatement: restatement, diagram: restated, result: result, facts: facts)
        return identified.proof == nil ? nil : identified
    }

    /// `x1 = circle x1 p a b` as its one new point and the whole clause; nil for a clause
    /// creating several points.
    static func split(_ clause: String) -> (String, String)? {
        guard let equals = clause.firstIndex(of: "=") else { return nil }
        let names = clause[..<equals].split(separator: " ")
        guard names.count == 1 else { return nil }
        return (String(names[0]), clause)
    }

    /// The clause with every whole-word occurrence of `old` replaced by `new`.
    static func renaming(_ old: String, to new: String, in clause: String) -> String {
        var words: [String] = []
        var current = ""
        for character in clause {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else {
                words.append(current == old ? new : current)
                current = ""
                words.append(String(character))
            }
        }
        words.append(current == old ? new : current)
        return words.joined()
    }
}
