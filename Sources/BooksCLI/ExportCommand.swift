import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `books export`: the current books and the changes for the CRM.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the current books (books.csv) and the ownership changes (changes.csv) for the CRM.",
        discussion: """
        changes.csv lists every ownership change of the ledger in order — account_id, from_rep, \
        to_rep, reason, then kind, day, run_id, seq — or only those since a day (--since), of the \
        runs after one (--since-run, e.g. the last run you exported) or of one run (--run).
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Directory to write books.csv and changes.csv into (created when missing).", valueName: "DIR"))
    var out: String = "."

    @Option(help: ArgumentHelp("Only changes taking effect on or after this day.", valueName: "YYYY-MM-DD"),
            transform: WorkspaceDay.parse)
    var since: Day?

    @Option(name: .customLong("since-run"), help: ArgumentHelp("Only changes of runs after this one.", valueName: "RUN"))
    var sinceRun: Int64?

    @Option(name: .customLong("run"), help: ArgumentHelp("Only changes of this run.", valueName: "RUN"))
    var onlyRun: Int64?

    @Flag(name: .customLong("since-last"), help: "Only changes since the last --since-last export (a bookmark kept in the workspace), then move the bookmark.")
    var sinceLast = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if [since != nil, sinceRun != nil, onlyRun != nil, sinceLast].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --since, --since-run, --run and --since-last")
        }
    }

    var selection: ChangeSelection {
        if let since { return .since(since) }
        if let sinceRun { return .afterRun(RunID(rawValue: sinceRun)) }
        if let onlyRun { return .run(RunID(rawValue: onlyRun)) }
        return .all
    }

    func run() throws {
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let booksURL = directory.appendingPathComponent("books.csv")
        let changesURL = directory.appendingPathComponent("changes.csv")
        func write(_ books: CSVDocument, _ changes: CSVDocument) throws {
            try AtomicFile.makeDirectory(directory)
            try AtomicFile.write(books.text, to: booksURL)
            try AtomicFile.write(changes.text, to: changesURL)
        }
        let output: ExportOutput
        if sinceLast {
            var counts = (accounts: 0, changes: 0)
            let bookmark = try self.workspace.open(.readWrite).exportSinceLast { books, changes in
                try write(books, changes)
                counts = (books.rows, changes.rows)
            }
            output = ExportOutput(books: booksURL.path, accounts: counts.accounts, changesFile: changesURL.path,
                                  changes: counts.changes, afterRun: bookmark.afterRun, throughRun: bookmark.throughRun)
        } else {
            let workspace = try self.workspace.open(.readOnly)
            let (books, changes) = try workspace.read { r in (try r.booksCSV(), try r.changesCSV(selection)) }
            try write(books, changes)
            output = ExportOutput(books: booksURL.path, accounts: books.rows, changesFile: changesURL.path, changes: changes.rows)
        }
        try self.output.emit(
            json: { try OutputJSON.string(output) },
            csv: {
                TextTable(columns: [TextTable.Column("file"), TextTable.Column("rows", numeric: true)],
                          rows: [[output.books, "\(output.accounts)"], [output.changesFile, "\(output.changes)"]])
            },
            table: {
                "wrote \(output.books) (\(output.accounts) accounts) and \(output.changesFile) (\(output.changes) changes)"
                    + (output.throughRun.map { through in
                        " — runs " + (output.afterRun.map { "after \($0)" } ?? "from the first") + " through \(through); bookmark moved to run \(through)"
                    } ?? "")
            })
    }

    struct ExportOutput: Encodable {
        var books: String
        var accounts: Int
        var changesFile: String
        var changes: Int
        /// With --since-last: the bookmark before and after.
        var afterRun: RunID?
        var throughRun: RunID?
    }
}

