import DynamicBooks
import Foundation
import GRDB

/// The workspace: one SQLite file holding accounts, reps, activity, the policy, the books and the
/// append-only ledger of every change (SPEC §5 "State").
///
/// Open it with ``open(at:access:create:clock:)``, read with ``read(_:)``, and change it only
/// through ``perform(_:asOf:_:)``: one run, one transaction, so a command either happens completely
/// or not at all. Books are derived from the ledger (``Ledger/replayBooks()``); the `books` table
/// is that derivation kept up to date by ``Ledger/append(_:)``.
///
/// The file carries `PRAGMA application_id` ``applicationID`` and its schema version in a `meta`
/// table, so a file that is not a workspace, or was written by a newer version, is refused before
/// anything is written.
public final class Workspace: Sendable {
    /// `books.sqlite` in the working directory.
    public static let defaultPath = "books.sqlite"

    /// Whether the workspace may be changed.
    public enum Access: Sendable { case readOnly, readWrite }

    /// The file, as given.
    public let path: String
    public let access: Access
    let queue: DatabaseQueue
    /// Wall-clock time for the runs table (injected so tests are reproducible).
    let clock: @Sendable () -> Date

    private init(path: String, access: Access, queue: DatabaseQueue, clock: @escaping @Sendable () -> Date) {
        self.path = path; self.access = access; self.queue = queue; self.clock = clock
    }

    /// Opens the workspace at `path`.
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - access: `.readOnly` for commands that only read (they work on a read-only file too).
    ///   - create: create the file when it is missing or empty (only `books import` and the
    ///     commands that start a workspace do).
    ///   - clock: wall-clock time recorded on runs.
    /// - Throws: ``WorkspaceError`` — missing, not a workspace, newer schema, read-only, cannot
    ///   open, or ``WorkspaceError/damaged(path:detail:)`` when an existing file opened for
    ///   writing fails SQLite's `PRAGMA quick_check` (nothing is written to a damaged file).
    public static func open(at path: String, access: Access = .readWrite, create: Bool = false,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> Workspace {
        try open(at: path, access: access, create: create, clock: clock, checkIntegrity: true)
    }

    /// Opens a second connection for writing to a workspace this process has opened (and
    /// checked) already, without ``checkIntegrity()``: the service's checkpointing connection,
    /// whose check would race with the switch to the write-ahead log.
    package static func open(checkedAlready path: String) throws -> Workspace {
        try open(at: path, access: .readWrite, create: false, clock: { Date() }, checkIntegrity: false)
    }

    private static func open(at path: String, access: Access, create: Bool,
                             clock: @escaping @Sendable () -> Date, checkIntegrity: Bool) throws -> Workspace {
        let files = FileManager.default
        let existing = ((try? files.attributesOfItem(atPath: path))?[.size] as? Int ?? 0) > 0
        if !files.fileExists(atPath: path) {
            guard create, access == .readWrite else { throw WorkspaceError.missing(path: path) }
            let directory = (path as NSString).deletingLastPathComponent
            let parent = directory.isEmpty ? "." : directory
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw WorkspaceError.cannotOpen(path: path, detail: "directory \(parent) does not exist")
            }
        } else if access == .readWrite, !isWritable(path) {
            throw WorkspaceError.readOnly(path: path)
        }
        var configuration = Configuration()
        configuration.readonly = access == .readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "workspace"
        let queue = try mapErrors(path) { try DatabaseQueue(path: path, configuration: configuration) }
        let workspace = Workspace(path: path, access: access, queue: queue, clock: clock)
        if access == .readWrite && existing && checkIntegrity { try workspace.checkIntegrity() }
        try mapErrors(path) { try workspace.prepare(create: create) }
        return workspace
    }

    /// Runs `PRAGMA quick_check`: every page and index entry is well formed (it does not compare
    /// indexes with their tables, which `integrity_check` does at three times the cost): about
    /// 0.07 s of CPU for a workspace of 100,000 accounts (README, "Reliability").
    /// - Throws: ``WorkspaceError/damaged(path:detail:)`` naming SQLite's first finding.
    public func checkIntegrity() throws {
        let findings: [String]
        do {
            findings = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(3)") }
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw WorkspaceError.damaged(path: path, detail: error.message ?? "database disk image is malformed")
        } catch let error as DatabaseError {
            findings = try Self.mapErrors(path) { () throws -> [String] in throw error }
        }
        guard findings == ["ok"] else {
            throw WorkspaceError.damaged(path: path, detail: findings.joined(separator: "; ").replacingOccurrences(of: "\n", with: " "))
        }
    }

    /// Reads a consistent snapshot.
    public func read<T>(_ body: (WorkspaceReader) throws -> T) throws -> T {
        try Self.mapErrors(path) {
            try queue.read { db in try body(WorkspaceReader(db: db, path: path)) }
        }
    }

    /// Runs one mutating command: records a run of `kind` as of `asOf`, calls `body` inside a
    /// single transaction, and stores `body`'s result as the run's JSON summary.
    ///
    /// If `body` throws, nothing of it is kept — not the run, not a ledger row.
    @discardableResult
    public func perform<T: Encodable>(_ kind: RunKind, asOf: Day, _ body: (RunTransaction) throws -> T) throws -> T {
        guard access == .readWrite else { throw WorkspaceError.readOnly(path: path) }
        let started = Self.timestamp(clock())
        return try Self.mapErrors(path) {
            try queue.write { db in
                try Self.checkCalendar(db, asOf: asOf)
                try db.execute(sql: "INSERT INTO runs (kind, as_of, started) VALUES (?, ?, ?)",
                               arguments: [kind.rawValue, asOf, started])
                let run = RunID(rawValue: db.lastInsertedRowID)
                let result = try body(RunTransaction(db: db, path: path, run: run, asOf: asOf))
                let summary = String(decoding: try Self.summaryEncoder.encode(result), as: UTF8.self)
                try db.execute(sql: "UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                               arguments: [Self.timestamp(clock()), summary, run.rawValue])
                return result
            }
        }
    }

    /// Refuses `asOf` when it is before the workspace's latest run, as ``perform(_:asOf:_:)``
    /// would: for a command that finds nothing to change and so records no run.
    /// - Throws: ``WorkspaceError/backDated(asOf:latest:run:)``.
    public func checkCalendar(asOf: Day) throws {
        try Self.mapErrors(path) { try queue.read { db in try Self.checkCalendar(db, asOf: asOf) } }
    }

    /// The calendar only moves forward: a run dated before the workspace's latest run is refused
    /// (SPEC §9), whichever command or service makes it.
    /// - Throws: ``WorkspaceError/backDated(asOf:latest:run:)``.
    static func checkCalendar(_ db: Database, asOf: Day) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, as_of FROM runs ORDER BY as_of DESC, id DESC LIMIT 1")) else {
            return
        }
        let latest: Day = try row.decode(atIndex: 1)
        if asOf < latest {
            throw WorkspaceError.backDated(asOf: asOf, latest: latest, run: RunID(rawValue: try row.decode(atIndex: 0)))
        }
    }

    static var summaryEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// `2026-11-29T15:12:36Z`: ISO 8601 in UTC, whole seconds. Written by hand because creating a
    /// date formatter costs more than a routing decision.
    static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, time) = (seconds.quotientAndRemainder(dividingBy: 86_400))
        let (day, second) = time < 0 ? (days - 1, time + 86_400) : (days, time)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(daysSinceEpoch: day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// Whether `path` and its directory may be written. The mode bits are honoured even for the
    /// superuser, so `chmod a-w books.sqlite` protects a workspace for everyone.
    static func isWritable(_ path: String) -> Bool {
        let files = FileManager.default
        guard files.isWritableFile(atPath: path) else { return false }
        if let mode = (try? files.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o222 == 0 {
            return false
        }
        let directory = (path as NSString).deletingLastPathComponent
        return files.isWritableFile(atPath: directory.isEmpty ? "." : directory)
    }

    /// Turns SQLite's errors into ``WorkspaceError``s that say what to do; other errors pass through.
    static func mapErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_READONLY: throw WorkspaceError.readOnly(path: path)
            case .SQLITE_NOTADB: throw WorkspaceError.notAWorkspace(path: path, detail: "not a SQLite database")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                throw WorkspaceError.cannotOpen(path: path, detail: error.message ?? "\(error.resultCode)")
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw WorkspaceError.busy(path: path)
            case .SQLITE_FULL: throw WorkspaceError.diskFull(path: path)
            case .SQLITE_CORRUPT: throw WorkspaceError.corrupt(path: path, detail: error.message ?? "database disk image is malformed")
            default: throw WorkspaceError.database(path: path, detail: error.message ?? "\(error.resultCode)")
            }
        }
    }
}

/// The id of a run: one execution of a mutating command.
public struct RunID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// What a run did.
public enum RunKind: String, Sendable, Hashable, Codable, CaseIterable {
    case `import`, plan, topoff, `return`, retrieve, cycle, route, manual
    /// A rep joined, left, went on leave or came back.
    case rep
}
