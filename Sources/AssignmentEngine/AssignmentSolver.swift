import Foundation

/// Limits and tolerances for one solve.
public struct SolveOptions: Sendable, Equatable {
    /// A safety cap in seconds for the whole solve (all components), kept within
    /// 0 ... ``maximumTimeLimit`` (NaN is 0) so that no deadline computed from it overflows.
    /// Solvers stop on ``budget``; this cap only ends a solve that would otherwise run on, and an
    /// answer it cut short says so in its status (``TerminationStatus/timeLimit``).
    public var timeLimit: Double { didSet { timeLimit = Self.bounded(timeLimit) } }
    /// Relative MIP gap at which a solver may stop.
    public var relativeGap: Double
    /// Maximum number of components solved at once (defaults to the number of cores); it never
    /// changes the answer.
    public var parallelism: Int
    /// How much work each solver may do: the normal stopping rule.
    public var budget: WorkBudget
    /// Whether ``Engine`` returns a ``DualCertificate`` with the answer, to price arcs that the
    /// model leaves out.
    public var certify = false
    /// Told when ``Engine`` starts and finishes each component, for a progress display; it
    /// never changes the answer.
    public var progress: SolveProgress?

    public init(timeLimit: Double = 30, relativeGap: Double = 1e-3,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, budget: WorkBudget = WorkBudget(),
                progress: SolveProgress? = nil) {
        self.timeLimit = Self.bounded(timeLimit)
        self.relativeGap = relativeGap
        self.parallelism = max(1, parallelism)
        self.budget = budget
        self.progress = progress
    }

    /// The longest time limit: one week.
    public static let maximumTimeLimit = 604_800.0

    static func bounded(_ seconds: Double) -> Double {
        seconds.isNaN ? 0 : min(max(seconds, 0), maximumTimeLimit)
    }

    /// The deadline `timeLimit` seconds after `start`.
    func deadline(from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        start.advanced(by: .seconds(Self.bounded(timeLimit)))
    }
}

/// An observer of a solve's progress: ``Engine/solve(_:using:options:)`` reports each component
/// as it starts and as it finishes, from the thread solving it.
///
/// Equal only to itself, so two options with different observers differ.
public final class SolveProgress: Sendable, Equatable {
    /// What happened.
    public enum Event: Sendable, Equatable {
        /// Component `component` (0-based) of `of` started, with `items` items.
        case started(component: Int, of: Int, items: Int)
        /// Component `component` of `of` has an answer, with its gap when a bound is known.
        case finished(component: Int, of: Int, solver: String, status: TerminationStatus, gap: Double?)
    }

    private let handler: @Sendable (Event) -> Void

    /// - Parameter handler: called on the solving threads; must be thread-safe and quick.
    public init(_ handler: @escaping @Sendable (Event) -> Void) { self.handler = handler }

    public func report(_ event: Event) { handler(event) }

    public static func == (a: SolveProgress, b: SolveProgress) -> Bool { a === b }
}

/// A method that solves one component of an ``AssignmentModel``: the one protocol every solver
/// conforms to, built-in or not.
///
/// ``Engine`` validates the model, splits it into independent components and calls
/// ``solve(_:options:)`` once per component, with ``SolveOptions/timeLimit`` set to what is left
/// of the whole solve's time and ``SolveOptions/parallelism`` 1; it then stitches the answers and
/// reports each component. A solver stops on ``SolveOptions/budget`` (``WorkBudget``) and
/// treats the time limit as a safety cap. Register a solver with
/// ``SolverRegistry/register(_:summary:)`` to reach it by name (`--solver`, `assignment.solver`),
/// or pass it to ``Engine/solve(_:using:options:)`` directly.
///
/// Solvers throw only when there is no answer: the model is infeasible, invalid, or the backend
/// failed. Every feasible answer carries its quality in ``AssignmentSolution``.
public protocol AssignmentSolver: Sendable {
    /// Short name used in reports and as the registry's key ("glpk", "greedy", "flow").
    var name: String { get }
    /// Solves `model` (one component) within `options`.
    func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution
}

/// Why a model has no answer.
public enum AssignmentError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The model is malformed (negative capacity, NaN value, arc to an unknown bin, duplicated arc…).
    case invalidModel(String)
    /// No assignment satisfies the constraints; `reasons` name the items and rows at fault.
    case infeasible(reasons: [String])
    /// The backend failed (a GLPK internal error, an unavailable library…).
    case solverFailure(solver: String, message: String)
    /// The solver does not support this model (e.g. side rows for the flow fast path).
    case unsupported(solver: String, reason: String)
    /// The time limit passed before any feasible answer was found.
    case noSolutionInTime(solver: String, seconds: Double)

    public var description: String {
        switch self {
        case .invalidModel(let message): return "invalid model: \(message)"
        case .infeasible(let reasons): return "infeasible: " + reasons.joined(separator: "; ")
        case .solverFailure(let solver, let message): return "\(solver) failed: \(message)"
        case .unsupported(let solver, let reason): return "\(solver) cannot solve this model: \(reason)"
        case .noSolutionInTime(let solver, let seconds):
            return "\(solver) found no feasible assignment within \(String(format: "%.1f", seconds)) s"
        }
    }
}
