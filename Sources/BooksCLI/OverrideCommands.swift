import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// Who is making a manual change: `--by NAME`, else the login name.
struct AuthorOptions: ParsableArguments {
    @Option(help: "Why (kept in the ledger).") var reason: String
    @Option(help: "Who makes the change (default: $USER).") var by: String?

    func author() -> OverrideAuthor {
        OverrideAuthor(who: by ?? ProcessInfo.processInfo.environment["USER"] ?? "", reason: reason)
    }

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must not be empty") }
    }
}

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

/// `books unlock ACCOUNT`.
struct UnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Lift a lock made with `books assign --lock`; later plans may move the account again.")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The account id.") var account: String
    @OptionGroup var author: AuthorOptions
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = asOf.day
        let workspace = try self.workspace.open(.readWrite)
        let result = try workspace.perform(.manual, asOf: day) { tx in
            RunResult(run: tx.run, asOf: day, report: try tx.unlock(AccountID(account), author: author.author()))
        }
        try OverrideOutput.emit(result, output: output)
    }
}

/// `books review clear ACCOUNT`.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Data review: accounts returned as bad_data wait here until their data is fixed.",
        subcommands: [Clear.self])

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an account out of data review: plans may assign it again.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The account id.") var account: String
        @OptionGroup var author: AuthorOptions
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let day = asOf.day
            let workspace = try self.workspace.open(.readWrite)
            let result = try workspace.perform(.manual, asOf: day) { tx in
                RunResult(run: tx.run, asOf: day, report: try tx.clearReview(AccountID(account), author: author.author()))
            }
            try OverrideOutput.emit(result, output: output)
        }
    }
}

/// `books disqualify lift ACCOUNT`.
struct DisqualifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disqualify", abstract: "Disqualified accounts (returned as a poor fit) are never assigned, until lifted.",
        subcommands: [Lift.self])

    struct Lift: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift an account's disqualification: plans may assign it again.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The account id.") var account: String
        @OptionGroup var author: AuthorOptions
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let day = asOf.day
            let workspace = try self.workspace.open(.readWrite)
            let result = try workspace.perform(.manual, asOf: day) { tx in
                RunResult(run: tx.run, asOf: day, report: try tx.liftDisqualification(AccountID(account), author: author.author()))
            }
            try OverrideOutput.emit(result, output: output)
        }
    }
}
