/// A solver of ``SolverRegistry``, by name: what `--solver` and the policy's `assignment.solver`
/// hold.
///
/// Only registered names make a choice (``init(rawValue:)`` fails on others), so a choice always
/// finds its solver. The built-in ones have constants; a solver registered with
/// ``SolverRegistry/register(_:summary:)`` is reached by its name.
public struct SolverChoice: RawRepresentable, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The solver's name, as registered.
    public let rawValue: String

    /// The registered solver named `rawValue`; `nil` when no solver has that name.
    public init?(rawValue: String) {
        guard SolverRegistry.solver(named: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// A name known to be registered (a built-in's, or one just registered).
    init(registered name: String) { rawValue = name }

    /// Per component: the flow fast path, else the Lagrangian relaxation, ejection chains and GLPK
    /// (``AutoSolver``).
    public static let auto = SolverChoice(registered: "auto")
    /// GLPK branch and cut on every component, warm-started by greedy (``WarmStartedGLPKSolver``).
    public static let glpk = SolverChoice(registered: "glpk")
    /// The greedy heuristic with local search only (``GreedySolver``).
    public static let greedy = SolverChoice(registered: "greedy")
    /// The exact min-cost-flow fast path only; fails on components it does not apply to (``FlowSolver``).
    public static let flow = SolverChoice(registered: "flow")
    /// Lagrangian relaxation of the side rows over flow subproblems, repaired by local search
    /// (``LagrangianSolver``).
    public static let lagrange = SolverChoice(registered: "lagrange")
    /// Ejection chains with adaptive penalties and path relinking, for components without side
    /// rows (``EjectionChainSolver``).
    public static let ejection = SolverChoice(registered: "ejection")

    /// Every registered solver, built-in ones first, then in the order they were registered.
    public static var allCases: [SolverChoice] { SolverRegistry.names.map(SolverChoice.init(registered:)) }

    /// The registered solver. A choice is only made from a registered name and nothing is ever
    /// unregistered, so the fallback to ``AutoSolver`` is never taken.
    public var solver: any AssignmentSolver { SolverRegistry.solver(named: rawValue) ?? AutoSolver() }

    public var description: String { rawValue }
}
