@testable import BooksStore
import DynamicBooks
import Foundation
import GRDB
import Testing

/// A workspace written before day-two operations is upgraded in place: its reps, accounts and
/// return requests are kept, and the new state works.
@Suite("Workspace upgrade to the day-two schema")
struct DayTwoSchemaTests {
    @Test("a schema-2 workspace keeps its reps, books and return requests and gains leave, locks and the calendar")
    func upgradeFromSchemaTwo() throws {
        let path = try Fixture.path()
        let queue = try DatabaseQueue(path: path)
        try Workspace.migrator.migrate(queue, upTo: Workspace.routingMigrationName)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (id, kind, as_of, started) VALUES (1, 'import', '2026-09-01', '2026-09-01T00:00:00Z');
                INSERT INTO reps (id, name, segment, theaters, capacity, ramp, specialties, unavailable_until, routing_weight, attributes)
                    VALUES ('R1', 'Ada', 'SMB', '["NA"]', 10, 1, '[]', NULL, 1, '{}');
                INSERT INTO accounts (id, name, customer, locked, attributes, score, tier, segment, theater, workload)
                    VALUES ('A1', 'Acme', 0, 0, '{}', 80, 'A', 'SMB', 'NA', 1);
                INSERT INTO return_requests (account_id, rep_id, day, reason, note, status, rule, message, run_id)
                    VALUES ('A1', 'R1', '2026-09-01', 'no_budget', '', 'rejected', 'returns.reasons', 'rejected: reason', 1);
                """)
        }
        try queue.close()
        let workspace = try Workspace.open(at: path)
        let (version, reps, requests) = try workspace.queue.read { db in
            (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'"),
             try RepRow.fetchAll(db), try ReturnRequestRecord.fetchAll(db))
        }
        #expect(version == String(Workspace.schemaVersion))
        #expect(reps.map(\.status) == [.active] && reps.first?.startDate == nil)
        #expect(requests.map(\.reason) == ["no_budget"] && requests.first?.status == .rejected)
        // The same day with another reason is a new request; with the same reason a duplicate.
        try workspace.queue.write { db in
            try db.execute(sql: """
                INSERT INTO return_requests (account_id, rep_id, day, reason, note, status, run_id)
                    VALUES ('A1', 'R1', '2026-09-01', 'bad_timing', '', 'pending', 1)
                """)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO return_requests (account_id, rep_id, day, reason, note, status, run_id)
                        VALUES ('A1', 'R1', '2026-09-01', 'no_budget', '', 'pending', 1)
                    """)
            }
        }
        // The calendar holds from the old runs on.
        #expect(throws: WorkspaceError.backDated(asOf: Day(year: 2026, month: 8, day: 31), latest: Day(year: 2026, month: 9, day: 1),
                                                 run: RunID(rawValue: 1))) {
            try workspace.perform(.manual, asOf: Day(year: 2026, month: 8, day: 31)) { _ in 0 }
        }
    }
}
