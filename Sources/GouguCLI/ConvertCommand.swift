import ArgumentParser
import Foundation
import Gougu

/// `gougu convert`: write problems in another form of the problem language.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write each problem in another form of the problem language.",
        discussion: """
            --to premises writes AlphaGeometry 2's premise language (docs/language.md, "The premise \
            language"): every point at its coordinates in the problem's diagram (the one `gougu solve` \
            draws with the same --seed), and the facts its construction asserts as premises. The output \
            is a problem file, a name line and a statement line for each problem. A problem that cannot \
            be read, drawn or written is reported on standard error and left out. Exit status: 0 when \
            every problem is written, 1 when some are left out, 2 when none is.
            """
    )

    enum Form: String, ExpressibleByArgument, CaseIterable {
        case premises
    }

    @OptionGroup var selection: ProblemSelection

    @Option(help: "The form to write: premises (AlphaGeometry 2's premise language).")
    var to: Form

    @Option(help: "The random seed of the diagram the coordinates are taken from.")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    func run() throws {
        let (problems, unreadable) = selection.loadReadable()
        var written = 0, failed = unreadable
        for problem in problems {
            let diagram: Diagram
            do {
                diagram = try configurationOptions.build(problem, seed: seed, deadline: ContinuousClock.now + .seconds(60))
            } catch {
                warn("\(error) (problem '\(problem.name)')")
                failed += 1
                continue
            }
            do {
                let line = try PremiseConversion.statement(of: diagram)
                print(problem.name)
                print(line)
                written += 1
            } catch {
                warn("\(error) (problem '\(problem.name)')")
                failed += 1
            }
        }
        if written == 0 { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }
}
