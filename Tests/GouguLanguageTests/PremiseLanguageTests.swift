import Testing
@testable import GouguLanguage

/// AlphaGeometry 2's premise language (docs/language.md, "The premise language"): points
/// given by their coordinates, then premises about them, read as facts of Gougu's
/// predicates; what has no meaning in Gougu is refused, naming the premise.
@Suite struct PremiseLanguageTests {
    let parser = ProblemParser()

    func parse(_ statement: String) throws -> Problem {
        try parser.parseProblem(name: "test", statement: statement, file: "t.txt", line: 2)
    }

    /// The diagnostic of a statement that is refused, or nil when it is read.
    func refusal(_ statement: String) -> Diagnostic? {
        do { _ = try parse(statement); return nil } catch let d as Diagnostic { return d } catch { return nil }
    }

    func premises(_ statement: String) throws -> [String] {
        let p = try parse(statement)
        return p.premises.map(p.text(of:))
    }

    static let orthocentre = "a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = ; h@1.0_1.0 = perp a h b c, perp b h a c ? perp c h a b"

    @Test func pointsWithCoordinatesAndNothingAfterTheEqualsSignAreGivenByTheirCoordinates() throws {
        let p = try parse("a@0_0 = ; b@1.5_-2 = ? cong a b a b")
        #expect(p.points.map(\.name) == ["a", "b"])
        #expect(p.points.map(\.coordinateHint) == [SIMD2(0, 0), SIMD2(1.5, -2)])
        #expect(p.clauses.allSatisfy { $0.isGiven })
        #expect(p.isPremiseLanguage)
        #expect(p.premises.isEmpty)
    }

    @Test func thePremisesAfterTheEqualsSignAreTheProblemsHypotheses() throws {
        let p = try parse(Self.orthocentre)
        #expect(p.premises.map(p.text(of:)) == ["perp a h b c", "perp b h a c"])
        #expect(p.goal.map(p.text(of:)) == "perp c h a b")
        // The premises belong to h's clause, with their own locations.
        let h = p.clauses[3]
        #expect(h.constructions.map(\.definition.role) == [.givenPoints, .premise, .premise])
        #expect(h.constructions[1].location == SourceLocation(file: "t.txt", line: 2, column: 55))
    }

    @Test func aPointFixedByThreeOrMorePremisesIsRead() throws {
        let facts = try premises("a@0_0 = ; b@4_0 = ; c@1_3 = ; h@1_1 = perp a h b c, perp b h a c, perp c h a b ? coll a b b")
        #expect(facts == ["perp a h b c", "perp b h a c", "perp c h a b"])
    }

    @Test func aPremiseMayNamePointsGivenAfterItAndBelongsToTheNewestPointItNames() throws {
        // AlphaGeometry 2 writes every premise after the last point; each goes to the clause
        // of the newest point it names.
        let p = try parse("a@0_0 = ; b@4_0 = ; m@2_0 = ; x@9_9 = coll m a b, cong m a m b ? cong m a m b")
        #expect(p.clauses[2].constructions.count == 3)
        #expect(p.clauses[3].constructions.count == 1)
        // And the other way round: written in an earlier clause, it still belongs to m.
        let q = try parse("a@0_0 = coll a b m; b@4_0 = ; m@2_0 = ? coll m a b")
        #expect(q.clauses[0].constructions.count == 1)
        #expect(q.clauses[2].constructions.count == 2)
    }

    @Test func aconstAndSAngleAreReadInAlphaGeometry2sOrder() throws {
        // ddar.py: direction of ab minus direction of cd is t; Gougu's aconst c d a b t.
        #expect(try premises("a@0_0 = ; b@1_0 = ; c@0_1 = aconst a b a c 60") == ["aconst a c a b 60"])
        #expect(try premises("a@0_0 = ; b@1_0 = ; c@0_1 = s_angle a b a c 1pi/3") == ["aconst a c a b 60"])
        #expect(try premises("a@0_0 = ; b@1_0 = ; c@0_1 = aconst a b a c 90") == ["perp a c a b"])
    }

    @Test func linearRelationsOfTheShapeOfAGouguPredicateAreReadAsIt() throws {
        let points = "a@0_0 = ; b@1_0 = ; c@0_1 = ; d@2_3 = "
        // Σ cᵢ·dir(pairᵢ) + k = 0 (mod 180°).
        #expect(try premises(points + "angeq a b c d 1 -1 -30") == ["aconst c d a b 30"])
        #expect(try premises(points + "angeq a b c d -1 1 0") == ["para a b c d"])
        #expect(try premises(points + "angeq a b c d a b a c 1 -1 -1 1 0") == ["eqangle a b c d a b a c"])
        // Π |pairᵢ|^eᵢ · k = 1.
        #expect(try premises(points + "distmeq a b c d 1 -1 2") == ["rconst a b c d 1/2"])
        #expect(try premises(points + "distmeq a b c d 1 -1 1") == ["cong a b c d"])
        #expect(try premises(points + "distmeq a b c d a b a c 1 -1 -1 1 1") == ["eqratio a b c d a b a c"])
        // Σ cᵢ·|pairᵢ| = 0.
        #expect(try premises(points + "distseq a b c d 2 -1") == ["rconst a b c d 1/2"])
        #expect(try premises(points + "distseq a b c d 1 -1") == ["cong a b c d"])
        #expect(try premises(points + "rconst a b c d 3/2") == ["rconst a b c d 3/2"])
    }

    @Test func cyclicWithCentersIsReadAsEqualDistancesOrConcyclicity() throws {
        let points = "o@0_0 = ; a@1_0 = ; b@0_1 = ; c@-1_0 = ; d@0_-1 = "
        #expect(try premises(points + "cyclic_with_centers o a b c 1") == ["cong o a o b", "cong o a o c"])
        #expect(try premises(points + "cyclic_with_centers a b c d 0") == ["cyclic a b c d"])
    }

    @Test func premisesWithoutAMeaningInGouguAreRefusedNamingThePredicateAndWhere() throws {
        let points = "a@0_0 = ; b@1_0 = ; c@0_1 = ; d@2_3 = "
        let column = points.count + 1
        let cases: [(String, String)] = [
            ("overlap a d", "'overlap'"),
            ("distseq a b b c a c c d 1 1 -1 -1", "sum of 4 lengths"),
            ("angeq a b c d a c 1 1 1 0", "linear relation between 3 directions"),
            ("distmeq a b c d 2 -1 1", "product of 2 lengths"),
            ("acompute a b c d", "goal, not a premise"),
            ("circle a b c d, perp a b c d", "unknown predicate 'circle'"),
            ("paraa a b c d, perp a b c d", "(did you mean 'para'?)"),
            ("x\u{1B}[2J a b c d, perp a b c d", "'x\\u{1b}[2J'"),
            ("perp a b c", "four points"),
            ("cong a a c d", "degenerate premise"),
            ("perp a b c zz", "point 'zz'"),
            ("aconst a b c d 999999999999999999", "at most 1000000000"),
            ("distseq a b c d 999999999999999999 -999999999999999999", "at most 1000000000"),
        ]
        for (premise, words) in cases {
            let d = try #require(refusal(points + premise + " ? coll a b b"), "\(premise)")
            #expect(d.message.contains(words), "\(premise): \(d.message)")
            #expect(d.location.line == 2)
            if !premise.hasPrefix("perp a b c zz") { #expect(d.location.column == column, "\(premise)") }
        }
    }

    @Test func questionsAreReadAsQuestionsAndWrittenBack() throws {
        // acompute a b c d: what is the angle from cd to ab? rcompute a b c d: what is ab : cd?
        let p = try parse("a@0_0 = ; b@1_0 = ; c@0_1 = ? acompute a b a c")
        #expect(p.goal == nil)
        let question = try #require(p.question)
        #expect(question.kind == .angle)
        #expect(question.points.map(p.name(of:)) == ["a", "b", "a", "c"])
        #expect(question.location.column == 31)
        #expect(p.writtenText.hasSuffix(" ? acompute a b a c"))
        let again = try #require(try parse(p.writtenText).question)
        #expect(again.kind == question.kind && again.points == question.points)
        let r = try parse("a@0_0 = ; b@1_0 = ; c@0_1 = ? rcompute a b a c")
        #expect(r.question?.kind == .ratio)
        #expect(refusal("a@0_0 = ; b@1_0 = ; c@0_1 = ? acompute a b a")?.message.contains("takes four points") == true)
        #expect(refusal("a@0_0 = ; b@1_0 = ; c@0_1 = ? rcompute a a b c")?.message.contains("degenerate question") == true)
    }

    @Test func aQuestionIsAnsweredByAStatementOfItsValueInOneForm() throws {
        let p = try parse("a@0_0 = ; b@1_0 = ; c@0_1 = ? acompute a b a c")
        let question = try #require(p.question)
        // The angle from ac to ab is 90 here: perp; 60 would be aconst a c a b 60.
        let right = try #require(question.answer((90, 1)))
        #expect(p.text(of: right) == "perp a c a b")
        #expect(p.text(of: try #require(question.answer((-300, 1)))) == "aconst a c a b 60")
        #expect(question.answers(right))
        #expect(!question.answers(try #require(p.statement(parsing: "perp a b b c"))))
        let answered = p.answering(right)
        #expect(answered.goal == right && answered.question == question)
        // Written with its answer, the problem states it as a goal, in AlphaGeometry 2's order.
        #expect(answered.writtenText.hasSuffix(" ? perp a c a b"))
    }

    @Test func anAconstGoalOfAPremiseProblemIsReadInAlphaGeometry2sOrderLikeItsPremises() throws {
        let p = try parse("a@0_0 = ; b@1_0 = ; c@0_1 = aconst a b a c 60 ? aconst a b a c 60")
        #expect(p.goal == p.premises.first)
        #expect(p.goal.map(p.text(of:)) == "aconst a c a b 60")
        #expect(p.writtenText.hasSuffix("? aconst a b a c 60"))
        #expect(try parse(p.writtenText).goal == p.goal)
        // In a construction problem, aconst keeps Gougu's order.
        let c = try parse("a b c = triangle a b c ? aconst a b a c 60")
        #expect(c.goal.map(c.text(of:)) == "aconst a b a c 60")
    }

    @Test func aPointGivenByPremisesNeedsCoordinates() throws {
        let d = try #require(refusal("a@0_0 = ; b = ; c@0_1 = ? coll a b c"))
        #expect(d.message.contains("no coordinates"))
        #expect(d.location.column == 11)
    }

    @Test func theWrittenTextReadsBackAsTheSameProblem() throws {
        let statement = "a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = angeq a b a c 1 -1 -30; h@1.0_1.0 = perp a h b c, perp b h a c ? perp c h a b"
        let p = try parse(statement)
        #expect(p.writtenText == "a@0.0_0.0 = ; b@4.0_0.0 = ; c@1.0_3.0 = aconst a b a c 30; h@1.0_1.0 = perp a h b c, perp b h a c ? perp c h a b")
        #expect(p.statementText == p.writtenText)
        let again = try parse(p.writtenText)
        #expect(again.premises == p.premises)
        #expect(again.writtenText == p.writtenText)
    }

    @Test func constructionClausesMayFollowPremiseClausesAsTheSearchAppendsThem() throws {
        let p = try parse("a@0_0 = ; b@4_0 = ; c@1_3 = ; m = midpoint m a b ? coll m a b")
        #expect(p.clauses.map(\.isGiven) == [true, true, true, false])
        #expect(p.premises.map(p.text(of:)) == ["coll m a b", "cong m a m b"])
        // A premise about a point a later construction creates is refused: the premise
        // language gives its points by coordinates.
        let d = try #require(refusal("a@0_0 = ; b@4_0 = cong a m b m; m = midpoint m a b ? coll m a b"))
        #expect(d.message.contains("construction"))
        #expect(d.location.column == 19)
    }

    @Test func aConstructionClauseWithCoordinatesIsStillAConstructionClause() throws {
        let p = try parse("a@0_0 b@1_0 c@0_1 = triangle a b c; h@0_0 = on_tline h b a c, on_tline h c a b ? perp a h b c")
        #expect(!p.isPremiseLanguage)
        #expect(p.clauses.map { $0.constructions.map(\.definition.name) } == [["triangle"], ["on_tline", "on_tline"]])
        // s_angle with three points and an angle is the construction; with four, the premise.
        let s = try parse("a@0_0 b@1_0 = segment a b; x@0.5_0.5 = s_angle a b x 45 ? coll a b b")
        #expect(s.clauses[1].constructions[0].definition.name == "s_angle")
        #expect(s.clauses[1].constructions[0].definition.role == .construction)
    }
}
