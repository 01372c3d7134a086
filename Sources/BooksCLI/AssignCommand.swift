import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `books assign ACCOUNT --rep R --reason TEXT [--lock] [--until D]`.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign an account (and its family) to a rep by hand; --lock keeps it there in every later plan.",
        discussion: """
        One run, recorded as manual ledger rows with the reason and who made it. Without --lock a \
        later rebalance may move the account again (a top-off keeps every book); with --lock every \
        plan, retrieval and hand-over keeps it with the rep until --until or `books unlock`.
        """)
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The account id.") var account: String
    @Option(help: "The rep to give it to.") var rep: String
    @OptionGroup var author: AuthorOptions
    @Flag(help: "Lock it to the rep: every later plan keeps it there.") var lock = false
    @Option(help: ArgumentHelp("With --lock: the first day the lock no longer holds.", valueName: "YYYY-MM-DD")) var until: Day?
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if until != nil && !lock { throw ValidationError("--until goes with --lock: it says when the lock ends") }
    }

    func run() throws {
        let day = asOf.day
        let workspace = try self.workspace.open(.readWrite)
        let result = try workspace.perform(.manual, asOf: day) { tx in
            RunResult(run: tx.run, asOf: day, report: try tx.assign(AccountID(account), to: RepID(rep), lock: lock, until: until,
                                                                   author: author.author()))
        }
        try OverrideOutput.emit(result, output: output)
    }
}
