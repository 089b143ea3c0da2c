import Testing
@testable import GouguGeometry
import GouguLanguage

/// Every construction of the library, built on small problems over several seeds: each
/// diagram must satisfy every fact the construction asserts.
@Suite struct ConstructionTests {
    /// One small problem per construction: the construction under test is the last clause.
    static let examples: [String: String] = [
        "free": "a = free a",
        "segment": "a b = segment a b",
        "triangle": "a b c = triangle a b c",
        "quadrangle": "a b c d = quadrangle a b c d",
        "pentagon": "a b c d e = pentagon a b c d e",
        "iso_triangle": "a b c = iso_triangle a b c",
        "r_triangle": "a b c = r_triangle a b c",
        "risos": "a b c = risos a b c",
        "ieq_triangle": "a b c = ieq_triangle a b c",
        "triangle12": "a b c = triangle12 a b c",
        "trapezoid": "a b c d = trapezoid a b c d",
        "r_trapezoid": "a b c d = r_trapezoid a b c d",
        "eq_trapezoid": "a b c d = eq_trapezoid a b c d",
        "eq_quadrangle": "a b c d = eq_quadrangle a b c d",
        "eqdia_quadrangle": "a b c d = eqdia_quadrangle a b c d",
        "rectangle": "a b c d = rectangle a b c d",
        "isquare": "a b c d = isquare a b c d",
        "on_line": "a b = segment a b; x = on_line x a b",
        "on_opline": "a b = segment a b; x = on_opline x a b",
        "on_pline": "a b c = triangle a b c; x = on_pline x a b c",
        "on_tline": "a b c = triangle a b c; x = on_tline x a b c",
        "on_bline": "a b = segment a b; x = on_bline x a b",
        "on_circle": "o a = segment o a; x = on_circle x o a",
        "on_circum": "a b c = triangle a b c; x = on_circum x a b c",
        "on_dia": "a b = segment a b; x = on_dia x a b",
        "eqdistance": "a b c = triangle a b c; x = eqdistance x a b c",
        "lc_tangent": "a o = segment a o; x = lc_tangent x a o",
        "angle_bisector": "a b c = triangle a b c; x = angle_bisector x a b c",
        "angle_mirror": "a b c = triangle a b c; x = angle_mirror x a b c",
        "on_aline": "a b c d e = pentagon a b c d e; x = on_aline x a b c d e",
        "on_aline2": "a b c d e = pentagon a b c d e; x = on_aline2 x a b c d e",
        "eqangle3": "a b d e f = pentagon a b d e f; x = eqangle3 x a b d e f",
        "s_angle": "a b = segment a b; x = s_angle a b x 40",
        "intersection_ll": "a b c d = quadrangle a b c d; x = intersection_ll x a b c d",
        "intersection_lp": "a b c m n = pentagon a b c m n; x = intersection_lp x a b c m n",
        "intersection_lt": "a b c d e = pentagon a b c d e; x = intersection_lt x a b c d e",
        "intersection_pp": "a b c d e f = pentagon a b c d e, free f; x = intersection_pp x a b c d e f",
        "intersection_tt": "a b c d e f = pentagon a b c d e, free f; x = intersection_tt x a b c d e f",
        "intersection_lc": "a o b = triangle a o b; x = intersection_lc x a o b",
        "intersection_cc": "o w a = triangle o w a; x = intersection_cc x o w a",
        "foot": "a b c = triangle a b c; x = foot x a b c",
        "midpoint": "a b = segment a b; x = midpoint x a b",
        "mirror": "a b = segment a b; x = mirror x a b",
        "reflect": "a b c = triangle a b c; x = reflect x a b c",
        "circle": "a b c = triangle a b c; x = circle x a b c",
        "circumcenter": "a b c = triangle a b c; x = circumcenter x a b c",
        "orthocenter": "a b c = triangle a b c; x = orthocenter x a b c",
        "incenter": "a b c = triangle a b c; x = incenter x a b c",
        "excenter": "a b c = triangle a b c; x = excenter x a b c",
        "parallelogram": "a b c = triangle a b c; x = parallelogram a b c x",
        "shift": "b c d = triangle b c d; x = shift x b c d",
        "psquare": "a b = segment a b; x = psquare x a b",
        "nsquare": "a b = segment a b; x = nsquare x a b",
        "eq_triangle": "b c = segment b c; x = eq_triangle x b c",
        "eqangle2": "a b c = triangle a b c; x = eqangle2 x a b c",
        "square": "a b = segment a b; x y = square a b x y",
        "incenter2": "a b c = triangle a b c; x y z i = incenter2 x y z i a b c",
        "excenter2": "a b c = triangle a b c; x y z i = excenter2 x y z i a b c",
        "centroid": "a b c = triangle a b c; x y z i = centroid x y z i a b c",
        "ninepoints": "a b c = triangle a b c; x y z i = ninepoints x y z i a b c",
        "trisegment": "a b = segment a b; x y = trisegment x y a b",
        "trisect": "a b c = triangle a b c; x y = trisect x y a b c",
        "tangent": "o b = segment o b; a = free a; x y = tangent x y a o b",
        "cc_tangent0": "o a = segment o a; w b = segment w b; x y = cc_tangent0 x y o a w b",
        "cc_tangent": "o a = segment o a; w b = segment w b; x y z i = cc_tangent x y z i o a w b",
        "2l1c": "o a = segment o a; b = on_circle b o a; c = free c; x y z i = 2l1c x y z i a b c o",
        "e5128": "c b = segment c b; d = on_circle d c b; a = on_tline a b b c; x y = e5128 x y a b c d",
        "3peq": "a b c = triangle a b c; x y z = 3peq x y z a b c",
        "between": "c a b = between c a b",
        "between_bound": "a b = segment a b; x = between_bound x a b",
        "acute_triangle": "a b c = acute_triangle a b c",
        "iso_trapezoid": "a b c d = iso_trapezoid a b c d",
        "iso_trapezoid2": "a b c = triangle a b c; x = iso_trapezoid2 x a b c",
        "eqratio6": "a c e f g = pentagon a c e f g; h = free h; x = eqratio6 x a c e f g h",
    ]

    @Test func everyConstructionOfTheLibraryHasAnExample() {
        let missing = Set(TheoremLibrary.standard.constructions.keys).subtracting(Self.examples.keys)
        #expect(missing.isEmpty, "no example for \(missing.sorted())")
    }

    @Test(arguments: examples.keys.sorted())
    func constructionSatisfiesItsFactsOnTenDiagrams(name: String) throws {
        let problem = try ProblemParser().parseProblem(name: name, statement: Self.examples[name]!)
        #expect(problem.clauses.last?.constructions.map(\.definition.name) == [name])
        let facts = problem.clauses.last!.constructions[0].facts
        for seed in UInt64(0)..<10 {
            let diagram = try DiagramBuilder().build(problem, seed: seed)
            for fact in facts {
                #expect(diagram.holds(fact), "\(problem.text(of: fact)) fails for seed \(seed)")
            }
            #expect(diagram.failedPremises.isEmpty)
        }
    }

    @Test func everyPlacementMethodOfTheLibraryExists() {
        for definition in TheoremLibrary.standard.constructions.values {
            for step in definition.placements {
                for term in step.terms {
                    let method = PlacementMethod.named(term.method)
                    #expect(method != nil, "\(definition.name) uses unknown method \(term.method)")
                    if let method {
                        #expect(method.pointArity + method.numberArity == term.arguments.count, "\(definition.name): \(term)")
                        #expect(method.producedPoints == 0 || method.producedPoints == step.points.count || step.terms.count > 1,
                                "\(definition.name): \(term) fixes \(method.producedPoints) points")
                    }
                }
            }
        }
    }

    @Test func everyPredicateOfTheLibraryHasANumericMeaning() {
        // `NumericFacts.holds` switches over every `Predicate`; the library declares each.
        #expect(Set(TheoremLibrary.standard.predicates.values.map(\.predicate)) == Set(Predicate.allCases))
    }
}
