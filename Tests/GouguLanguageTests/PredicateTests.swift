import Testing
@testable import GouguLanguage
import GouguTheoremLibrary

/// `Predicate` and the theorem library's `predicates.txt` name the same predicates, with
/// the same parameters: the file documents them, the enum gives them their meaning in code.
@Suite struct PredicateTests {
    /// Each `predicate NAME PARAMETERS [...]` line of `predicates.txt`, as written.
    static let declarations: [(name: String, parameters: [String])] = TheoremLibraryFiles.predicates
        .split(separator: "\n")
        .filter { $0.hasPrefix("predicate ") }
        .map { line in
            let words = line.split(separator: " ").map(String.init)
            return (words[1], Array(words.dropFirst(2)))
        }

    @Test func everyPredicateOfTheLibraryFileHasACase() {
        #expect(Self.declarations.count >= 28)
        for declaration in Self.declarations {
            #expect(Predicate(name: declaration.name) != nil, "no case for '\(declaration.name)' of predicates.txt")
        }
    }

    @Test func everyCaseIsDeclaredInTheLibraryFile() {
        let declared = Set(Self.declarations.map(\.name))
        for predicate in Predicate.allCases {
            #expect(declared.contains(predicate.name), "'\(predicate.name)' is not declared in predicates.txt")
        }
        #expect(Self.declarations.count == Predicate.allCases.count, "a predicate declared twice")
    }

    @Test func everyCaseTakesTheParametersTheLibraryFileDeclares() throws {
        for declaration in Self.declarations {
            let predicate = try #require(Predicate(name: declaration.name))
            let variadic = declaration.parameters.last == "..."
            #expect(variadic == predicate.isVariadic, "\(predicate)")
            let count = declaration.parameters.count - (variadic ? 1 : 0)
            #expect(count == predicate.pointCount + predicate.numberCount, "\(predicate)")
            let definition = try #require(TheoremLibrary.standard.predicates[declaration.name])
            #expect(definition.predicate == predicate)
            #expect(definition.numberParameters.count == predicate.numberCount, "\(predicate)")
            #expect(definition.matchesPredicate, "\(predicate)")
        }
    }

    @Test func theNameIsTheExternalSpelling() {
        for predicate in Predicate.allCases {
            #expect(Predicate(name: predicate.name) == predicate)
            #expect("\(predicate)" == predicate.name)
        }
        #expect(Predicate.simtriEither.name == "simtri*")
        #expect(Predicate.contriEither.name == "contri*")
        #expect(Predicate(name: "parallel") == nil)
    }

    @Test func sideConditionsAreTheNegationsAndOrientations() {
        let sideConditions = Set(Predicate.allCases.filter(\.isSideCondition).map(\.name))
        #expect(sideConditions == ["ncoll", "npara", "nperp", "ncong", "diff", "sameside", "sameclock", "oppclock"])
    }

    @Test func trianglePredicatesSayTheirOrientation() {
        #expect(Predicate.simtri.triangleOrientation == .same && !Predicate.simtri.isCongruentTriangles)
        #expect(Predicate.contri2.triangleOrientation == .opposite && Predicate.contri2.isCongruentTriangles)
        #expect(Predicate.simtriEither.triangleOrientation == .either)
        #expect(Predicate.cong.triangleOrientation == nil && !Predicate.cong.isCongruentTriangles)
    }

    @Test func aLibraryDeclaringAPredicateWithoutACaseIsRejectedWithItsLocation() {
        #expect(throws: Diagnostic.self) {
            try TheoremLibrary(predicatesText: "predicate coll a b c ...\n\npredicate frob a b\n", predicatesFile: "p.txt",
                               constructionsText: "", constructionsFile: "c.txt")
        }
        do {
            _ = try TheoremLibrary(predicatesText: "predicate frob a b\n", predicatesFile: "p.txt",
                                   constructionsText: "", constructionsFile: "c.txt")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.location == SourceLocation(file: "p.txt", line: 1, column: 1))
            #expect(diagnostic.message.hasPrefix("predicate 'frob' has no meaning in Gougu"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aLibraryDeclaringOtherParametersIsRejected() {
        #expect(throws: Diagnostic("predicate 'perp' takes 4 points", at: SourceLocation(file: "p.txt", line: 1, column: 1))) {
            try TheoremLibrary(predicatesText: "predicate perp a b c\n", predicatesFile: "p.txt",
                               constructionsText: "", constructionsFile: "c.txt")
        }
        #expect(throws: Diagnostic("predicate 'aconst' takes 4 points then 1 number", at: SourceLocation(file: "p.txt", line: 1, column: 1))) {
            try TheoremLibrary(predicatesText: "predicate aconst a b c d t\n", predicatesFile: "p.txt",
                               constructionsText: "", constructionsFile: "c.txt")
        }
    }
}
