import GouguGeometry

/// How many circles pass through each of many points, without testing every pair.
///
/// The points are sorted into a grid of square cells; a circle is tested only against the
/// points of the cells its annulus (radius ± tolerance) meets, found column by column from
/// the annulus's extent in each column. The test itself is the exact one,
/// `(r − t)² < |x − c|² < (r + t)²`, so the counts are those of testing every pair (a
/// test compares them), in a fraction of the time when the circles are small against the
/// spread of the points.
enum CircleIncidence {
    typealias Circle = (center: Vector2, radius: Double, tolerance: Double)

    /// For each of `points`, the number of `circles` it lies on (within each circle's
    /// tolerance). `cell` is the grid's cell size (enlarged when the grid would be too big).
    /// Points and circles that are not finite take part in no incidence.
    static func counts(of points: [Vector2], on circles: [Circle], cell requestedCell: Double) -> [Int] {
        var counts = [Int](repeating: 0, count: points.count)
        let placed = points.indices.filter { points[$0].isFinite }
        guard let first = placed.first, !circles.isEmpty else { return counts }
        var minimum = points[first], maximum = points[first]
        for i in placed { minimum = pointwiseMin(minimum, points[i]); maximum = pointwiseMax(maximum, points[i]) }
        let extent = maximum - minimum
        // At most about sixteen cells per point (in area, and along each side), and a
        // positive cell however the points lie.
        let budget = Double(16 * placed.count + 1024)
        let densest = ((extent.x + 1e-12) * (extent.y + 1e-12) / budget).squareRoot()
        let cell = max(requestedCell, densest, max(extent.x, extent.y) / budget, 1e-9 * max(1, extent.x, extent.y))
        let columns = Int(extent.x / cell) + 1, rows = Int(extent.y / cell) + 1

        /// A column or row index for a coordinate offset, clamped to the grid before
        /// conversion (so that no far or huge value traps).
        func index(_ offset: Double, _ count: Int) -> Int { Int(min(Double(count - 1), max(0, (offset / cell).rounded(.down)))) }
        // Counting sort of the points by cell, column-major.
        func cellIndex(_ x: Vector2) -> Int { index(x.x - minimum.x, columns) * rows + index(x.y - minimum.y, rows) }
        var start = [Int](repeating: 0, count: columns * rows + 1)
        let cells = placed.map { cellIndex(points[$0]) }
        for c in cells { start[c + 1] += 1 }
        for i in 1..<start.count { start[i] += start[i - 1] }
        var next = start
        var order = [Int](repeating: 0, count: placed.count)
        for (k, c) in cells.enumerated() { order[next[c]] = placed[k]; next[c] += 1 }

        for circle in circles where circle.center.isFinite && circle.radius.isFinite && circle.tolerance.isFinite {
            let lower = circle.radius - circle.tolerance, upper = circle.radius + circle.tolerance
            let lowerSquared = lower > 0 ? lower * lower : -1, upperSquared = upper * upper
            // The cells chosen with radii widened a little: a superset of those the exact
            // test can accept, whatever the rounding.
            let outer = upper * (1 + 1e-9) + 1e-12, inner = lower * (1 - 1e-9) - 1e-12
            let c = circle.center
            // Circles wholly left or right of the grid meet no point.
            guard c.x + outer >= minimum.x, c.x - outer <= maximum.x else { continue }
            let firstColumn = index(c.x - outer - minimum.x, columns), lastColumn = index(c.x + outer - minimum.x, columns)
            for column in firstColumn...lastColumn {
                let left = minimum.x + Double(column) * cell, right = left + cell
                let nearest = c.x < left ? left - c.x : (c.x > right ? c.x - right : 0)
                let farthest = max(abs(left - c.x), abs(right - c.x))
                guard nearest <= outer else { continue }
                let outerHalf = (outer * outer - nearest * nearest).squareRoot()
                let innerHalf = inner > farthest ? (inner * inner - farthest * farthest).squareRoot() : 0
                func row(_ y: Double) -> Int { index(y - minimum.y, rows) }
                // The annulus in this column: two bands, above and below the centre, or one.
                var ranges = [(row(c.y - outerHalf), row(c.y - innerHalf)), (row(c.y + innerHalf), row(c.y + outerHalf))]
                if ranges[1].0 <= ranges[0].1 + 1 { ranges = [(ranges[0].0, ranges[1].1)] }
                for (firstRow, lastRow) in ranges {
                    let base = column * rows
                    for i in order[start[base + firstRow]..<start[base + lastRow + 1]] {
                        let d = points[i] - c
                        let squared = d.x * d.x + d.y * d.y
                        if squared > lowerSquared && squared < upperSquared { counts[i] += 1 }
                    }
                }
            }
        }
        return counts
    }
}
