/// How a figure looks: its size, colours, strokes and fonts.
///
/// Lengths are in SVG pixels unless said otherwise. `FigureStyle.default` is the look of
/// `gougu draw`; change single fields for other uses:
///
///     var style = FigureStyle.default
///     style.width = 400
///     let svg = Figure(diagram: diagram, style: style).svg()
public struct FigureStyle: Sendable, Hashable {
    /// The width of the SVG in pixels; the height follows from the figure's shape.
    public var width: Double = 800
    /// The figure is never taller than this many times its width: a taller figure is
    /// scaled down and centred horizontally.
    public var maximumAspectRatio: Double = 1.25
    /// Blank space around the drawing, in pixels (room for labels).
    public var padding: Double = 36
    /// The background colour.
    public var background: String = "white"

    /// The colour of the lines and circles the constructions use.
    public var constructionColor: String = "#1a1a1a"
    /// The colour of auxiliary lines (perpendiculars to feet, cevians), drawn dashed.
    public var auxiliaryColor: String = "#6b6b6b"
    /// The colour of the goal's objects.
    public var highlightColor: String = "#d62728"
    /// The stroke width of construction lines and circles.
    public var strokeWidth: Double = 1.4
    /// The stroke width of the goal's objects.
    public var highlightStrokeWidth: Double = 2.4
    /// The dash pattern of auxiliary lines.
    public var dashPattern: String = "6 4"

    /// The radius of the dot marking a point.
    public var pointRadius: Double = 3.2
    /// The colour of point dots and labels.
    public var pointColor: String = "#000000"
    /// The font of point labels (drawn italic).
    public var labelFont: String = "'Times New Roman', 'DejaVu Serif', serif"
    /// The font size of point labels.
    public var labelFontSize: Double = 19
    /// Whether labels are written in capitals (`a` is labelled A, `o1` O₁), as figures
    /// usually are; false keeps the names as the problem writes them.
    public var uppercaseLabels: Bool = true

    /// The font of the title.
    public var titleFont: String = "'DejaVu Sans', Helvetica, Arial, sans-serif"
    /// The font size of the title (the problem's name).
    public var titleFontSize: Double = 17
    /// Whether to write the goal under the title.
    public var showsGoal: Bool = true

    /// How far lines that stand for infinite lines run past the outermost point on them,
    /// as a fraction of the figure's extent.
    public var lineOverhang: Double = 0.04
    /// A circle is framed whole when that makes the figure at most this many times wider
    /// (or taller) than its points alone; a larger circle is clipped instead.
    public var maximumCircleGrowth: Double = 2.2

    /// The size of right-angle marks, tick marks and angle arcs.
    public var markSize: Double = 9

    public init() {}

    /// The look of `gougu draw`.
    public static let `default` = FigureStyle()
}
