import GouguLanguage
import GouguProof
import GouguProofCheck
import Testing

/// Proofs that cite a rule of TheoremLibrary/rules.txt in a degenerate instance, whose
/// conclusion holds in the problem's special drawing (`@` coordinates) but does not follow:
/// the checker reads each rule's side conditions from the library and refuses the step.
/// Each proof was accepted before the side condition was added (the first four as the
/// engine printed them; the Thales and trapezoid ones written by hand, since the engine's
/// matcher does not reach those instances). The same figures are engine near misses in
/// GouguDeductionTests/RuleSideConditionTests.swift.
@Suite struct RuleSideConditionCheckTests {
    /// The checker's verdict must be: invalid at the step citing `rule`, for `side`.
    func expectRefused(_ statement: String, _ proof: String, rule: String, side: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let problem = try ProblemParser().parseProblem(name: "t", statement: statement)
        let verdict = ProofChecker().check(try Proof.read(proof, file: "t.txt"), for: problem)
        guard case .invalid(let failure) = verdict else {
            Issue.record("accepted: \(verdict)", sourceLocation: sourceLocation)
            return
        }
        let step = try #require(failure.step, "\(failure.reason)", sourceLocation: sourceLocation)
        let line = proof.split(separator: "\n").first { $0.contains("(\(step)) ") && $0.contains("by rule \(rule) ") }
        #expect(line != nil, "refused at step \(step): \(failure.reason)", sourceLocation: sourceLocation)
        #expect(failure.reason.contains("side condition \(side)"), "\(failure.reason)", sourceLocation: sourceLocation)
    }

    /// m is the midpoint of ab and c, d are on line ab, drawn symmetric about m.
    @Test func aParallelogramOnOneLineIsRefused() throws {
        try expectRefused(
            "a@0_0 b@2_0 = segment a b; m = midpoint m a b; c@-1_0 = on_line c a b; d@3_0 = on_line d a b ? midp m c d",
            """
            Proof of t
            Diagram seed: 0
            Premises:
              (1) coll m a b    [premise: m = midpoint m a b]
              (2) cong m a m b    [premise: m = midpoint m a b]
              (3) coll c a b    [premise: c = on_line c a b]
              (4) coll d a b    [premise: d = on_line d a b]
            Steps:
              (5) midp m a b    by midpoint (on the line, equidistant) through shared points: (1); ratio chasing (log-lengths): 1 × [cong m a m b] (2)
              (6) para a c b d    by angle chasing (mod 180°): 1 × [a c ∥ a b on one line] (3) + -1 × [b d ∥ a b on one line] (4)
              (7) para a d b c    by angle chasing (mod 180°): -1 × [b c ∥ a b on one line] (3) + 1 × [a d ∥ a b on one line] (4)
              (8) midp m c d    by rule parallelogram_diagonals_bisect_each_other [a=a b=b c=c d=d m=m] from (5) (6) (7)
            Goal midp m c d proved in 4 steps.
            """,
            rule: "parallelogram_diagonals_bisect_each_other", side: "ncoll a b c")
    }

    /// The free triangle drawn isosceles, with the auxiliary points the search added (all on line ab).
    @Test func theSearchsProofThatAFreeTriangleIsIsoscelesIsRefused() throws {
        try expectRefused(
            "a@0_0 b@2_0 c@1_5 = triangle a b c; x1 = mirror x1 b a; x2 = midpoint x2 a x1; x3 = foot x3 c a b ? cong c a c b",
            """
            Proof of t
            Auxiliary constructions: x1 = mirror x1 b a; x2 = midpoint x2 a x1; x3 = foot x3 c a b
            Diagram seed: 0
            Premises:
              (1) coll x1 b a    [premise: x1 = mirror x1 b a]
              (2) cong a b a x1    [premise: x1 = mirror x1 b a]
              (3) coll x2 a x1    [premise: x2 = midpoint x2 a x1]
              (4) cong x2 a x2 x1    [premise: x2 = midpoint x2 a x1]
              (5) perp x3 c a b    [premise: x3 = foot x3 c a b]
              (6) coll x3 a b    [premise: x3 = foot x3 c a b]
            Steps:
              (7) midp a b x1    by midpoint (on the line, equidistant) through shared points: (1); ratio chasing (log-lengths): 1 × [cong a b a x1] (2)
              (8) para b x2 x1 x3    by angle chasing (mod 180°): 1 × [a x1 ∥ a b on one line] (1) + 1 × [b x2 ∥ a x1 on one line] (1)(3) + -1 × [x1 x3 ∥ a b on one line] (1)(6)
              (9) para b x3 x1 x2    by angle chasing (mod 180°): -1 × [a x1 ∥ a b on one line] (1) + -1 × [x1 x2 ∥ a x1 on one line] (3) + 1 × [b x3 ∥ a b on one line] (6)
              (10) midp a x2 x3    by rule parallelogram_diagonals_bisect_each_other [a=b b=x1 c=x2 d=x3 m=a] from (7) (8) (9)
              (11) midp x2 a x1    by midpoint (on the line, equidistant) through shared points: (3); ratio chasing (log-lengths): 1 × [cong x2 a x2 x1] (4)
              (12) eqratio a b b x1 x2 a a x1    by rule midpoints_cut_equal_ratios [a=b b=x1 c=a d=x1 m=a n=x2] from (7) (11)
              (13) midp x3 b a    by midpoint (on the line, equidistant) through shared points: (6); distance chasing (lengths): -1 × [a between b and x1 on one line] (1) + 1 × [cong a b a x1] (2) + -1 × [x2 between a and x1 on one line] (3) + -1 × [cong x2 a x2 x1] (4) + 1 × [a between x1 and x3 on one line] (1)(6) + 1 × [x3 between b and x1 on one line] (1)(6) + 2 × [midp a x2 x3] (10)
              (14) eqratio a b b x1 x3 b b a    by rule midpoints_cut_equal_ratios [a=b b=x1 c=b d=a m=a n=x3] from (7) (13)
              (15) cong a x3 b x3    by ratio chasing (log-lengths): -1 × [cong a b a x1] (2) + -1 × [midp a x2 x3 #1: |ax2| = |ax3|] (10) + -1 × [eqratio a b b x1 x2 a a x1] (12) + 1 × [eqratio a b b x1 x3 b b a] (14)
              (16) cong x3 c x3 c    by ratio chasing (log-lengths): trivial
              (17) eqangle6 x3 a x3 c x3 c x3 b    by angle chasing (mod 180°): 2 × [perp x3 c a b] (5) + -1 × [a x3 ∥ a b on one line] (6) + -1 × [b x3 ∥ a b on one line] (6)
              (18) contri2 a x3 c b x3 c    by rule side_angle_side_reflected [a=a b=x3 c=c p=b q=x3 r=c] from (15) (16) (17); checked on the diagram: ncoll a x3 c, oppclock a x3 c b x3 c
              (19) cong c a c b    by ratio chasing (log-lengths): -1 × [cong a b a x1] (2) + -1 × [midp a x2 x3 #1: |ax2| = |ax3|] (10) + -1 × [eqratio a b b x1 x2 a a x1] (12) + 1 × [eqratio a b b x1 x3 b b a] (14) + -1 × [contri2 a x3 c b x3 c #1: ax3:ac = bx3:bc] (18)
            Goal cong c a c b proved in 13 steps.
            """,
            rule: "parallelogram_diagonals_bisect_each_other", side: "ncoll b x1 x2")
    }

    /// The rule bound with v = u: qu * qu is the power of q only where qu is tangent, as drawn.
    @Test func aPowerReadOffNoChordIsRefused() throws {
        try expectRefused(
            "p@0_0 x@1_0 = segment p x; w = mirror w p x; y = mirror y p w; o@2.5_2 = on_bline o x y; u@2.5_4.5 = on_circle u o x; q@4.5_4.5 = eqdistance q u p w ? cong o p o q",
            """
            Proof of t
            Diagram seed: 0
            Premises:
              (1) coll w p x    [premise: w = mirror w p x]
              (2) cong x p x w    [premise: w = mirror w p x]
              (3) coll y p w    [premise: y = mirror y p w]
              (4) cong w p w y    [premise: y = mirror y p w]
              (5) cong o x o y    [premise: o = on_bline o x y]
              (6) cong o u o x    [premise: u = on_circle u o x]
              (7) cong q u p w    [premise: q = eqdistance q u p w]
            Steps:
              (8) cong o x o u    by ratio chasing (log-lengths): -1 × [cong o u o x] (6)
              (9) midp x p w    by midpoint (on the line, equidistant) through shared points: (1); ratio chasing (log-lengths): 1 × [cong x p x w] (2)
              (10) midp w p y    by midpoint (on the line, equidistant) through shared points: (3); ratio chasing (log-lengths): 1 × [cong w p w y] (4)
              (11) eqratio x p p w w p p y    by rule midpoints_cut_equal_ratios [a=p b=w c=p d=y m=x n=w] from (9) (10)
              (12) coll p x y    by one line through shared points: (1) (3)
              (13) coll q u u    by one line through shared points: 
              (14) eqratio6 p x q u q u p y    by ratio chasing (log-lengths): -2 × [cong q u p w] (7) + 1 × [eqratio x p p w w p p y] (11)
              (15) cong o p o q    by rule equal_powers_are_equally_far_from_the_centre [o=o p=p q=q u=u v=u x=x y=y] from (5) (8) (8) (12) (13) (14); checked on the diagram: sameside p x y q u u
            Goal cong o p o q proved in 8 steps.
            """,
            rule: "equal_powers_are_equally_far_from_the_centre", side: "diff u u")
    }

    /// The rule bound with v = u: au * au is the power of a only where au is tangent, as drawn.
    @Test func aPowerOnTheRadicalAxisReadOffNoChordIsRefused() throws {
        try expectRefused(
            "e@0_0 h@3_4 = segment e h; f@6_0 = free f; a@3_5 = on_tline a h e f; u@6_5 = on_circle u f h; x@2.5725_4.2875 = on_line x a e, on_circle x e h; y@-2.5725_-4.2875 = on_line y a e, on_circle y e h ? eqratio a x a u a u a y",
            """
            Proof of t
            Diagram seed: 0
            Premises:
              (1) perp a h e f    [premise: a = on_tline a h e f]
              (2) cong f u f h    [premise: u = on_circle u f h]
              (3) coll x a e    [premise: x = on_line x a e, on_circle x e h]
              (4) cong e x e h    [premise: x = on_line x a e, on_circle x e h]
              (5) coll y a e    [premise: y = on_line y a e, on_circle y e h]
              (6) cong e y e h    [premise: y = on_line y a e, on_circle y e h]
            Steps:
              (7) cong e h e y    by ratio chasing (log-lengths): -1 × [cong e y e h] (6)
              (8) cong e h e x    by ratio chasing (log-lengths): -1 × [cong e x e h] (4)
              (9) cong f h f u    by ratio chasing (log-lengths): -1 × [cong f u f h] (2)
              (10) coll a y x    by one line through shared points: (3) (5)
              (11) coll a u u    by one line through shared points: 
              (12) eqratio6 a y a u a u a x    by rule points_of_the_radical_axis_have_equal_powers [a=a e=e f=f h=h u=u v=u x=y y=x] from (7) (8) (9) (9) (10) (11) (1)
              (13) eqratio a x a u a u a y    by ratio chasing (log-lengths): 1 × [eqratio6 a y a u a u a x] (12)
            Goal eqratio a x a u a u a y proved in 7 steps.
            """,
            rule: "points_of_the_radical_axis_have_equal_powers", side: "diff u u")
    }

    /// Five points of one line, drawn with oa : oc = ob : od.
    @Test func thalesOnOneLineIsRefused() throws {
        try expectRefused(
            "o@0_0 a@1_0 = segment o a; c@2_0 = on_line c o a; b@3_0 = on_line b o a; d@6_0 = on_line d o a ? eqratio3 a b c d o o",
            """
            Proof of t
            Diagram seed: 0
            Premises:
              (1) coll c o a    [premise: c = on_line c o a]
              (2) coll b o a    [premise: b = on_line b o a]
              (3) coll d o a    [premise: d = on_line d o a]
            Steps:
              (4) para a b c d    by angle chasing (mod 180°): 1 × [a b ∥ o a on one line] (2) + -1 × [c d ∥ o a on one line] (1)(3)
              (5) coll o a c    by one line through shared points: (1)
              (6) coll o b d    by one line through shared points: (2) (3)
              (7) eqratio3 a b c d o o    by rule parallel_lines_cut_proportional_segments [a=a b=b c=c d=d o=o] from (4) (5) (6)
            Goal eqratio3 a b c d o o proved in 4 steps.
            """,
            rule: "parallel_lines_cut_proportional_segments", side: "ncoll a b c")
    }

    /// The trapezoid abba (d = a, c = b): m and n are any points, drawn with mn parallel to ab.
    @Test func aTrapezoidWithPointsForLegsIsRefused() throws {
        try expectRefused(
            "a@0_0 b@2_0 = segment a b; m@0_1 = free m; n@3_1 = free n ? para m n a b",
            """
            Proof of t
            Diagram seed: 0
            Premises:
            Steps:
              (1) para a b b a    by angle chasing (mod 180°): trivial
              (2) coll m a a    by one line through shared points: 
              (3) coll n b b    by one line through shared points: 
              (4) eqratio6 m a m a n b n b    by ratio chasing (log-lengths): trivial
              (5) para m n a b    by rule proportional_cuts_of_a_trapezoid_are_parallel [a=a b=b c=b d=a m=m n=n] from (1) (2) (3) (4)
            Goal para m n a b proved in 5 steps.
            """,
            rule: "proportional_cuts_of_a_trapezoid_are_parallel", side: "diff a a")
    }

    /// A trapezoid on one line, drawn with ma : md = nb : nc.
    @Test func aTrapezoidOnOneLineIsRefused() throws {
        try expectRefused(
            "a@0_0 b@1_0 = segment a b; m@2_0 = on_line m a b; n@4_0 = on_line n a b; d@6_0 = on_line d a b; c@10_0 = on_line c a b ? eqratio6 m a m d n b n c",
            """
            Proof of t
            Diagram seed: 0
            Premises:
              (1) coll m a b    [premise: m = on_line m a b]
              (2) coll n a b    [premise: n = on_line n a b]
              (3) coll d a b    [premise: d = on_line d a b]
              (4) coll c a b    [premise: c = on_line c a b]
            Steps:
              (5) para a b c d    by angle chasing (mod 180°): -1 × [d c ∥ a b on one line] (3)(4)
              (6) coll m a d    by one line through shared points: (1) (3)
              (7) coll n b c    by one line through shared points: (2) (4)
              (8) para m n a b    by angle chasing (mod 180°): 1 × [m n ∥ a b on one line] (1)(2)
              (9) eqratio6 m a m d n b n c    by rule parallel_to_the_bases_cuts_the_legs_proportionally [a=a b=b c=c d=d m=m n=n] from (5) (6) (7) (8)
            Goal eqratio6 m a m d n b n c proved in 5 steps.
            """,
            rule: "parallel_to_the_bases_cuts_the_legs_proportionally", side: "ncoll a b c")
    }
}
