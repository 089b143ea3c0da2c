import Synchronization

/// A flag one thread raises to stop work another thread is doing: the coordinate prover's
/// polynomial arithmetic, the engine, the search. The work checks `isCancelled` where it
/// checks its time budget and stops as if the budget had run out.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the work to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether `cancel` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
