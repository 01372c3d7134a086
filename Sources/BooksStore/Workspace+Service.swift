import GRDB

extension Workspace {
    /// How long each commit waits for the disk while the workspace serves requests.
    public enum Durability: String, Sendable, Hashable, CaseIterable, Codable {
        /// Every commit is synced to disk (`PRAGMA synchronous = FULL`): a decision the caller
        /// was told about survives a power loss. Each decision costs one fsync of the write-ahead log.
        case full
        /// Commits reach the write-ahead log without waiting for the disk (`synchronous = NORMAL`):
        /// a decision the caller was told about survives a crash of the service, but the last ones
        /// before a power loss or an operating-system crash may be lost. The file is never corrupted.
        case normal
    }

    /// Prepares the workspace for a long-running writer: the write-ahead log (one sync per commit
    /// instead of a rollback journal's several, and readers in other processes never wait for
    /// the writer) and the chosen durability.
    ///
    /// The journal mode is stored in the file; ``useRollbackJournal()`` restores the default
    /// when the service stops, so that read-only opens of the file keep working everywhere.
    /// - Parameters:
    ///   - durability: whether each commit waits for the disk.
    ///   - autoCheckpointPages: the log size (in pages) at which a commit copies the log back into
    ///     the file itself (SQLite's default is 1,000). A service that checkpoints in the
    ///     background (``checkpoint()``) sets it high, so no request pays for a checkpoint.
    /// - Throws: ``WorkspaceError`` (read-only, busy).
    public func useWriteAheadLog(durability: Durability, autoCheckpointPages: Int = 1_000) throws {
        guard access == .readWrite else { throw WorkspaceError.readOnly(path: path) }
        try Self.mapErrors(path) {
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode?.lowercased() == "wal" else {
                    throw WorkspaceError.database(path: path, detail: "cannot switch to the write-ahead log (journal mode \(mode ?? "?"))")
                }
                try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(0, autoCheckpointPages))")
            }
        }
    }

    /// Copies what the write-ahead log holds back into the file, as far as readers allow, without
    /// waiting for the writer (`PRAGMA wal_checkpoint(PASSIVE)`): the work a commit would otherwise
    /// do when the log reaches its auto-checkpoint size, done off the request path.
    ///
    /// Works on a connection opened before another one switched the file to the write-ahead log:
    /// SQLite notices the switch only when a connection next reads the file, and until then
    /// `wal_checkpoint` on it silently does nothing (the log then grows until the writer's own
    /// automatic checkpoint copies all of it, in the middle of a request). So the file's header
    /// is read first.
    /// - Returns: the log's size and the pages copied, in pages; -1 for both when the file is not
    ///   in write-ahead-log mode.
    @discardableResult
    public func checkpoint() throws -> (logPages: Int, checkpointedPages: Int) {
        try Self.mapErrors(path) {
            try queue.writeWithoutTransaction { db in
                _ = try Int.fetchOne(db, sql: "PRAGMA schema_version")
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                return (row?[1] ?? 0, row?[2] ?? 0)
            }
        }
    }

    /// Goes back to the rollback journal with full sync (the default of every command), after
    /// checkpointing the write-ahead log into the file.
    /// - Throws: ``WorkspaceError/busy(path:)`` when another process still has the file open in WAL mode.
    public func useRollbackJournal() throws {
        guard access == .readWrite else { return }
        try Self.mapErrors(path) {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
        }
    }

    /// Closes the connection; any later use of this workspace fails with a ``WorkspaceError``.
    public func close() throws {
        try Self.mapErrors(path) { try queue.close() }
    }

    /// The file's journal mode (`wal`, `delete`, …).
    public func journalMode() throws -> String {
        try Self.mapErrors(path) { try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }
}
