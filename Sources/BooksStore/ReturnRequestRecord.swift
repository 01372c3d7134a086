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

    var request: ReturnRequest { ReturnRequest(accountID: account, repID: rep, date: day, reason: reason, note: note) }

    /// The earlier request with the same account, rep and day, if any.
    static func existing(_ db: Database, account: AccountID, rep: RepID, day: Day) throws -> ReturnRequestRecord? {
        try filter(Column("account_id") == account && Column("rep_id") == rep && Column("day") == day).fetchOne(db)
    }

    /// Returns accepted for `rep` with a day from `start` through `end`.
    static func acceptedCount(_ db: Database, rep: RepID, from start: Day, through end: Day) throws -> Int {
        try filter(Column("rep_id") == rep && Column("status") == Status.accepted && Column("day") >= start && Column("day") <= end)
            .fetchCount(db)
    }

    /// Pending requests dated on or before `day`, oldest first.
    static func pending(_ db: Database, through day: Day) throws -> [ReturnRequestRecord] {
        try filter(Column("status") == Status.pending && Column("day") <= day).order(Column("day"), Column("id")).fetchAll(db)
    }
}
