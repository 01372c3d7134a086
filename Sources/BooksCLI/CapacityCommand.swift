import ArgumentParser
import DynamicBooks
import Foundation

/// `books capacity`: the bottom-up capacity analysis.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Each rep's capacity, and per segment × theater the team's capacity against the accounts.",
        discussion: """
        A rep's capacity is the capacity column of reps.csv, else the policy's model for its
        segment, times its ramp. Per segment × theater: the team's capacity (reps covering several
        theaters count in each with an equal share), the assignable accounts per tier, the tier A/B
        accounts the capacity does not reach, and the reps it would take to cover them.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var date: AsOfOption

    @OptionGroup var output: OutputOptions

    @Flag(name: .customLong("all-reps"), help: "List every rep (by default only when there are at most 60).")
    var allReps = false

    func run() throws {
        let progress = output.progress()
        // An owner reps.csv no longer lists has left; reps not on the team on the day count no capacity.
        let data = try progress.step("Loading") { try DataSet.load(input.files, required: [.accounts, .reps], departures: true) }
        let reps = data.reps.filter { $0.isEmployed(on: date.day) }.map { $0.ramped(on: date.day, policy: data.policy.assignment) }
        let analysis = progress.step("Scoring \(TerminalOutput.count(data.accounts.count)) accounts") {
            let scored = Scorer(policy: data.policy, attributeColumns: data.accountAttributeColumns).score(data.accounts)
            return CapacityAnalysis(accounts: scored, reps: reps, policy: data.policy, asOf: date.day)
        }
        try output.emit(json: { try TerminalOutput.json(analysis) }, csv: { Self.table(analysis) },
                                         table: { render(analysis) })
    }

    /// Per segment × theater, for `--format csv`.
    static func table(_ analysis: CapacityAnalysis) -> TextTable {
        let columns = ["segment", "theater", "reps", "capacity", "a", "b", "c", "d", "ab_units", "uncovered_ab",
                       "uncovered_ab_units", "reps_needed"].map { TextTable.Column($0, numeric: true) }
        return TextTable(columns: columns, rows: analysis.cells.map { cell in
            [cell.segment, cell.theater, CSVBuffer.number(cell.reps), CSVBuffer.number(cell.capacity),
             "\(cell.accounts[0])", "\(cell.accounts[1])", "\(cell.accounts[2])", "\(cell.accounts[3])",
             CSVBuffer.number(cell.units[0] + cell.units[1]), "\(cell.uncoveredAB)", CSVBuffer.number(cell.uncoveredABUnits),
             cell.repsNeeded.map { "\($0)" } ?? ""]
        })
    }

    func render(_ analysis: CapacityAnalysis) -> String {
        let u = TerminalOutput.units, n = TerminalOutput.count
        var text = ""
        if allReps || analysis.reps.count <= 60 {
            var table = TerminalTable(["rep", "name", "segment", "theaters", "base", "from", "ramp", "capacity", "unavailable until"],
                                      rightAligned: [4, 6, 7])
            for rep in analysis.reps {
                table.add([rep.id.rawValue, rep.name, rep.segment, rep.theaters.isEmpty ? "all" : rep.theaters.joined(separator: ";"),
                           u(rep.baseCapacity), rep.source, CSVBuffer.number(rep.ramp), u(rep.capacity),
                           rep.unavailableUntil?.description ?? ""])
            }
            text += "Reps (capacity in workload units)\n\n" + table.text
        } else {
            var table = TerminalTable(["segment", "reps", "capacity", "ramping", "unavailable"], rightAligned: [1, 2, 3, 4])
            var segments: [String] = []
            for rep in analysis.reps where !segments.contains(rep.segment) { segments.append(rep.segment) }
            for segment in segments {
                let reps = analysis.reps.filter { $0.segment == segment }
                table.add([segment, n(reps.count), u(reps.reduce(0) { $0 + $1.capacity }),
                           n(reps.filter { $0.ramp < 1 }.count), n(reps.filter { $0.unavailableUntil != nil }.count)])
            }
            text += "Reps by segment (--all-reps lists each of the \(n(analysis.reps.count)))\n\n" + table.text
        }
        var cells = TerminalTable(["segment", "theater", "reps", "capacity", "A", "B", "C", "D", "A+B units",
                                   "uncovered A/B", "units", "reps needed"],
                                  rightAligned: Set(2 ... 11))
        for cell in analysis.cells {
            cells.add([cell.segment, cell.theater, u(cell.reps), u(cell.capacity),
                       n(cell.accounts[0]), n(cell.accounts[1]), n(cell.accounts[2]), n(cell.accounts[3]),
                       u(cell.units[0] + cell.units[1]), n(cell.uncoveredAB), u(cell.uncoveredABUnits),
                       cell.repsNeeded.map(n) ?? "?"])
        }
        text += "\n\nSegment × theater (assignable accounts per tier; units are workload units)\n\n" + cells.text
        var notes: [String] = []
        if analysis.excluded > 0 { notes.append("\(n(analysis.excluded)) accounts excluded by the policy") }
        if analysis.unmapped > 0 { notes.append("\(n(analysis.unmapped)) other accounts with no theater") }
        if !notes.isEmpty { text += "\n\nNot counted: " + notes.joined(separator: "; ") + "." }
        return text
    }
}
