import Foundation
import Testing
import Gougu

/// The proof page: one self-contained HTML file, the figure beside the numbered proof, each
/// step carrying what it speaks of, and (in a real browser) selecting a step lights it up.
@Suite struct ProofPageTests {
    func solved(_ statement: String, name: String = "t", options: SolveOptions = SolveOptions(seconds: 30)) throws -> SolveOutcome {
        let problem = try ProblemParser().parseProblem(name: name, statement: statement)
        return try Solver().solve(problem, options: options)
    }

    @Test func everyLineOfTheProofIsAStepWithItsPointsAndCitations() throws {
        let outcome = try solved("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c", name: "orthocenter")
        let proof = try #require(outcome.proof)
        let html = try #require(ProofPage(outcome)).html
        #expect(html.components(separatedBy: "<li id=\"line-").count - 1 == proof.premises.count + proof.steps.count)
        for step in proof.premises + proof.steps {
            #expect(html.contains("id=\"overlay-\(step.number)\""), "an overlay for step \(step.number)")
        }
        let last = try #require(proof.steps.last)
        #expect(html.contains("<li id=\"line-\(last.number)\" class=\"step goal\""))
        #expect(html.contains("data-cites=\"\(last.cites.map(String.init).joined(separator: " "))\""))
        #expect(html.contains("class=\"step premise\""))
        #expect(html.contains("data-points=\"a h b c\""), "the goal's points")
    }

    @Test func thePageNeedsNoNetwork() throws {
        let outcome = try solved("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
        let html = try #require(ProofPage(outcome)).html
        #expect(!html.contains("<script src") && !html.contains("<link"))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
    }

    @Test func auxiliaryPointsAreDrawnApart() throws {
        // IMO 2012 P5: deduction alone does not prove it; one auxiliary point does.
        let outcome = try solved("c a b = r_triangle c a b; d = foot d c a b; x = on_line x c d; k = on_line k a x, on_circle k b c; "
                                 + "l = on_line l b x, on_circle l a c; m = on_line m a l, on_line m b k ? cong m k m l",
                                 options: SolveOptions(seconds: 30, coordinates: .off))
        #expect(outcome.method == .auxiliaryConstructions, "\(outcome.stopReason)")
        let html = try #require(ProofPage(outcome)).html
        let auxiliary = outcome.provedProblem.points[outcome.problem.points.count...].map(\.name)
        for name in auxiliary { #expect(html.contains("class=\"point auxiliary-point\" data-point=\"\(name)\"")) }
        #expect(html.contains("Auxiliary points"))
    }

    @Test func aProofByCoordinatesShowsItsParametrisation() throws {
        let outcome = try solved("a b c = triangle a b c; d = midpoint d a b; e = midpoint e a c ? para d e b c",
                                 options: SolveOptions(seconds: 30, coordinates: .first, search: false))
        // Deduction proves the midline theorem; ask the coordinates alone for a proof of it.
        let problem = outcome.problem
        let diagram = try #require(outcome.diagram)
        let coordinates = try #require(AlgebraicProver.prove(diagram, deadline: Date().addingTimeInterval(20)).proof)
        let html = ProofPage(diagram: diagram, coordinateProof: coordinates).html
        #expect(html.contains("Proof by coordinates") && html.contains("<pre class=\"coordinates\">"))
        #expect(html.contains(problem.name))
    }

    @Test func namesAreEscaped() {
        #expect(escapedForTest("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
    }

    func escapedForTest(_ text: String) -> String {
        // The page's escaping, seen through a problem name.
        let problem = try! ProblemParser().parseProblem(name: text, statement: "a b c = triangle a b c ? perp a b a c")
        let diagram = try! DiagramBuilder().build(problem, seed: 0)
        let html = ProofPage(diagram: diagram).html
        let start = html.range(of: "<h1>")!.upperBound, end = html.range(of: "</h1>")!.lowerBound
        return String(html[start..<end])
    }

    /// In headless Chromium (when it is installed): a page opened at `#step-N` has step N
    /// selected, its points and overlay lit, and the steps it cites marked.
    @Test(.enabled(if: Chromium.path != nil, "headless Chromium is not installed"))
    func selectingAStepLightsUpItsObjectsInABrowser() throws {
        let outcome = try solved("a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c", name: "orthocenter")
        let proof = try #require(outcome.proof)
        let step = try #require(proof.steps.last)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-page-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        try #require(ProofPage(outcome)).html.write(to: file, atomically: true, encoding: .utf8)
        let dom = try Chromium.dumpDOM(of: file.absoluteString + "#step-\(step.number)")
        #expect(dom.contains("<li id=\"line-\(step.number)\" class=\"step goal selected\""), "\(dom.prefix(300))")
        #expect(dom.contains("id=\"overlay-\(step.number)\" class=\"overlay shown\""))
        for name in ["a", "h", "b", "c"] {
            #expect(dom.contains("class=\"point hl\" data-point=\"\(name)\""), "point \(name) lit")
        }
        for cited in step.cites {
            #expect(dom.contains("<li id=\"line-\(cited)\" class=\"step premise cited\"") || dom.contains("<li id=\"line-\(cited)\" class=\"step cited\""),
                    "step \(cited) marked as cited")
        }
    }
}

/// Headless Chromium, for the tests that need a real browser.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The page's DOM after its scripts ran.
    static func dumpDOM(of url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
