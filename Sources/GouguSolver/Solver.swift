import Foundation
import GouguProofPage
import GouguAlgebraicProof
import GouguArithmetic
import GouguDeduction
import GouguGeometry
import GouguLanguage
import GouguProof
import GouguProofCheck
import GouguProposer
import GouguSearch

/// When a proof by coordinates is tried.
public enum CoordinatesOrder: String, Sendable, CaseIterable {
    /// After deduction, before the search for auxiliary points.
    case first
    /// After the search, when it failed.
    case last
    /// Never.
    case off
}

/// Which proof `Solver` reports when the coordinates and the search run side by side.
public enum ProofPreference: String, Sendable, CaseIterable {
    /// A readable synthetic proof: when the coordinates prove the goal first, the states
    /// the search is evaluating still finish, and a proof among them is reported instead.
    case synthetic
    /// Whichever proof is found first: the other prover stops at once.
    case first
}

/// What one `Solver.solve` may do, and for how long.
public struct SolveOptions: Sendable {
    /// Wall-clock seconds for the whole problem: drawing, deduction, coordinates, search
    /// and the check of the proof (which may run one second past, so that a proof found
    /// at the last moment is still checked).
    public var seconds: Double
    /// Resident memory of the process, in MiB, for every stage.
    public var memoryMiB: Double
    /// Facts deduction's run on the statement may hold.
    public var facts: Int
    /// The diagram's random seed.
    public var seed: UInt64
    /// Keep every two-way choice as the seed draws it, instead of the configuration the
    /// goal is stated for (`DiagramBuilder.buildInStatedConfiguration`).
    public var seededConfiguration: Bool
    /// Random drawings tried before the problem is declared impossible to draw.
    public var diagramAttempts: Int
    /// When to try a proof by coordinates, and for how many seconds at most. With `first`
    /// and the search on, the two run at the same time after deduction.
    public var coordinates: CoordinatesOrder
    public var coordinatesSeconds: Double
    /// Which proof to report when coordinates and the search both find one.
    public var prefer: ProofPreference
    /// Whether to search for auxiliary constructions when deduction alone fails.
    public var search: Bool
    /// Threads the search evaluates states on, states it may evaluate, and the most
    /// auxiliary constructions in one state.
    public var searchWorkers: Int
    public var maxStates: Int
    public var maxDepth: Int
    /// Auxiliary constructions the search adds together as one state
    /// (`SearchBudget.batchSize`); 1 searches one construction at a time only.
    public var batchSize = 4
    /// Seconds one state of the search may take, and the proposals tried from each state.
    public var secondsPerState: Double
    public var branching: Int
    /// Whether the search keeps what each state on the way to the proof offered
    /// (`SearchResult.trace`).
    public var recordsSearchTrace = false

    public init(seconds: Double = 60, memoryMiB: Double = 1024, facts: Int = Budget().facts, seed: UInt64 = 0,
                seededConfiguration: Bool = false, diagramAttempts: Int = DiagramBuilder().maximumAttempts,
                coordinates: CoordinatesOrder = .first, coordinatesSeconds: Double = 10, prefer: ProofPreference = .synthetic,
                search: Bool = true,
                searchWorkers: Int = ProcessInfo.processInfo.activeProcessorCount, maxStates: Int = 10_000, maxDepth: Int = 3,
                secondsPerState: Double = SearchBudget().secondsPerState, branching: Int = SearchBudget().branching) {
        self.seconds = seconds
        self.memoryMiB = memoryMiB
        self.facts = facts
        self.seed = seed
        self.seededConfiguration = seededConfiguration
        self.diagramAttempts = diagramAttempts
        self.coordinates = coordinates
        self.coordinatesSeconds = coordinatesSeconds
        self.prefer = prefer
        self.search = search
        self.searchWorkers = searchWorkers
        self.maxStates = maxStates
        self.maxDepth = maxDepth
        self.secondsPerState = secondsPerState
        self.branching = branching
    }
}

/// What solving one problem found.
public struct SolveOutcome: Sendable {
    /// How the reported proof was found.
    public enum Method: String, Sendable {
        case deduction, auxiliaryConstructions = "auxiliary constructions", identification, coordinates
    }

    public let problem: Problem
    /// The diagram everything was checked on (nil when the drawing ran out of time).
    public let diagram: Diagram?
    /// The synthetic proof, checked (nil when none was found or the checker refused it).
    public var proof: Proof?
    /// The proof by coordinates, checked (nil likewise).
    public var coordinateProof: AlgebraicProof?
    /// The problem the synthetic proof proves: `problem` with the search's auxiliary
    /// constructions appended, or `problem` itself.
    public var provedProblem: Problem
    /// Deduction's first run, on the statement.
    public var deduction: EngineResult?
    /// The run the outcome rests on: deduction's, or the search's proving state's.
    public var engine: EngineResult?
    /// The search, when it ran.
    public var search: SearchResult?
    /// The proof by coordinates' outcome, when it was tried.
    public var coordinates: Result<AlgebraicProof, AlgebraicProver.Failure>?
    /// The checker's verdict on the proof found (nil when none was found).
    public var verification: ProofVerification?
    /// Seconds the check took.
    public var checkSeconds: Double?
    /// A proof withdrawn because the checker refused it or could not finish, for a bug
    /// report: its JSON (a synthetic proof) or its text (a proof by coordinates).
    public var withdrawnProofText: String?
    /// Why solving stopped, in words (`StopReason`'s, or the pipeline's own).
    public var stopReason: String
    /// Seconds for the whole problem.
    public var seconds: Double

    /// Whether a checked proof is reported.
    public var proved: Bool { proof != nil || coordinateProof != nil }

    /// The answer to the problem's question (`acompute`, `rcompute`), when one is proved:
    /// the statement of its value (`Question.valueText` writes the value).
    public var answer: Statement? { problem.question != nil && proved ? problem.goal : nil }

    /// How the reported proof was found (nil when none is).
    public var method: Method? {
        if coordinateProof != nil { return .coordinates }
        guard proof != nil else { return nil }
        if search?.identification != nil { return .identification }
        return provedProblem.clauses.count > problem.clauses.count ? .auxiliaryConstructions : .deduction
    }

    /// Whether the checker refused the proof found: a bug of the prover, never a proof.
    public var isInternalError: Bool {
        if case .rejected? = verification { return true }
        return false
    }
}

/// The whole pipeline of `gougu solve`, for library users: draw the diagram, deduce, then
/// try coordinates and the search for auxiliary constructions in the time left, and check
/// the proof found before reporting it.
///
/// ```swift
/// let problem = try ProblemParser().parseProblem(name: "orthocenter",
///     statement: "a b c = triangle a b c; h = on_tline h b a c, on_tline h c a b ? perp a h b c")
/// let outcome = try Solver().solve(problem, options: SolveOptions(seconds: 10))
/// if let proof = outcome.proof { print(proof.text) }
/// ```
///
/// Soundness: a goal false in the diagram goes to no prover; every proof is checked by
/// `ProofVerifier` (the checker `gougu check` runs) before it is reported, and a proof the
/// checker refuses is reported as an internal error (`isInternalError`), never as proved.
public struct Solver: Sendable {
    public var engine: Engine
    public var proposer: any Proposer
    /// For tests of the check before reporting: changes every synthetic proof found before
    /// it is checked (`gougu solve` sets it under `GOUGU_FAULT_INJECTION=reject-proofs`).
    public var proofTamperer: (@Sendable (inout Proof) -> Void)?

    public init(engine: Engine = Engine(), proposer: any Proposer = HeuristicProposer()) {
        self.engine = engine
        self.proposer = proposer
    }

    /// Solves `problem` within `options`' budgets.
    ///
    /// - Throws: `DiagramError` when the problem cannot be drawn (bad input).
    public func solve(_ problem: Problem, options: SolveOptions) throws -> SolveOutcome {
        var options = options
        options.seconds = min(max(options.seconds, 0), 1e7)
        if problem.goal == nil, let question = problem.question {
            return try answer(question, of: problem, options: options)
        }
        let start = Date()
        let end = start.addingTimeInterval(options.seconds)
        func remaining() -> Double { end.timeIntervalSinceNow }
        var diagram: Diagram
        do {
            diagram = try DiagramBuilder(maximumAttempts: options.diagramAttempts, deadline: ContinuousClock.now + .seconds(options.seconds))
                .build(problem, seed: options.seed, seededConfiguration: options.seededConfiguration)
        } catch let outOfTime as DiagramOutOfTime {
            return SolveOutcome(problem: problem, diagram: nil, provedProblem: problem, stopReason: outOfTime.description,
                                seconds: Date().timeIntervalSince(start))
        }
        var result = engine.run(diagram, budget: Budget(seconds: max(0, remaining()), facts: options.facts, memoryMiB: options.memoryMiB))
        if let (flipped, proved) = deduceWithAuxiliaryPointsFlipped(problem, drawn: diagram, first: result, options: options, end: end) {
            (diagram, result) = (flipped, proved)
        }
        var outcome = SolveOutcome(problem: problem, diagram: diagram, provedProblem: problem, deduction: result, engine: result,
                                   stopReason: result.stopReason.rawValue, seconds: 0)
        // Coordinates and the search go on from deduction only when it stopped for want
        // of rules or facts: not on a goal false in the diagram, nor a budget spent.
        let goesOn = [.saturated, .roundLimit, .factLimit].contains(result.stopReason)
        let searches = options.search && options.maxStates > 0
        var searchFirst = true
        var coordinateCheck: TimedVerification?
        if options.coordinates == .first, goesOn, searches, remaining() > 0.05 {
            // Coordinates on a thread of their own beside the search; whichever proves the
            // goal first stops the other (see `ProofPreference`).
            let beside = searchBesideCoordinates(from: result, on: diagram, options: options, end: end)
            outcome.search = beside.search
            outcome.coordinates = beside.coordinates
            searchFirst = !beside.coordinatesFirst
            coordinateCheck = beside.check
        } else {
            if options.coordinates == .first, goesOn {
                outcome.coordinates = proveByCoordinates(diagram, options: options, end: end)
            }
            if searches, goesOn, outcome.coordinates?.proof == nil, remaining() > 0.05 {
                outcome.search = BestFirstSearch(engine: engine, proposer: proposer, budget: searchBudget(options, end: end),
                                                 workers: options.searchWorkers).run(from: result, on: diagram)
            }
        }
        let keepsSynthetic = outcome.coordinates?.proof == nil || options.prefer == .synthetic || searchFirst
        if let found = outcome.search, let proved = found.result, let augmented = found.problem, keepsSynthetic {
            result = proved
            outcome.engine = proved
            outcome.provedProblem = augmented
            outcome.stopReason = proved.stopReason.rawValue
            if outcome.coordinates?.proof != nil { outcome.coordinates = nil }
        }
        if options.coordinates == .last, goesOn, !result.proved {
            outcome.coordinates = proveByCoordinates(diagram, options: options, end: end)
        }
        outcome.proof = !result.proved ? nil
            : outcome.search?.identification.map(\.proof) ?? Proof(result: result, problem: outcome.provedProblem)
        if let proofTamperer, var proof = outcome.proof {
            proofTamperer(&proof)
            outcome.proof = proof
        }
        outcome.coordinateProof = outcome.coordinates?.proof
        verify(&outcome, options: options, end: end, coordinateCheck: coordinateCheck)
        outcome.seconds = Date().timeIntervalSince(start)
        return outcome
    }

    /// AlphaGeometry 2's question (`acompute`, `rcompute`): the value measured in the
    /// diagram suggests a rational answer, which is then proved as the goal like any other;
    /// the outcome's problem is the answered one (`Problem.answering`), and `answer` is set
    /// only when the proof is checked.
    func answer(_ question: Question, of problem: Problem, options: SolveOptions) throws -> SolveOutcome {
        let start = Date()
        let diagram: Diagram
        do {
            diagram = try DiagramBuilder(deadline: ContinuousClock.now + .seconds(options.seconds))
                .build(problem, seed: options.seed)
        } catch let outOfTime as DiagramOutOfTime {
            return SolveOutcome(problem: problem, diagram: nil, provedProblem: problem, stopReason: outOfTime.description,
                                seconds: Date().timeIntervalSince(start))
        }
        let (measured, candidate) = question.candidate(in: diagram)
        guard let candidate else {
            let what = question.kind == .angle ? String(format: "%.6f°, not a rational number of degrees", measured)
                : String(format: "%.6f, not a rational number", measured)
            return SolveOutcome(problem: problem, diagram: diagram, provedProblem: problem,
                                stopReason: "no answer: the value in the diagram is \(what) with a denominator of at most \(Question.maximumDenominator)",
                                seconds: Date().timeIntervalSince(start))
        }
        var remaining = options
        remaining.seconds = max(0, options.seconds - Date().timeIntervalSince(start))
        var outcome = try solve(problem.answering(candidate), options: remaining)
        outcome.seconds = Date().timeIntervalSince(start)
        return outcome
    }

    /// The search's budget: the time left and the options' limits.
    func searchBudget(_ options: SolveOptions, end: Date) -> SearchBudget {
        var budget = SearchBudget(seconds: end.timeIntervalSinceNow, states: options.maxStates, memoryMiB: options.memoryMiB,
                                  secondsPerState: options.secondsPerState, branching: options.branching, maximumDepth: options.maxDepth)
        budget.batchSize = options.batchSize
        budget.recordsTrace = options.recordsSearchTrace
        return budget
    }

    /// The search on this thread and the proof by coordinates on another, at the same time:
    /// a coordinate proof stops the search (at once with `prefer: .first`, else after the
    /// states being evaluated), and a synthetic proof stops the coordinates. While the
    /// coordinates run, the search leaves them a core (`SearchBudget.lentCoreReturned`), so
    /// that the threads at work are no more than the cores; a coordinate proof is checked on
    /// the coordinates' thread while the search finishes. Returns both outcomes, whether the
    /// coordinates proved the goal first, and the check of their proof when it was made.
    func searchBesideCoordinates(from root: EngineResult, on diagram: Diagram, options: SolveOptions, end: Date)
        -> (search: SearchResult, coordinates: Result<AlgebraicProof, AlgebraicProver.Failure>, coordinatesFirst: Bool,
            check: TimedVerification?) {
        let stopSearch = CancellationFlag(), abortSearch = CancellationFlag(), stopCoordinates = CancellationFlag()
        let coordinatesEnded = CancellationFlag()
        let coordinatesDone = DispatchSemaphore(value: 0)
        let box = CoordinateOutcomeBox()
        let thread = Thread {
            let outcome = proveByCoordinates(diagram, options: options, end: end, stoppedBy: stopCoordinates)
            if let proof = outcome.proof, !stopCoordinates.isCancelled {
                box.set(outcome, first: true)
                stopSearch.cancel()
                if options.prefer == .first { abortSearch.cancel() }
                let start = Date()
                let verification = checkByCoordinates(proof, on: diagram, options: options, end: end, stoppedBy: stopCoordinates)
                if !stopCoordinates.isCancelled { box.setCheck(verification, seconds: Date().timeIntervalSince(start)) }
            } else {
                box.set(outcome, first: false)
            }
            coordinatesEnded.cancel()
            coordinatesDone.signal()
        }
        thread.start()
        var budget = searchBudget(options, end: end)
        budget.cancellation = stopSearch
        budget.abort = abortSearch
        budget.lentCoreReturned = coordinatesEnded
        let found = BestFirstSearch(engine: engine, proposer: proposer, budget: budget, workers: options.searchWorkers)
            .run(from: root, on: diagram)
        if found.proved { stopCoordinates.cancel() }
        coordinatesDone.wait()
        let (coordinates, first, check) = box.get()
        return (found, coordinates, first && !(found.proved && options.prefer == .synthetic), check)
    }

    /// The proof by coordinates within the time left, `coordinatesSeconds` at most, and
    /// within the memory budget (or until `stop` is raised).
    func proveByCoordinates(_ diagram: Diagram, options: SolveOptions, end: Date,
                            stoppedBy stop: CancellationFlag? = nil) -> Result<AlgebraicProof, AlgebraicProver.Failure> {
        let deadline = min(end, Date().addingTimeInterval(options.coordinatesSeconds))
        return MemoryWatch.run(budgetMiB: options.memoryMiB, alsoWhen: stop) { cancellation in
            AlgebraicProver.prove(diagram, deadline: deadline, cancellation: cancellation)
        }
    }

    /// The check of a coordinate proof within the memory budget, until a second past the
    /// budget (or until `stop` is raised).
    func checkByCoordinates(_ proof: AlgebraicProof, on diagram: Diagram, options: SolveOptions, end: Date,
                            stoppedBy stop: CancellationFlag? = nil) -> ProofVerification {
        let checkEnd = max(end, Date()).addingTimeInterval(1)
        return MemoryWatch.run(budgetMiB: options.memoryMiB, alsoWhen: stop) { cancellation in
            ProofVerifier.verify(proof, on: diagram, deadline: checkEnd, cancellation: cancellation)
        }
    }

    /// Checks the proof found, if any: a rejected or unchecked proof is withdrawn and the
    /// stop reason says why. The check may run one second past the budget. A coordinate
    /// proof already checked on the coordinates' thread (`coordinateCheck`) is not checked
    /// again.
    func verify(_ outcome: inout SolveOutcome, options: SolveOptions, end: Date,
                coordinateCheck: TimedVerification? = nil) {
        let start = Date()
        if let proof = outcome.proof {
            let checkEnd = max(end, Date()).addingTimeInterval(1)
            outcome.verification = ProofVerifier.verify(proof, of: outcome.problem,
                                                        deadline: ContinuousClock.now + .seconds(checkEnd.timeIntervalSinceNow))
            outcome.checkSeconds = Date().timeIntervalSince(start)
        } else if outcome.coordinateProof != nil, let coordinateCheck {
            (outcome.verification, outcome.checkSeconds) = (coordinateCheck.verification, coordinateCheck.seconds)
        } else if let coordinateProof = outcome.coordinateProof, let diagram = outcome.diagram {
            outcome.verification = checkByCoordinates(coordinateProof, on: diagram, options: options, end: end)
            outcome.checkSeconds = Date().timeIntervalSince(start)
        } else {
            return
        }
        switch outcome.verification {
        case .unfinished(let why)?:
            outcome.stopReason = "a proof was found but not checked within the budget (\(why))"
        case .rejected(let why)?:
            outcome.stopReason = "internal error: the checker rejects the proof found (\(why))"
        case .valid?, nil:
            return
        }
        outcome.withdrawnProofText = outcome.proof.flatMap { try? GouguJSON.encoder(pretty: true).encode($0) }
            .map { String(decoding: $0, as: UTF8.self) } ?? outcome.coordinateProof?.text
        outcome.proof = nil
        outcome.coordinateProof = nil
    }
}

/// A check's verdict and the seconds it took.
typealias TimedVerification = (verification: ProofVerification, seconds: Double)

/// The coordinate thread's outcome and the check of its proof, handed to the solving thread.
private final class CoordinateOutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<AlgebraicProof, AlgebraicProver.Failure> = .failure(.outOfTime)
    private var first = false
    private var check: TimedVerification?

    func set(_ outcome: Result<AlgebraicProof, AlgebraicProver.Failure>, first: Bool) {
        lock.lock(); defer { lock.unlock() }
        self.outcome = outcome
        self.first = first
    }

    func setCheck(_ verification: ProofVerification, seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        check = (verification, seconds)
    }

    func get() -> (Result<AlgebraicProof, AlgebraicProver.Failure>, Bool, TimedVerification?) {
        lock.lock(); defer { lock.unlock() }
        return (outcome, first, check)
    }
}

extension ProofPage {
    /// The page of the proof `outcome` reports (nil when none is): the figure of the problem
    /// it proves, its auxiliary points drawn apart.
    public init?(_ outcome: SolveOutcome) {
        guard let diagram = outcome.diagram else { return nil }
        if let proof = outcome.proof {
            let proved = outcome.provedProblem
            let drawn: Diagram
            if proved.points.count > diagram.problem.points.count {
                guard let extended = try? DiagramBuilder().extend(diagram, to: proved) else { return nil }
                drawn = extended
            } else {
                drawn = diagram.restated(as: proved) ?? diagram
            }
            self.init(diagram: drawn, proof: proof, statementPoints: outcome.problem.points.count)
        } else if let coordinateProof = outcome.coordinateProof {
            self.init(diagram: diagram, coordinateProof: coordinateProof)
        } else {
            return nil
        }
    }
}
