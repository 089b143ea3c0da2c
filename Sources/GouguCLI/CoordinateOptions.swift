import ArgumentParser
import Gougu

extension CoordinatesOrder: ExpressibleByArgument {}

/// `--coordinates` and `--coordinates-seconds`, shared by `gougu solve` and `gougu bench`.
struct CoordinateOptions: ParsableArguments {
    @Option(help: "When to try a proof by coordinates: first (after deduction, before the search; the default), last (after the search), or off (the default with --no-aux).")
    var coordinates: CoordinatesOrder?

    @Option(help: "Seconds the proof by coordinates may take (within --timeout).")
    var coordinatesSeconds: Double = 10

    func validate() throws {
        try requireLimit(coordinatesSeconds, "--coordinates-seconds")
    }

    /// `--coordinates`, or its default: off for deduction alone (`--no-aux`), else first.
    func order(noAux: Bool) -> CoordinatesOrder { coordinates ?? (noAux ? .off : .first) }

    /// The options as `gougu solve` arguments, the default made explicit.
    func arguments(noAux: Bool) -> [String] {
        ["--coordinates", order(noAux: noAux).rawValue, "--coordinates-seconds", "\(coordinatesSeconds)"]
    }
}
