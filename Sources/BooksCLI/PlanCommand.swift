import ArgumentParser
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
        the best pool accounts. The table shows per segment × theater the reps, capacity, fill, \
        moves, fairness spread (min–max ratio and Gini of value per capacity unit), the solver \
        and the pool by reason. Files are written atomically; the same input gives the same bytes.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var date: AsOfOption
    @OptionGroup var plan: PlanOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        let progress = progressOptions.progress()
        let data = try progress.step("Loading") { try input.load(required: [.accounts, .reps]) }
        let scored = progress.step("Scoring \(TerminalOutput.count(data.accounts.count)) accounts") {
            Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
        }
        let result = try progress.step("Planning (\(plan.mode))") {
            try plan.execute(accounts: scored, reps: data.reps, policy: data.policy, activity: data.activity,
                             asOf: date.day, progress: progress.solveObserver())
        }
        print(try output.resolved.render(json: { try TerminalOutput.json(result.summary) },
                                         csv: { PlanSummaryText.cellTable(result.summary) },
                                         table: { PlanSummaryText.render(result, files: plan.out) }))
    }
}
