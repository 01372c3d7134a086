import ArgumentParser
import BooksStore
import DynamicBooks
import Foundation

/// `--db PATH`: the workspace file of every command that reads or changes the books.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The workspace file (created by `books import`).", valueName: "PATH"))
    var db: String = Workspace.defaultPath

    /// Opens the workspace; only commands that start one pass `create`.
    func open(_ access: Workspace.Access, create: Bool = false) throws -> Workspace {
        try Workspace.open(at: db, access: access, create: create)
    }
}

/// A command's result together with the run that recorded it.
struct RunResult<Report: Encodable>: Encodable {
    var run: RunID
    var asOf: Day
    var report: Report
}

extension Double {
    /// Two decimals, for values in text output.
    var twoDecimals: String { String(format: "%.2f", self) }

    /// Integers without decimals, others with up to two.
    var compact: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(format: "%.2f", self)
    }
}
