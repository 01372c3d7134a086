import ArgumentParser
import BooksStore
import DynamicBooks

/// `books retrieve`: accounts their owners do not work go back to the pool.
struct RetrieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieve",
        abstract: "Send unworked accounts back to the pool and report each rep's coverage.",
        discussion: """
        An account is retrieved when its owner has held it at least coverage.grace_days and logged \
        no qualifying activity (coverage.activity_types) on it for coverage.retrieve_after_days; \
        locked accounts, and customers while assignment.lock_customers holds, stay. A retrieved \
        account is barred from its owner for returns.same_rep_days. Coverage is the share of each \
        book (past its grace period) worked in the last coverage.window_days days — at least \
        coverage.min_activities qualifying activities; reps below coverage.min_rep_coverage are listed.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var asOf: AsOfOption

    @Flag(name: .customLong("dry-run"), help: "List what would be retrieved; change nothing.")
    var dryRun = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = asOf.day
        let report: CoverageReport
        var run: RunID?
        let policy: Policy
        if dryRun {
            let workspace = try self.workspace.open(.readOnly)
            (report, policy) = try workspace.read { r in (try r.coverageReview(on: day), try r.policy()) }
        } else {
            let workspace = try self.workspace.open(.readWrite)
            let review = try workspace.read { try $0.coverageReview(on: day) }
            if review.retrievals.isEmpty {
                // Nothing to retrieve: no run is recorded (the day is still checked).
                try workspace.checkCalendar(asOf: day)
                report = review
            } else {
                let result = try workspace.perform(.retrieve, asOf: day) { tx in
                    RunResult(run: tx.run, asOf: day, report: try tx.retrieve())
                }
                report = result.report
                run = result.run
            }
            policy = try workspace.read { try $0.policy() }
        }
        try output.emit(
            json: {
                try OutputJSON.string(RetrieveOutput(run: run, dryRun: dryRun, asOf: day, retrievals: report.retrievals,
                                                     coverage: report.reps, belowMinimum: report.belowMinimum.map(\.rep)))
            },
            csv: { Self.table(report) },
            table: { Self.text(report, policy: policy, dryRun: dryRun, run: run) })
    }

    /// One row per retrieved account, for `--format csv`.
    static func table(_ report: CoverageReport) -> TextTable {
        TextTable(columns: ["account_id", "rep_id", "owned_since", "last_worked", "idle_days", "barred_until", "message"].map { TextTable.Column($0) },
                  rows: report.retrievals.map { r in
                      [r.account.rawValue, r.rep.rawValue, r.ownedSince?.description ?? "", r.lastWorked?.description ?? "",
                       "\(r.idleDays)", r.barredUntil.description, r.message]
                  })
    }

    struct RetrieveOutput: Encodable {
        var run: RunID?
        var dryRun: Bool
        var asOf: Day
        var retrievals: [Retrieval]
        var coverage: [RepCoverage]
        var belowMinimum: [RepID]
    }

    static func text(_ report: CoverageReport, policy: Policy, dryRun: Bool, run: RunID?) -> String {
        var lines: [String] = []
        let n = report.retrievals.count
        let verb = dryRun ? "Would retrieve" : "Retrieved"
        let suffix = run.map { " (run \($0))" } ?? (dryRun ? " (dry run, nothing changed)" : " (nothing to change, no run recorded)")
        lines.append("\(verb) \(n) \(n == 1 ? "account" : "accounts") as of \(report.day)\(suffix)")
        let width = report.retrievals.map(\.account.rawValue.count).max() ?? 0
        for r in report.retrievals {
            lines.append("  \(r.account.rawValue.padding(width))  from \(r.rep)  \(r.message)")
        }
        let c = policy.coverage
        lines.append("Coverage: share of each book worked (≥ \(c.minActivities) qualifying activities in the "
                     + "\(c.windowDays) days to \(report.day)), accounts in their \(c.graceDays)-day grace not counted")
        let repWidth = max(3, report.reps.map(\.rep.rawValue.count).max() ?? 0)
        lines.append("  \("rep".padding(repWidth))  worked  share  grace")
        for rep in report.reps {
            let share = rep.share.map { "\(Int(saturating: ($0 * 100).rounded()))%" } ?? "-"
            var line = "  \(rep.rep.rawValue.padding(repWidth))  \("\(rep.worked)/\(rep.counted)".padding(6))  "
                + "\(share.padding(5))  \(rep.inGrace)"
            if rep.belowMinimum {
                line += "  below coverage.min_rep_coverage \(Int(saturating: (c.minRepCoverage * 100).rounded()))%"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Left-aligned in `width` columns.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
