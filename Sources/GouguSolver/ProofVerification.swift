import Foundation
import GouguAlgebraicProof
import GouguArithmetic
import GouguCoordinateCheck
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguProposer
import GouguSearch

/// What checking a proof before it is reported found.
public enum ProofVerification: Sendable, Equatable {
    /// The checker accepts it.
    case valid
    /// The checker rejects it: a bug in the prover that wrote it (why).
    case rejected(String)
    /// The check did not finish within its budget (why); the proof is not reported.
    case unfinished(String)
}

/// Checks every proof Gougu is about to report, in the same process and with the same
/// checkers as `gougu check`, so that no proof reaches a user unchecked.
///
/// A synthetic proof is written as JSON (`GouguJSON`), read back (`Proof.readJSON`) and
/// checked by `ProofChecker` against the problem as stated: the writer, the reader and
/// every step are exercised exactly as a user's check would exercise them. A proof by
/// coordinates is written as its certificate and checked by `CoordinateChecker`.
public enum ProofVerifier {
    /// Checks `proof`, a proof of `problem` (with any auxiliary constructions it declares),
    /// stopping at `deadline`.
    public static func verify(_ proof: Proof, of problem: Problem, deadline: ContinuousClock.Instant? = nil) -> ProofVerification {
        let document: Proof
        do {
            let data = try GouguJSON.encoder(pretty: false).encode(proof)
            document = try Proof.readJSON(data, file: "<proof of \(problem.name)>")
        } catch {
            return .rejected("the proof does not read back: \(error)")
        }
        switch ProofChecker(deadline: deadline).check(document, for: problem) {
        case .valid: return .valid
        case .invalid(let failure): return .rejected(failure.description)
        case .unfinished(let why): return .unfinished(why)
        }
    }

    /// Checks a proof by coordinates found on `diagram`, stopping at `deadline` or when
    /// `cancellation` is cancelled: its certificate is written as JSON, read back and
    /// checked by `CoordinateChecker`, which never runs the coordinate prover.
    public static func verify(_ proof: AlgebraicProof, on diagram: Diagram, deadline: Date = .distantFuture,
                              cancellation: CancellationFlag? = nil) -> ProofVerification {
        let certificate: CoordinateCertificate
        do {
            certificate = try CoordinateCertificate.read(proof.certificate(on: diagram).json(pretty: false),
                                                         file: "<certificate of \(diagram.problem.name)>")
        } catch {
            return .rejected("the certificate does not read back: \(error)")
        }
        let seconds = min(max(deadline.timeIntervalSinceNow, 0), 1e6)
        let checker = CoordinateChecker(deadline: .now + .milliseconds(Int64(seconds * 1000)), cancellation: cancellation)
        switch checker.check(certificate, for: diagram.problem, on: diagram) {
        case .valid: return .valid
        case .invalid(let why): return .rejected(why)
        case .unfinished(let why): return .unfinished(why)
        }
    }
}
