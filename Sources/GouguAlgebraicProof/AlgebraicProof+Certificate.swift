import GouguCoordinateCheck
import GouguGeometry
import GouguLanguage
import GouguPolynomials

extension AlgebraicProof {
    /// The proof as a certificate (`gougu-coordinates/1`) that `CoordinateChecker` checks
    /// without this prover: the coordinates in full, the variables with their values in
    /// `diagram` (the diagram the proof was found on) and relations, the facts not assumed,
    /// the non-degeneracy conditions and the goal.
    public func certificate(on diagram: Diagram) -> CoordinateCertificate {
        let problem = model.problem
        var start = 0
        let placements = model.placements.map { placement -> CoordinateCertificate.Placement in
            let introduced = model.variables[start..<placement.variableCount].map {
                CoordinateCertificate.Variable(name: $0.name, value: $0.value, relation: $0.relation)
            }
            start = placement.variableCount
            return CoordinateCertificate.Placement(point: problem.name(of: placement.point), how: placement.method,
                                                   from: placement.facts.map(problem.text(of:)), variables: Array(introduced),
                                                   x: placement.x, y: placement.y)
        }
        return CoordinateCertificate(
            problemName: problem.name, problem: problem.writtenText, seed: diagram.seed,
            configuration: diagram.configuration == .seeded ? nil : diagram.configuration.flips,
            system: model.system, placements: placements, notAssumed: notAssumed,
            conditions: model.conditions.map { CoordinateCertificate.Condition(polynomial: $0.polynomial, reason: $0.reason) },
            goal: problem.text(of: goal), goalNumeratorTerms: goalTerms)
    }

    /// The facts the model does not assume, each as a premise of the problem and, for a
    /// piece of one (`cong o a o c` of `circle o a b c`), the number of its equation.
    private var notAssumed: [CoordinateCertificate.NotAssumed] {
        let problem = model.problem
        let premises = problem.premises
        var entries: [CoordinateCertificate.NotAssumed] = []
        for fact in model.unusedFacts {
            if premises.contains(fact) {
                entries.append(.init(fact: problem.text(of: fact)))
            } else if let whole = premises.first(where: { PlacementOrder.pieces(of: $0).contains(fact) }),
                      let index = PlacementOrder.pieces(of: whole).firstIndex(of: fact) {
                entries.append(.init(fact: problem.text(of: whole), equations: [index + 1]))
            }
        }
        return entries
    }
}
