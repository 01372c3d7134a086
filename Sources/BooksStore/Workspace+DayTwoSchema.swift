import GRDB

extension Workspace {
    /// The name of the migration that adds day-two operations' state.
    static let dayTwoMigrationName = "v3-day-two"

    /// Adds what people changing and overriding need:
    /// - `reps.start_date`, `reps.end_date`, `reps.status`: joining, leave and departure;
    /// - `locks`: accounts locked to a rep by hand (`books assign --lock`), until a day or for good;
    /// - `accounts.crm_owner`: the owner accounts.csv gave at the last import, so a re-import can
    ///   tell an owner changed in the CRM from books the CRM has not caught up with;
    /// - an index on `runs.as_of`, so the calendar check of every run (one per routing decision in
    ///   the service) reads one index entry instead of scanning the runs;
    /// - `return_requests` unique by account, rep, day and reason (it was by account, rep and day),
    ///   so a request rejected for its reason can be made again the same day with a valid one.
    static func registerDayTwoMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(dayTwoMigrationName) { db in
            let version = (migrationNames.firstIndex(of: dayTwoMigrationName) ?? migrationNames.count - 1) + 1
            try db.execute(sql: """
                ALTER TABLE reps ADD COLUMN start_date TEXT;
                ALTER TABLE reps ADD COLUMN end_date TEXT;
                ALTER TABLE reps ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
                ALTER TABLE accounts ADD COLUMN crm_owner TEXT;
                CREATE INDEX runs_as_of ON runs(as_of);

                CREATE TABLE locks (
                    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    rep_id TEXT NOT NULL REFERENCES reps(id),
                    until TEXT,
                    reason TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES ledger(seq)
                );

                CREATE TABLE return_requests_v3 (
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
                    UNIQUE (account_id, rep_id, day, reason)
                );
                INSERT INTO return_requests_v3 SELECT id, account_id, rep_id, day, reason, note, status, rule, message,
                    run_id, decided_run_id FROM return_requests;
                DROP TABLE return_requests;
                ALTER TABLE return_requests_v3 RENAME TO return_requests;
                CREATE INDEX return_requests_rep ON return_requests(rep_id, status, day);
                CREATE INDEX return_requests_status ON return_requests(status, day);
                CREATE INDEX return_requests_key ON return_requests(account_id, rep_id, day);
                """)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: [String(version)])
        }
    }
}
