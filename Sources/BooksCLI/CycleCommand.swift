import ArgumentParser
import AssignmentEngine
import BooksStore
import DynamicBooks

/// `books cycle`: one weekly cycle — retrieve, decide pending returns, top off.
struct CycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycle",
        abstract: "Run one weekly cycle as of a day: retrieve → pending returns → top-off.",
        discussion: """
        Everything happens in one transaction: a cycle that fails, or is killed, leaves the \
        workspace as it was. Running it twice for the same day changes nothing; the second run \
        prints the first one's summary.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day of the cycle (default: today, UTC).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var asOf: Day?

    @Option(help: SolverChoice.help(absent: "default: assignment.solver of the policy"))
    var solver: SolverChoice?

    @Option(name: .customLong("time-limit"), help: "Seconds for the top-off solve (default: the policy's).")
    var timeLimit: Double?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try TimeLimitFlag.validate(timeLimit)
    }

    func run() throws {
        let day = asOf ?? .today
        let workspace = try self.workspace.open(.readWrite)
        var options: SolveOptions?
        if let timeLimit {
            options = Planner.options(from: try workspace.read { try $0.policy() })
            options?.timeLimit = timeLimit
        }
        let summary = try workspace.cycle(asOf: day, solver: solver, options: options)
        try output.emit(
            json: { try OutputJSON.string(summary) },
            csv: { Self.table([summary]) },
            table: { Self.text(summary) })
    }

    /// One row per cycle.
    static func table(_ cycles: [CycleSummary]) -> TextTable {
        TextTable(
            columns: [TextTable.Column("as_of"), TextTable.Column("filled", numeric: true), TextTable.Column("pooled", numeric: true),
                      TextTable.Column("retrieved", numeric: true), TextTable.Column("returns_accepted", numeric: true),
                      TextTable.Column("returns_rejected", numeric: true), TextTable.Column("topped_off", numeric: true),
                      TextTable.Column("coverage", numeric: true), TextTable.Column("fairness_spread", numeric: true),
                      TextTable.Column("solver"), TextTable.Column("gap", numeric: true)],
            rows: cycles.map { c in
                [c.asOf.description, "\(c.topoff.assigned)", "\(c.topoff.pooled)", "\(c.retrieved)", "\(c.returnsAccepted)",
                 "\(c.returnsRejected)", "\(c.toppedOff)", c.coverage.map { String(format: "%.0f%%", $0 * 100) } ?? "—",
                 fairnessSpread(c.topoff).map { String(format: "%.2f", $0) } ?? "—", c.topoff.solve.solver,
                 c.topoff.solve.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—"]
            })
    }

    /// The widest spread of fairness ratios in any group (max − min of V(r)·C(G)/(C(r)·V(G))).
    static func fairnessSpread(_ summary: PlanSummary) -> Double? {
        let spreads = summary.groups.compactMap { g -> Double? in
            guard let lo = g.minRatio, let hi = g.maxRatio else { return nil }
            return hi - lo
        }
        return spreads.max()
    }

    /// Up to `limit` names, then how many more (the JSON output lists them all).
    static func list(_ names: [String], limit: Int) -> String {
        names.count <= limit ? names.joined(separator: ", ")
            : names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more (--json lists all)"
    }

    static func text(_ c: CycleSummary) -> String {
        var lines: [String] = []
        lines.append(c.alreadyRan ? "Cycle of \(c.asOf) had already run; nothing changed. Its summary:" : "Cycle of \(c.asOf):")
        if c.redistribution.accounts > 0 { lines.append("  " + RepCommand.text(c.redistribution)) }
        lines.append("  retrieved \(c.retrieved) unworked accounts; coverage \(c.coverage.map { String(format: "%.0f%%", $0 * 100) } ?? "—")"
                     + (c.repsBelowCoverage.isEmpty ? "" : "; below the minimum: " + Self.list(c.repsBelowCoverage.map(\.rawValue), limit: 12)))
        lines.append("  returns: \(c.returnsAccepted) accepted, \(c.returnsRejected) rejected")
        let pool = c.topoff.poolByReason.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("  top-off: \(c.toppedOff) accounts into books; \(c.topoff.assigned) in books, \(c.topoff.pooled) in the pool (\(pool))")
        if c.filledNewReps > 0 {
            lines.append("  \(c.filledNewReps) \(c.filledNewReps == 1 ? "account" : "accounts") moved from other books to new reps "
                         + "(assignment.topoff.fill_new_reps)")
        }
        lines.append("  solver \(c.topoff.solve.solver), \(c.topoff.solve.status.rawValue)"
                     + (c.topoff.solve.gap.map { String(format: ", gap %.3f%%", $0 * 100) } ?? "")
                     + (fairnessSpread(c.topoff).map { String(format: ", fairness spread %.2f", $0) } ?? ""))
        return lines.joined(separator: "\n")
    }
}
