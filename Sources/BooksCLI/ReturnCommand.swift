import ArgumentParser
import BooksStore
import DynamicBooks

/// `books return`: a rep gives accounts back to the pool, within the guardrails.
struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract: "Return accounts to the pool, checked against the return guardrails.",
        discussion: """
        Each request is accepted — the account goes to the pool, rests or is disqualified or sent to \
        data review as its reason says, and is barred from the rep for returns.same_rep_days — or \
        rejected with every guardrail it broke and the numbers (returns.min_hold_days, \
        returns.min_activities, returns.max_per_rep_per_30_days, returns.reasons). Both are recorded \
        in the ledger. A malformed request (unknown account or rep, not the owner, a duplicate, a \
        date after --as-of or before the rep got the account) is an error and nothing is recorded. \
        With --queue the requests are checked and kept for the next `books cycle` to decide.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The account to return.")
    var account: String?

    @Option(help: "The rep returning it (its owner).")
    var rep: String?

    @Option(help: "A reason of the policy's returns.reasons.")
    var reason: String?

    @Option(help: ArgumentHelp("The day of the request (default: the as-of day).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var date: Day?

    @Option(help: "A free-text note kept in the ledger.")
    var note: String = ""

    @Option(help: ArgumentHelp("A returns.csv of requests (account_id, rep_id, date, reason, note).", valueName: "FILE"))
    var file: String?

    @OptionGroup var asOf: AsOfOption

    @Flag(help: "Check and queue the requests for the next cycle instead of deciding them now.")
    var queue = false

    @Flag(name: .customLong("skip-invalid"), help: "Report malformed requests (unknown account or rep, not the owner, bad date) and decide the rest, instead of failing.")
    var skipInvalid = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        let single = [account, rep, reason].compactMap { $0 }
        if file != nil {
            guard single.isEmpty, date == nil, note.isEmpty else {
                throw ValidationError("give either --file or --account/--rep/--reason, not both")
            }
        } else if single.count != 3 {
            throw ValidationError("give --account, --rep and --reason (or --file returns.csv)")
        }
        if queue && skipInvalid { throw ValidationError("--queue checks every request; give --skip-invalid without --queue") }
    }

    func run() throws {
        let day = asOf.day
        let submissions = try self.submissions(asOf: day)
        let workspace = try self.workspace.open(.readWrite)
        let result = try workspace.perform(.return, asOf: day) { tx in
            RunResult(run: tx.run, asOf: day,
                      report: queue ? try tx.queueReturns(submissions)
                                 : try tx.decideReturns(submissions, invalid: skipInvalid ? .skip : .refuse))
        }
        try output.emit(
            json: { try OutputJSON.string(result) },
            csv: { Self.table(result.report) },
            table: { Self.text(result.report, run: result.run, queued: queue) })
    }

    /// One row per request, for `--format csv`.
    static func table(_ report: ReturnsReport) -> TextTable {
        TextTable(columns: ["origin", "account_id", "rep_id", "date", "reason", "status", "rules", "decision"].map { TextTable.Column($0) },
                  rows: report.outcomes.map { o in
                      [o.origin, o.account.rawValue, o.rep.rawValue, o.date.description, o.reason, o.status.rawValue,
                       o.rules.joined(separator: ";"), o.decision]
                  })
    }

    static func text(_ report: ReturnsReport, run: RunID, queued: Bool) -> String {
        var lines = report.outcomes.map { "\($0.account) (\($0.rep), \($0.date), \($0.reason)): \($0.decision)" }
        if queued {
            lines.append("\(report.count(.queued)) queued for the next cycle (run \(run))")
        } else {
            let invalid = report.count(.invalid)
            lines.append("\(report.count(.accepted)) accepted, \(report.count(.rejected)) rejected"
                         + (invalid > 0 ? ", \(invalid) invalid (not recorded)" : "") + " (run \(run))")
        }
        return lines.joined(separator: "\n")
    }

    private func submissions(asOf: Day) throws -> [ReturnSubmission] {
        if let file {
            return try ReturnRequestsFile.read(path: file).map { ReturnSubmission($0.request, origin: "\(file):\($0.line)") }
        }
        guard let account, let rep, let reason else { return [] }
        let request = ReturnRequest(accountID: AccountID(account), repID: RepID(rep), date: date ?? asOf,
                                    reason: reason, note: note)
        return [ReturnSubmission(request, origin: "--account \(account)")]
    }
}
