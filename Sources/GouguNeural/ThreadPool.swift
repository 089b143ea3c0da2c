import Foundation
import Synchronization

/// A small fixed pool of worker threads that runs one parallel loop at a time.
///
/// `parallelFor(count:_:)` hands the indices `0..<count` to the workers and the calling
/// thread, and returns when all have finished. With `threadCount == 1` the loop runs inline
/// on the caller, so single-threaded code pays nothing.
///
/// The pool is not reentrant: one `parallelFor` at a time (a lock serialises callers), and
/// the body must not call `parallelFor` on the same pool.
public final class ThreadPool: @unchecked Sendable {
    // @unchecked Sendable: all mutable state below is guarded by `condition`; the job
    // closure is only read by workers between "job posted" and "job done" under that lock.

    /// Number of threads that execute a parallel loop (workers plus the caller).
    public let threadCount: Int

    private let condition = NSCondition()
    private let callerLock = NSLock()
    private var job: ((Int) -> Void)?
    private var jobCount = 0
    private var nextIndex = 0
    private var remaining = 0
    private var generation = 0
    private var activeWorkers = 0
    /// Lock-free mirrors of `generation` and of `remaining + activeWorkers`, written under the
    /// lock: a thread about to sleep on `condition` first spins on them for a few
    /// microseconds, so that back-to-back loops (a GEMV per decoding step) do not pay a
    /// futex sleep and wake-up each. Correctness never depends on them: every decision is
    /// re-made under the lock.
    private let generationHint = Atomic<Int>(0)
    private let busyHint = Atomic<Int>(0)
    /// Spin iterations before sleeping (about 20-60 µs).
    private let spinLimit = 20_000

    /// A pool shared by the whole process, with one thread per available core.
    public static let shared = ThreadPool(threadCount: ProcessInfo.processInfo.activeProcessorCount)

    /// Creates a pool that runs loops on `threadCount` threads (the caller counts as one).
    ///
    /// Pools are meant to live as long as the process: worker threads keep the pool alive.
    public init(threadCount: Int) {
        self.threadCount = max(1, threadCount)
        for _ in 1..<self.threadCount {
            let thread = Thread { self.workerLoop() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Runs `body(i)` for every `i` in `0..<count`, spread over the pool, and waits for all.
    public func parallelFor(count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        if threadCount == 1 || count == 1 {
            for i in 0..<count { body(i) }
            return
        }
        callerLock.lock()
        defer { callerLock.unlock() }
        withoutActuallyEscaping(body) { escapable in
            condition.lock()
            job = escapable
            jobCount = count
            nextIndex = 0
            remaining = count
            generation &+= 1
            busyHint.store(remaining + activeWorkers, ordering: .releasing)
            generationHint.store(generation, ordering: .releasing)
            condition.broadcast()
            condition.unlock()
            runClaimedIndices(escapable, generation: generation)
            spin { self.busyHint.load(ordering: .acquiring) == 0 }
            condition.lock()
            // Wait until every index ran and every worker dropped its reference to the body.
            while remaining > 0 || activeWorkers > 0 { condition.wait() }
            job = nil
            condition.unlock()
        }
    }

    /// Claims indices one by one until none are left; returns when this thread is done.
    private func runClaimedIndices(_ body: (Int) -> Void, generation myGeneration: Int) {
        while true {
            condition.lock()
            if generation != myGeneration || nextIndex >= jobCount {
                condition.unlock()
                return
            }
            let i = nextIndex
            nextIndex += 1
            condition.unlock()
            body(i)
            condition.lock()
            remaining -= 1
            busyHint.store(remaining + activeWorkers, ordering: .releasing)
            if remaining == 0 { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Runs the posted job's indices; the reference to the body ends when this returns.
    @inline(never)
    private func runJob(generation: Int) {
        condition.lock()
        let body = job
        condition.unlock()
        if let body { runClaimedIndices(body, generation: generation) }
    }

    private func workerLoop() {
        var seenGeneration = 0
        while true {
            let seen = seenGeneration
            spin { self.generationHint.load(ordering: .acquiring) != seen }
            condition.lock()
            while generation == seenGeneration { condition.wait() }
            seenGeneration = generation
            if job == nil {
                condition.unlock()
                continue
            }
            activeWorkers += 1
            busyHint.store(remaining + activeWorkers, ordering: .releasing)
            condition.unlock()
            runJob(generation: seenGeneration)
            condition.lock()
            activeWorkers -= 1
            busyHint.store(remaining + activeWorkers, ordering: .releasing)
            if activeWorkers == 0 { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Polls `done` up to `spinLimit` times; returns early when it holds.
    @inline(__always)
    private func spin(until done: () -> Bool) {
        var i = 0
        while i < spinLimit {
            if done() { return }
            i += 1
        }
    }
}
