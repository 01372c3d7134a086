import DynamicBooks
import GRDB

extension Workspace {
    /// `PRAGMA application_id` of every workspace file: "BOOK" in ASCII.
    public static let applicationID: Int32 = 0x424F_4F4B

    /// The schema version this build writes; a file with a higher one is refused.
    public static var schemaVersion: Int { migrationNames.count }

    /// One entry per migration, oldest first; the schema version is their count.
    static let migrationNames = ["v1", routingMigrationName, dayTwoMigrationName]

    /// The migrations. Each one ends by recording its version in `meta`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO meta (key, value) VALUES ('application', 'dynamicbooks'), ('schema_version', '1');

                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    as_of TEXT NOT NULL,
                    started TEXT NOT NULL,
                    finished TEXT,
                    summary TEXT NOT NULL DEFAULT '{}'
                );

                CREATE TABLE policy (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    yaml TEXT NOT NULL,
                    json TEXT NOT NULL
                );

                CREATE TABLE reps (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    segment TEXT NOT NULL,
                    theaters TEXT NOT NULL,
                    capacity REAL,
                    ramp REAL NOT NULL,
                    specialties TEXT NOT NULL,
                    unavailable_until TEXT,
                    routing_weight REAL NOT NULL,
                    attributes TEXT NOT NULL
                );

                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    segment_given TEXT,
                    theater_given TEXT,
                    country TEXT,
                    state TEXT,
                    industry TEXT,
                    employees REAL,
                    annual_revenue REAL,
                    score_given REAL,
                    last_activity TEXT,
                    customer INTEGER NOT NULL,
                    locked INTEGER NOT NULL,
                    parent_id TEXT,
                    workload_given REAL,
                    attributes TEXT NOT NULL,
                    score REAL NOT NULL,
                    tier TEXT NOT NULL,
                    segment TEXT NOT NULL,
                    theater TEXT,
                    workload REAL NOT NULL,
                    excluded_by TEXT
                );

                CREATE TABLE activity (
                    account_id TEXT NOT NULL,
                    rep_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    type TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    PRIMARY KEY (account_id, rep_id, day, type, ordinal)
                ) WITHOUT ROWID;

                CREATE TABLE ledger (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    day TEXT NOT NULL,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    from_rep TEXT,
                    to_rep TEXT,
                    kind TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX ledger_account ON ledger(account_id, seq);
                CREATE INDEX ledger_day ON ledger(day);
                CREATE INDEX ledger_run ON ledger(run_id);
                CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

                CREATE TABLE books (
                    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    rep_id TEXT NOT NULL REFERENCES reps(id),
                    owned_since TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES ledger(seq)
                );
                CREATE INDEX books_rep ON books(rep_id);

                CREATE TABLE rests (
                    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    until TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES ledger(seq)
                );
                CREATE TABLE bars (
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    rep_id TEXT NOT NULL REFERENCES reps(id),
                    until TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES ledger(seq),
                    PRIMARY KEY (account_id, rep_id)
                );
                CREATE TABLE disqualified (
                    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    day TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES ledger(seq)
                );
                CREATE TABLE data_review (
                    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    day TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES ledger(seq)
                );

                CREATE TABLE return_requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    rep_id TEXT NOT NULL REFERENCES reps(id),
                    day TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    note TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
                    rule TEXT,
                    message TEXT,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    decided_run_id INTEGER REFERENCES runs(id),
                    UNIQUE (account_id, rep_id, day)
                );
                CREATE INDEX return_requests_rep ON return_requests(rep_id, status, day);
                CREATE INDEX return_requests_status ON return_requests(status, day);
                """)
        }
        registerRoutingMigration(&migrator)
        registerDayTwoMigration(&migrator)
        return migrator
    }

    /// Checks that the file is a workspace this build can use, and creates or upgrades its schema.
    ///
    /// - An empty file becomes a workspace only when `create` allows it.
    /// - A SQLite file of another application, or a file that is not SQLite, is refused.
    /// - A file of a newer schema is refused; an older one is upgraded (read-write) or refused (read-only).
    func prepare(create: Bool) throws {
        let found: Int? = try queue.read { db in
            let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if appID == 0 {
                let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if objects > 0 { throw WorkspaceError.notAWorkspace(path: path, detail: "a SQLite database of another application") }
                return nil
            }
            guard appID == Self.applicationID else {
                throw WorkspaceError.notAWorkspace(path: path, detail: "a SQLite database with application id \(appID)")
            }
            let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
            guard let text, let version = Int(text) else {
                throw WorkspaceError.notAWorkspace(path: path, detail: "no schema version in its meta table")
            }
            return version
        }
        switch found {
        case nil:
            guard create, access == .readWrite else {
                throw WorkspaceError.notAWorkspace(path: path, detail: "an empty file; `books import` creates a workspace")
            }
        case let version? where version > Self.schemaVersion:
            throw WorkspaceError.newerSchema(path: path, found: version, supported: Self.schemaVersion)
        case let version? where version < Self.schemaVersion && access == .readOnly:
            throw WorkspaceError.needsUpgrade(path: path, found: version, supported: Self.schemaVersion)
        default:
            break
        }
        if access == .readWrite { try Self.migrator.migrate(queue) }
    }
}
