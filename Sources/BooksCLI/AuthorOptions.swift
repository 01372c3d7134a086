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
