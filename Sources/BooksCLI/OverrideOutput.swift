import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// The output of the override commands.
enum OverrideOutput {
    static func emit(_ result: RunResult<OverrideOutcome>, output: OutputOptions) throws {
        let o = result.report
        try output.emit(
            json: { try OutputJSON.string(result) },
            csv: {
                TextTable(columns: ["action", "account_id", "from_rep", "to_rep", "locked", "locked_until", "reason", "by", "run_id"].map { TextTable.Column($0) },
                          rows: o.accounts.map { [o.action, $0.rawValue, o.from?.rawValue ?? "", o.to?.rawValue ?? "", o.locked ? "true" : "false",
                                                  o.lockedUntil?.description ?? "", o.reason, o.who, result.run.description] })
            },
            table: {
                let family = o.accounts.count > 1 ? " with its family (" + o.accounts.map(\.rawValue).joined(separator: ", ") + ")" : ""
                let what: String
                switch o.action {
                case "assign":
                    what = "\(o.account)\(family) assigned to \(o.to?.rawValue ?? "?")" + (o.from.map { " (was \($0))" } ?? " (was in the pool)")
                        + (o.locked ? ", locked " + (o.lockedUntil.map { "until \($0)" } ?? "until unlocked") : "")
                case "unlock": what = "\(o.account)\(family) unlocked (was locked to \(o.from?.rawValue ?? "?"))"
                case "review_clear": what = "\(o.account) out of data review: plans may assign it again"
                default: what = "\(o.account): disqualification lifted; plans may assign it again"
                }
                var text = what + ": \(o.reason)" + (o.who.isEmpty ? "" : " (by \(o.who))") + " (run \(result.run))"
                if let load = o.load, let capacity = o.capacity, load > capacity + 1e-9 {
                    text += "\nnote: \(o.to?.rawValue ?? "the rep") is now over capacity (load \(load.compact) of \(capacity.compact))"
                }
                return text
            })
    }
}
