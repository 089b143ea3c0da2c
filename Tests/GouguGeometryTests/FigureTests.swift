import Testing
import GouguFigures
import GouguGeometry
import GouguLanguage

/// `Figure`: an SVG figure of a diagram.
@Suite struct FigureTests {
    typealias F = FigureFixtures

    // MARK: The document

    @Test(arguments: FigureFixtures.all)
    func theSVGIsWellFormedXML(statement: String) throws {
        let svg = ParsedSVG(try F.svg(statement))
        #expect(svg.error == nil)
        #expect(svg.root?.name == "svg")
    }

    @Test func theTitleIsTheProblemsName() throws {
        let svg = ParsedSVG(try F.svg(F.orthocenter, name: "orthocenter"))
        #expect(svg.elements(named: "title").first?.text == "orthocenter")
        #expect(svg.elements.contains { $0.classes.contains("title") && $0.text == "orthocenter" })
    }

    @Test func theFigureHasTheStylesWidthAndAWhiteBackground() throws {
        let svg = ParsedSVG(try F.svg(F.cyclic))
        #expect(svg.root?.attributes["width"] == "800")
        #expect(svg.viewBox?.2 == 800)
        #expect(svg.elements.contains { $0.classes.contains("background") && $0.attributes["fill"] == "white" })
    }

    @Test func theSameSeedGivesByteIdenticalOutput() throws {
        #expect(try F.svg(F.imo2004, seed: 7) == F.svg(F.imo2004, seed: 7))
    }

    @Test func anotherSeedGivesAnotherFigure() throws {
        #expect(try F.svg(F.imo2004, seed: 1) != F.svg(F.imo2004, seed: 2))
    }

    // MARK: Points and labels

    @Test(arguments: FigureFixtures.all)
    func everyPointHasALabel(statement: String) throws {
        let problem = try F.problem(statement)
        let svg = ParsedSVG(try F.svg(statement))
        let labelled = svg.elements(named: "text").filter { $0.classes.contains("label") }.compactMap { $0.attributes["data-point"] }
        #expect(labelled.sorted() == problem.points.map(\.name).sorted())
    }

    @Test func labelsAreCapitalisedWithDigitsAsSubscripts() throws {
        let svg = ParsedSVG(try F.svg(F.imo2004))
        let label = try #require(svg.elements.first { $0.classes.contains("label") && $0.attributes["data-point"] == "o1" })
        #expect(label.text == "O1")
        #expect(svg.elements.contains { $0.name == "tspan" && $0.text == "1" && $0.inside(class: "label") })
    }

    @Test func everyPointHasADot() throws {
        let problem = try F.problem(F.imo2004)
        let svg = ParsedSVG(try F.svg(F.imo2004))
        let dots = svg.elements(named: "circle").filter { $0.classes.contains("point") }
        #expect(dots.count == problem.points.count)
    }

    @Test func labelsDoNotCoverTheirOwnDot() throws {
        let svg = ParsedSVG(try F.svg(F.imo2004))
        for label in svg.elements.filter({ $0.classes.contains("label") }) {
            let dot = try #require(svg.elements.first { $0.classes.contains("point") && $0.attributes["data-point"] == label.attributes["data-point"] })
            let dx = try #require(label.number("x")) - #require(dot.number("cx"))
            let dy = try #require(label.number("y")) - #require(dot.number("cy"))
            #expect((dx * dx + dy * dy).squareRoot() > 8)
        }
    }

    // MARK: Framing

    @Test(arguments: FigureFixtures.all)
    func theViewBoxContainsEveryPoint(statement: String) throws {
        let svg = ParsedSVG(try F.svg(statement))
        let (x, y, width, height) = try #require(svg.viewBox)
        let dots = svg.elements(named: "circle").filter { $0.classes.contains("point") }
        #expect(!dots.isEmpty)
        for dot in dots {
            let cx = try #require(dot.number("cx")), cy = try #require(dot.number("cy"))
            #expect(cx >= x && cx <= x + width && cy >= y && cy <= y + height)
        }
    }

    @Test func theYAxisPointsUp() throws {
        let diagram = try F.diagram(F.cyclic)
        let frame = Figure(diagram: diagram).frame
        let p = diagram.positions[0]
        #expect(frame.pixel(p + Vector2(0, 1)).y < frame.pixel(p).y)
        #expect(frame.pixel(p + Vector2(1, 0)).x > frame.pixel(p).x)
    }

    @Test func anEnormousCircleIsClippedRatherThanShrinkingThePoints() throws {
        let diagram = try F.diagram(F.hugeCircle)
        let figure = Figure(diagram: diagram)
        let xs = diagram.positions.map { figure.frame.pixel($0).x }
        // The points still span most of the width; the circle runs off the canvas.
        #expect(xs.max()! - xs.min()! > 0.5 * figure.frame.width)
        let circle = try #require(figure.scene.circles.first)
        #expect(circle.circle.radius * figure.frame.scale > figure.frame.height)
    }

    @Test func drawnLinesStayInsideTheViewBox() throws {
        let svg = ParsedSVG(try F.svg(F.imo2004))
        let (_, _, width, height) = try #require(svg.viewBox)
        for line in svg.elements(named: "line") {
            for attribute in ["x1", "x2"] { #expect((0...width).contains(try #require(line.number(attribute)))) }
            for attribute in ["y1", "y2"] { #expect((0...height).contains(try #require(line.number(attribute)))) }
        }
    }

    // MARK: Construction objects

    @Test func aTriangleNamedByLaterConstructionsHasItsSidesDrawn() throws {
        let scene = Figure(diagram: try F.diagram(F.orthocenter)).scene
        let d = scene.diagram
        let (b, c) = (d.positions[1], d.positions[2])
        #expect(scene.lines.contains { $0.role == .construction && $0.covered.contains(b) && $0.covered.contains(c) })
    }

    @Test func aFootIsDrawnAsADashedPerpendicularWithARightAngleMark() throws {
        let svg = ParsedSVG(try F.svg(F.foot))
        #expect(svg.elements(named: "line").contains { $0.inside(class: "auxiliary") })
        let scene = Figure(diagram: try F.diagram(F.foot)).scene
        let h = scene.diagram.positions[3]
        #expect(scene.rightAngles.contains { $0.vertex == h })
    }

    @Test func aPointOnACircumcircleDrawsTheCircle() throws {
        let scene = Figure(diagram: try F.diagram(F.cyclic)).scene
        #expect(scene.circles.contains { $0.role == .construction })
    }

    @Test func aMidpointMarksTheEqualHalves() throws {
        let scene = Figure(diagram: try F.diagram(F.cong)).scene
        #expect(scene.ticks.contains { $0.role == .construction && $0.segments.count == 2 })
    }

    @Test func equalAnglesOfABisectorAreMarked() throws {
        let scene = Figure(diagram: try F.diagram(F.imo2004)).scene
        #expect(scene.angles.count == 2)
    }

    // MARK: The goal

    @Test func aCyclicGoalDrawsAHighlightedCircle() throws {
        let svg = ParsedSVG(try F.svg(F.cyclic))
        #expect(svg.elements(named: "circle").contains { $0.inside(class: "goal") })
    }

    @Test func goalObjectsCarryTheHighlightClassAndColour() throws {
        let svg = ParsedSVG(try F.svg(F.orthocenter))
        let group = try #require(svg.elements.first { $0.name == "g" && $0.classes.contains("goal") })
        #expect(group.attributes["stroke"] == FigureStyle.default.highlightColor)
        #expect(svg.elements(named: "line").filter { $0.inside(class: "goal") }.count == 2)
    }

    @Test func aPerpendicularGoalHasAHighlightedRightAngleMark() throws {
        let scene = Figure(diagram: try F.diagram(F.orthocenter)).scene
        #expect(scene.rightAngles.contains { $0.role == .goal })
    }

    @Test func aCongruenceGoalMarksBothSegmentsWithTicks() throws {
        let scene = Figure(diagram: try F.diagram(F.cong)).scene
        let ticks = try #require(scene.ticks.first { $0.role == .goal })
        #expect(ticks.segments.count == 2)
        #expect(scene.lines.filter { $0.role == .goal }.count == 2)
    }

    @Test func aCollinearityGoalDrawsOneHighlightedLineThroughItsPoints() throws {
        let scene = Figure(diagram: try F.diagram(F.imo2004)).scene
        let goalLines = scene.lines.filter { $0.role == .goal }
        #expect(goalLines.count == 1)
        let problem = scene.diagram.problem
        for name in ["p", "b", "c"] {
            let p = scene.diagram.position(of: try #require(problem.point(named: name)))
            #expect(goalLines[0].covered.contains(p))
        }
    }

    @Test func theGoalIsWrittenUnderTheTitle() throws {
        let svg = ParsedSVG(try F.svg(F.orthocenter))
        #expect(svg.elements.contains { $0.classes.contains("goal-text") && $0.text == "goal: perp a h b c" })
    }
}
