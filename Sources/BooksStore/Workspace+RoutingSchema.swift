import GRDB

extension Workspace {
    /// The name of the migration that adds inbound routing's state.
    static let routingMigrationName = "v2-routing"

    /// Workload is kept in millionths of a unit in `rep_loads`, so sums are exact integers.
    static let loadUnitsPerWorkload = 1_000_000

    /// Adds what inbound routing needs, so that one decision costs the same in a workspace of a
    /// thousand accounts as in one of a million:
    /// - `routing_rotation`: the smooth weighted round robin's current weight per segment × theater
    ///   cell and rep, so the rotation survives restarts and is shared by every process;
    /// - `rep_loads`: each rep's load in millionths of a workload unit, kept by triggers on
    ///   `books` and `accounts.workload` — whichever command moves an account — so a decision reads
    ///   the loads of its cell's reps instead of summing their books;
    /// - `meta.reps_version`, bumped by triggers on `reps`, so a long-running service knows when
    ///   the reps it holds in memory are stale;
    /// - an index on `accounts.parent_id`, so a hand-raiser's family is found without a table scan.
    static func registerRoutingMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(routingMigrationName) { db in
            let version = (migrationNames.firstIndex(of: routingMigrationName) ?? migrationNames.count - 1) + 1
            let units = "CAST(round(workload * \(loadUnitsPerWorkload)) AS INTEGER)"
            try db.execute(sql: """
                CREATE TABLE routing_rotation (
                    rotation TEXT NOT NULL,
                    rep_id TEXT NOT NULL REFERENCES reps(id),
                    current INTEGER NOT NULL,
                    PRIMARY KEY (rotation, rep_id)
                ) WITHOUT ROWID;

                CREATE INDEX accounts_parent ON accounts(parent_id) WHERE parent_id IS NOT NULL;

                CREATE TABLE rep_loads (rep_id TEXT PRIMARY KEY NOT NULL, units INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO rep_loads (rep_id, units)
                    SELECT books.rep_id, SUM(\(units)) FROM books JOIN accounts ON accounts.id = books.account_id
                    GROUP BY books.rep_id;
                CREATE TRIGGER rep_loads_book_added AFTER INSERT ON books BEGIN
                    INSERT INTO rep_loads (rep_id, units)
                        VALUES (NEW.rep_id, (SELECT \(units) FROM accounts WHERE id = NEW.account_id))
                        ON CONFLICT (rep_id) DO UPDATE SET units = units + excluded.units;
                END;
                CREATE TRIGGER rep_loads_book_removed AFTER DELETE ON books BEGIN
                    UPDATE rep_loads SET units = units - (SELECT \(units) FROM accounts WHERE id = OLD.account_id)
                        WHERE rep_id = OLD.rep_id;
                END;
                CREATE TRIGGER rep_loads_book_moved AFTER UPDATE OF rep_id ON books WHEN OLD.rep_id IS NOT NEW.rep_id BEGIN
                    UPDATE rep_loads SET units = units - (SELECT \(units) FROM accounts WHERE id = OLD.account_id)
                        WHERE rep_id = OLD.rep_id;
                    INSERT INTO rep_loads (rep_id, units)
                        VALUES (NEW.rep_id, (SELECT \(units) FROM accounts WHERE id = NEW.account_id))
                        ON CONFLICT (rep_id) DO UPDATE SET units = units + excluded.units;
                END;
                CREATE TRIGGER rep_loads_workload AFTER UPDATE OF workload ON accounts WHEN OLD.workload IS NOT NEW.workload BEGIN
                    UPDATE rep_loads
                        SET units = units - CAST(round(OLD.workload * \(loadUnitsPerWorkload)) AS INTEGER)
                                          + CAST(round(NEW.workload * \(loadUnitsPerWorkload)) AS INTEGER)
                        WHERE rep_id = (SELECT rep_id FROM books WHERE account_id = NEW.id);
                END;

                INSERT INTO meta (key, value) VALUES ('reps_version', '0');
                CREATE TRIGGER reps_version_insert AFTER INSERT ON reps BEGIN
                    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reps_version';
                END;
                CREATE TRIGGER reps_version_update AFTER UPDATE ON reps BEGIN
                    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reps_version';
                END;
                CREATE TRIGGER reps_version_delete AFTER DELETE ON reps BEGIN
                    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reps_version';
                END;
                """)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: [String(version)])
        }
    }
}
