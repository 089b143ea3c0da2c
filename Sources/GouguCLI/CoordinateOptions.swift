import ArgumentParser
import Gougu

extension CoordinatesOrder: ExpressibleByArgument {}
extension ProofPreference: ExpressibleByArgument {}

/// `--coordinates` and `--coordinates-seconds`, shared by `gougu solve` and `gougu bench`.
struct CoordinateOptions: ParsableArguments {
    @Option(help: "When to try a proof by coordinates: first (after deduction, before the search; the default), last (after the search), or off (the default with --no-aux).")
    var coordinates: CoordinatesOrder?

    @Option(help: "Seconds the proof by coordinates may take (within --timeout).")
    var coordinatesSeconds: Double = 10

    @Option(help: "With --coordinates first, coordinates and the search run at the same time: synthetic (the default) reports a synthetic proof the search finds in the states it is evaluating when the coordinates prove the goal; first reports whichever proof comes first.")
    var prefer: ProofPreference = .synthetic

    func validate() throws {
        try requireLimit(coordinatesSeconds, "--coordinates-seconds")
    }

    /// `--coordinates`, or its default: off for deduction alone (`--no-aux`), else first.
    func order(noAux: Bool) -> CoordinatesOrder { coordinates ?? (noAux ? .off : .first) }

    /// The options as `gougu solve` arguments, the default made explicit.
    func arguments(noAux: Bool) -> [String] {
        ["--coordinates", order(noAux: noAux).rawValue, "--coordinates-seconds", "\(coordinatesSeconds)", "--prefer", prefer.rawValue]
    }
}
