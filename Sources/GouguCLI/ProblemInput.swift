import ArgumentParser
import Foundation
import Gougu

/// The problem-file arguments shared by subcommands: a file, and which problems in it.
struct ProblemSelection: ParsableArguments {
    @ArgumentParser.Argument(help: "A problem file in the AlphaGeometry problem language.")
    var file: String

    @Option(name: .long, help: "The name of the problem to use (default: every problem in the file).")
    var problem: String?

    /// Reads and parses the file, then selects the problems. Bad input prints a
    /// diagnostic to standard error and exits with status 2.
    func load() throws -> [Problem] {
        let problems = try loadProblemFile(file)
        guard let name = problem else { return problems }
        guard let match = problems.first(where: { $0.name == name }) else {
            let names = problems.map(\.name)
            fail("\(file): error: no problem named \(Diagnostic.quoted(name))\(nameSuggestion(name, names))")
        }
        return [match]
    }

    /// Reads the file and selects the problems, reading past problems that cannot be read:
    /// their diagnostics are printed to standard error and they are left out (with
    /// `--problem`, a problem that cannot be read is bad input: exit status 2). Returns the
    /// problems and how many of the selection could not be read.
    func loadReadable() -> (problems: [Problem], unreadable: Int) {
        let read = readProblemFile(file)
        if let name = problem {
            if let match = read.problems.first(where: { $0.name == name }) { return ([match], 0) }
            for case .unreadable(name?, let diagnostic) in read.entries where name == problem { fail(diagnostic.description) }
            fail("\(file): error: no problem named \(Diagnostic.quoted(name))\(nameSuggestion(name, read.problems.map(\.name)))")
        }
        let diagnostics = read.diagnostics
        for diagnostic in diagnostics.prefix(20) { warn(diagnostic.description) }
        if diagnostics.count > 20 { warn("\(file): ... and \(diagnostics.count - 20) more problems that cannot be read") }
        return (read.problems, diagnostics.count)
    }
}

/// Reads a problem file problem by problem (`ProblemParser.readFile`), exiting with status
/// 2 only when the file itself cannot be read.
func readProblemFile(_ path: String) -> ProblemFile {
    let data = FileAccess.read(path)
    guard let text = String(data: data, encoding: .utf8) else {
        fail("\(path):1:1: error: the file is not UTF-8 text")
    }
    return ProblemParser().readFile(text, file: path).checkingPremises()
}

/// Reads and parses a problem file, exiting with status 2 on any error.
func loadProblemFile(_ path: String) throws -> [Problem] {
    let read = readProblemFile(path)
    if let first = read.diagnostics.first { fail(first.description) }
    return read.problems
}

/// Prints `message` to standard error and exits with status 2 (bad input).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// Refuses a budget option that is not a positive finite number (`inf` and `nan` included).
func requireLimit(_ value: Double, _ option: String) throws {
    guard value.isFinite, value > 0 else { throw ValidationError("\(option) must be a positive finite number, got \(value)") }
    guard value <= 1e7 else { throw ValidationError("\(option) must be at most 10000000, got \(value)") }
}

/// Prints a line to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

private func nameSuggestion(_ name: String, _ names: [String]) -> String {
    let close = names.filter { $0.contains(name) || name.contains($0) }.prefix(3)
    if !close.isEmpty { return " (did you mean \(close.map(Diagnostic.quoted).joined(separator: ", "))?)" }
    return names.count <= 8 ? " (the file has: \(names.joined(separator: ", ")))" : ""
}

/// Formats a coordinate for people: fixed width, six decimals.
func formatCoordinate(_ value: Double) -> String {
    let rounded = (value * 1e6).rounded() / 1e6
    let text = String(format: "%.6f", rounded == 0 ? 0 : rounded)
    return String(repeating: " ", count: max(0, 11 - text.count)) + text
}

/// How a command chooses among the figures a statement describes.
struct ConfigurationOptions: ParsableArguments {
    @Flag(help: "Keep every two-way choice (which intersection of a line and a circle, which bisector) as the seed draws it, even when the goal is false there. By default, when the goal is false in the seeded diagram, the other configurations of the same free points are tried and the first where the goal holds is used, and named in the output and in proofs.")
    var seededConfiguration = false

    /// The diagram of `problem` from `seed` in the configuration these options choose,
    /// given up at `deadline` (`DiagramOutOfTime`).
    func build(_ problem: Problem, seed: UInt64, deadline: ContinuousClock.Instant? = nil) throws -> Diagram {
        try DiagramBuilder(deadline: deadline).build(problem, seed: seed, seededConfiguration: seededConfiguration)
    }
}

/// "configuration 5 (e, g at the other of two positions)", or nil for the seeded one.
func configurationText(_ diagram: Diagram) -> String? {
    diagram.configurationNote.map { "configuration \(diagram.configuration) (\($0))" }
}
