import DynamicBooks

/// Why a workspace could not be opened or changed. Every case says what to do about it.
public enum WorkspaceError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No workspace file at the path (and the command does not create one).
    case missing(path: String)
    /// The file exists but is not a DynamicBooks workspace.
    case notAWorkspace(path: String, detail: String)
    /// The file was written by a newer version of `books`.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file uses an older schema and was opened read-only, so it cannot be upgraded.
    case needsUpgrade(path: String, found: Int, supported: Int)
    /// The file (or its directory) cannot be written.
    case readOnly(path: String)
    /// The file could not be opened or created.
    case cannotOpen(path: String, detail: String)
    /// Another process holds the workspace locked.
    case busy(path: String)
    /// The disk (or the database's size limit) is full; the run was rolled back.
    case diskFull(path: String)
    /// Anything else SQLite reported.
    case database(path: String, detail: String)
    /// A stored value does not parse: the file was edited by hand or is damaged.
    case corrupt(path: String, detail: String)
    /// SQLite's `PRAGMA quick_check` found damaged pages; nothing was written.
    case damaged(path: String, detail: String)
    /// Other runs kept committing while a command solved; nothing was written.
    case changedWhileSolving(path: String, attempts: Int)
    /// The workspace has no policy yet.
    case notImported(path: String)
    case unknownAccount(AccountID)
    case unknownRep(RepID)
    case unknownRun(Int64)
    /// A change expects a different owner than the books have: it was computed on stale books.
    case staleChange(account: AccountID, expected: RepID?, actual: RepID?)
    /// Imported data contradicts itself.
    case invalidImport(String)
    /// A run dated before the workspace's latest run: the calendar only moves forward.
    case backDated(asOf: Day, latest: Day, run: RunID)
    /// A day-two operation that does not apply (a rep already departed, an account not locked…).
    case refused(String)

    public var description: String {
        switch self {
        case let .missing(path):
            "no workspace at \(path): run `books import` first, or pass --db PATH"
        case let .notAWorkspace(path, detail):
            "\(path) is not a DynamicBooks workspace (\(detail)); pass --db with a workspace file, or a new path to create one"
        case let .newerSchema(path, found, supported):
            "\(path) was written by a newer version of books (schema \(found), this version reads up to \(supported)); upgrade books"
        case let .needsUpgrade(path, found, supported):
            "\(path) uses schema \(found) and needs upgrading to \(supported); run a command that writes to it (e.g. books import) first"
        case let .readOnly(path):
            "\(path) is read-only: make the file and its directory writable (chmod u+w) or pass --db with a writable copy"
        case let .cannotOpen(path, detail):
            "cannot open workspace \(path): \(detail)"
        case let .busy(path):
            "\(path) is locked by another books process; try again when it has finished"
        case let .diskFull(path):
            "\(path): the disk is full, so nothing was changed; free some space (or pass --db on another disk) and run the command again"
        case let .database(path, detail):
            "workspace \(path): \(detail)"
        case let .corrupt(path, detail):
            "workspace \(path) holds a value that does not parse (\(detail)); restore it from a backup or re-import"
        case let .damaged(path, detail):
            "workspace \(path) is damaged (SQLite quick_check: \(detail)), so nothing was written; restore it from a backup, or recover what SQLite can with `sqlite3 \(path) .recover | sqlite3 recovered.sqlite` and pass --db recovered.sqlite, or re-import into a new workspace"
        case let .changedWhileSolving(path, attempts):
            "workspace \(path) changed while the plan was being solved, \(attempts) times in a row (other runs kept committing), so nothing was written; run the command again"
        case let .notImported(path):
            "workspace \(path) has no policy yet: run `books import` first"
        case let .unknownAccount(id):
            "unknown account \(id): not in the workspace (import it first)"
        case let .unknownRep(id):
            "unknown rep \(id): not in the workspace (import it first)"
        case let .unknownRun(id):
            "unknown run \(id): see the runs table for valid ids"
        case let .staleChange(account, expected, actual):
            "account \(account) is owned by \(actual?.rawValue ?? "the pool"), but the change expects \(expected?.rawValue ?? "the pool"): re-plan on the current books"
        case let .invalidImport(detail):
            "import: \(detail)"
        case let .backDated(asOf, latest, run):
            "as-of day \(asOf) is before \(latest), the day of the workspace's latest run (run \(run)): the calendar only moves forward; use --as-of \(latest) or later"
        case let .refused(detail):
            detail
        }
    }
}
