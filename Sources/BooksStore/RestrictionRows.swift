import DynamicBooks
import GRDB

// The state tables behind ``AccountRestrictions``. Each row points at the ledger row that made it.

/// `rests`: an account resting in the pool until a day.
struct RestRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rests"
    var accountId: AccountID
    var until: Day
    var reason: String
    var seq: Int64
    enum CodingKeys: String, CodingKey { case accountId = "account_id", until, reason, seq }
}

/// `bars`: an account that may not go back to a rep before a day.
struct BarRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bars"
    var accountId: AccountID
    var repId: RepID
    var until: Day
    var reason: String
    var seq: Int64
    enum CodingKeys: String, CodingKey { case accountId = "account_id", repId = "rep_id", until, reason, seq }
}

extension AccountRestrictions {
    /// Every restriction recorded in the workspace (whether a rest or bar is over depends on the day
    /// it is asked about).
    static func fetch(_ db: Database) throws -> AccountRestrictions {
        var restrictions = AccountRestrictions()
        for row in try RestRow.fetchAll(db) { restrictions.rest(row.accountId, until: row.until) }
        for row in try BarRow.fetchAll(db) { restrictions.bar(row.accountId, from: row.repId, until: row.until) }
        restrictions.disqualified = Set(try AccountID.fetchAll(db, sql: "SELECT account_id FROM disqualified"))
        restrictions.inDataReview = Set(try AccountID.fetchAll(db, sql: "SELECT account_id FROM data_review"))
        return restrictions
    }

    /// The restrictions of one account.
    static func fetch(_ db: Database, account: AccountID) throws -> AccountRestrictions {
        var restrictions = AccountRestrictions()
        let key = Column("account_id") == account
        for row in try RestRow.filter(key).fetchAll(db) { restrictions.rest(row.accountId, until: row.until) }
        for row in try BarRow.filter(key).fetchAll(db) { restrictions.bar(row.accountId, from: row.repId, until: row.until) }
        if try Int.fetchOne(db, sql: "SELECT 1 FROM disqualified WHERE account_id = ?", arguments: [account]) != nil {
            restrictions.disqualified.insert(account)
        }
        if try Int.fetchOne(db, sql: "SELECT 1 FROM data_review WHERE account_id = ?", arguments: [account]) != nil {
            restrictions.inDataReview.insert(account)
        }
        return restrictions
    }
}

/// Writes to the state tables. A longer rest or bar wins over a shorter one already recorded.
enum RestrictionStore {
    static func rest(_ db: Database, account: AccountID, until: Day, reason: String, seq: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rests (account_id, until, reason, seq) VALUES (?, ?, ?, ?)
            ON CONFLICT (account_id) DO UPDATE SET until = excluded.until, reason = excluded.reason, seq = excluded.seq
            WHERE excluded.until > rests.until
            """).execute(arguments: [account, until, reason, seq])
    }

    static func bar(_ db: Database, account: AccountID, rep: RepID, until: Day, reason: String, seq: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO bars (account_id, rep_id, until, reason, seq) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (account_id, rep_id) DO UPDATE SET until = excluded.until, reason = excluded.reason, seq = excluded.seq
            WHERE excluded.until > bars.until
            """).execute(arguments: [account, rep, until, reason, seq])
    }

    static func disqualify(_ db: Database, account: AccountID, day: Day, reason: String, seq: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO disqualified (account_id, day, reason, seq) VALUES (?, ?, ?, ?)")
            .execute(arguments: [account, day, reason, seq])
    }

    static func sendToDataReview(_ db: Database, account: AccountID, day: Day, reason: String, seq: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO data_review (account_id, day, reason, seq) VALUES (?, ?, ?, ?)")
            .execute(arguments: [account, day, reason, seq])
    }
}
