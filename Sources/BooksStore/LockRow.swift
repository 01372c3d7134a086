import DynamicBooks
import GRDB

/// A row of `locks`: an account locked to a rep by hand (`books assign --lock`), until a day or
/// for good. Every later plan keeps the account with that rep while the lock holds, as it keeps
/// an account locked in accounts.csv.
public struct AccountLock: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "locks"

    public var account: AccountID
    public var rep: RepID
    /// The first day the lock no longer holds; nil = until unlocked.
    public var until: Day?
    /// Why, as given.
    public var reason: String
    /// The ledger row that made it.
    public var seq: Int64

    enum CodingKeys: String, CodingKey { case account = "account_id", rep = "rep_id", until, reason, seq }

    /// Whether the lock holds on `day`.
    public func holds(on day: Day) -> Bool { until.map { day < $0 } ?? true }

    static func fetch(_ db: Database, account: AccountID) throws -> AccountLock? {
        try AccountLock.filter(Column("account_id") == account).fetchOne(db)
    }

    /// Locks holding on `day`, by account.
    static func active(_ db: Database, on day: Day) throws -> [AccountID: AccountLock] {
        let locks = try AccountLock.fetchAll(db).filter { $0.holds(on: day) }
        return Dictionary(locks.map { ($0.account, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
