import ArgumentParser
import Foundation
import Gougu

/// `gougu draw`: a figure of one problem as SVG.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw a figure of a problem as SVG: labelled points, the constructions' lines and circles, the goal highlighted.",
        discussion: "Exit status: 0 on success, 2 on bad input, a construction that cannot be satisfied or an output that cannot be written."
    )

    @OptionGroup var selection: ProblemSelection

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The SVG file to write; '-' writes to standard output.", valueName: "file"))
    var output: String

    @Option(help: "The random seed of the diagram: the same seed gives the same figure.")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "The width of the figure in pixels.")
    var width: Double = FigureStyle.default.width

    func validate() throws {
        if !(width >= 100 && width <= 10_000) { throw ValidationError("--width must be between 100 and 10000") }
    }

    func run() throws {
        let problems = try selection.load()
        guard problems.count == 1, let problem = problems.first else {
            let names = problems.prefix(8).map(\.name).joined(separator: ", ")
            let more = problems.count > 8 ? ", ..." : ""
            fail("\(selection.file): error: the file has \(problems.count) problems; choose one with --problem NAME (\(names)\(more))")
        }
        let diagram: Diagram
        do {
            diagram = try configurationOptions.build(problem, seed: seed)
        } catch let error as DiagramError {
            fail("\(error) (problem '\(problem.name)', seed \(seed))")
        }
        var style = FigureStyle.default
        style.width = width
        let data = Data(Figure(diagram: diagram, style: style).svg().utf8)
        if output == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        FileAccess.writeOrFail(data, to: output, what: "the figure")
    }
}
