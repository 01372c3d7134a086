import ArgumentParser
import AssignmentEngine
import DynamicBooks
import Foundation

extension PlanMode: ExpressibleByArgument {}

/// The options of `books plan` other than the input files and the day: mode, solver, time
/// limit, output directory and output format.
struct PlanOptions: ParsableArguments {
    @Option(help: "rebalance (quarterly: every account may move, within continuity) or topoff (weekly: books kept, free capacity filled).")
    var mode: PlanMode = .rebalance

    @Option(help: "auto, glpk, greedy or flow (default: assignment.solver of the policy).")
    var solver: SolverChoice?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp(
        "Seconds for the whole solve (default: assignment.time_limit_s of the policy).", valueName: "seconds"))
    var timeLimit: Double?

    @Option(help: ArgumentHelp("Directory to write books.csv, pool.csv, changes.csv and summary.json into.",
                               valueName: "dir"))
    var out = "plan"

    @Flag(help: "Print the summary as JSON (with timings) instead of the table.")
    var json = false

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a number of seconds > 0, got \(timeLimit)")
        }
    }

    /// Plans, writes the four files into ``out`` and returns what to print.
    /// - Throws: ``PlanError`` when no plan satisfies the policy, or the file system's error.
    func execute(accounts: [ScoredAccount], reps: [Rep], policy: Policy, activity: [Activity],
                 state: PlanningState = .empty, asOf: Day) throws -> String {
        var options = Planner.options(from: policy)
        if let timeLimit { options.timeLimit = timeLimit }
        let plan = try Planner().plan(accounts: accounts, reps: reps, policy: policy, activity: activity,
                                      state: state, asOf: asOf, mode: mode, solver: solver, options: options)
        try plan.write(to: URL(fileURLWithPath: out))
        if json { return String(String(decoding: try Plan.json(plan.summary), as: UTF8.self).dropLast()) }
        return PlanSummaryText.render(plan, files: out)
    }
}
