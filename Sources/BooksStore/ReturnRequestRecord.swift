import DynamicBooks
import GRDB

/// A row of `return_requests`: every request submitted, pending until decided.
/// `(account, rep, day)` is unique, so the same request is never decided twice.
public struct ReturnRequestRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "return_requests"

    public enum Status: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
        /// Queued, to be decided by the next cycle.
        case pending
        case accepted, rejected
    }

    public var id: Int64?
    public var account: AccountID
    public var rep: RepID
    public var day: Day
    public var reason: String
    public var note: String
    public var status: Status
    /// The first guardrail broken, for a rejection.
    public var rule: String?
    /// The decision as the user sees it: `rejected: held 6 days, policy returns.min_hold_days is 14`.
    public var message: String?
    /// The run that submitted it.
    public var run: RunID
    /// The run that decided it.
    public var decidedRun: RunID?

    enum CodingKeys: String, CodingKey {
        case id, account = "account_id", rep = "rep_id", day, reason, note, status, rule, message
        case run = "run_id", decidedRun = "decided_run_id"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Inserts a new request, or records the decision of a queued one.
    mutating func write(_ db: Database) throws {
        if let id {
            try db.cachedStatement(sql: """
                UPDATE return_requests SET status = ?, rule = ?, message = ?, decided_run_id = ? WHERE id = ?
                """).execute(arguments: [status, rule, message, decidedRun, id])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO return_requests (account_id, rep_id, day, reason, note, status, rule, message, run_id, decided_run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [account, rep, day, reason, note, status, rule, message, run, decidedRun])
            id = db.lastInsertedRowID
        }
    }

    var request: ReturnRequest { ReturnRequest(accountID: account, repID: rep, date: day, reason: reason, note: note) }

    /// The earlier request that makes a new one with this account, rep, day and reason a
    /// duplicate, if any: one with the same reason, or any other not rejected for its reason
    /// alone (`returns.reasons`) — a request rejected for its reason may be made again the same
    /// day with another one.
    static func existing(_ db: Database, account: AccountID, rep: RepID, day: Day, reason: String) throws -> ReturnRequestRecord? {
        let earlier = try fetchAll(db.cachedStatement(sql: "SELECT * FROM return_requests WHERE account_id = ? AND rep_id = ? AND day = ? ORDER BY id"),
                                   arguments: [account, rep, day])
        return earlier.first { $0.reason == reason }
            ?? earlier.first { !($0.status == .rejected && $0.rule == ReturnRule.reason.rawValue) }
    }

    /// Returns accepted for `rep` with a day from `start` through `end`.
    static func acceptedCount(_ db: Database, rep: RepID, from start: Day, through end: Day) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM return_requests WHERE rep_id = ? AND status = ? AND day >= ? AND day <= ?
            """), arguments: [rep, Status.accepted, start, end]) ?? 0
    }

    /// Pending requests dated on or before `day`, oldest first.
    static func pending(_ db: Database, through day: Day) throws -> [ReturnRequestRecord] {
        try filter(Column("status") == Status.pending && Column("day") <= day).order(Column("day"), Column("id")).fetchAll(db)
    }
}
