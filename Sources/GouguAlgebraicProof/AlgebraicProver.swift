import Foundation
import GouguArithmetic
import GouguGeometry
import GouguLanguage
import GouguPolynomials
import GouguPredicatePolynomials

/// A proof by coordinates: the problem's points as exact rational functions of
/// parameters (`CoordinateModel`), and the goal's equations, once their numerators are
/// reduced modulo the algebraic parameters' relations, identically zero.
///
/// What it proves: for every assignment of the parameters at which the model's
/// non-degeneracy conditions hold, the goal holds. Every configuration of the problem
/// near the diagram is such an assignment (each point is placed by solving the facts
/// that constrain it, with all of their solutions), so the goal holds generically, which
/// is what a synthetic proof's non-degeneracy conditions also assume.
public struct AlgebraicProof: Sendable {
    public let model: CoordinateModel
    public let goal: Statement
    /// Terms of each goal equation's numerator before the reduction.
    public let goalTerms: [Int]
    /// Seconds to build the model and reduce the goal.
    public let seconds: Double

    /// The proof as text: the coordinates, the conditions, the conclusion.
    public var text: String {
        let problem = model.problem
        let name: (Int) -> String = { model.name(of: $0) }
        func short(_ f: RationalFunction) -> String {
            let t = f.text(naming: name)
            return t.count <= 120 ? t : "(\(f.numerator.termCount) terms) / (\(f.denominator.termCount) terms)"
        }
        var lines = [AlgebraicProver.header, AlgebraicProver.systemLine(model.system)]
        for placement in model.placements {
            let facts = placement.facts.map(problem.text(of:)).joined(separator: ", ")
            lines.append("  \(problem.name(of: placement.point)) = (\(short(placement.x)), \(short(placement.y)))   "
                         + placement.method + (facts.isEmpty ? "" : " from " + facts))
        }
        for variable in model.variables {
            if let relation = variable.relation {
                let t = relation.text(naming: name)
                lines.append("  \(variable.name) is a root of " + (t.count <= 160 ? t : "a quadratic of \(relation.termCount) terms") + " = 0")
            }
        }
        if !model.gcdDecisions.isEmpty {
            lines.append("  " + AlgebraicProver.gcdLinePrefix + model.gcdDecisions.map { $0 ? "1" : "0" }.joined()
                         + " (1: a large quotient reduced by its gcd, 0: left as it is)")
        }
        if !model.unusedFacts.isEmpty {
            lines.append("  not assumed: " + model.unusedFacts.map(problem.text(of:)).joined(separator: ", "))
        }
        lines.append("  non-degeneracy: \(model.conditions.count) polynomials are nonzero in the diagram"
                     + (model.conditions.isEmpty ? "" : " (" + model.conditions.prefix(4).map(\.reason).joined(separator: "; ")
                        + (model.conditions.count > 4 ? "; ..." : "") + ")"))
        if goalTerms.allSatisfy({ $0 == 0 }) {
            lines.append("  \(problem.text(of: goal)): the numerator is the zero polynomial. QED")
        } else {
            let terms = goalTerms.map(String.init).joined(separator: ", ")
            lines.append("  \(problem.text(of: goal)): the numerator (\(terms) terms) reduces to 0 modulo the relations. QED")
        }
        return lines.joined(separator: "\n")
    }
}

/// Tries to prove a problem's goal by coordinates.
public enum AlgebraicProver {
    /// Why a coordinate proof was not found.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The problem has no goal.
        case noGoal
        /// The goal is degenerate or false in the diagram: there is nothing to prove.
        case falseInDiagram
        /// Some construction or the goal has no supported polynomial form.
        case unsupported(String)
        /// The goal's numerator does not vanish modulo the relations: it is not implied
        /// generically by the facts the model assumes.
        case notIdentical(terms: Int)
        /// The deadline passed first.
        case outOfTime
        /// The caller cancelled the attempt (its memory budget ran out, or another prover
        /// finished first).
        case cancelled

        public var description: String {
            switch self {
            case .noGoal: return "the problem states no goal"
            case .falseInDiagram: return "the goal is degenerate or false in the diagram"
            case .unsupported(let why): return "unsupported: \(why)"
            case .notIdentical(let terms): return "the goal's numerator does not reduce to 0 (\(terms) terms remain)"
            case .outOfTime: return "out of time"
            case .cancelled: return "stopped: the memory budget ran out or another prover finished first"
            }
        }
    }

    /// The coordinate systems tried, in order: isotropic coordinates first (points on
    /// circles are cheaper there), cartesian ones when those fail (they have angles of 45
    /// degrees, and other expressions to grow).
    public static let systems: [CoordinateSystem] = [.isotropic, .cartesian]

    /// Proves `diagram.problem`'s goal by coordinates, or says why not, in each of
    /// `systems` in turn until one gives a proof: each but the last gets three quarters of
    /// the time left. Gives up at `deadline` (polynomial arithmetic stops there too; see
    /// `PolynomialDeadline`). When every system fails, the failure reported is the most
    /// telling one: a goal that does not reduce to zero, else running out of time, else
    /// the first system's. A `cancellation` that another thread cancels stops the attempt
    /// as the deadline does (`Failure.cancelled`).
    /// `gcdReplay`: the gcd decisions of a proof being checked, replayed instead of timed.
    public static func prove(_ diagram: Diagram, systems: [CoordinateSystem] = systems, termLimit: Int = 20_000,
                             deadline: Date = .distantFuture, cancellation: CancellationFlag? = nil,
                             gcdReplay: [Bool]? = nil) -> Result<AlgebraicProof, Failure> {
        // A goal false in the diagram is no theorem; a degenerate one (a line through one
        // point twice) can have an identically zero numerator without saying anything.
        if let goal = diagram.problem.goal, goal.isDegenerate || !diagram.holds(goal) { return .failure(.falseInDiagram) }
        var failures: [Failure] = []
        for (index, system) in systems.enumerated() {
            if cancellation?.isCancelled == true { return .failure(.cancelled) }
            let now = Date()
            let left = deadline.timeIntervalSince(now)
            let share = index == systems.count - 1 ? deadline : now.addingTimeInterval(left * 3 / 4)
            switch prove(diagram, in: system, termLimit: termLimit, deadline: share, cancellation: cancellation, gcdReplay: gcdReplay) {
            case .success(let proof): return .success(proof)
            case .failure(let failure): failures.append(failure)
            }
        }
        if let refuted = failures.first(where: { if case .notIdentical = $0 { true } else { false } }) { return .failure(refuted) }
        if cancellation?.isCancelled == true { return .failure(.cancelled) }
        if let late = failures.first(where: { if case .outOfTime = $0 { true } else { false } }) { return .failure(late) }
        return .failure(failures.first ?? .unsupported("no coordinate system to try"))
    }

    /// Proves the goal in one coordinate system.
    static func prove(_ diagram: Diagram, in system: CoordinateSystem, termLimit: Int, deadline: Date,
                      cancellation: CancellationFlag? = nil, gcdReplay: [Bool]? = nil) -> Result<AlgebraicProof, Failure> {
        let start = Date()
        let seconds = min(deadline.timeIntervalSince(start), 1e6)
        let instant = ContinuousClock.now + .milliseconds(Int64(max(0, seconds) * 1000))
        let outcome = PolynomialDeadline.$cancellation.withValue(cancellation) {
            PolynomialDeadline.$current.withValue(instant) {
                attempt(diagram, system: system, termLimit: termLimit, deadline: deadline, start: start, gcdReplay: gcdReplay)
            }
        }
        // Anything computed after the deadline or a cancellation is meaningless: discard it.
        if cancellation?.isCancelled == true { return .failure(.cancelled) }
        if ContinuousClock.now >= instant { return .failure(.outOfTime) }
        return outcome
    }

    private static func attempt(_ diagram: Diagram, system: CoordinateSystem, termLimit: Int, deadline: Date,
                                start: Date, gcdReplay: [Bool]?) -> Result<AlgebraicProof, Failure> {
        guard let goal = diagram.problem.goal else { return .failure(.noGoal) }
        let model: CoordinateModel
        do {
            model = try CoordinateModel(diagram: diagram, system: system, termLimit: termLimit, deadline: deadline, gcdReplay: gcdReplay)
        } catch {
            return .failure(.unsupported("\(error)"))
        }
        let equations: [RationalFunction]
        do {
            equations = try PredicateEquations.equations(of: goal, in: system, point: model.point)
        } catch {
            return .failure(.unsupported("the goal: \(error)"))
        }
        for equation in equations {
            let reduced = model.reduce(equation.numerator)
            if !reduced.isZero { return .failure(.notIdentical(terms: reduced.termCount)) }
        }
        return .success(AlgebraicProof(model: model, goal: goal, goalTerms: equations.map(\.numerator.termCount),
                                       seconds: Date().timeIntervalSince(start)))
    }
}

extension Result where Success == AlgebraicProof, Failure == AlgebraicProver.Failure {
    /// The proof, when there is one.
    public var proof: AlgebraicProof? {
        if case .success(let proof) = self { return proof }
        return nil
    }

    /// Why there is no proof, when there is none.
    public var failure: AlgebraicProver.Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension AlgebraicProver {
    /// The line that records which gcds of large quotients the proof computed.
    static let gcdLinePrefix = "gcds of large quotients: "

    /// The first line of every proof by coordinates.
    public static let header = "Proof by coordinates (exact arithmetic over the rationals):"

    /// The second line: the coordinate system.
    static func systemLine(_ system: CoordinateSystem) -> String {
        switch system {
        case .cartesian: return "  in cartesian coordinates (x, y)"
        case .isotropic: return "  in isotropic coordinates (z, w) = (x + iy, x - iy)"
        }
    }

    /// Checks a proof by coordinates, as `AlgebraicProof.text` writes it, of `diagram`'s
    /// problem: returns nil when it is valid, else why not. Superseded by the certificate
    /// (`AlgebraicProof.certificate(on:)`) and `CoordinateChecker`, which do not trust this
    /// prover; kept for comparison.
    ///
    /// The certificate of such a proof is the computation itself, which is exact and
    /// deterministic: the check builds the coordinate model again from the statement and
    /// the diagram (taking the proof's recorded gcd decisions instead of timing the gcds,
    /// so that neither the machine's speed nor its load changes the computation), reduces
    /// the goal again, and compares the result with the text line by line. It trusts GouguPolynomials' arithmetic and the coordinate model (how facts
    /// become equations and how points are solved for), never the deduction engine.
    ///
    /// The recomputation stops at `deadline` (or when `cancellation` is cancelled), and the
    /// proof is then reported as not checked: `CheckOutcome.unfinished`.
    public static func check(_ text: String, diagram: Diagram, deadline: Date = .distantFuture,
                             cancellation: CancellationFlag? = nil) -> CheckOutcome {
        let given = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        guard given.first == header else { return .invalid("not a proof by coordinates (the first line is not '\(header)')") }
        guard given.count > 1, let system = CoordinateSystem.allCases.first(where: { systemLine($0).trimmingCharacters(in: .whitespaces) == given[1] }) else {
            return .invalid("line 2 does not name the coordinate system ('\(systemLine(.cartesian).trimmingCharacters(in: .whitespaces))' or '\(systemLine(.isotropic).trimmingCharacters(in: .whitespaces))')")
        }
        // The gcd decisions the proof records (none: no large gcd allowed), replayed.
        let decisions = given.first { $0.hasPrefix(gcdLinePrefix) }.map { line in
            line.dropFirst(gcdLinePrefix.count).prefix { $0 == "0" || $0 == "1" }.map { $0 == "1" }
        } ?? []
        switch prove(diagram, systems: [system], deadline: deadline, cancellation: cancellation, gcdReplay: decisions) {
        case .failure(.outOfTime):
            return .unfinished("the recomputation ran out of time")
        case .failure(.cancelled):
            return .unfinished("the recomputation ran out of memory")
        case .failure(let failure):
            return .invalid("the goal does not follow by coordinates: \(failure)")
        case .success(let proof):
            let expected = proof.text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            for (index, line) in expected.enumerated() {
                guard index < given.count else { return .invalid("the proof stops before line \(index + 1): expected '\(line)'") }
                guard given[index] == line else { return .invalid("line \(index + 1) is '\(given[index])', the computation gives '\(line)'") }
            }
            if given.count > expected.count { return .invalid("line \(expected.count + 1) is more than the computation gives") }
            return .valid
        }
    }

    /// What checking a proof by coordinates found.
    public enum CheckOutcome: Sendable, Equatable {
        /// Every line is what the computation gives.
        case valid
        /// The proof is wrong: why.
        case invalid(String)
        /// The check stopped on its budget before it could decide: why.
        case unfinished(String)
    }
}
