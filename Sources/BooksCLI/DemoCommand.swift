import ArgumentParser
import BooksReport
import BooksStore
import DynamicBooks
import Foundation

/// `books demo`: the whole dynamic-books loop on the bundled sample, in a fresh workspace.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole loop on the sample: plan, then simulated weekly cycles; write the report.",
        discussion: """
        The sample is generated in memory with the seed of data/sample, so the demo works from any \
        directory. A fresh workspace DIR/books.sqlite gets the sample, a quarterly rebalance, then \
        WEEKS simulated weeks in which reps work part of their books, log activity, ask to return \
        accounts (some against the guardrails) and inbound accounts arrive; each week ends with \
        `books cycle`. People change too: in week 3 the rep with the largest book leaves (`books rep \
        remove`: its book is handed to the others the same day) and in week 5 a new rep joins its \
        group (`books rep add`; assignment.topoff.fill_new_reps fills its book at that week's \
        cycle). The report is written to DIR/report.html.
        """)

    @Option(help: "Directory for the workspace and the report.") var dir = "books-demo"
    @Option(help: "Simulated weeks after the rebalance.") var weeks = 8
    @Option(help: "Seed of the behaviour model.") var seed: UInt64 = 7
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1 ... 52).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 52, got \(weeks)") }
    }

    func run() throws {
        let started = ContinuousClock.now
        let directory = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("books.sqlite").path
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }

        var sampleRNG = SeededGenerator(seed: Generator.sampleSeed)
        let generator = Generator(.sample)
        let sample = generator.generate(using: &sampleRNG)
        var policy = sample.policy
        policy.assignment.fillNewReps = true
        let scorer = Scorer(policy: policy)
        let day0 = generator.configuration.asOf
        let workspace = try Workspace.open(at: path, create: true)
        let imported = try workspace.importData(
            ImportData(accounts: scorer.score(sample.accounts), reps: sample.reps, activity: sample.activity, policy: policy),
            asOf: day0)
        say("Workspace \(path): \(imported.accountsAdded) accounts, \(imported.repsAdded) reps, \(imported.activityAdded) activities (sample of data/sample, as of \(day0)).")

        let rebalance = try workspace.perform(.plan, asOf: day0) { tx -> PlanSummary in
            let input = try tx.reader.planningInput(on: day0)
            let plan = try Planner().plan(accounts: input.accounts, reps: input.reps, policy: input.policy,
                                          activity: input.activity, state: input.state, asOf: day0, mode: .rebalance)
            try tx.apply(plan, kind: .assigned)
            return plan.summary
        }
        say("Rebalance: \(rebalance.assigned) accounts in books, \(rebalance.pooled) in the pool, \(rebalance.moves) moves; "
              + "solver \(rebalance.solve.solver), \(rebalance.solve.status.rawValue)"
              + (rebalance.solve.gap.map { String(format: ", gap %.3f%%", $0 * 100) } ?? "") + ".\n")

        var behaviourRNG = SeededGenerator(seed: seed)
        let simulation = WeekSimulation(reps: sample.reps, using: &behaviourRNG)
        var cycles: [CycleSummary] = []
        var rows: [[String]] = []
        var weekRows: [DemoWeek] = []
        for week in 1 ... weeks {
            let start = day0 + 7 * (week - 1) + 1
            let day = day0 + 7 * week
            let people = try peopleChange(week: week, day: start, workspace: workspace)
            let books = try workspace.read { try $0.books() }.map { (account: $0.account, rep: $0.rep) }
            let happened = simulation.week(week, start: start, books: books, policy: policy,
                                           generator: generator, using: &behaviourRNG)
            _ = try workspace.importData(
                ImportData(accounts: scorer.score(happened.inbound), reps: [], activity: happened.activity, policy: policy),
                asOf: day)
            _ = try workspace.perform(.return, asOf: day) { tx in
                try tx.queueReturns(happened.returns.map { ReturnSubmission($0, origin: "week \(week)") })
            }
            let cycle = try workspace.cycle(asOf: day)
            cycles.append(cycle)
            let pool = cycle.topoff.poolByReason.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            var peopleText = people?.text ?? ""
            if let hire = people?.joined {
                let count = try workspace.read { try $0.books().filter { $0.rep == hire }.count }
                peopleText += ": \(count) accounts after the cycle"
            }
            let spread: Double? = CycleCommand.fairnessSpread(cycle.topoff)
            let row = DemoWeek(week: week, asOf: day, inBooks: cycle.topoff.assigned, pool: cycle.topoff.pooled,
                               inbound: happened.inbound.count, returnsAccepted: cycle.returnsAccepted,
                               returnsRejected: cycle.returnsRejected, retrieved: cycle.retrieved, toppedOff: cycle.toppedOff,
                               filledNewReps: cycle.filledNewReps, coverage: cycle.coverage, fairnessSpread: spread,
                               people: peopleText)
            weekRows.append(row)
            rows.append([
                "\(week)", day.description, "\(cycle.topoff.assigned)", "\(cycle.topoff.pooled)", pool,
                "\(happened.inbound.count)", "\(cycle.returnsAccepted)/\(cycle.returnsRejected)", "\(cycle.retrieved)",
                "\(cycle.toppedOff)", cycle.coverage.map { String(format: "%.0f%%", $0 * 100) } ?? "—",
                CycleCommand.fairnessSpread(cycle.topoff).map { String(format: "%.2f", $0) } ?? "—", peopleText,
            ])
        }
        let table = TextTable(
            columns: [TextTable.Column("week", numeric: true), TextTable.Column("as of"), TextTable.Column("in books", numeric: true),
                      TextTable.Column("pool", numeric: true), TextTable.Column("pool, top reasons"), TextTable.Column("inbound", numeric: true),
                      TextTable.Column("returns ok/rejected"), TextTable.Column("retrieved", numeric: true),
                      TextTable.Column("topped off", numeric: true), TextTable.Column("coverage", numeric: true),
                      TextTable.Column("fairness spread", numeric: true), TextTable.Column("people")],
            rows: rows)
        say(table.text())

        let lastDay = day0 + 7 * weeks
        let report = directory.appendingPathComponent("report.html")
        _ = try ReportWriter.write(data: try ReportData(workspace: workspace, asOf: lastDay), to: report)
        let simulated = try Self.simulationLine(sample: sample)
        say("\n" + simulated)
        let elapsed = ContinuousClock.now - started
        say("\nReport: \(report.path)")
        say("Workspace: \(path) — try `books explain <account> --db \(path)` or `books export --db \(path)`.")
        say(String(format: "Done in %.1f s.", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        if output.resolved != .table {
            try output.emit(json: { try OutputJSON.string(DemoOutput(workspace: path, report: report.path, weeks: weekRows, simulation: simulated)) },
                            csv: { DemoWeek.table(weekRows) }, table: { "" })
        }
    }

    /// Prints a line of the table output (nothing with --quiet or another format).
    func say(_ text: String) {
        if !output.quiet && output.resolved == .table { print(text) }
    }

    /// The people change of a week: in week 3 the rep with the largest book leaves, in week 5 a
    /// new rep joins the group it left.
    func peopleChange(week: Int, day: Day, workspace: Workspace) throws -> (text: String, joined: RepID?)? {
        switch week {
        case 3:
            let books = try workspace.read { try $0.books() }
            var counts: [RepID: Int] = [:]
            for entry in books { counts[entry.rep, default: 0] += 1 }
            guard let leaver = counts.min(by: { ($1.value, $0.key) < ($0.value, $1.key) })?.key else { return nil }
            let change = try workspace.perform(.rep, asOf: day) { tx in try tx.removeRep(leaver) }
            let r = change.redistribution
            return ("\(leaver) left: \(r.reassignedCount) reassigned, \(r.pooledCount) to the pool", nil)
        case 5:
            let reps = try workspace.read { try $0.reps() }
            guard let model = reps.first(where: { $0.status == .departed }) ?? reps.first else { return nil }
            let hire = Rep(id: RepID("NEW-\(model.segment)-1"), name: "New Hire", segment: model.segment, theaters: model.theaters,
                           capacity: model.capacity, specialties: model.specialties, startDate: day)
            _ = try workspace.perform(.rep, asOf: day) { tx in try tx.addRep(hire) }
            return ("\(hire.id) joined \(model.segment)", hire.id)
        default:
            return nil
        }
    }
}
