import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

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
