import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

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
