#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import GouguGeometry
import GouguLanguage

/// Writes a framed scene as an SVG document.
///
/// The document is deterministic: coordinates are written with two decimals, objects in
/// the order the scene holds them. Layers, bottom to top: background, title, circles and
/// lines by role (construction, auxiliary, goal, each a `<g class="...">`), marks, dots,
/// labels. Lines and circles are clipped to the drawing area.
struct SVGRenderer {
    let scene: FigureScene
    let frame: FigureFrame
    let style: FigureStyle
    let title: String
    let subtitle: String?

    func render() -> String {
        var out = SVGWriter()
        let w = frame.width, h = frame.height
        out.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        out.line(#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(fmt(w))" height="\#(fmt(h))" viewBox="0 0 \#(fmt(w)) \#(fmt(h))">"#)
        out.line("<title>\(escape(title))</title>")
        out.line("<desc>\(escape(scene.diagram.problem.statementText)) (seed \(scene.diagram.seed))</desc>")
        out.line(#"<defs><clipPath id="drawing-area"><rect x="0" y="\#(fmt(frame.drawingTop))" width="\#(fmt(w))" height="\#(fmt(h - frame.drawingTop))"/></clipPath></defs>"#)
        out.line(#"<rect class="background" x="0" y="0" width="\#(fmt(w))" height="\#(fmt(h))" fill="\#(style.background)"/>"#)
        renderTitle(&out)

        out.line(#"<g clip-path="url(#drawing-area)" fill="none" stroke-linecap="round" stroke-linejoin="round">"#)
        for role in FigureRole.allCases {
            renderLayer(role, &out)
        }
        out.line("</g>")
        renderPoints(&out)
        out.line("</svg>")
        return out.text
    }

    // MARK: Layers

    private func renderTitle(_ out: inout SVGWriter) {
        let titleColor = "#222222"
        let x = fmt(frame.width / 2)
        out.line(#"<text class="title" x="\#(x)" y="\#(fmt(style.titleFontSize + 10))" text-anchor="middle" font-family="\#(style.titleFont)" font-size="\#(fmt(style.titleFontSize))" font-weight="bold" fill="\#(titleColor)">\#(escape(title))</text>"#)
        if let subtitle {
            let size = style.titleFontSize * 0.8
            out.line(#"<text class="goal-text" x="\#(x)" y="\#(fmt(style.titleFontSize + 14 + size + 2))" text-anchor="middle" font-family="\#(style.titleFont)" font-size="\#(fmt(size))" fill="\#(style.highlightColor)">\#(escape(subtitle))</text>"#)
        }
    }

    private func attributes(_ role: FigureRole) -> String {
        switch role {
        case .construction:
            return #"stroke="\#(style.constructionColor)" stroke-width="\#(fmt(style.strokeWidth))""#
        case .auxiliary:
            return #"stroke="\#(style.auxiliaryColor)" stroke-width="\#(fmt(style.strokeWidth * 0.85))" stroke-dasharray="\#(style.dashPattern)""#
        case .goal:
            return #"stroke="\#(style.highlightColor)" stroke-width="\#(fmt(style.highlightStrokeWidth))""#
        }
    }

    private func renderLayer(_ role: FigureRole, _ out: inout SVGWriter) {
        out.line(#"<g class="\#(role.rawValue)" \#(attributes(role))>"#)
        for c in scene.circles where c.role == role {
            let center = frame.pixel(c.circle.center)
            out.line(#"<circle cx="\#(fmt(center.x))" cy="\#(fmt(center.y))" r="\#(fmt(c.circle.radius * frame.scale))"/>"#)
        }
        for line in scene.lines where line.role == role {
            let (p, q) = pixelEndpoints(line)
            out.line(#"<line x1="\#(fmt(p.x))" y1="\#(fmt(p.y))" x2="\#(fmt(q.x))" y2="\#(fmt(q.y))"/>"#)
        }
        // Marks are solid even in the dashed layer.
        let markWidth = role == .goal ? style.highlightStrokeWidth * 0.7 : style.strokeWidth * 0.8
        let marks = #"<g class="marks" stroke-dasharray="none" stroke-width="\#(fmt(markWidth))">"#
        var opened = false
        func open(_ out: inout SVGWriter) { if !opened { out.line(marks); opened = true } }
        for mark in scene.rightAngles where mark.role == role {
            open(&out)
            out.line(#"<path d="\#(rightAnglePath(mark))"/>"#)
        }
        for group in scene.ticks where group.role == role {
            for segment in group.segments {
                open(&out)
                out.line(#"<path d="\#(tickPath(segment, count: group.count))"/>"#)
            }
        }
        for group in scene.angles where group.role == role {
            for angle in group.angles {
                open(&out)
                out.line(#"<path d="\#(arcPath(angle, count: group.count))"/>"#)
            }
        }
        if opened { out.line("</g>") }
        out.line("</g>")
    }

    private func renderPoints(_ out: inout SVGWriter) {
        let problem = scene.diagram.problem
        let dots = scene.diagram.positions.map(frame.pixel)
        out.line(#"<g class="points" fill="\#(style.pointColor)">"#)
        for (index, point) in problem.points.enumerated() {
            let p = dots[index]
            out.line(#"<circle class="point" data-point="\#(escape(point.name))" cx="\#(fmt(p.x))" cy="\#(fmt(p.y))" r="\#(fmt(style.pointRadius))"/>"#)
        }
        out.line("</g>")

        let placer = LabelPlacer(
            segments: scene.lines.map { pixelEndpoints($0) },
            circles: scene.circles.map { (frame.pixel($0.circle.center), $0.circle.radius * frame.scale) },
            dots: dots,
            canvas: (frame.width, frame.height, frame.drawingTop),
            fontSize: style.labelFontSize
        )
        let labels = placer.place(names: problem.points.map(\.name), uppercase: style.uppercaseLabels)
        out.line(#"<g class="labels" font-family="\#(style.labelFont)" font-style="italic" font-size="\#(fmt(style.labelFontSize))" fill="\#(style.pointColor)" text-anchor="middle">"#)
        for (index, point) in problem.points.enumerated() {
            let label = labels[index]
            let baseline = label.center.y + style.labelFontSize * 0.33
            var text = escape(label.base)
            if !label.lowered.isEmpty {
                let size = style.labelFontSize * 0.68
                text += #"<tspan font-size="\#(fmt(size))" dy="\#(fmt(size * 0.35))">\#(escape(label.lowered))</tspan>"#
            }
            out.line(#"<text class="label" data-point="\#(escape(point.name))" x="\#(fmt(label.center.x))" y="\#(fmt(baseline))">\#(text)</text>"#)
        }
        out.line("</g>")
    }

    // MARK: Geometry on the canvas

    /// The canvas end points of a line.
    func pixelEndpoints(_ line: FigureLine) -> (Vector2, Vector2) {
        let (p, q) = line.endpoints(overhang: scene.scale * style.lineOverhang)
        return (frame.pixel(p), frame.pixel(q))
    }

    /// A right-angle mark: each side runs along the direction in which the drawn lines
    /// through the vertex extend further.
    private func rightAnglePath(_ mark: RightAngleMark) -> String {
        let v = frame.pixel(mark.vertex)
        let u = frame.pixelDirection(orient(mark.first, at: mark.vertex))
        let w = frame.pixelDirection(orient(mark.second, at: mark.vertex))
        let s = style.markSize
        let a = v + u * s, b = v + u * s + w * s, c = v + w * s
        return "M\(fmt(a.x)) \(fmt(a.y)) L\(fmt(b.x)) \(fmt(b.y)) L\(fmt(c.x)) \(fmt(c.y))"
    }

    /// `direction` or its opposite: the one along which the drawn lines through
    /// `vertex` parallel to it reach further.
    private func orient(_ direction: Vector2, at vertex: Vector2) -> Vector2 {
        var forward = 0.0, backward = 0.0
        let tolerance = scene.scale * 1e-4
        for line in scene.lines where abs(line.direction.cross(direction)) < 1e-4 && line.contains(vertex, tolerance: tolerance) {
            let (p, q) = line.endpoints(overhang: 0)
            for t in [direction.dot(p - vertex), direction.dot(q - vertex)] {
                forward = max(forward, t)
                backward = max(backward, -t)
            }
        }
        return backward > forward ? -direction : direction
    }

    /// `count` short strokes across the middle of a segment.
    private func tickPath(_ segment: TickMarks.Segment, count: Int) -> String {
        let a = frame.pixel(segment.start), b = frame.pixel(segment.end)
        guard (b - a).length > 1e-9 else { return "" }
        let along = (b - a).normalized
        let across = along.perpendicular
        let middle = (a + b) / 2
        let spacing = 4.0
        let half = style.markSize * 0.65
        var path: [String] = []
        for k in 0..<count {
            let offset = (Double(k) - Double(count - 1) / 2) * spacing
            let c = middle + along * offset
            let p = c - across * half, q = c + across * half
            path.append("M\(fmt(p.x)) \(fmt(p.y)) L\(fmt(q.x)) \(fmt(q.y))")
        }
        return path.joined(separator: " ")
    }

    /// `count` concentric arcs marking an angle.
    private func arcPath(_ angle: AngleMarks.Angle, count: Int) -> String {
        let v = frame.pixel(angle.vertex)
        let f = frame.pixelDirection(angle.from), t = frame.pixelDirection(angle.to)
        let sweep = f.cross(t) > 0 ? 1 : 0
        var path: [String] = []
        for k in 0..<count {
            let r = style.markSize * 2.2 + Double(k) * 3.5
            let p = v + f * r, q = v + t * r
            path.append("M\(fmt(p.x)) \(fmt(p.y)) A\(fmt(r)) \(fmt(r)) 0 0 \(sweep) \(fmt(q.x)) \(fmt(q.y))")
        }
        return path.joined(separator: " ")
    }
}

/// Accumulates the lines of a document.
struct SVGWriter {
    private(set) var text = ""
    mutating func line(_ s: String) {
        text += s
        text += "\n"
    }
}

/// A number with at most two decimals, without trailing zeros or a negative zero, as the
/// figure writes its coordinates (non-finite values as 0, huge ones clamped).
public func fmt(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    // Far beyond any canvas: clamp, so that the conversion cannot overflow.
    let hundredths = Int((min(max(value, -1e12), 1e12) * 100).rounded())
    if hundredths == 0 { return "0" }
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = abs(hundredths)
    let whole = magnitude / 100, fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// Text escaped for XML (and HTML) character data and attribute values.
public func escape(_ text: String) -> String {
    var out = ""
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(c)
        }
    }
    return out
}
