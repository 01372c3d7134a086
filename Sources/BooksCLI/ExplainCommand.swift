import ArgumentParser
import BooksStore
import DynamicBooks

/// `books explain ACCOUNT`: where an account is and why.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Where an account is and why: its history, its value with each rep, what keeps it from the others.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The account id.")
    var account: String

    @OptionGroup var asOf: AsOfOption

    @OptionGroup var output: OutputOptions

    func run() throws {
        let workspace = try self.workspace.open(.readOnly)
        let x = try workspace.read { try $0.explain(AccountID(account), on: asOf.day) }
        try output.emit(
            json: { try OutputJSON.string(x) },
            csv: { Self.table(x) },
            table: { Self.text(x) })
    }

    /// One row per rep of the account's segment, for `--format csv`.
    static func table(_ x: AccountExplanation) -> TextTable {
        TextTable(columns: ["rep_id", "name", "owner", "eligible", "value", "rule", "because", "load", "capacity", "has_room"].map { TextTable.Column($0) },
                  rows: x.reps.map { fit in
                      [fit.rep.rawValue, fit.name, fit.isOwner ? "true" : "false", fit.eligible ? "true" : "false",
                       fit.value.map(CSVBuffer.number) ?? "", fit.rule ?? "", fit.because ?? "",
                       CSVBuffer.number(fit.load), CSVBuffer.number(fit.capacity), fit.hasRoom ? "true" : "false"]
                  })
    }

    static func text(_ x: AccountExplanation) -> String {
        var lines: [String] = []
        lines.append(x.name.isEmpty ? "\(x.account)" : "\(x.account) — \(x.name)")
        var facts = "  score \(x.score.compact), tier \(x.tier), segment \(x.segment), theater \(x.theater ?? "none (unmapped)"), "
            + "workload \(x.workload.compact)"
        if x.customer { facts += ", customer" }
        if x.locked { facts += ", locked" }
        if let parent = x.parent { facts += ", parent \(parent)" }
        lines.append(facts)
        if let owner = x.owner {
            lines.append("  owner \(owner) since \(x.ownedSince.map(String.init(describing:)) ?? "?")")
        } else {
            lines.append("  in the pool")
        }
        if let blocked = x.blockedBy { lines.append("  not assignable on \(x.asOf): \(blocked)") }
        for bar in x.bars { lines.append("  barred from \(bar.rep) until \(bar.until)") }
        if let lock = x.lock {
            lines.append("  locked to \(lock.rep) by hand " + (lock.until.map { "until \($0)" } ?? "until unlocked") + ": \(lock.reason)")
        }

        lines.append("History:")
        if x.history.isEmpty { lines.append("  (none)") }
        for e in x.history {
            var line = "  \(e.day)  \(e.kind.rawValue.padding(15)) "
            switch (e.from, e.to) {
            case let (from?, to?) where from == to: line += "\(from)"
            case (nil, nil): line += "-"
            default: line += "\(e.from?.rawValue ?? "pool") → \(e.to?.rawValue ?? "pool")"
            }
            line += "  \(e.reason)"
            if !e.detail.isEmpty { line += ": \(e.detail)" }
            line += "  (run \(e.run))"
            lines.append(line)
        }

        lines.append("Reps of segment \(x.segment) on \(x.asOf):")
        if x.reps.isEmpty { lines.append("  (none)") }
        let width = x.reps.map { $0.rep.rawValue.count + ($0.name.isEmpty ? 0 : $0.name.count + 1) }.max() ?? 0
        for fit in x.reps {
            let who = (fit.name.isEmpty ? fit.rep.rawValue : "\(fit.rep) \(fit.name)").padding(width)
            let verdict = fit.value.map { "eligible, value \($0.twoDecimals)" } ?? (fit.because ?? "not eligible")
            let owner = fit.isOwner ? " (owner)" : fit.eligible && !fit.hasRoom ? " (book full)" : ""
            lines.append("  \(who)  load \(fit.load.compact)/\(fit.capacity.compact)  \(verdict)\(owner)")
        }
        if x.otherSegmentReps > 0 {
            lines.append("  and \(x.otherSegmentReps) \(x.otherSegmentReps == 1 ? "rep" : "reps") of other segments: wrong segment")
        }
        return lines.joined(separator: "\n")
    }
}
