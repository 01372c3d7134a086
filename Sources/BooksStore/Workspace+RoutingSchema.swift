import GRDB

extension Workspace {
    /// The name of the migration that adds inbound routing's state.
    static let routingMigrationName = "v2-routing"

    /// Adds what inbound routing needs:
    /// - `routing_rotation`: the smooth weighted round robin's current weight per segment × theater
    ///   cell and rep, so the rotation survives restarts and is shared by every process;
    /// - an index on `accounts.parent_id`, so a hand-raiser's family is found without a table scan.
    static func registerRoutingMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(routingMigrationName) { db in
            let version = (migrationNames.firstIndex(of: routingMigrationName) ?? migrationNames.count - 1) + 1
            try db.execute(sql: """
                CREATE TABLE routing_rotation (
                    rotation TEXT NOT NULL,
                    rep_id TEXT NOT NULL REFERENCES reps(id),
                    current INTEGER NOT NULL,
                    PRIMARY KEY (rotation, rep_id)
                ) WITHOUT ROWID;
                CREATE INDEX accounts_parent ON accounts(parent_id) WHERE parent_id IS NOT NULL;
                """)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: [String(version)])
        }
    }
}
