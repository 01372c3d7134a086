import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `books import`: load the CSVs and the policy into the workspace.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load accounts, reps, activity and the policy into the workspace (created on first use).",
        discussion: """
        Accounts are scored with the policy and stored with their score, tier, segment and theater. \
        On the first import each account's owner from accounts.csv becomes its first ledger row. \
        Importing again updates accounts and reps by id and adds new activity, keeping every history; \
        the books stay as the workspace has them — accounts whose CRM owner differs are counted, and \
        --owners-from-csv takes the CRM's owners instead (as manual ledger rows). returns.csv is not \
        imported: decide it with `books return --file`.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var asOf: AsOfOption

    @Flag(name: .customLong("owners-from-csv"), help: "Take the owners of accounts.csv over the workspace's books.")
    var ownersFromCSV = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let progress = output.progress()
        let day = asOf.day
        // Reps the workspace knows may still own accounts although reps.csv no longer lists them:
        // they have left, which the import records.
        let knownReps = FileManager.default.fileExists(atPath: workspace.db)
            ? (try? Workspace.open(at: workspace.db, access: .readOnly).read { Set(try $0.reps().map(\.id)) }) ?? [] : []
        let data = try progress.step("Loading") {
            try DataSet.load(input.files, required: [.accounts, .reps], knownReps: knownReps)
        }
        let policyPath = input.files.path(.policy)
        let policyText = FileManager.default.fileExists(atPath: policyPath)
            ? (try? String(contentsOfFile: policyPath, encoding: .utf8)) ?? "" : ""
        let scored = progress.step("Scoring \(TerminalOutput.count(data.accounts.count)) accounts") {
            Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
        }
        let importData = ImportData(accounts: scored, reps: data.reps, activity: data.activity, policy: data.policy,
                                    policyText: policyText, repsComplete: true)
        let workspace = try self.workspace.open(.readWrite, create: true)
        let result = try progress.step("Importing into \(workspace.path)") {
            try workspace.perform(.import, asOf: day) { tx in
                RunResult(run: tx.run, asOf: day, report: try tx.importData(importData, ownersFromCSV: ownersFromCSV))
            }
        }
        try output.emit(
            json: { try OutputJSON.string(result) },
            csv: { Self.table(result.report) },
            table: { Self.text(result.report, run: result.run, path: workspace.path) })
    }

    static func table(_ s: ImportSummary) -> TextTable {
        TextTable(columns: [TextTable.Column("what"), TextTable.Column("added", numeric: true), TextTable.Column("updated", numeric: true)],
                  rows: [["accounts", "\(s.accountsAdded)", "\(s.accountsUpdated)"],
                         ["reps", "\(s.repsAdded)", "\(s.repsUpdated)"],
                         ["activity", "\(s.activityAdded)", "\(s.activityKnown)"],
                         ["owners", "\(s.ownersImported)", "\(s.ownersChanged)"]])
    }

    static func text(_ s: ImportSummary, run: RunID, path: String) -> String {
        var lines = ["Imported into \(path) (run \(run)): \(TerminalOutput.count(s.changed)) changed",
                     "  accounts  \(TerminalOutput.count(s.accountsAdded)) new, \(TerminalOutput.count(s.accountsUpdated)) updated, "
                        + "\(TerminalOutput.count(s.accountsUnchanged)) unchanged",
                     "  reps      \(TerminalOutput.count(s.repsAdded)) new, \(TerminalOutput.count(s.repsUpdated)) updated, "
                        + "\(TerminalOutput.count(s.repsUnchanged)) unchanged",
                     "  activity  \(TerminalOutput.count(s.activityAdded)) new, \(TerminalOutput.count(s.activityKnown)) already known",
                     "  owners    \(TerminalOutput.count(s.ownersImported)) from accounts.csv"
                        + (s.ownersChanged > 0 ? ", \(TerminalOutput.count(s.ownersChanged)) taken over (--owners-from-csv)" : ""),
                     "  policy    \(s.policyChanged ? "updated" : "unchanged")"]
        if s.ownersFromCRM > 0 {
            lines.append("\(TerminalOutput.count(s.ownersFromCRM)) owners changed in the CRM since the last import: recorded as manual (source crm)")
        }
        if !s.repsDeparted.isEmpty {
            lines.append("departed (not in reps.csv, still owning accounts): " + s.repsDeparted.map(\.rawValue).joined(separator: ", "))
        }
        if s.redistribution.accounts > 0 { lines.append(RepCommand.text(s.redistribution)) }
        if !s.ownerDisagreements.isEmpty {
            let examples = s.ownerDisagreements.prefix(5).map(\.rawValue).joined(separator: ", ")
            lines.append("\(TerminalOutput.count(s.ownerDisagreements.count)) accounts have another owner in accounts.csv than in "
                         + "the books (e.g. \(examples)); the books are kept — pass --owners-from-csv to take the CSV's")
        }
        return lines.joined(separator: "\n")
    }
}
