import ArgumentParser
import AssignmentEngine
import BooksStore
import DynamicBooks
import Foundation

/// `books rep add|leave|remove`: people join, go on leave, leave.
struct RepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rep",
        abstract: "Reps join, go on leave and leave: each one run, the book handed to others in the same run.",
        subcommands: [Add.self, Leave.self, Remove.self])

    /// `books rep add R --segment S …`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a rep (or bring back one on leave or departed); the next top-off fills its book.",
            discussion: """
            The rep starts on --start-date (default: the as-of day). With \
            assignment.topoff.ramp_weeks its capacity ramps up over its first weeks; with \
            assignment.topoff.fill_new_reps the next cycle may move up to \
            assignment.continuity.max_moves_per_rep accounts from other books of its group into \
            its book, so it starts fair.
            """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The rep's id.") var rep: String
        @Option(help: "Name.") var name: String?
        @Option(help: "The segment it sells to (a segment of the policy). Required for a new rep.") var segment: String?
        @Option(help: "`;`-separated theaters it covers (default: all).") var theaters: String?
        @Option(help: "Capacity in workload units (default: the policy's model).") var capacity: Double?
        @Option(help: "Share of capacity while ramping, 0–1.") var ramp: Double?
        @Option(help: "`;`-separated industries it specialises in.") var specialties: String?
        @Option(name: .customLong("routing-weight"), help: "Share of inbound relative to peers.") var routingWeight: Double?
        @Option(name: .customLong("start-date"), help: ArgumentHelp("Its first day (default: the as-of day).", valueName: "YYYY-MM-DD"))
        var startDate: Day?
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let capacity, !(capacity >= 0 && capacity.isFinite) { throw ValidationError("--capacity must be a number ≥ 0, got \(capacity)") }
            if let ramp, !(0 ... 1).contains(ramp) { throw ValidationError("--ramp must be between 0 and 1, got \(ramp)") }
            if let routingWeight, !(routingWeight >= 0 && routingWeight.isFinite) {
                throw ValidationError("--routing-weight must be a number ≥ 0, got \(routingWeight)")
            }
            if rep.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the rep id must not be empty") }
        }

        func run() throws {
            let day = asOf.day
            let workspace = try self.workspace.open(.readWrite)
            let existing = try workspace.read { try $0.rep(RepID(rep)) }
            guard var fields = existing ?? segment.map({ Rep(id: RepID(rep), segment: $0) }) else {
                throw CLIError("rep \(rep) is new: give --segment (one of the policy's segments)")
            }
            if let name { fields.name = name }
            if let segment { fields.segment = segment }
            if let theaters { fields.theaters = RepCommand.list(theaters) }
            if let capacity { fields.capacity = capacity }
            if let ramp { fields.ramp = ramp }
            if let specialties { fields.specialties = RepCommand.list(specialties) }
            if let routingWeight { fields.routingWeight = routingWeight }
            if existing?.status == .leave { fields.unavailableUntil = nil }
            fields.startDate = startDate ?? day
            let result = try workspace.perform(.rep, asOf: day) { tx in RunResult(run: tx.run, asOf: day, report: try tx.addRep(fields)) }
            try RepCommand.emit(result, output: output)
        }
    }

    /// `books rep leave R [--until D]`.
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a rep on leave from the as-of day; its book goes to others in the same run.",
            discussion: """
            Locked accounts, customers and their families are placed first, then the rest, by a \
            top-off over the other reps (ledger reason reassigned); accounts nobody can take go to \
            the pool with the reason. On --until the rep is available again and counts as new \
            (assignment.topoff.new_rep_days); without it the leave lasts until `books rep add`.
            """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The rep's id.") var rep: String
        @Option(help: ArgumentHelp("The day the leave ends (the rep's first day back).", valueName: "YYYY-MM-DD")) var until: Day?
        @OptionGroup var asOf: AsOfOption
        @Option(help: SolverChoice.help(absent: "default: assignment.solver of the policy")) var solver: SolverChoice?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let day = asOf.day
            let workspace = try self.workspace.open(.readWrite)
            let result = try workspace.perform(.rep, asOf: day) { tx in
                RunResult(run: tx.run, asOf: day, report: try tx.leave(RepID(rep), until: until, solver: solver))
            }
            try RepCommand.emit(result, output: output)
        }
    }

    /// `books rep remove R`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a rep left on the as-of day; its book goes to others in the same run.",
            discussion: """
            The same hand-over as `books rep leave`, for good: the rep takes nothing from then on. \
            A reps.csv that no longer lists a rep who owns accounts does the same at `books import`.
            """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The rep's id.") var rep: String
        @OptionGroup var asOf: AsOfOption
        @Option(help: SolverChoice.help(absent: "default: assignment.solver of the policy")) var solver: SolverChoice?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let day = asOf.day
            let workspace = try self.workspace.open(.readWrite)
            let result = try workspace.perform(.rep, asOf: day) { tx in
                RunResult(run: tx.run, asOf: day, report: try tx.removeRep(RepID(rep), solver: solver))
            }
            try RepCommand.emit(result, output: output)
        }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func emit(_ result: RunResult<RepChange>, output: OutputOptions) throws {
        let change = result.report
        try output.emit(
            json: { try OutputJSON.string(result) },
            csv: {
                TextTable(columns: ["rep_id", "to", "accounts"].map { TextTable.Column($0) },
                          rows: change.redistribution.reassigned.map { [change.rep.id.rawValue, $0.rep.rawValue, "\($0.accounts)"] }
                            + change.redistribution.pooled.sorted { $0.key < $1.key }.map { [change.rep.id.rawValue, "pool: \($0.key)", "\($0.value)"] })
            },
            table: {
                let rep = change.rep
                var head: String
                switch change.action {
                case "add":
                    head = "Rep \(rep.id) (\(rep.segment)\(rep.theaters.isEmpty ? "" : " " + rep.theaters.joined(separator: ";"))) active from \(rep.startDate.map(String.init(describing:)) ?? "\(result.asOf)")"
                case "leave":
                    head = "Rep \(rep.id) on leave from \(result.asOf)" + (rep.unavailableUntil.map { " until \($0)" } ?? " (until `books rep add \(rep.id)`)")
                default:
                    head = "Rep \(rep.id) departed on \(result.asOf)"
                }
                head += " (run \(result.run))"
                return change.redistribution.accounts > 0 ? head + "\n" + text(change.redistribution) : head
            })
    }

    /// `Handed over 6 accounts of R1: 5 reassigned (R2 2, R3 3), 1 to the pool (no_capacity 1); placed first: 2 (…)`.
    static func text(_ r: Redistribution) -> String {
        func counts(_ c: [String: Int]) -> String { c.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }
        let reassigned = r.reassignedCount, pooled = r.pooledCount
        let perRep = r.reassigned.map { "\($0.rep) \($0.accounts)" }.joined(separator: ", ")
        return "Handed over \(r.accounts) accounts of \(r.reps.map(\.rawValue).joined(separator: ", ")): "
            + "\(reassigned) reassigned" + (r.reassigned.isEmpty ? "" : " (\(perRep))")
            + ", \(pooled) to the pool" + (r.pooled.isEmpty ? "" : " (\(counts(r.pooled)))")
            + "; placed first: \(r.placedFirst) (locked accounts, customers and their families)"
    }
}
