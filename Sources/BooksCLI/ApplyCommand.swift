import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `books apply PLAN_DIR --db PATH`: adopts a reviewed plan folder as one run.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Record a reviewed plan folder in the workspace's ledger as one run, if it still fits.",
        discussion: """
        The plan must hold the workspace's accounts, and still fit: no account changed hands \
        since it was made, every new owner is a rep that may take the account, locked accounts \
        stay, no book goes over capacity, no rep gets more than max_moves_per_rep accounts from \
        other reps and, with a hard fairness band, every ratio stays in the band. Otherwise \
        nothing is recorded and the accounts and reps at fault are named (exit 1). The run is \
        recorded as of the plan's as-of day, as `books plan --db --apply` records it.
        """)

    @Argument(help: ArgumentHelp("The plan folder (what `books plan --out` wrote).", valueName: "plan-dir"))
    var plan: String

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let folder = try PlanFolder(directory: URL(fileURLWithPath: plan, isDirectory: true))
        let store = try workspace.open(.readWrite)
        var summary: AdoptionSummary
        do {
            summary = try store.perform(folder.summary.mode == .rebalance ? .plan : .topoff, asOf: folder.summary.asOf) {
                try $0.adopt(folder)
            }
        } catch var error as AdoptionError {
            error.plan = plan   // as the user wrote it
            throw error
        }
        summary.plan = plan
        let written = summary.changes.values.reduce(0, +)
        try output.emit(
            json: { try TerminalOutput.json(summary) },
            csv: {
                TextTable(columns: [.init("reason"), .init("accounts", numeric: true)],
                          rows: summary.changes.keys.sorted().map { [$0, String(summary.changes[$0] ?? 0)] })
            },
            table: {
                let counts = summary.changes.keys.sorted().map { "\(summary.changes[$0] ?? 0) \($0)" }.joined(separator: ", ")
                return "applied \(plan) (\(summary.mode), as of \(summary.asOf)) as run \(summary.run): "
                    + "\(written) ledger rows\(counts.isEmpty ? "" : " (\(counts))"), \(summary.kept) accounts kept"
            })
    }
}
