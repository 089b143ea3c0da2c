/// One of `count` deterministic slices of a run (`--shard I/N`, 0 <= I < N).
struct Shard: Codable, Equatable, Hashable, CustomStringConvertible {
    var index: Int
    var count: Int

    /// The whole run: shard 0 of 1.
    static let whole = Shard(index: 0, count: 1)

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N`; nil unless N >= 1 and 0 <= I < N.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    var description: String { "\(index)/\(count)" }

    /// The positions of a list of `total` items this shard takes: every N-th from I
    /// (I, I + N, I + 2N, ...), so that hard problems that sit together in a file spread
    /// over the shards.
    func positions(of total: Int) -> [Int] {
        Array(stride(from: index, to: total, by: count))
    }
}
