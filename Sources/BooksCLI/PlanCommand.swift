import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `books plan`: the quarterly rebalance or the weekly top-off, from files to files.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Assign the best accounts to every book; write books.csv, pool.csv, changes.csv and summary.json.",
        discussion: """
        rebalance: every account may move, except locked accounts, customers (lock_customers) and, \
        with keep_worked, accounts their owner works; at most max_moves_per_rep accounts move to a \
        rep from another rep. topoff: every current book is kept and free capacity is filled with \
        the best pool accounts. With --db the inputs come from a workspace (its accounts, \
        current books, reps, policy, activity, rests and bars) instead of files; --apply also \
        records the plan in the workspace's ledger, in one transaction (assigned for a \
        rebalance, topped_off for a top-off). The table shows per segment × theater the reps, capacity, fill, \
        moves, fairness spread (min–max ratio and Gini of value per capacity unit), the solver \
        and the pool by reason. Files are written atomically; the same input gives the same bytes.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var date: AsOfOption
    @OptionGroup var plan: PlanOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Plan from this workspace instead of files (the input flags are then not used).", valueName: "PATH"))
    var db: String?

    @Flag(help: "With --db: record the plan in the workspace's ledger (without it the workspace is only read).")
    var apply = false

    func validate() throws {
        if apply && db == nil { throw ValidationError("--apply needs --db PATH: the workspace to record the plan in") }
    }

    func run() throws {
        let progress = output.progress()
        if let db {
            try runOnWorkspace(at: db, progress: progress)
            return
        }
        // An owner reps.csv no longer lists has left: its accounts are free to go to others.
        let data = try progress.step("Loading") { try DataSet.load(input.files, required: [.accounts, .reps], departures: true) }
        let scored = progress.step("Scoring \(TerminalOutput.count(data.accounts.count)) accounts") {
            Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
        }
        let day = date.day
        // Reps not on the team on the day (departed, past their end date, not started) take no part.
        let reps = data.reps.filter { $0.isEmployed(on: day) }.map { $0.ramped(on: day, policy: data.policy.assignment) }
        let result = try progress.step("Planning (\(plan.mode))") {
            try plan.execute(accounts: scored, reps: reps, policy: data.policy, activity: data.activity,
                             asOf: day, progress: progress.solveObserver())
        }
        if !data.departedReps.isEmpty && output.resolved == .table && !output.quiet {
            TerminalOutput.note("note: reps not in reps.csv (left): " + data.departedReps.sorted().map(\.rawValue).joined(separator: ", ")
                                + "; their accounts are reassigned or pooled")
        }
        try output.emit(json: { try TerminalOutput.json(result.summary) },
                                         csv: { PlanSummaryText.cellTable(result.summary) },
                                         table: { PlanSummaryText.render(result, files: plan.out) })
    }

    /// Plans from the workspace at `path`; with ``apply`` records the plan as one run. The files
    /// are written after the transaction commits: a plan that fails changes neither the
    /// workspace nor the files.
    func runOnWorkspace(at path: String, progress: Progress) throws {
        let day = date.day
        let workspace = try Workspace.open(at: path, access: apply ? .readWrite : .readOnly)
        func load(_ reader: WorkspaceReader) throws -> PlanningInput {
            try progress.step("Loading the workspace") { try reader.planningInput(on: day, for: plan.mode) }
        }
        func solve(_ input: PlanningInput) throws -> Plan {
            try progress.step("Planning (\(plan.mode))") {
                try plan.makePlan(accounts: input.accounts, reps: input.reps, policy: input.policy, activity: input.activity,
                                  state: input.state, asOf: day, progress: progress.solveObserver())
            }
        }
        let result: Plan
        if apply {
            // Solved with no transaction open; the run only records it, if nothing committed meanwhile.
            var made: Plan?
            try workspace.performAfterSolving(
                plan.mode == .rebalance ? .plan : .topoff, asOf: day,
                prepare: { tx in try load(tx.reader) },
                solve: solve,
                record: { tx, p -> PlanSummary in
                    try tx.apply(p, kind: plan.mode == .rebalance ? .assigned : .toppedOff)
                    made = p
                    return p.summary
                })
            guard let made else { throw CLIError("the plan was not recorded") }
            result = made
        } else {
            // Read in a short transaction, solved outside it: a reader holding the file would
            // keep writers (books route) waiting while the solver runs.
            result = try solve(try workspace.read { try load($0) })
        }
        try plan.write(result)
        try output.emit(json: { try TerminalOutput.json(result.summary) },
                                         csv: { PlanSummaryText.cellTable(result.summary) },
                                         table: { PlanSummaryText.render(result, files: plan.out) })
    }
}
