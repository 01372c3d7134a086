import DynamicBooks
import GRDB

extension Workspace {
    /// Exports the changes since the last `--since-last` export and moves the bookmark to the
    /// latest run, in one transaction: `meta.export_bookmark` holds the last run exported.
    /// - Parameter write: writes the files; the bookmark moves only when it returns.
    /// - Returns: the books and changes documents, and the runs they cover.
    public func exportSinceLast(_ write: (CSVDocument, CSVDocument) throws -> Void) throws -> ExportBookmark {
        guard access == .readWrite else { throw WorkspaceError.readOnly(path: path) }
        return try Self.mapErrors(path) {
            try queue.write { db in
                let reader = WorkspaceReader(db: db, path: path)
                let previous = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'export_bookmark'").flatMap { Int64($0) }
                let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") ?? 0
                let changes = try reader.changesCSV(previous.map { .afterRun(RunID(rawValue: $0)) } ?? .all)
                try write(try reader.booksCSV(), changes)
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('export_bookmark', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               arguments: [String(latest)])
                return ExportBookmark(afterRun: previous.map { RunID(rawValue: $0) }, throughRun: RunID(rawValue: latest),
                                      changes: changes.rows)
            }
        }
    }
}

/// The runs a `--since-last` export covered.
public struct ExportBookmark: Sendable, Hashable, Codable {
    /// The bookmark before: changes of runs after this one were exported (nil = every run).
    public var afterRun: RunID?
    /// The bookmark now: the latest run when the export was made.
    public var throughRun: RunID
    public var changes: Int
}
