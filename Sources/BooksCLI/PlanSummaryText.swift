import AssignmentEngine
import DynamicBooks
import Foundation

/// The terminal summary of a plan: what a RevOps lead reads at a glance — per segment × theater
/// the reps, capacity, how full the books are, what waits in the pool and why, moves, fairness
/// spread, and which solver answered with what gap.
enum PlanSummaryText {
    static func render(_ plan: Plan, files directory: String?) -> String {
        let s = plan.summary
        var lines: [String] = []
        let gap = s.solve.gap.map { " · gap " + percent($0, digits: 2) } ?? ""
        let seconds = s.solve.seconds.map { " · " + String(format: "%.2f s", $0) } ?? ""
        lines.append("Plan \(s.mode) as of \(s.asOf) · fairness \(s.fairnessMode) · solver \(s.solve.solver), "
                     + "\(s.solve.status.rawValue)\(gap)\(seconds)")
        let changes = ["kept", "assigned", "moved", "reassigned", "unassigned"]
            .compactMap { key in s.changesByReason[key].map { "\($0) \(key)" } }
        lines.append("\(s.accounts) accounts: \(s.assigned) in books, \(s.pooled) in the pool"
                     + (changes.isEmpty ? "" : " · " + changes.joined(separator: ", ")))
        lines.append("")

        var rows: [[String]] = [["cell", "reps", "capacity", "filled", "accounts", "moves", "fairness", "gini",
                                 "solver", "pooled"]]
        for cell in s.cells {
            let filled = cell.capacity > 0
                ? "\(number(cell.filled)) (\(percent(cell.filled / cell.capacity, digits: 0)))" : number(cell.filled)
            let fairness = cell.minRatio.flatMap { low in cell.maxRatio.map { "\(ratio(low))–\(ratio($0))" } } ?? "–"
            let solver = cell.solvers.isEmpty ? "–"
                : cell.solvers.joined(separator: "+") + (cell.gap.map { $0 > 0 ? " " + percent($0, digits: 2) : "" } ?? "")
            rows.append([cell.name, cell.reps == 0 ? "–" : "\(cell.reps)", number(cell.capacity), filled,
                         "\(cell.accounts)", "\(cell.moves)", fairness, cell.gini.map(ratio) ?? "–", solver,
                         pooled(cell.pooled)])
        }
        lines += table(rows, rightAligned: [1, 2, 3, 4, 5])

        var notes: [String] = []
        if !s.violatedRows.isEmpty {
            notes.append("\(s.violatedRows.count) rows the heuristic could not satisfy: "
                         + s.violatedRows.prefix(3).joined(separator: "; ") + (s.violatedRows.count > 3 ? "; …" : ""))
        }
        if s.pooledCustomers > 0 { notes.append("\(s.pooledCustomers) customers have no eligible rep and wait in the pool") }
        let over = s.reps.filter { $0.load > $0.capacity + 1e-9 }
        if !over.isEmpty {
            notes.append("over capacity (kept books): " + over.prefix(5).map { "\($0.id) \(number($0.load))/\(number($0.capacity))" }
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

    /// `no_capacity 120, below_min_tier 40` — largest first, ties by name.
    static func pooled(_ counts: [String: Int]) -> String {
        let sorted = counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        return sorted.isEmpty ? "–" : sorted.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.1f", x)
    }

    static func ratio(_ x: Double) -> String { String(format: "%.2f", x) }

    static func percent(_ x: Double, digits: Int) -> String { String(format: "%.\(digits)f%%", x * 100) }

    /// Columns padded to their widest cell; the first row is the header, underlined.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        guard let header = rows.first else { return [] }
        var widths = header.map(\.count)
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return [line(header), line(widths.map { String(repeating: "─", count: $0) })] + rows.dropFirst().map(line)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
