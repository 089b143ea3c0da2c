import Foundation
import GouguArithmetic
import GouguDeduction

/// Watches this process's resident memory from a second thread while work that cannot
/// check it itself runs (polynomial arithmetic), and cancels that work when the memory
/// passes a budget.
public enum MemoryWatch {
    /// Runs `body` with a cancellation that is cancelled once resident memory exceeds
    /// `budgetMiB` (checked every `interval`); also cancelled at once when memory is over the
    /// budget already, and once `alsoWhen` is raised (another reason to stop). Where memory
    /// cannot be read (no `/proc`), only `alsoWhen` cancels.
    public static func run<T>(budgetMiB: Double, alsoWhen other: CancellationFlag? = nil, interval: Duration = .milliseconds(10),
                              _ body: (CancellationFlag) -> T) -> T {
        let cancellation = CancellationFlag()
        if let resident = ResidentMemory.currentMiB(), resident > budgetMiB { cancellation.cancel() }
        let done = CancellationFlag()
        let watcher = Thread {
            while !done.isCancelled && !cancellation.isCancelled {
                if let resident = ResidentMemory.currentMiB(), resident > budgetMiB { cancellation.cancel() }
                if other?.isCancelled == true { cancellation.cancel() }
                Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
            }
        }
        watcher.start()
        defer { done.cancel() }
        return body(cancellation)
    }
}
