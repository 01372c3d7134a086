import ArgumentParser
import DynamicBooks
import Foundation

/// `books score`: the scored and tiered accounts CSV and a tier summary per segment × theater.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score and tier every account; write the scored CSV and print a tier summary.",
        discussion: """
        The scored file has the account columns (segment and theater as derived), the attribute
        columns, then score, tier, workload and excluded_by. Accounts no theater maps are listed
        by place: add their country or state to the policy's theaters to assign them.
        """)

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Where to write the scored accounts ('-' for standard output).", valueName: "FILE"))
    var out = "scored.csv"

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print how long loading, scoring and writing took (wall and CPU time) to standard error.")
    var timings = false

    /// The summary `--json` prints.
    struct Summary: Encodable {
        var accounts: Int
        var out: String
        var tiers: TierSummary
    }

    func run() throws {
        let clock = ContinuousClock()
        var mark = clock.now, cpuMark = TerminalOutput.cpuSeconds()
        func lap(_ phase: String) {
            let now = clock.now, cpu = TerminalOutput.cpuSeconds()
            if timings {
                TerminalOutput.note("\(phase): \(String(format: "%.2f", (now - mark) / .seconds(1))) s wall, "
                                    + "\(String(format: "%.2f", cpu - cpuMark)) s CPU")
            }
            mark = now
            cpuMark = cpu
        }
        let progress = output.progress()
        var data = try progress.step("Loading") { try input.load(required: [.accounts]) }
        lap("load")
        let scored = progress.step("Scoring \(TerminalOutput.count(data.accounts.count)) accounts") {
            Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
        }
        data.accounts = []
        lap("score")
        let summary = TierSummary(scored, policy: data.policy)
        lap("tier summary")
        try progress.step("Writing \(out)") {
            let bytes = ScoredAccount.csv(scored, attributeColumns: data.accountAttributeColumns)
            if out == "-" {
                FileHandle.standardOutput.write(Data(bytes))
            } else {
                try AtomicFile.write(bytes, to: URL(fileURLWithPath: out))
            }
        }
        lap("write")
        guard out != "-" else { return }
        try output.emit(
            json: { try TerminalOutput.json(Summary(accounts: scored.count, out: out, tiers: summary)) },
            csv: { ScoreCommand.table(summary) },
            table: { ScoreCommand.render(summary, accounts: scored.count, out: out) })
    }

    /// The tier summary per segment × theater, for `--format csv`.
    static func table(_ summary: TierSummary) -> TextTable {
        TextTable(columns: ["segment", "theater", "accounts", "A", "B", "C", "D", "excluded"].map { TextTable.Column($0) },
                  rows: summary.cells.map { cell in
                      [cell.segment, cell.theater ?? "", "\(cell.accounts)", "\(cell.a)", "\(cell.b)", "\(cell.c)", "\(cell.d)",
                       "\(cell.excluded)"]
                  })
    }

    static func render(_ summary: TierSummary, accounts: Int, out: String) -> String {
        var table = TerminalTable(["segment", "theater", "accounts", "A", "B", "C", "D", "excluded"], rightAligned: [2, 3, 4, 5, 6, 7])
        func row(_ cell: TierSummary.Cell, theater: String) -> [String] {
            [cell.segment, theater, TerminalOutput.count(cell.accounts), TerminalOutput.count(cell.a), TerminalOutput.count(cell.b),
             TerminalOutput.count(cell.c), TerminalOutput.count(cell.d), TerminalOutput.count(cell.excluded)]
        }
        for cell in summary.cells { table.add(row(cell, theater: cell.theater ?? "(unmapped)")) }
        table.add(row(summary.totals, theater: ""))
        var text = "Scored \(TerminalOutput.count(accounts)) accounts into \(out)\n\n" + table.text
        if summary.unmapped.count > 0 {
            text += "\n\n\(TerminalOutput.count(summary.unmapped.count)) accounts have no theater and will not be assigned:"
            for place in summary.unmapped.places.prefix(10) {
                text += "\n  \(place.place): \(TerminalOutput.count(place.count)) (e.g. \(place.examples.map(\.rawValue).joined(separator: ", ")))"
            }
            if summary.unmapped.places.count > 10 { text += "\n  … and \(summary.unmapped.places.count - 10) more places" }
        }
        return text
    }
}
