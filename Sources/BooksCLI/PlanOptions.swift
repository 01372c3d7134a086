import ArgumentParser
import AssignmentEngine
import DynamicBooks
import Foundation

extension PlanMode: ExpressibleByArgument {}

/// The options of `books plan` other than the input files, the day and the output format:
/// mode, solver, time limit and output directory.
struct PlanOptions: ParsableArguments {
    @Option(help: "rebalance (quarterly: every account may move, within continuity) or topoff (weekly: books kept, free capacity filled).")
    var mode: PlanMode = .rebalance

    @Option(help: SolverChoice.help(absent: "default: assignment.solver of the policy"))
    var solver: SolverChoice?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp(
        "Seconds for the whole solve (default: assignment.time_limit_s of the policy).", valueName: "seconds"))
    var timeLimit: Double?

    @Option(help: ArgumentHelp("Directory to write books.csv, pool.csv, changes.csv and summary.json into.",
                               valueName: "dir"))
    var out = "plan"

    func validate() throws {
        try TimeLimitFlag.validate(timeLimit)
    }

    /// The solve options for `policy`, with the time limit given here and an optional observer.
    func solveOptions(for policy: Policy, progress: SolveProgress? = nil) -> SolveOptions {
        var options = Planner.options(from: policy)
        if let timeLimit { options.timeLimit = timeLimit }
        options.progress = progress
        return options
    }

    /// Plans and writes the four files into ``out``.
    /// - Throws: ``PlanError`` when no plan satisfies the policy, or the file system's error.
    func execute(accounts: [ScoredAccount], reps: [Rep], policy: Policy, activity: [Activity],
                 state: PlanningState = .empty, asOf: Day, progress: SolveProgress? = nil) throws -> Plan {
        let plan = try makePlan(accounts: accounts, reps: reps, policy: policy, activity: activity,
                                state: state, asOf: asOf, progress: progress)
        try write(plan)
        return plan
    }

    /// Plans in the chosen mode with the chosen solver and time limit; writes nothing.
    func makePlan(accounts: [ScoredAccount], reps: [Rep], policy: Policy, activity: [Activity],
                  state: PlanningState = .empty, asOf: Day, progress: SolveProgress? = nil) throws -> Plan {
        try Planner().plan(accounts: accounts, reps: reps, policy: policy, activity: activity,
                           state: state, asOf: asOf, mode: mode, solver: solver,
                           options: solveOptions(for: policy, progress: progress))
    }

    /// Writes the four files into ``out`` (each atomically).
    func write(_ plan: Plan) throws {
        try plan.write(to: URL(fileURLWithPath: out))
    }
}
