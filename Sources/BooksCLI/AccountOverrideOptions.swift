import ArgumentParser
import BooksStore
import DynamicBooks

/// What the single-account overrides share (`books unlock`, `books review clear`,
/// `books disqualify lift`): the workspace, the account, who and why, the day and the output.
struct AccountOverrideOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The account id.") var account: String
    @OptionGroup var author: AuthorOptions
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: OutputOptions

    /// Makes `change` to the account as one manual run and prints what it did.
    func perform(_ change: (RunTransaction, AccountID, OverrideAuthor) throws -> OverrideOutcome) throws {
        let day = asOf.day
        let workspace = try self.workspace.open(.readWrite)
        let result = try workspace.perform(.manual, asOf: day) { tx in
            RunResult(run: tx.run, asOf: day, report: try change(tx, AccountID(account), author.author()))
        }
        try OverrideOutput.emit(result, output: output)
    }
}
