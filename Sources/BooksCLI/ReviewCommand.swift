import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

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
