import Testing
@testable import GouguLanguage
import GouguTheoremLibrary
import GouguTestSupport

@Suite struct TheoremLibraryTests {
    let library = TheoremLibrary.standard

    @Test(.enabled(if: SharedFiles.available)) func everyConstructionOfTheReferenceIsDefined() throws {
        let defs = try #require(SharedFiles.text("reference/alphageometry/defs.txt"))
        // A definition block starts with its signature after a blank line.
        var names: Set<String> = []
        var previousBlank = true
        for line in defs.split(separator: "\n", omittingEmptySubsequences: false) {
            if previousBlank, let first = line.split(separator: " ").first, line.contains(" ") || !line.isEmpty,
               !line.contains(":"), !line.contains("=") {
                names.insert(String(first))
            }
            previousBlank = line.isEmpty
        }
        #expect(names.count >= 68)
        for name in names {
            #expect(library.constructions[name] != nil, "missing construction \(name)")
        }
    }

    @Test func everyConstructionCreatesAndPlacesItsNewPoints() {
        for definition in library.constructions.values {
            let placed = definition.placements.flatMap(\.points)
            #expect(Set(placed) == Set(definition.newPoints), "\(definition.name)")
            #expect(placed.count == definition.newPoints.count, "\(definition.name) places a point twice")
        }
    }

    @Test func footIsDefinedByAPerpendicularAndACollinearity() throws {
        let foot = try #require(library.constructions["foot"])
        #expect(foot.parameters == ["x", "a", "b", "c"])
        #expect(foot.newPoints == ["x"])
        #expect(foot.givenPoints == ["a", "b", "c"])
        #expect(foot.facts.map(\.description) == ["perp x a b c", "coll x b c"])
        #expect(foot.preconditions.map(\.description) == ["ncoll a b c"])
        #expect(foot.placements.map(\.description) == ["x: tline a b c & line b c"])
    }

    @Test func sAngleTakesANumber() throws {
        let sAngle = try #require(library.constructions["s_angle"])
        #expect(sAngle.numberParameters == ["y"])
        #expect(sAngle.givenPoints == ["a", "b"])
    }

    @Test func incenter2TouchPointsDependOnTheIncentre() throws {
        let incenter2 = try #require(library.constructions["incenter2"])
        #expect(incenter2.dependencies(of: "x") == ["i", "b", "c"])
        #expect(incenter2.dependencies(of: "i") == ["a", "b", "c"])
    }

    @Test func variadicPredicatesAcceptMorePoints() throws {
        let coll = try #require(library.predicates["coll"])
        #expect(coll.accepts(argumentCount: 3))
        #expect(coll.accepts(argumentCount: 5))
        #expect(!coll.accepts(argumentCount: 2))
        let perp = try #require(library.predicates["perp"])
        #expect(!perp.accepts(argumentCount: 5))
    }

    @Test func aLibraryWithAnUnknownPredicateIsRejectedWithItsLocation() {
        let constructions = "construction bad x a\n  new x\n  asserts  frob x a\n  place x: free\n"
        #expect(throws: Diagnostic("unknown predicate 'frob'", at: SourceLocation(file: "c.txt", line: 3, column: 12))) {
            try TheoremLibrary(predicatesText: "predicate coll a b c ...\n", predicatesFile: "p.txt",
                               constructionsText: constructions, constructionsFile: "c.txt")
        }
    }

    @Test func aLibraryWithAnUnplacedPointIsRejected() {
        let constructions = "construction bad x a\n  new x\n  asserts\n"
        #expect(throws: Diagnostic.self) {
            try TheoremLibrary(predicatesText: "predicate coll a b c ...\n", predicatesFile: "p.txt",
                               constructionsText: constructions, constructionsFile: "c.txt")
        }
    }
}

/// The library files are read as bytes at start-up; read by `Character` they give the same
/// blocks, fields and locations.
@Test func theLibraryFilesReadAsBytesGiveTheSameBlocksAsReadByCharacter() throws {
    let texts = [TheoremLibraryFiles.constructions, TheoremLibraryFiles.predicates, TheoremLibraryFiles.rules,
                 "rule a\n  if  coll a b c ,  \n\n# note\n\tthen para a b c d\t \nrule b", ""]
    for text in texts {
        let bytes = try LibraryBlock.parseASCII(Array(text.utf8), file: "f")
        let characters = try LibraryBlock.parseCharacters(text, file: "f")
        #expect(bytes.count == characters.count)
        for (x, y) in zip(bytes, characters) {
            #expect(x.keyword == y.keyword && x.header == y.header && x.location == y.location)
            #expect(x.fields.map(\.key) == y.fields.map(\.key) && x.fields.map(\.value) == y.fields.map(\.value))
            #expect(x.fields.map(\.location) == y.fields.map(\.location))
            #expect(x.fields.map(\.valueLocation) == y.fields.map(\.valueLocation))
        }
    }
}
