import Testing
import GouguGeometry
@testable import GouguSearch

/// The proposer's grid count of circles through candidate points agrees with testing every
/// pair, for points on, near and off the circles, large and tiny circles, and grids of
/// every coarseness.
@Suite struct CircleIncidenceTests {
    /// A deterministic stream of numbers in [0, 1).
    struct Numbers {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// The same counts by testing every point against every circle (the specification).
    static func bruteForceCounts(of points: [Vector2], on circles: [CircleIncidence.Circle]) -> [Int] {
        points.map { x in
            circles.filter { circle in
                let lower = circle.radius - circle.tolerance, upper = circle.radius + circle.tolerance
                let d = x - circle.center
                let squared = d.x * d.x + d.y * d.y
                return squared > (lower > 0 ? lower * lower : -1) && squared < upper * upper
            }.count
        }
    }

    func scene(seed: UInt64) -> (points: [Vector2], circles: [CircleIncidence.Circle]) {
        var numbers = Numbers(state: seed)
        var circles: [CircleIncidence.Circle] = []
        for k in 0..<60 {
            let center = Vector2(numbers.next() * 6 - 3, numbers.next() * 6 - 3)
            // Mostly figure-sized circles, some tiny, some huge.
            let radius = k % 10 == 0 ? 50 * numbers.next() + 5 : (k % 7 == 0 ? 1e-4 * numbers.next() : 2 * numbers.next() + 0.05)
            circles.append((center, radius, 1e-5 * max(1, radius)))
        }
        var points: [Vector2] = []
        for _ in 0..<1500 { points.append(Vector2(numbers.next() * 10 - 5, numbers.next() * 10 - 5)) }
        // Points on circles, just inside and just outside their tolerance.
        for circle in circles.prefix(40) {
            for _ in 0..<5 {
                let angle = numbers.next() * 2 * Double.pi
                let u = Vector2.unit(angle: angle)
                points.append(circle.center + u * circle.radius)
                points.append(circle.center + u * (circle.radius + 0.5 * circle.tolerance))
                points.append(circle.center + u * (circle.radius + 2 * circle.tolerance))
            }
        }
        points.append(Vector2(1000, -1000))  // far away: a wide, sparse grid
        return (points, circles)
    }

    @Test(arguments: [1e-3, 0.05, 0.4, 3.0, 100.0])
    func gridCountsEqualTestingEveryPair(cell: Double) {
        for seed: UInt64 in [1, 2, 3] {
            let (points, circles) = scene(seed: seed)
            let expected = Self.bruteForceCounts(of: points, on: circles)
            let counts = CircleIncidence.counts(of: points, on: circles, cell: cell)
            #expect(counts.count == expected.count)
            let wrong = zip(counts, expected).filter { $0 != $1 }.count
            #expect(wrong == 0, "\(wrong) of \(points.count) points miscounted (seed \(seed))")
            #expect(expected.reduce(0, +) >= 2 * 40 * 5)  // the scene does have incidences
        }
    }

    @Test func pointsAndCirclesThatAreNotFiniteMeetNothingAndFarOnesAreCountedExactly() {
        let points = [Vector2(1, 0), Vector2(.nan, 0), Vector2(.infinity, 1), Vector2(1e300, 0), Vector2(-1e300, 1e-300), Vector2(0, 1)]
        let circles: [CircleIncidence.Circle] = [(Vector2(0, 0), 1, 1e-5), (Vector2(.nan, 0), 1, 1e-5),
                                                 (Vector2(0, 0), .infinity, 1), (Vector2(1e300, 0), 1e-300, 1e-5)]
        for cell in [1e-12, 1, 1e200] {
            let counts = CircleIncidence.counts(of: points, on: circles, cell: cell)
            #expect(counts == [1, 0, 0, 1, 0, 1])
        }
    }

    @Test func noPointsOrNoCirclesGiveZeroCounts() {
        #expect(CircleIncidence.counts(of: [], on: [(Vector2(0, 0), 1, 1e-5)], cell: 1) == [])
        #expect(CircleIncidence.counts(of: [Vector2(1, 0)], on: [], cell: 1) == [0])
        #expect(CircleIncidence.counts(of: [Vector2(1, 0), Vector2(1, 0)], on: [(Vector2(0, 0), 1, 1e-5)], cell: 1) == [1, 1])
    }
}
