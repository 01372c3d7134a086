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

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to act as of (default: today, UTC).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var asOf: Day?

    @Flag(help: "Check and queue the requests for the next cycle instead of deciding them now.")
    var queue = false

    @Flag(help: "Print the decisions as JSON.")
    var json = false

    func validate() throws {
        guard account != nil, rep != nil, reason != nil else {
            throw ValidationError("give --account, --rep and --reason")
        }
    }

    func run() throws {
        let day = asOf ?? .today
        let submissions = try self.submissions(asOf: day)
        let workspace = try self.workspace.open(.readWrite)
        let result = try workspace.perform(.return, asOf: day) { tx in
            RunResult(run: tx.run, asOf: day,
                      report: queue ? try tx.queueReturns(submissions) : try tx.decideReturns(submissions))
        }
        if json { try WorkspaceJSON.print(result); return }
        for outcome in result.report.outcomes {
            print("\(outcome.account) (\(outcome.rep), \(outcome.date), \(outcome.reason)): \(outcome.decision)")
        }
        let report = result.report
        if queue {
            print("\(report.count(.queued)) queued for the next cycle (run \(result.run))")
        } else {
            print("\(report.count(.accepted)) accepted, \(report.count(.rejected)) rejected (run \(result.run))")
        }
    }

    private func submissions(asOf: Day) throws -> [ReturnSubmission] {
        guard let account, let rep, let reason else { return [] }
        let request = ReturnRequest(accountID: AccountID(account), repID: RepID(rep), date: date ?? asOf,
                                    reason: reason, note: note)
        return [ReturnSubmission(request, origin: "--account \(account)")]
    }
}
