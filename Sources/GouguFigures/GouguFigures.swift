import GouguGeometry
import GouguLanguage

/// A geometry figure of a diagram, as a teacher would draw it: labelled points, the
/// segments, lines and circles the constructions use, and the goal's objects
/// highlighted.
///
/// A figure is made in three stages, each its own type:
/// 1. `FigureScene` collects the drawable objects from the construction calls and the
///    goal, in world coordinates;
/// 2. `FigureFrame` fits them on a canvas of fixed width, y axis up;
/// 3. the renderer writes SVG, placing labels clear of dots, lines and each other.
///
///     let diagram = try DiagramBuilder().build(problem, seed: 0)
///     let svg = Figure(diagram: diagram).svg()
///
/// The same diagram and style always give the same bytes.
public struct Figure: Sendable {
    /// The diagram drawn.
    public let diagram: Diagram
    /// How the figure looks.
    public let style: FigureStyle
    /// The objects drawn, before framing.
    public let scene: FigureScene

    /// A figure of `diagram` in `style`.
    public init(diagram: Diagram, style: FigureStyle = .default) {
        self.diagram = diagram
        self.style = style
        self.scene = FigureScene(diagram: diagram)
    }

    /// The title: the problem's name.
    public var title: String { diagram.problem.name }

    /// The line under the title: the goal, when the style shows it and there is one.
    public var subtitle: String? {
        guard style.showsGoal, let goal = diagram.problem.goal else { return nil }
        return "goal: " + diagram.problem.text(of: goal)
    }

    /// Where the scene lands on the canvas.
    public var frame: FigureFrame {
        let titleHeight = style.titleFontSize + 16 + (subtitle == nil ? 0 : style.titleFontSize)
        return FigureFrame(scene: scene, style: style, titleHeight: titleHeight)
    }

    /// The figure as a standalone SVG document.
    public func svg() -> String {
        SVGRenderer(scene: scene, frame: frame, style: style, title: title, subtitle: subtitle).render()
    }
}
