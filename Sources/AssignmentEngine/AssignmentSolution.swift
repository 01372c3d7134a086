import Foundation

/// How a solver ended. Only "there is no solution" is an error; everything else is a result
/// whose quality is carried here.
public enum TerminationStatus: String, Sendable, Codable, Equatable, CaseIterable {
    /// Proven optimal (gap below the solver's tolerance).
    case optimal
    /// Feasible, within the requested relative gap of the bound.
    case withinGap = "within_gap"
    /// Feasible, stopped by its work budget (``WorkBudget``) before the gap was closed. The
    /// answer is still a function of the model and the options only.
    case workLimit = "work_limit"
    /// Feasible, stopped by the time limit (a safety cap, ``SolveOptions/timeLimit``) before the
    /// gap was closed: this answer depends on the machine's speed.
    case timeLimit = "time_limit"
    /// Feasible, from a heuristic with no optimality claim.
    case heuristic
}

/// What one solver did on one independent component of the model.
public struct ComponentReport: Sendable, Codable, Equatable {
    /// Component number (components are ordered by their smallest item index).
    public var index: Int
    public var items: Int
    public var bins: Int
    public var arcs: Int
    public var sideRows: Int
    /// The solver that produced the accepted answer ("flow", "glpk", "greedy", …).
    public var solver: String
    public var status: TerminationStatus
    public var objective: Double
    public var bound: Double?
    public var seconds: Double
    /// Why a fallback was used, if one was.
    public var note: String?
    /// The component's bins as indices of the whole model, ascending (set by ``Engine``).
    public var binIndices: [Int] = []
    /// The bound the component's ``DualCertificate`` proves, when one was asked for
    /// (``SolveOptions/certify``); it prices arcs outside the model, where ``bound`` may not.
    public var certifiedBound: Double?

    public init(index: Int, items: Int, bins: Int, arcs: Int, sideRows: Int, solver: String,
                status: TerminationStatus, objective: Double, bound: Double?, seconds: Double, note: String? = nil) {
        self.index = index; self.items = items; self.bins = bins; self.arcs = arcs; self.sideRows = sideRows
        self.solver = solver; self.status = status; self.objective = objective; self.bound = bound
        self.seconds = seconds; self.note = note
    }
}

/// A feasible answer to an ``AssignmentModel`` and its quality.
public struct AssignmentSolution: Sendable, Equatable {
    /// Per item: the chosen arc index, or `nil` when the item is left unassigned.
    public var chosenArc: [Int?]
    public var status: TerminationStatus
    /// Objective value, including deviation penalties.
    public var objective: Double
    /// Best known upper bound on the objective (maximisation), when a solver proved one.
    public var bound: Double?
    /// Relative gap `(bound − objective) / max(1, |bound|)`, when a bound is known.
    public var gap: Double? {
        guard let bound else { return nil }
        return max(0, bound - objective) / max(1e-9, abs(bound))
    }
    /// Per side row: the deviation `d` used (0 for rows without a penalty).
    public var deviations: [Double]
    /// Side rows the answer could not satisfy (only a heuristic may return any; each index into `sideRows`).
    public var violatedRows: [Int]
    /// The solver(s) that answered, e.g. "flow" or "flow+glpk".
    public var solver: String
    public var seconds: Double
    public var components: [ComponentReport]
    /// Prices proving ``bound`` and pricing arcs outside the model, when the solve was asked for
    /// them (``SolveOptions/certify``).
    public var certificate: DualCertificate?
    /// Why a composed solver kept this answer over a later stage's (a fallback, a stage that
    /// stopped below it); ``Engine`` puts it in the component's ``ComponentReport/note``.
    public var note: String?

    public init(chosenArc: [Int?], status: TerminationStatus, objective: Double, bound: Double?,
                deviations: [Double], violatedRows: [Int] = [], solver: String, seconds: Double,
                components: [ComponentReport] = [], certificate: DualCertificate? = nil) {
        self.chosenArc = chosenArc; self.status = status; self.objective = objective; self.bound = bound
        self.deviations = deviations; self.violatedRows = violatedRows; self.solver = solver
        self.seconds = seconds; self.components = components; self.certificate = certificate
    }

    /// The bin of each item, or `nil`.
    public func bin(ofItem i: Int, in model: AssignmentModel) -> Int? {
        chosenArc[i].map { Int(model.arcBin[$0]) }
    }
}
