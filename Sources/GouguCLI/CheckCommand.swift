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
            PROOF is a proof in format gougu-proof/3 or /2 (JSON, as `gougu solve --json` or --proof-out writes it) \
            or the text proof `gougu solve` prints, or the certificate of a proof by coordinates (gougu-coordinates/1, \
            JSON, checked on the diagram of the seed it names), told apart by content. \
            Exit status: 0 valid, 1 invalid (the first failing step and why are printed) or not checked within --timeout, 2 unreadable input.
            """
    )

    @ArgumentParser.Argument(help: "A problem file in the AlphaGeometry problem language.")
    var file: String

    @Option(name: .long, help: "The name of the problem the proof proves.")
    var problem: String

    @ArgumentParser.Argument(help: "The proof: JSON (gougu-proof/3 or /2, or gougu-coordinates/1) or text.")
    var proof: String

    @Option(help: "The diagram's random seed (unused: a proof names its own).")
    var seed: UInt64 = 0

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Seconds the check may take; past them it stops and says the proof was not checked (exit status 1).")
    var timeout: Double = 60

    @Option(help: "Resident memory the check of a proof by coordinates may use, in MiB.")
    var memory: Double = 1024

    func validate() throws {
        try requireLimit(timeout, "--timeout")
        try requireLimit(memory, "--memory")
    }

    func run() throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        let problems = try ProblemSelection(file: file, problem: problem).load()
        let data = FileAccess.read(proof)
        guard let text = String(data: data, encoding: .utf8) else { fail("\(proof):1:1: error: the file is not UTF-8 text") }
        let verdict: ProofVerdict
        var description: String
        let byCoordinates = CoordinateCertificate.isCertificate(data)
        if text.hasPrefix(AlgebraicProver.header) {
            // The text is for reading; checking it would mean running the prover again.
            fail("\(proof):1:1: error: this is the text of a proof by coordinates, which is not checked: check its certificate "
                 + "(\(CoordinateCertificate.format), the NAME.json that `gougu solve --proof-out` writes beside NAME.txt, "
                 + "or a `gougu solve --json` record)")
        } else if byCoordinates {
            let certificate: CoordinateCertificate
            do {
                certificate = try CoordinateCertificate.read(data, file: proof)
            } catch let error as CertificateReadError {
                fail(error.description)
            }
            let diagram: Diagram
            do {
                diagram = try DiagramBuilder(deadline: deadline).build(problems[0], seed: certificate.seed,
                                                                       configuration: Configuration(flips: certificate.configuration ?? 0))
            } catch let error as DiagramError {
                fail("\(error) (problem '\(problems[0].name)')")
            } catch {
                print("\(proof): not checked: \(error)")
                throw ExitCode(1)
            }
            let outcome = MemoryWatch.run(budgetMiB: memory) { cancellation in
                CoordinateChecker(deadline: deadline, cancellation: cancellation).check(certificate, for: problems[0], on: diagram)
            }
            switch outcome {
            case .valid: verdict = .valid
            case .invalid(let why): verdict = .invalid(ProofFailure(step: nil, statement: nil, reason: why))
            case .unfinished(let why): verdict = .unfinished(why)
            }
            description = "proof by coordinates of \(problems[0].name) (\(certificate.placements.count) points, \(certificate.variables.count) variables)"
        } else {
            let document: Proof
            do {
                document = try Proof.read(text, file: proof)
            } catch let error as ProofReadError {
                fail(error.description)
            }
            verdict = ProofChecker(deadline: deadline).check(document, for: problems[0])
            description = "proof of \(problems[0].name) (\(document.steps.count) steps)"
        }
        switch verdict {
        case .valid:
            print("\(proof): valid \(description)")
        case .invalid(let failure):
            // A proof by coordinates' failure names no step: print the reason alone.
            print("\(proof): invalid: \(failure.step == nil && byCoordinates ? failure.reason : failure.description)")
            throw ExitCode(1)
        case .unfinished(let why):
            print("\(proof): not checked: \(why) (--timeout \(timeout))")
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
