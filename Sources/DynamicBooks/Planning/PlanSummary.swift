import AssignmentEngine

/// How a plan came out: solver quality, counts, and per rep, group and cell the numbers a
/// RevOps lead checks (capacity, load, value, tier mix, fairness).
///
/// Counts by reason are keyed by the reason's name (`"no_capacity"`, `"moved"`, tier `"A"`…).
/// Timings are `nil` in the files a plan writes, so the same input gives the same bytes.
public struct PlanSummary: Sendable, Equatable, Codable {
    public var mode: PlanMode
    public var asOf: Day
    /// The fairness mode in force (hard becomes soft in top-off).
    public var fairnessMode: FairnessMode
    public var solve: SolveSummary
    /// Accounts given to the planner.
    public var accounts: Int
    /// Accounts with an owner after the plan.
    public var assigned: Int
    /// Accounts in the pool after the plan.
    public var pooled: Int
    /// Accounts moved from one rep to another.
    public var moves: Int
    /// Pooled accounts per reason.
    public var poolByReason: [String: Int]
    /// Change rows per reason.
    public var changesByReason: [String: Int]
    /// Customers left in the pool because no rep can take them (they have no eligible rep).
    public var pooledCustomers: Int
    /// Side rows a heuristic answer could not satisfy (names as in the model).
    public var violatedRows: [String]
    /// Per rep, sorted by id.
    public var reps: [RepSummary]
    /// Per fairness group, sorted by name.
    public var groups: [GroupSummary]
    /// Per segment × theater cell, sorted by name.
    public var cells: [CellSummary]

    /// The summary without wall-clock times (what the files hold).
    public var withoutTimings: PlanSummary {
        var copy = self
        copy.solve.seconds = nil
        for i in copy.solve.components.indices { copy.solve.components[i].seconds = nil }
        return copy
    }
}

/// What the solver did.
public struct SolveSummary: Sendable, Equatable, Codable {
    public var status: TerminationStatus
    /// `Σ v·x − penalty·Σ d`, recomputed from the plan.
    public var objective: Double
    /// The best upper bound a solver proved, when one did.
    public var bound: Double?
    /// `(bound − objective) / |bound|`, when a bound is known.
    public var gap: Double?
    /// The solver(s) that answered, e.g. `flow+glpk`.
    public var solver: String
    /// Wall-clock seconds of the solve; `nil` in files.
    public var seconds: Double?
    public var items: Int
    public var arcs: Int
    public var sideRows: Int
    public var components: [ComponentSummary]
}

/// One independent part of the model and the solver that answered it.
public struct ComponentSummary: Sendable, Equatable, Codable {
    public var index: Int
    /// The fairness groups whose reps are in this component.
    public var groups: [String]
    public var items: Int
    public var bins: Int
    public var arcs: Int
    public var sideRows: Int
    public var solver: String
    public var status: TerminationStatus
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    /// `nil` in files.
    public var seconds: Double?
    /// Why a fallback was used, if one was.
    public var note: String?
}

/// One rep's book after the plan.
public struct RepSummary: Sendable, Equatable, Codable {
    public var id: RepID
    public var segment: String
    public var group: String
    /// `C(r)`: planned capacity (capacity × ramp).
    public var capacity: Double
    /// Workload units of the book.
    public var load: Double
    /// Accounts in the book.
    public var accounts: Int
    /// `Σ v(a, r)`: the book's fit value.
    public var value: Double
    /// `V(r)`: the book's summed score.
    public var score: Double
    /// Accounts per tier (`"A"`…`"D"`; every tier present, zero or not).
    public var tiers: [String: Int]
    /// `V(r)·C(G) / (C(r)·V(G))` over the group's compared reps; `nil` for a rep fairness does not
    /// compare (unavailable on the as-of day, or without capacity) or when the group's value is 0.
    public var fairnessRatio: Double?
    /// Accounts moved to this rep from another rep.
    public var movesIn: Int
    /// Accounts that stayed.
    public var kept: Int
    /// Accounts that came from the pool (or from a rep no longer in the list).
    public var added: Int
    public var available: Bool
}

/// One fairness group after the plan: the spread of value per capacity unit.
public struct GroupSummary: Sendable, Equatable, Codable {
    public var name: String
    public var reps: Int
    public var capacity: Double
    public var load: Double
    /// `V(G)`: the summed score of the compared reps' books.
    public var score: Double
    /// Smallest and largest fairness ratio over the compared reps (available, with capacity).
    public var minRatio: Double?
    public var maxRatio: Double?
    /// Gini coefficient of `V(r)/C(r)` over the compared reps (0 = perfectly even).
    public var gini: Double
    /// Whether every ratio lies within `1 ± band`.
    public var withinBand: Bool
}

/// One segment × theater cell (a fairness group, with the pool of the accounts it covers).
public struct CellSummary: Sendable, Equatable, Codable {
    /// `SEGMENT/THEATERS`, as a group name; `SEGMENT/unmapped` for accounts without a theater.
    public var name: String
    public var reps: Int
    public var capacity: Double
    /// Workload units in the cell's books.
    public var filled: Double
    /// Accounts in the cell's books.
    public var accounts: Int
    /// Pooled accounts of the cell, per reason.
    public var pooled: [String: Int]
    public var moves: Int
    public var minRatio: Double?
    public var maxRatio: Double?
    public var gini: Double?
    /// Solvers of the components holding the cell's reps, and the worst gap among them.
    public var solvers: [String]
    public var gap: Double?
}
