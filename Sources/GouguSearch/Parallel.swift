import Foundation

/// Work spread over threads.
public enum Parallel {
    /// `transform` over `items` on `threads` threads, results in input order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], threads: Int, _ transform: @Sendable @escaping (T) -> R) -> [R] {
        let work = ParallelWork<R>(items.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, items.count))) { _ in
            while let i = work.claim() { (work.results + i).pointee = transform(items[i]) }
        }
        return (0..<items.count).map { work.results[$0]! }
    }
}

/// Results by index (each written by exactly one worker) and the next index to claim.
private final class ParallelWork<R>: @unchecked Sendable {
    // @unchecked Sendable: `cursor` is guarded by `lock`; each result slot is written by the
    // one worker that claimed its index and read only after all workers finished.
    let results: UnsafeMutablePointer<R?>
    let count: Int
    private let lock = NSLock()
    private var cursor = 0

    init(_ count: Int) {
        self.count = count
        results = .allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
    }

    deinit {
        results.deinitialize(count: count)
        results.deallocate()
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard cursor < count else { return nil }
        cursor += 1
        return cursor - 1
    }
}
