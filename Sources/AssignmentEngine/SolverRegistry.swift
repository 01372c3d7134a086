import Foundation

/// The solvers ``Engine`` knows by name: the built-in ones, then those an embedder registers.
///
/// Everything that lists solvers takes the list from here: ``SolverChoice/allCases``, the
/// `--solver` options of `books`, the policy reader (`assignment.solver`) and the benchmark
/// harness. A new solver is one type conforming to ``AssignmentSolver`` and one call:
///
/// ```swift
/// struct RoundRobinSolver: AssignmentSolver {
///     let name = "round-robin"
///     func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution { … }
/// }
/// let choice = try SolverRegistry.register(RoundRobinSolver(), summary: "every item to the next bin with room")
/// let solution = try Engine.solve(model, using: choice)
/// ```
///
/// The engine splits the model into components and calls the solver once per component, so a
/// solver never sees two independent parts at once.
public enum SolverRegistry {
    /// One registered solver.
    public struct Entry: Sendable {
        /// The solver's ``AssignmentSolver/name``: the key of the registry.
        public var name: String { solver.name }
        public let solver: any AssignmentSolver
        /// One line for help texts.
        public let summary: String
    }

    /// Why a solver cannot be registered.
    public enum RegistrationError: Error, Equatable, CustomStringConvertible, Sendable {
        /// Another solver has this name already.
        case nameTaken(String)
        /// A name must be lowercase letters, digits and hyphens, starting with a letter (the
        /// policy reader lowercases what it reads).
        case invalidName(String)

        public var description: String {
            switch self {
            case .nameTaken(let name): "a solver named \"\(name)\" is registered already"
            case .invalidName(let name):
                "solver name \"\(name)\" is not lowercase letters, digits and hyphens starting with a letter"
            }
        }
    }

    /// The built-in solvers, in the order help texts list them.
    static let builtIn: [Entry] = [
        Entry(solver: AutoSolver(), summary: "per component: flow where it applies, else Lagrangian relaxation, ejection chains and GLPK"),
        Entry(solver: WarmStartedGLPKSolver(), summary: "GLPK branch and cut on every component, warm-started by greedy"),
        Entry(solver: GreedySolver(), summary: "greedy construction and local search"),
        Entry(solver: FlowSolver(), summary: "exact min-cost flow; fails on components with side rows or differing weights"),
        Entry(solver: LagrangianSolver(), summary: "Lagrangian relaxation of the side rows over flow subproblems, repaired by local search"),
        Entry(solver: EjectionChainSolver(), summary: "ejection chains for components without side rows (generalized assignment)"),
    ]

    private static let registered = RegisteredSolvers(builtIn)

    /// Every registered solver: the built-in ones, then the others in registration order.
    public static var entries: [Entry] { registered.entries }

    /// The names of ``entries``.
    public static var names: [String] { entries.map(\.name) }

    /// The solver named `name`, or `nil`.
    public static func solver(named name: String) -> (any AssignmentSolver)? {
        registered.entries.first { $0.name == name }?.solver
    }

    /// Makes `solver` reachable by its name: from ``SolverChoice``, `books … --solver` and the
    /// policy's `assignment.solver`.
    /// - Returns: the choice that names it.
    /// - Throws: ``RegistrationError`` when the name is taken or not a lowercase word.
    @discardableResult
    public static func register(_ solver: some AssignmentSolver, summary: String) throws(RegistrationError) -> SolverChoice {
        let name = solver.name
        guard let first = name.unicodeScalars.first, ("a" ... "z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a" ... "z").contains($0) || ("0" ... "9").contains($0) || $0 == "-" }) else {
            throw .invalidName(name)
        }
        guard registered.append(Entry(solver: solver, summary: summary)) else { throw .nameTaken(name) }
        return SolverChoice(registered: name)
    }
}

/// The registry's list, behind a lock (``NSLock`` exists on every supported platform).
private final class RegisteredSolvers: @unchecked Sendable {
    private var list: [SolverRegistry.Entry]
    private let lock = NSLock()

    init(_ list: [SolverRegistry.Entry]) { self.list = list }

    var entries: [SolverRegistry.Entry] { lock.withLock { list } }

    /// Appends `entry` unless its name is taken; returns whether it did.
    func append(_ entry: SolverRegistry.Entry) -> Bool {
        lock.withLock {
            guard !list.contains(where: { $0.name == entry.name }) else { return false }
            list.append(entry)
            return true
        }
    }
}
