import ArgumentParser
import Foundation
import Gougu

/// `gougu check`: check a proof (JSON or the text `gougu solve` prints) of one problem
/// against the theorem library, without running the engine.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a proof of a problem's goal, trusting only the theorem library.",
        discussion: """
            PROOF is a proof in format gougu-proof/2 (JSON, as `gougu solve --json` or --proof-out writes it) \
            or the text proof `gougu solve` prints, told apart by content. \
            Exit status: 0 valid, 1 invalid (the first failing step and why are printed), 2 unreadable input.
            """
    )

    @ArgumentParser.Argument(help: "A problem file in the AlphaGeometry problem language.")
    var file: String

    @Option(name: .long, help: "The name of the problem the proof proves.")
    var problem: String

    @ArgumentParser.Argument(help: "The proof: JSON (gougu-proof/2) or text.")
    var proof: String

    @Option(help: "The diagram's random seed (a proof by coordinates is checked on the diagram it was found on).")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    func run() throws {
        let problems = try ProblemSelection(file: file, problem: problem).load()
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: proof))
        } catch {
            fail("\(proof): error: cannot read the file (\((error as NSError).localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else { fail("\(proof):1:1: error: the file is not UTF-8 text") }
        if text.hasPrefix(AlgebraicProver.header) {
            let diagram: Diagram
            do {
                diagram = try configurationOptions.build(problems[0], seed: seed)
            } catch {
                fail("\(error) (problem '\(problems[0].name)')")
            }
            if let failure = AlgebraicProver.check(text, diagram: diagram) {
                print("\(proof): invalid: \(failure)")
                throw ExitCode(1)
            }
            print("\(proof): valid proof by coordinates of \(problems[0].name)")
            return
        }
        let document: ProofDocument
        do {
            document = try ProofDocument.read(text, file: proof)
        } catch let error as ProofReadError {
            fail(error.description)
        }
        switch ProofChecker().check(document, for: problems[0]) {
        case .valid:
            print("\(proof): valid proof of \(problems[0].name) (\(document.steps.count) steps)")
        case .invalid(let failure):
            print("\(proof): invalid: \(failure)")
            throw ExitCode(1)
        }
    }
}

extension ProblemSelection {
    init(file: String, problem: String?) {
        self.init()
        self.file = file
        self.problem = problem
    }
}
