import GouguGeometry

/// Where the figure's world coordinates land on the SVG canvas.
///
/// The frame fits every point and every drawn line, and whole circles unless a circle
/// is so large that showing it would shrink the rest (then the canvas clips it). The y
/// axis points up in the world and down on the canvas: the frame flips it.
public struct FigureFrame: Sendable, Hashable {
    /// The canvas size in pixels.
    public let width: Double
    public let height: Double
    /// The drawing area on the canvas (below the title): lines and circles are clipped to it.
    public let drawingTop: Double
    /// The world region shown.
    let world: BoundingBox
    /// Pixels per world unit.
    public let scale: Double
    /// Pixel offsets of the world box's top-left corner.
    let origin: Vector2

    /// Frames `scene` with `style`, leaving `titleHeight` pixels at the top.
    init(scene: FigureScene, style: FigureStyle, titleHeight: Double) {
        var box = BoundingBox(scene.diagram.positions)
        for line in scene.lines {
            let (p, q) = line.endpoints(overhang: 0)
            box.add(p)
            box.add(q)
        }
        let pointsExtent = max(box.extent, 1e-6)
        let overhang = pointsExtent * style.lineOverhang
        for line in scene.lines where line.overhangs {
            let (p, q) = line.endpoints(overhang: overhang)
            box.add(p)
            box.add(q)
        }
        // Whole circles, smallest first, as long as the figure does not grow too much.
        for figureCircle in scene.circles.sorted(by: { $0.circle.radius < $1.circle.radius }) {
            let c = figureCircle.circle
            let r = Vector2(c.radius, c.radius)
            let grown = box.union(BoundingBox(minimum: c.center - r, maximum: c.center + r))
            if grown.extent <= style.maximumCircleGrowth * pointsExtent { box = grown }
        }
        // A degenerate box (one point, or points on a horizontal or vertical line).
        let minimumSide = max(box.extent, 1e-6) * 0.2
        if box.size.x < minimumSide { box.add(box.center - Vector2(minimumSide / 2, 0)); box.add(box.center + Vector2(minimumSide / 2, 0)) }
        if box.size.y < minimumSide { box.add(box.center - Vector2(0, minimumSide / 2)); box.add(box.center + Vector2(0, minimumSide / 2)) }

        let padding = style.padding
        let availableWidth = max(style.width - 2 * padding, 1)
        let maximumHeight = max(style.width * style.maximumAspectRatio - 2 * padding - titleHeight, 1)
        let scale = min(availableWidth / box.size.x, maximumHeight / box.size.y)
        self.scale = scale
        self.world = box
        self.width = style.width
        self.drawingTop = titleHeight
        self.height = (titleHeight + 2 * padding + box.size.y * scale).rounded(.up)
        // Centre horizontally when the height limit made the drawing narrower.
        let left = padding + (availableWidth - box.size.x * scale) / 2
        self.origin = Vector2(left, titleHeight + padding)
    }

    /// The canvas position of a world position.
    public func pixel(_ p: Vector2) -> Vector2 {
        Vector2(origin.x + (p.x - world.minimum.x) * scale, origin.y + (world.maximum.y - p.y) * scale)
    }

    /// The canvas direction of a world direction (y flipped).
    public func pixelDirection(_ d: Vector2) -> Vector2 { Vector2(d.x, -d.y) }
}
