import Testing
@testable import GouguLanguage

@Suite struct RuleLibraryTests {
    let library = TheoremLibrary.standard

    @Test func theStandardLibraryHasTheReferenceRules() {
        #expect(library.rules.count >= 43)
        #expect(Set(library.rules.map(\.name)).count == library.rules.count)
    }

    @Test func sideConditionsAreSeparatedFromFactPremises() throws {
        let rule = try #require(library.rules.first { $0.name == "perpendiculars_to_one_line_are_parallel" })
        #expect(rule.factPremises.map(\.description) == ["perp a b c d", "perp c d e f"])
        #expect(rule.sideConditions.map(\.description) == ["ncoll a b e"])
        #expect(rule.conclusion.description == "para a b e f")
        #expect(rule.variables == ["a", "b", "c", "d", "e", "f"])
    }

    @Test func everyRuleHasAFactPremiseAndDocumentation() {
        for rule in library.rules {
            #expect(!rule.factPremises.isEmpty, "\(rule.name)")
            #expect(!rule.documentation.isEmpty, "\(rule.name)")
        }
    }

    /// Directed angles mod 180 degrees cannot tell an angle from its supplement: a triangle
    /// rule that does not match two angles must know the orientations (IMO 2009 P2 was
    /// "proved" wrongly by side-angle-side without them).
    @Test func triangleRulesWithoutTwoAnglesCarryAnOrientationCondition() {
        for rule in library.rules where ["contri", "contri2", "simtri", "simtri2", "contri*", "simtri*"].contains(rule.conclusion.predicate.name) {
            let angles = rule.premises.filter { $0.predicate.name.hasPrefix("eqangle") }.count
            let oriented = rule.premises.contains { $0.predicate == .sameclock || $0.predicate == .oppclock }
            #expect(angles >= 2 || oriented, "\(rule.name)")
            #expect(!rule.conclusion.predicate.name.hasSuffix("*"), "\(rule.name) leaves the orientation to the diagram")
        }
    }

    func rules(_ text: String) throws -> [RuleDefinition] {
        try TheoremLibrary.rules(from: text, file: "r.txt", predicates: library.predicates)
    }

    @Test func aConclusionVariableMustOccurInAPremise() {
        #expect(throws: Diagnostic("variable 'z' of the conclusion occurs in no premise", at: SourceLocation(file: "r.txt", line: 3, column: 9))) {
            try rules("rule bad\n  if    para a b c d\n  then  para a b c z\n")
        }
    }

    @Test func aRuleNeedsExactlyOneConclusion() {
        #expect(throws: Diagnostic.self) { try rules("rule bad\n  if    para a b c d\n  then  para a b c d, para c d a b\n") }
        #expect(throws: Diagnostic.self) { try rules("rule bad\n  if    para a b c d\n") }
    }

    @Test func anUnknownPredicateInARuleIsNamed() {
        #expect(throws: Diagnostic("unknown predicate 'parallel'", at: SourceLocation(file: "r.txt", line: 2, column: 9))) {
            try rules("rule bad\n  if    parallel a b c d\n  then  para a b c d\n")
        }
    }
}
