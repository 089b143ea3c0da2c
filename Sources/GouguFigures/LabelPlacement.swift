#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import GouguGeometry

/// A point's label on the canvas: its text and the centre of its box.
struct PlacedLabel: Sendable, Hashable {
    /// The letters, before a subscript.
    var base: String
    /// Trailing digits and the like, written as a subscript (`o1` is O with subscript 1).
    var lowered: String
    /// The centre of the label's box, in pixels.
    var center: Vector2
    /// Half the box's width and height, in pixels.
    var halfSize: Vector2
}

/// Places point labels next to their dots, away from lines, circles, other dots and
/// labels placed before.
///
/// Each label tries 24 directions at two distances around its dot and takes the spot
/// with the lowest cost: how deep the box would sit within the clearance of each drawn
/// object, how much it would overlap labels already placed, whether it leaves the
/// canvas, and a slight preference for the nearer ring and for the upper right.
struct LabelPlacer {
    var segments: [(Vector2, Vector2)]
    var circles: [(center: Vector2, radius: Double)]
    var dots: [Vector2]
    var canvas: (width: Double, height: Double, top: Double)
    var fontSize: Double

    /// Splits a name into its letters and a subscript: `o1` → (`O`, `1`), `h_a` → (`H`, `a`).
    static func split(_ name: String, uppercase: Bool) -> (String, String) {
        var base = name
        var sub = ""
        if let underscore = name.firstIndex(of: "_") {
            base = String(name[..<underscore])
            sub = String(name[name.index(after: underscore)...])
        } else {
            let digits = name.reversed().prefix { $0.isNumber }
            if !digits.isEmpty && digits.count < name.count {
                base = String(name.dropLast(digits.count))
                sub = String(digits.reversed())
            }
        }
        return (uppercase ? base.uppercased() : base, sub)
    }

    /// The label boxes, one per dot, in the order given.
    func place(names: [String], uppercase: Bool) -> [PlacedLabel] {
        var placed: [PlacedLabel] = []
        // Place the most crowded points first: they have the fewest good spots.
        let order = dots.indices.sorted { crowding(dots[$0]) > crowding(dots[$1]) || (crowding(dots[$0]) == crowding(dots[$1]) && $0 < $1) }
        var result = [PlacedLabel?](repeating: nil, count: dots.count)
        for index in order {
            let (base, sub) = Self.split(names[index], uppercase: uppercase)
            let width = fontSize * (0.62 * Double(base.count) + 0.45 * Double(sub.count)) + 2
            let half = Vector2(width / 2, fontSize * 0.42)
            var best: (cost: Double, center: Vector2)?
            for ring in 0..<2 {
                let gap = ring == 0 ? 5.0 : 11.0
                for step in 0..<24 {
                    let angle = Double(step) * Double.pi / 12
                    let d = Vector2(cos(angle), -sin(angle))
                    // Distance from the box centre to its edge along d.
                    let toEdge = min(abs(d.x) > 1e-9 ? half.x / abs(d.x) : .infinity,
                                     abs(d.y) > 1e-9 ? half.y / abs(d.y) : .infinity)
                    let center = dots[index] + d * (gap + toEdge + 2)
                    var cost = cost(center: center, half: half, owner: index, placed: placed)
                    cost += Double(ring) * 0.6
                    // A slight preference for the upper right, then the other diagonals.
                    cost += 0.05 * (1 - cos(angle - Double.pi / 4))
                    if best == nil || cost < best!.cost - 1e-12 { best = (cost, center) }
                }
            }
            let label = PlacedLabel(base: base, lowered: sub, center: best!.center, halfSize: half)
            placed.append(label)
            result[index] = label
        }
        return result.map { $0! }
    }

    /// How many objects pass near a dot.
    private func crowding(_ p: Vector2) -> Int {
        let near = 3 * fontSize
        return segments.filter { distanceToSegment(p, $0.0, $0.1) < near }.count
            + circles.filter { abs(p.distance(to: $0.center) - $0.radius) < near }.count
            + dots.filter { $0 != p && $0.distance(to: p) < near }.count
    }

    private func cost(center: Vector2, half: Vector2, owner: Int, placed: [PlacedLabel]) -> Double {
        let clearance = 4.0
        var cost = 0.0
        // Sample the box: corners, edge midpoints, centre.
        var samples: [Vector2] = []
        for sx in [-1.0, 0, 1] { for sy in [-1.0, 0, 1] { samples.append(center + Vector2(sx * half.x, sy * half.y)) } }
        func penalty(_ distance: Double, _ margin: Double, _ weight: Double) -> Double {
            distance < margin ? weight * (1 + (margin - distance) / margin) : 0
        }
        for (a, b) in segments {
            let d = samples.map { distanceToSegment($0, a, b) }.min()!
            let inside = crossesBox(a, b, center: center, half: half)
            cost += inside ? 3 : penalty(d, clearance, 1)
        }
        for c in circles {
            let distances = samples.map { $0.distance(to: c.center) - c.radius }
            let crosses = distances.contains { $0 < 0 } && distances.contains { $0 > 0 }
            let d = distances.map(abs).min()!
            cost += crosses ? 3 : penalty(d, clearance, 1)
        }
        for (index, dot) in dots.enumerated() where index != owner {
            let d = boxDistance(dot, center: center, half: half)
            cost += penalty(d, 6, 6)
        }
        for label in placed {
            let overlap = Vector2(half.x + label.halfSize.x + 2, half.y + label.halfSize.y + 2) - absolute(center - label.center)
            if overlap.x > 0 && overlap.y > 0 { cost += 10 + overlap.x * overlap.y / 20 }
        }
        if center.x - half.x < 2 || center.x + half.x > canvas.width - 2
            || center.y - half.y < canvas.top + 2 || center.y + half.y > canvas.height - 2 {
            cost += 20
        }
        return cost
    }

    /// Whether segment ab passes through the box.
    private func crossesBox(_ a: Vector2, _ b: Vector2, center: Vector2, half: Vector2) -> Bool {
        // Clip the segment to the box (Liang–Barsky).
        var t0 = 0.0, t1 = 1.0
        let d = b - a
        let checks: [(Double, Double)] = [
            (-d.x, a.x - (center.x - half.x)), (d.x, (center.x + half.x) - a.x),
            (-d.y, a.y - (center.y - half.y)), (d.y, (center.y + half.y) - a.y),
        ]
        for (p, q) in checks {
            if abs(p) < 1e-12 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    private func boxDistance(_ p: Vector2, center: Vector2, half: Vector2) -> Double {
        let outside = Vector2(max(abs(p.x - center.x) - half.x, 0), max(abs(p.y - center.y) - half.y, 0))
        return outside.length
    }
}

/// The distance from `p` to segment ab.
func distanceToSegment(_ p: Vector2, _ a: Vector2, _ b: Vector2) -> Double {
    let d = b - a
    let length2 = d.dot(d)
    guard length2 > 1e-18 else { return p.distance(to: a) }
    let t = max(0, min(1, (p - a).dot(d) / length2))
    return p.distance(to: a + d * t)
}

private func absolute(_ v: Vector2) -> Vector2 { Vector2(abs(v.x), abs(v.y)) }
