import ArgumentParser
import BooksReport
import BooksStore
import DynamicBooks
import Foundation

/// `books simulate`: the operating loop replayed for N weeks under each policy and the static
/// baseline, with the same behaviour in every arm.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay the weekly loop under each --policy (and --baseline static) and compare the outcomes.",
        discussion: """
        Every arm gets the same accounts, reps and seeded behaviour (common random numbers: each \
        account, rep and week draws from a stream keyed by the seed and their ids, not by the arm), \
        so differences come from the books. The behaviour model is in README "Simulate"; --model \
        FILE reads its parameters from a simulation.yaml (--write-model FILE writes the defaults). \
        With --db the reps' diligence is estimated from the workspace's activity and printed. \
        Outcomes are means over --runs seeds with 90% intervals; each arm's difference to the \
        first arm is paired run by run. --out DIR writes summary.json, weekly-ARM.csv per arm and \
        simulation.html. The same inputs and seed give the same bytes whatever the core count.
        """)

    @Option(name: .customLong("data"), help: ArgumentHelp("Directory with accounts.csv, reps.csv and policy.yaml.", valueName: "DIR"))
    var data: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("A workspace to simulate instead (its accounts, books, reps, policy, activity).", valueName: "PATH"))
    var db: String?

    @Option(name: .customLong("policy"), help: ArgumentHelp(
        "A policy to simulate as one dynamic arm (repeat for more; default: the data's own policy).", valueName: "FILE"))
    var policies: [String] = []

    @Option(help: ArgumentHelp("Add the static-territories arm first: static.", valueName: "kind"))
    var baseline: Baseline?

    @Option(help: "Weeks to simulate.") var weeks = 26
    @Option(help: "Runs (seeds) per arm.") var runs = 5
    @Option(help: "Seed of the behaviour.") var seed: UInt64 = 1

    @Option(help: ArgumentHelp("simulation.yaml with the behaviour model's parameters (default: the documented defaults).", valueName: "FILE"))
    var model: String?

    @Option(help: ArgumentHelp(
        "With --db: opportunities.csv (account_id, rep_id, opened_on) to estimate the chance per tier that working an account opens one.",
        valueName: "FILE"))
    var opportunities: String?

    @Option(name: .customLong("write-model"), help: ArgumentHelp("Write the default simulation.yaml to FILE and stop.", valueName: "FILE"))
    var writeModel: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The first simulated day (default: today).", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var asOf: Day?

    @Option(help: ArgumentHelp("Directory to write summary.json, weekly-ARM.csv and simulation.html into.", valueName: "DIR"))
    var out: String?

    @OptionGroup var output: OutputOptions

    enum Baseline: String, ExpressibleByArgument, CaseIterable { case `static` }

    func validate() throws {
        if writeModel != nil { return }
        if data != nil, db != nil { throw ValidationError("give --data DIR or --db PATH, not both") }
        if opportunities != nil, db == nil { throw ValidationError("--opportunities calibrates from a workspace: give --db PATH") }
    }

    func run() throws {
        if let writeModel {
            try AtomicFile.write(Data(StandardBehaviour().yaml.utf8), to: URL(fileURLWithPath: writeModel))
            print("wrote \(writeModel)")
            return
        }
        guard weeks >= 1 else { throw CLIError("--weeks: \(weeks) must be at least 1") }
        guard runs >= 1 else { throw CLIError("--runs: \(runs) must be at least 1") }
        var behaviour = StandardBehaviour()
        if let model {
            let text: String
            do { text = try String(contentsOfFile: model, encoding: .utf8) } catch { throw CLIError("\(model): cannot read the file") }
            behaviour = try StandardBehaviour.parse(text, name: model)
        }
        let (accounts, reps, truth, start) = try inputs(behaviour: &behaviour)
        var scenarios: [Scenario] = baseline == .static ? [.staticBaseline] : []
        if policies.isEmpty {
            scenarios.append(.dynamic("dynamic", policy: truth))
        } else {
            for path in policies {
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                var unique = name, n = 2
                while scenarios.contains(where: { $0.name == unique }) { unique = "\(name)-\(n)"; n += 1 }
                scenarios.append(.dynamic(unique, policy: try PolicyLoader.load(path: path)))
            }
        }
        let simulation = Simulation(accounts: accounts, reps: reps, truth: truth, scenarios: scenarios, behaviour: behaviour,
                                    weeks: weeks, runs: runs, seed: seed, start: start)
        try simulation.validate()
        let progress = output.progress()
        let (totalRuns, totalWeeks) = (runs, weeks)
        let result = try progress.step("Simulating") {
            try simulation.run { arm, run, week in progress.update("\(arm) · run \(run)/\(totalRuns) · week \(week)/\(totalWeeks)") }
        }
        if let out { try Self.write(result, to: URL(fileURLWithPath: out, isDirectory: true)) }
        try output.emit(json: { try TerminalOutput.json(result) },
                                         csv: { Self.table(result) },
                                         table: { Self.text(result, out: out) })
    }

    /// Accounts, reps, the truth policy and the first day, from --data or --db; with --db the
    /// reps' diligence is estimated from the workspace's activity (and printed).
    func inputs(behaviour: inout StandardBehaviour) throws -> ([Account], [Rep], Policy, Day) {
        if let db {
            let workspace = try Workspace.open(at: db, access: .readOnly)
            let (scored, reps, policy, activity, last) = try workspace.read { reader in
                (try reader.accounts(), try reader.reps(), try reader.policy(), try reader.activity(),
                 try reader.runs().map(\.asOf).max())
            }
            let start = asOf ?? last.map { $0 + 1 } ?? .today
            let estimate = DiligenceEstimate(activity: activity, reps: reps, policy: policy, workRate: behaviour.workRate,
                                             through: start - 1)
            behaviour.diligenceByRep = estimate.diligence
            if !output.quiet { TerminalOutput.note(estimate.text) }
            if let opportunities {
                let rates = OpportunityRateEstimate(
                    activity: activity, opportunities: try OpportunitiesFile.read(path: opportunities),
                    tiers: Dictionary(scored.map { ($0.id, $0.tier) }, uniquingKeysWith: { a, _ in a }), policy: policy, through: start - 1)
                behaviour.opportunityByTier = rates.rates
                if !output.quiet { TerminalOutput.note(rates.text) }
            }
            return (scored.map(\.account), reps, policy, start)
        }
        let files = InputFiles(directory: data, accounts: nil, reps: nil, policy: nil, activity: nil, returns: nil)
        let set = try DataSet.load(files, required: [.accounts, .reps])
        let truth = try policies.first.map { try PolicyLoader.load(path: $0) } ?? set.policy
        let start = asOf ?? Self.defaultStart(set.accounts)
        return (set.accounts, set.reps, truth, start)
    }

    /// The first simulated day of a data directory: the day after its latest activity (so a
    /// run reproduces), today when no account records one.
    static func defaultStart(_ accounts: [Account]) -> Day {
        accounts.compactMap(\.lastActivity).max().map { $0 + 1 } ?? .today
    }

    // MARK: - Output

    static func write(_ result: SimulationResult, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try AtomicFile.write(Data((try TerminalOutput.json(result) + "\n").utf8), to: directory.appendingPathComponent("summary.json"))
        for arm in result.arms {
            var text = "week,opportunities,worked,ab_coverage,ab_waiting,pool,utilisation\n"
            for w in arm.weekly {
                text += [String(w.week), PlanNumber.text(w.opportunities), PlanNumber.text(w.worked), PlanNumber.text(w.abCoverage),
                         PlanNumber.text(w.abWaiting), PlanNumber.text(w.pool), PlanNumber.text(w.utilisation)].joined(separator: ",") + "\n"
            }
            try AtomicFile.write(Data(text.utf8), to: directory.appendingPathComponent("weekly-\(fileName(arm.name)).csv"))
        }
        _ = try ReportWriter.write(html: SimulationPage.render(result), to: directory.appendingPathComponent("simulation.html"))
    }

    static func fileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    static func table(_ result: SimulationResult) -> TextTable {
        var columns = [TextTable.Column("outcome")]
        for (i, arm) in result.arms.enumerated() {
            columns += [.init("\(arm.name)", numeric: true), .init("low", numeric: true), .init("high", numeric: true)]
            if i > 0 {
                columns += [.init("\(arm.name) − \(result.arms[0].name)", numeric: true), .init("low", numeric: true),
                            .init("high", numeric: true)]
            }
        }
        let rows = SimulationMeasure.allCases.map { m -> [String] in
            var row = [m.rawValue]
            for (i, arm) in result.arms.enumerated() {
                let e = arm.outcomes[m.rawValue] ?? Estimate([])
                row += [e.mean, e.low, e.high].map(Self.number)
                if i > 0, let d = arm.differenceToFirst[m.rawValue] { row += [d.mean, d.low, d.high].map(Self.number) }
            }
            return row
        }
        return TextTable(columns: columns, rows: rows)
    }

    static func number(_ x: Double) -> String {
        abs(x) >= 100 ? String(format: "%.1f", x) : abs(x) >= 1 ? String(format: "%.2f", x) : String(format: "%.3f", x)
    }

    static func text(_ result: SimulationResult, out: String?) -> String {
        var lines = ["Simulated \(result.weeks) weeks from \(result.start), \(result.runs) runs (seed \(result.seed)): "
                     + "\(TerminalOutput.count(result.accounts)) accounts, \(result.reps) reps.", ""]
        var columns = [TextTable.Column("outcome")]
        for (i, arm) in result.arms.enumerated() {
            columns.append(.init("\(arm.name) [90%]", numeric: true))
            if i > 0 { columns.append(.init("\(arm.name) − \(result.arms[0].name) [90%]", numeric: true)) }
        }
        let rows = SimulationMeasure.allCases.map { m -> [String] in
            var row = [m.rawValue]
            for (i, arm) in result.arms.enumerated() {
                let e = arm.outcomes[m.rawValue] ?? Estimate([])
                row.append("\(number(e.mean)) [\(number(e.low)), \(number(e.high))]")
                if i > 0, let d = arm.differenceToFirst[m.rawValue] {
                    row.append("\(signed(d.mean)) [\(signed(d.low)), \(signed(d.high))]")
                }
            }
            return row
        }
        lines.append(TextTable(columns: columns, rows: rows).text())
        if let line = headline(result) { lines += ["", line] }
        if let out { lines += ["", "wrote summary.json, weekly-*.csv and simulation.html to \(out)"] }
        return lines.joined(separator: "\n")
    }

    static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + number(x) }

    /// One line: the last arm's opportunities against the first arm's, with the interval.
    static func headline(_ result: SimulationResult) -> String? {
        guard result.arms.count > 1, let last = result.arms.last,
              let d = last.differenceToFirst[SimulationMeasure.opportunities.rawValue],
              let base = result.arms[0].outcomes[SimulationMeasure.opportunities.rawValue] else { return nil }
        let percent = base.mean > 0 ? String(format: " (%+.1f%%)", d.mean / base.mean * 100) : ""
        return "\(last.name) vs \(result.arms[0].name): \(signed(d.mean)) opportunities over \(result.weeks) weeks\(percent), "
            + "90% interval [\(signed(d.low)), \(signed(d.high))] over \(result.runs) runs."
    }
}
