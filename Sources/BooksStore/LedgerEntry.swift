import DynamicBooks
import GRDB

/// What a ledger row records.
public enum LedgerKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible, DatabaseValueConvertible {
    /// The owner given by accounts.csv when the account first entered the workspace.
    case imported
    /// Assigned by a plan (rebalance): from the pool or another rep, or sent to the pool.
    case assigned
    /// Assigned from the pool by a weekly top-off.
    case toppedOff = "topped_off"
    /// An inbound hand-raiser routed to a rep.
    case routed
    /// Returned by its rep to the pool; the reason is the policy's.
    case returned
    /// A return request refused; the reason is the guardrail it broke.
    case returnRejected = "return_rejected"
    /// Taken back for lack of coverage; the reason is the coverage rule.
    case retrieved
    /// Resting in the pool until a day (detail).
    case rested
    /// Never to be assigned again.
    case disqualified
    /// Waiting for its data to be fixed.
    case dataReview = "data_review"
    /// Changed by hand (`books assign`, or an owner changed in the CRM and re-imported).
    case manual
    /// Locked to its owner by hand (`books assign --lock`); the detail says until when.
    case locked
    /// A lock made by hand was lifted (`books unlock`).
    case unlocked
    /// Its data was fixed: out of data review (`books review clear`).
    case reviewCleared = "review_cleared"
    /// A disqualification was lifted (`books disqualify lift`).
    case disqualificationLifted = "disqualification_lifted"

    /// Whether rows of this kind move the account (their `to` is the new owner, nil = the pool).
    public var changesOwner: Bool {
        switch self {
        case .imported, .assigned, .toppedOff, .routed, .returned, .retrieved, .manual: true
        case .returnRejected, .rested, .disqualified, .dataReview, .locked, .unlocked, .reviewCleared,
             .disqualificationLifted: false
        }
    }

    public var description: String { rawValue }
}

/// One row of the append-only ledger.
public struct LedgerEntry: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ledger"

    /// Position in the ledger; assigned when appended.
    public var seq: Int64?
    /// The run that made the change.
    public var run: RunID
    /// The day the change takes effect (the as-of day, or the request's day for returns).
    public var day: Day
    public var account: AccountID
    public var from: RepID?
    public var to: RepID?
    public var kind: LedgerKind
    /// The policy reason or the rule, e.g. `not_interested` or `returns.min_hold_days`.
    public var reason: String
    /// The numbers behind the reason, a note, or a rest's end.
    public var detail: String

    public init(seq: Int64? = nil, run: RunID, day: Day, account: AccountID, from: RepID?, to: RepID?,
                kind: LedgerKind, reason: String, detail: String = "") {
        self.seq = seq; self.run = run; self.day = day; self.account = account; self.from = from
        self.to = to; self.kind = kind; self.reason = reason; self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case seq, run = "run_id", day, account = "account_id", from = "from_rep", to = "to_rep", kind, reason, detail
    }

    static let selection = "seq, run_id, day, account_id, from_rep, to_rep, kind, reason, detail"

    /// Reads a row selected with ``selection``.
    public init(row: Row) throws {
        seq = try row.decode(atIndex: 0); run = try row.decode(atIndex: 1); day = try row.decode(atIndex: 2)
        account = try row.decode(atIndex: 3); from = try row.decode(atIndex: 4); to = try row.decode(atIndex: 5)
        kind = try row.decode(atIndex: 6); reason = try row.decode(atIndex: 7); detail = try row.decode(atIndex: 8)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["seq"] = seq; container["run_id"] = run; container["day"] = day
        container["account_id"] = account; container["from_rep"] = from; container["to_rep"] = to
        container["kind"] = kind; container["reason"] = reason; container["detail"] = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { seq = inserted.rowID }
}

/// One account in a book.
public struct Ownership: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "books"

    public var account: AccountID
    public var rep: RepID
    /// The day the rep got it.
    public var ownedSince: Day
    /// The ledger row that put it there.
    public var seq: Int64

    public init(account: AccountID, rep: RepID, ownedSince: Day, seq: Int64) {
        self.account = account; self.rep = rep; self.ownedSince = ownedSince; self.seq = seq
    }

    enum CodingKeys: String, CodingKey { case account = "account_id", rep = "rep_id", ownedSince = "owned_since", seq }

    static let selection = "account_id, rep_id, owned_since, seq"

    /// Reads a row selected with ``selection``.
    public init(row: Row) throws {
        account = try row.decode(atIndex: 0); rep = try row.decode(atIndex: 1)
        ownedSince = try row.decode(atIndex: 2); seq = try row.decode(atIndex: 3)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["account_id"] = account; container["rep_id"] = rep
        container["owned_since"] = ownedSince; container["seq"] = seq
    }

    static func fetch(_ db: Database, account: AccountID) throws -> Ownership? {
        try fetchOne(db.cachedStatement(sql: "SELECT \(selection) FROM books WHERE account_id = ?"), arguments: [account])
    }

    static func fetchAll(_ db: Database) throws -> [Ownership] {
        try fetchAll(db.cachedStatement(sql: "SELECT \(selection) FROM books ORDER BY account_id"))
    }

    /// Puts the account in a book, or moves it.
    func upsert(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO books (account_id, rep_id, owned_since, seq) VALUES (?, ?, ?, ?)
            ON CONFLICT (account_id) DO UPDATE SET rep_id = excluded.rep_id, owned_since = excluded.owned_since, seq = excluded.seq
            """).execute(arguments: [account, rep, ownedSince, seq])
    }

    /// Takes the account out of every book.
    static func delete(_ db: Database, account: AccountID) throws {
        try db.cachedStatement(sql: "DELETE FROM books WHERE account_id = ?").execute(arguments: [account])
    }
}

extension RunID: DatabaseValueConvertible {}
