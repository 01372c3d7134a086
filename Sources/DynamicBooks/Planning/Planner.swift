import AssignmentEngine

/// Makes plans: builds the assignment model of SPEC §4 from accounts, reps, policy and loop
/// state, solves it, and reads the answer back as a ``Plan``.
///
/// ```swift
/// let plan = try Planner().plan(accounts: scored, reps: reps, policy: policy,
///                               asOf: Day(year: 2026, month: 11, day: 30), mode: .rebalance)
/// print(plan.owner(of: "acme") ?? "pool")
/// ```
///
/// The planner holds no state: the same inputs always give the same plan (ties are broken by
/// id), whatever the solver's parallelism.
public struct Planner: Sendable {
    public init() {}

    /// Builds the assignment model without solving it.
    /// - Parameters:
    ///   - accounts: scored accounts, in any order.
    ///   - reps: reps, in any order.
    ///   - policy: every rule; `assignment`, `coverage` and the capacity model are used.
    ///   - activity: the activity log, for `keep_worked` (rebalance only).
    ///   - state: rests, disqualifications, data reviews, bars and inbound load from the workspace.
    ///   - asOf: the day the plan is made for (availability, rests, bars, coverage window).
    ///   - mode: rebalance or top-off.
    /// - Throws: ``PlanError`` for duplicate ids, out-of-range numbers, kept accounts that
    ///   overflow a book, or a customer that fits no eligible rep.
    /// - Complexity: O(accounts · reps of a segment × theater) for the arcs, plus O(reps²) per
    ///   fairness group for its rows (book values are shared aggregates).
    public func buildModel(accounts: [ScoredAccount], reps: [Rep], policy: Policy, activity: [Activity] = [],
                           state: PlanningState = .empty, asOf: Day, mode: PlanMode = .rebalance) throws -> PlanningModel {
        try ModelBuilding(accounts: accounts, reps: reps, policy: policy, state: state, asOf: asOf, mode: mode)
            .build(activity: activity)
    }

    /// Makes a plan with the engine.
    /// - Parameters:
    ///   - accounts: scored accounts, in any order.
    ///   - reps: reps, in any order.
    ///   - policy: every rule; `assignment`, `coverage` and the capacity model are used.
    ///   - activity: the activity log, for `keep_worked` (rebalance only).
    ///   - state: rests, disqualifications, data reviews, bars and inbound load from the workspace.
    ///   - asOf: the day the plan is made for (availability, rests, bars, coverage window).
    ///   - mode: rebalance (quarterly) or top-off (weekly).
    ///   - solver: a solver of ``SolverRegistry`` (`auto` picks per component); `nil` takes
    ///     `assignment.solver` from the policy.
    ///   - options: time limit, gap and parallelism; `nil` takes `assignment.time_limit_s` and
    ///     `assignment.mip_gap` from the policy.
    /// - Returns: the plan; every account ends in exactly one of its books and pool.
    /// - Throws: ``PlanError``: duplicate ids, out-of-range numbers, kept accounts that overflow a
    ///   book, ``PlanError/infeasible(reasons:hints:)`` with the group, reps and policy keys to
    ///   relax, ``PlanError/solver(_:)`` when no method found an answer.
    public func plan(accounts: [ScoredAccount], reps: [Rep], policy: Policy, activity: [Activity] = [],
                     state: PlanningState = .empty, asOf: Day, mode: PlanMode = .rebalance,
                     solver: SolverChoice? = nil, options: SolveOptions? = nil) throws -> Plan {
        let choice = solver ?? policy.assignment.solver
        let planning = try buildModel(accounts: accounts, reps: reps, policy: policy, activity: activity,
                                      state: state, asOf: asOf, mode: mode)
        return try planning.solve(using: choice, options: options ?? Self.options(from: policy))
    }

    /// Makes a plan with the given solver.
    /// - Parameters:
    ///   - solver: any ``AssignmentSolver`` (the engine's, or your own, registered or not); the
    ///     engine hands it one component at a time.
    ///   - options: time limit, gap and parallelism; `nil` takes `assignment.time_limit_s` and
    ///     `assignment.mip_gap` from the policy.
    /// - Returns: the plan; every account ends in exactly one of its books and pool.
    /// - Throws: ``PlanError``: the model's errors (see ``buildModel(accounts:reps:policy:activity:state:asOf:mode:)``),
    ///   ``PlanError/infeasible(reasons:hints:)`` with the group, reps and policy keys to relax,
    ///   ``PlanError/solver(_:)`` when the solver found no answer.
    public func plan(accounts: [ScoredAccount], reps: [Rep], policy: Policy, activity: [Activity] = [],
                     state: PlanningState = .empty, asOf: Day, mode: PlanMode = .rebalance,
                     using solver: some AssignmentSolver, options: SolveOptions? = nil) throws -> Plan {
        let planning = try buildModel(accounts: accounts, reps: reps, policy: policy, activity: activity,
                                      state: state, asOf: asOf, mode: mode)
        return try planning.solve(using: solver, options: options ?? Self.options(from: policy))
    }

    /// The solve options a policy asks for.
    public static func options(from policy: Policy) -> SolveOptions {
        SolveOptions(timeLimit: policy.assignment.timeLimitSeconds, relativeGap: policy.assignment.mipGap,
                     budget: policy.assignment.work)
    }
}

extension PlanningModel {
    /// Solves the model with the engine and reads the plan, turning an infeasibility into hints
    /// in policy terms.
    public func solve(using choice: SolverChoice, options: SolveOptions) throws -> Plan {
        try solve(options: options) { try Engine.solve($0, using: choice, options: $1) }
    }

    /// Solves the model with the engine and `solver`, one component at a time, and reads the
    /// plan, turning an infeasibility into hints in policy terms.
    public func solve(using solver: some AssignmentSolver, options: SolveOptions) throws -> Plan {
        try solve(options: options) { try Engine.solve($0, using: solver, options: $1) }
    }

    /// Solves the model with a solve function and reads the plan.
    ///
    /// A hard rule is never quietly broken (SPEC §10): when the answer leaves a hard row
    /// unsatisfied — a hard fairness band, a move limit — the plan is refused with
    /// ``PlanError/infeasible(reasons:hints:)`` naming the group, the reps and the policy key to
    /// relax, as when the solver proves no plan exists.
    func solve(options: SolveOptions,
               _ run: (AssignmentModel, SolveOptions) throws -> AssignmentSolution) throws -> Plan {
        let plan = try solveAllowingViolations(options: options, run)
        let broken = plan.summary.violatedRows
        if !broken.isEmpty {
            throw PlanError.infeasible(reasons: ["\(broken.count) hard rows not satisfied by \(plan.summary.solve.solver): "
                                                 + broken.prefix(5).joined(separator: "; ") + (broken.count > 5 ? "; …" : "")],
                                       hints: infeasibilityHints(broken))
        }
        return plan
    }

    /// Solves and reads the plan, keeping an answer that breaks hard rows (listed in
    /// ``PlanSummary/violatedRows``), for measuring heuristics.
    func solveAllowingViolations(options: SolveOptions,
                                 _ run: (AssignmentModel, SolveOptions) throws -> AssignmentSolution) throws -> Plan {
        let solved: (PlanningModel, AssignmentSolution)
        do {
            solved = missingArcs == nil ? (self, try run(model, options)) : try solveWithPricing(options: options, run)
        } catch let error as AssignmentError {
            if case .infeasible(let reasons) = error {
                throw PlanError.infeasible(reasons: reasons, hints: infeasibilityHints(reasons))
            }
            throw PlanError.solver(error)
        }
        return try solved.0.plan(from: solved.1)
    }
}
