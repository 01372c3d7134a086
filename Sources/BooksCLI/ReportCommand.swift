import ArgumentParser
import BooksReport
import BooksStore
import DynamicBooks
import Foundation

/// `books report`: one self-contained HTML page with charts, from a workspace or a plan folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report with charts: book value against the fairness band, utilisation, tier mix, pool, coverage, changes.",
        discussion: """
        From a workspace (--db, the default when books.sqlite exists): the current books, coverage \
        per rep against coverage.min_rep_coverage, the changes of the last run, the weekly trend of \
        pool size, coverage and returns, and the solver's answer of the last plan. From a plan \
        folder (--plan, what `books plan --out` wrote): the plan's books, pool, changes and solver. \
        The page needs no script and loads nothing from the network; it prints cleanly.
        """)

    @Option(name: .customLong("db"), help: ArgumentHelp("The workspace to report on (default: books.sqlite when it exists).", valueName: "PATH"))
    var db: String?

    @Option(help: ArgumentHelp("A plan folder to report on instead (summary.json, books.csv, pool.csv, changes.csv).", valueName: "DIR"))
    var plan: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Compare two plan folders A B (or one, with --db as side A) as charts instead.", valueName: "plan-dir"))
    var compare: [String] = []

    @Option(help: ArgumentHelp(
        "With --plan: the policy the plan was made with, for its fairness band (default: fairness_band of summary.json, else the policy default).",
        valueName: "FILE"))
    var policy: String?

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "FILE"))
    var out: String = ReportWriter.defaultFileName

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The day to judge coverage, rests and availability on (workspace only; default: the as-of day of the latest run).",
        valueName: "YYYY-MM-DD"), transform: WorkspaceDay.parse)
    var asOf: Day?


    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !compare.isEmpty {
            if plan != nil { throw ValidationError("give --plan or --compare, not both") }
            if compare.count != (db == nil ? 2 : 1) {
                throw ValidationError("--compare takes two plan folders A B, or one with --db PATH as side A")
            }
            return
        }
        if db != nil, plan != nil { throw ValidationError("give --db or --plan, not both") }
        if plan != nil, asOf != nil { throw ValidationError("--as-of applies to a workspace; a plan folder has its own as-of day") }
        if plan == nil, policy != nil { throw ValidationError("--policy applies to a plan folder; a workspace holds its policy") }
    }

    func run() throws {
        let progress = output.progress()
        if !compare.isEmpty {
            let (a, b) = try progress.step("Reading both sides") { try CompareCommand.sides(compare, db: db, dbSide: .a) }
            let comparison = try BooksComparison(a, b)
            let url = URL(fileURLWithPath: out)
            let bytes = try ReportWriter.write(html: ComparisonPage.render(comparison, a: a, b: b), to: url)
            let moves = comparison.moves.count, reps = comparison.reps.count
            try output.emit(
                json: { try OutputJSON.string(["report": url.path, "bytes": String(bytes), "moves": String(moves)]) },
                csv: {
                    TextTable(columns: ["report", "bytes", "moves", "reps"].map { TextTable.Column($0) },
                              rows: [[url.path, "\(bytes)", "\(moves)", "\(reps)"]])
                },
                table: { "wrote \(url.path) (comparison: \(moves) accounts change hands, \(reps) reps differ)" })
            return
        }
        let data: ReportData
        if let plan {
            let band = try policy.map { try PolicyLoader.load(path: $0).assignment.fairnessBand }
            data = try progress.step("Reading plan folder \(plan)") {
                try ReportData(planFolder: URL(fileURLWithPath: plan, isDirectory: true), fairnessBand: band)
            }
        } else {
            let path = db ?? Workspace.defaultPath
            if db == nil, !FileManager.default.fileExists(atPath: path) {
                throw CLIError("no workspace \(path) here: give --db PATH for a workspace or --plan DIR for a plan folder")
            }
            let workspace = try Workspace.open(at: path, access: .readOnly)
            data = try progress.step("Reading workspace \(path)") { try ReportData(workspace: workspace, asOf: asOf) }
        }
        let url = URL(fileURLWithPath: out)
        let bytes = try progress.step("Writing \(out)") { try ReportWriter.write(data: data, to: url) }
        let output = ReportOutput(report: url.path, bytes: bytes, source: data.source.rawValue, asOf: data.asOf,
                                  reps: data.reps.count, accounts: data.totals.accounts)
        try self.output.emit(
            json: { try OutputJSON.string(output) },
            csv: {
                TextTable(columns: ["report", "bytes", "source", "as_of", "reps", "accounts"].map { TextTable.Column($0) },
                          rows: [[output.report, "\(output.bytes)", output.source, output.asOf.description, "\(output.reps)", "\(output.accounts)"]])
            },
            table: { "wrote \(output.report) (\(data.reps.count) reps, \(data.totals.accounts) accounts, as of \(data.asOf))" })
    }

    struct ReportOutput: Encodable {
        var report: String
        var bytes: Int
        var source: String
        var asOf: Day
        var reps: Int
        var accounts: Int
    }
}
