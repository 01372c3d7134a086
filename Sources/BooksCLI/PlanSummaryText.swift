import AssignmentEngine
import DynamicBooks
import Foundation

/// The terminal summary of a plan: what a RevOps lead reads at a glance — per segment × theater
/// the reps, capacity, how full the books are, what waits in the pool and why, moves, fairness
/// spread, and which solver answered with what gap.
enum PlanSummaryText {
    static func render(_ plan: Plan, files directory: String?) -> String {
        let s = plan.summary
        let n = TerminalOutput.count
        var lines: [String] = []
        let gap = s.solve.gap.map { " · gap " + percent($0, digits: 2) } ?? ""
        let seconds = s.solve.seconds.map { " · " + String(format: "%.2f s", $0) } ?? ""
        lines.append("Plan \(s.mode) as of \(s.asOf) · fairness \(s.fairnessMode) · solver \(s.solve.solver), "
                     + "\(s.solve.status.rawValue)\(gap)\(seconds)")
        let changes = ["kept", "assigned", "moved", "reassigned", "unassigned"]
            .compactMap { key in s.changesByReason[key].map { "\(n($0)) \(key)" } }
        lines.append("\(n(s.accounts)) accounts: \(n(s.assigned)) in books, \(n(s.pooled)) in the pool"
                     + (changes.isEmpty ? "" : " · " + changes.joined(separator: ", ")))
        lines.append("")

        var table = TerminalTable(["cell", "reps", "capacity", "filled", "accounts", "moves", "fairness", "gini",
                                   "solver", "pooled"], rightAligned: [1, 2, 3, 4, 5])
        for cell in s.cells {
            let filled = cell.capacity > 0
                ? "\(TerminalOutput.units(cell.filled)) (\(percent(cell.filled / cell.capacity, digits: 0)))"
                : TerminalOutput.units(cell.filled)
            let fairness = cell.minRatio.flatMap { low in cell.maxRatio.map { "\(ratio(low))–\(ratio($0))" } } ?? "–"
            let solver = cell.solvers.isEmpty ? "–"
                : cell.solvers.joined(separator: "+") + (cell.gap.map { $0 > 0 ? " " + percent($0, digits: 2) : "" } ?? "")
            table.add([cell.name, cell.reps == 0 ? "–" : n(cell.reps), TerminalOutput.units(cell.capacity), filled,
                       n(cell.accounts), n(cell.moves), fairness, cell.gini.map(ratio) ?? "–", solver, pooled(cell.pooled)])
        }
        lines.append(table.text)

        var notes: [String] = []
        if !s.violatedRows.isEmpty {
            notes.append("\(s.violatedRows.count) rows the heuristic could not satisfy: "
                         + s.violatedRows.prefix(3).joined(separator: "; ") + (s.violatedRows.count > 3 ? "; …" : ""))
        }
        if s.pooledCustomers > 0 { notes.append("\(n(s.pooledCustomers)) customers have no eligible rep and wait in the pool") }
        let over = s.reps.filter { $0.load > $0.capacity + 1e-9 }
        if !over.isEmpty {
            notes.append("over capacity (kept books): "
                         + over.prefix(5).map { "\($0.id) \(TerminalOutput.units($0.load))/\(TerminalOutput.units($0.capacity))" }
                .joined(separator: ", ") + (over.count > 5 ? ", …" : ""))
        }
        let outside = s.groups.filter { !$0.withinBand && $0.minRatio != nil }
        if s.fairnessMode != .off && !outside.isEmpty {
            notes.append("outside the fairness band: " + outside.map(\.name).joined(separator: ", "))
        }
        for component in s.solve.components where component.note != nil {
            notes.append("component \(component.index) (\(component.groups.joined(separator: ", "))): \(component.note ?? "")")
        }
        if !notes.isEmpty { lines.append(""); lines += notes.map { "note: " + $0 } }
        if let directory {
            lines.append("")
            lines.append("wrote " + Plan.fileNames.joined(separator: ", ") + " to " + directory)
        }
        return lines.joined(separator: "\n")
    }

    /// The cells, for `--format csv`.
    static func cellTable(_ summary: PlanSummary) -> TextTable {
        let columns = ["cell", "reps", "capacity", "filled", "accounts", "moves", "min_ratio", "max_ratio", "gini",
                       "solvers", "gap"].map { TextTable.Column($0, numeric: $0 != "cell" && $0 != "solvers") }
            + PoolReason.allCases.map { TextTable.Column("pooled_" + $0.rawValue, numeric: true) }
        let number = { (x: Double?) in x.map(PlanNumberText.text) ?? "" }
        return TextTable(columns: columns, rows: summary.cells.map { cell in
            [cell.name, "\(cell.reps)", number(cell.capacity), number(cell.filled), "\(cell.accounts)", "\(cell.moves)",
             number(cell.minRatio), number(cell.maxRatio), number(cell.gini), cell.solvers.joined(separator: "+"),
             number(cell.gap)] + PoolReason.allCases.map { "\(cell.pooled[$0.rawValue] ?? 0)" }
        })
    }

    /// `no_capacity 120, below_min_tier 40` — largest first, ties by name.
    static func pooled(_ counts: [String: Int]) -> String {
        let sorted = counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        return sorted.isEmpty ? "–" : sorted.map { "\($0.key) \(TerminalOutput.count($0.value))" }.joined(separator: ", ")
    }

    static func ratio(_ x: Double) -> String { String(format: "%.2f", x) }

    static func percent(_ x: Double, digits: Int) -> String { String(format: "%.\(digits)f%%", x * 100) }
}

/// Numbers in CSV output: at most six decimals, no trailing zeros.
enum PlanNumberText {
    static func text(_ x: Double) -> String {
        let s = String(format: "%.6f", x)
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return t == "-0" ? "0" : String(t)
    }
}
