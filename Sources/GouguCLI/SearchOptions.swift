import ArgumentParser
import GouguSolver

/// The search's limits and shape, shared by `solve` and `bench` (which passes them on to
/// the `solve` it runs for each problem).
struct SearchOptions: ParsableArguments {
    @Option(help: "States (augmented problems) the search may evaluate.")
    var maxStates: Int = 10_000

    @Option(help: "Most expansions on the way to one state: auxiliary constructions, or batches of them with --batch.")
    var maxDepth: Int = SolveOptions().maxDepth

    @Option(help: "Auxiliary constructions added together as one state: the proposals of a state, best first, in batches of this size; the proof keeps those it uses.")
    var batch: Int = SolveOptions().batchSize

    func validate() throws {
        guard maxStates >= 0, maxDepth >= 1 else { throw ValidationError("--max-states must be non-negative and --max-depth positive") }
        guard batch >= 1, batch <= 1000 else { throw ValidationError("--batch must be between 1 and 1000") }
    }

    /// Arguments that pass these options on to `gougu solve`.
    var arguments: [String] {
        ["--max-states", "\(maxStates)", "--max-depth", "\(maxDepth)", "--batch", "\(batch)"]
    }

    /// These options set in `options`.
    func apply(to options: inout SolveOptions) {
        options.maxStates = maxStates
        options.maxDepth = maxDepth
        options.batchSize = batch
    }
}
