import DynamicBooks
import GRDB

/// A row of `accounts`: the account's columns as imported, plus what the policy derived from them.
/// The owner is not here: it lives in the books, which the ledger derives.
///
/// Rows are read and written field by field with cached statements: a workspace holds hundreds
/// of thousands of accounts and the generic `Codable` path costs several times more.
struct AccountRow: FetchableRecord, TableRecord, Equatable {
    static let databaseTableName = "accounts"
    static let columns = ["id", "name", "segment_given", "theater_given", "country", "state", "industry",
                          "employees", "annual_revenue", "score_given", "last_activity", "customer", "locked",
                          "parent_id", "workload_given", "attributes", "score", "tier", "segment", "theater",
                          "workload", "excluded_by"]
    static let selection = columns.joined(separator: ", ")

    var id: AccountID
    var name: String
    var segmentGiven: String?
    var theaterGiven: String?
    var country: String?
    var state: String?
    var industry: String?
    var employees: Double?
    var annualRevenue: Double?
    var scoreGiven: Double?
    var lastActivity: Day?
    var customer: Bool
    var locked: Bool
    var parentId: AccountID?
    var workloadGiven: Double?
    var attributes: [String: String]
    var score: Double
    var tier: String
    var segment: String
    var theater: String?
    var workload: Double
    var excludedBy: String?

    init(_ scored: ScoredAccount) {
        let a = scored.account
        id = a.id; name = a.name; segmentGiven = a.segment; theaterGiven = a.theater; country = a.country
        state = a.state; industry = a.industry; employees = a.employees; annualRevenue = a.annualRevenue
        scoreGiven = a.score; lastActivity = a.lastActivity; customer = a.customer; locked = a.locked
        parentId = a.parentID; workloadGiven = a.workload; attributes = a.attributes
        score = scored.score; tier = scored.tier.rawValue; segment = scored.segment; theater = scored.theater
        workload = scored.workload; excludedBy = scored.excludedBy
    }

    /// Reads a row selected with ``selection``.
    init(row: Row) throws {
        id = try row.decode(atIndex: 0); name = try row.decode(atIndex: 1)
        segmentGiven = try row.decode(atIndex: 2); theaterGiven = try row.decode(atIndex: 3)
        country = try row.decode(atIndex: 4); state = try row.decode(atIndex: 5); industry = try row.decode(atIndex: 6)
        employees = try row.decode(atIndex: 7); annualRevenue = try row.decode(atIndex: 8)
        scoreGiven = try row.decode(atIndex: 9); lastActivity = try row.decode(atIndex: 10)
        customer = try row.decode(atIndex: 11); locked = try row.decode(atIndex: 12)
        parentId = try row.decode(atIndex: 13); workloadGiven = try row.decode(atIndex: 14)
        attributes = try JSONColumn.decode([String: String].self, from: row, atIndex: 15, empty: [:])
        score = try row.decode(atIndex: 16); tier = try row.decode(atIndex: 17); segment = try row.decode(atIndex: 18)
        theater = try row.decode(atIndex: 19); workload = try row.decode(atIndex: 20); excludedBy = try row.decode(atIndex: 21)
    }

    func arguments() throws -> StatementArguments {
        [id, name, segmentGiven, theaterGiven, country, state, industry, employees, annualRevenue, scoreGiven,
         lastActivity, customer, locked, parentId, workloadGiven, try JSONColumn.text(attributes), score, tier,
         segment, theater, workload, excludedBy]
    }

    /// Inserts the account or updates every column of the one with its id.
    func upsert(_ db: Database) throws {
        let sql = "INSERT INTO accounts (\(Self.selection)) VALUES (\(Self.columns.map { _ in "?" }.joined(separator: ", ")))"
            + " ON CONFLICT (id) DO UPDATE SET "
            + Self.columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.cachedStatement(sql: sql).execute(arguments: try arguments())
    }

    /// ``selection`` with an empty attributes map: what planning reads (attributes only feed scoring).
    static let selectionWithoutAttributes = columns.map { $0 == "attributes" ? "'{}' AS attributes" : $0 }.joined(separator: ", ")

    static func fetchAll(_ db: Database, attributes: Bool = true) throws -> [AccountRow] {
        try fetchAll(db.cachedStatement(sql: "SELECT \(attributes ? selection : selectionWithoutAttributes) FROM accounts ORDER BY id"))
    }

    static func fetch(_ db: Database, id: AccountID) throws -> AccountRow? {
        try fetchOne(db.cachedStatement(sql: "SELECT \(selection) FROM accounts WHERE id = ?"), arguments: [id])
    }

    static func exists(_ db: Database, id: AccountID) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM accounts WHERE id = ?"), arguments: [id]) != nil
    }

    static func ids(_ db: Database) throws -> Set<AccountID> {
        Set(try AccountID.fetchAll(db.cachedStatement(sql: "SELECT id FROM accounts")))
    }

    /// The scored account, with its owner from the books.
    func scoredAccount(owner: Ownership?, path: String) throws -> ScoredAccount {
        guard let tier = Tier(rawValue: tier) else {
            throw WorkspaceError.corrupt(path: path, detail: "account \(id): tier \"\(self.tier)\"")
        }
        let account = Account(
            id: id, name: name, segment: segmentGiven, theater: theaterGiven, country: country, state: state,
            industry: industry, employees: employees, annualRevenue: annualRevenue, score: scoreGiven,
            owner: owner?.rep, ownedSince: owner?.ownedSince, lastActivity: lastActivity, customer: customer,
            locked: locked, parentID: parentId, workload: workloadGiven, attributes: attributes)
        return ScoredAccount(account: account, score: score, tier: tier, segment: segment, theater: theater,
                             workload: workload, excludedBy: excludedBy)
    }
}

/// A row of `reps`.
struct RepRow: FetchableRecord, TableRecord {
    static let databaseTableName = "reps"
    static let columns = ["id", "name", "segment", "theaters", "capacity", "ramp", "specialties",
                          "unavailable_until", "routing_weight", "attributes", "start_date", "end_date", "status"]
    static let selection = columns.joined(separator: ", ")

    var rep: Rep

    init(_ rep: Rep) { self.rep = rep }

    init(row: Row) throws {
        rep = Rep(id: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1), segment: try row.decode(atIndex: 2),
                  theaters: try JSONColumn.decode([String].self, from: row, atIndex: 3, empty: []),
                  capacity: try row.decode(atIndex: 4), ramp: try row.decode(atIndex: 5),
                  specialties: try JSONColumn.decode([String].self, from: row, atIndex: 6, empty: []),
                  unavailableUntil: try row.decode(atIndex: 7), routingWeight: try row.decode(atIndex: 8),
                  attributes: try JSONColumn.decode([String: String].self, from: row, atIndex: 9, empty: [:]))
        rep.startDate = try row.decode(atIndex: 10)
        rep.endDate = try row.decode(atIndex: 11)
        let status: String = try row.decode(atIndex: 12)
        rep.status = RepStatus(rawValue: status) ?? .active
    }

    func upsert(_ db: Database) throws {
        let sql = "INSERT INTO reps (\(Self.selection)) VALUES (\(Self.columns.map { _ in "?" }.joined(separator: ", ")))"
            + " ON CONFLICT (id) DO UPDATE SET "
            + Self.columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.cachedStatement(sql: sql).execute(arguments: [
            rep.id, rep.name, rep.segment, try JSONColumn.text(rep.theaters), rep.capacity, rep.ramp,
            try JSONColumn.text(rep.specialties), rep.unavailableUntil, rep.routingWeight, try JSONColumn.text(rep.attributes),
            rep.startDate, rep.endDate, rep.status.rawValue])
    }

    static func fetchAll(_ db: Database) throws -> [Rep] {
        try fetchAll(db.cachedStatement(sql: "SELECT \(selection) FROM reps ORDER BY id")).map(\.rep)
    }

    static func fetch(_ db: Database, id: RepID) throws -> Rep? {
        try fetchOne(db.cachedStatement(sql: "SELECT \(selection) FROM reps WHERE id = ?"), arguments: [id])?.rep
    }

    static func exists(_ db: Database, id: RepID) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM reps WHERE id = ?"), arguments: [id]) != nil
    }
}

/// `activity`. `ordinal` numbers identical rows (same account, rep, day and type) within one
/// import, so importing the same file twice adds nothing and a longer export adds only the new rows.
enum ActivityTable {
    /// Inserts one activity unless the same row is there; returns whether it was added.
    static func insert(_ db: Database, _ activity: Activity, ordinal: Int, run: RunID) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO activity (account_id, rep_id, day, type, ordinal, run_id) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [activity.accountID, activity.repID, activity.date, activity.type, ordinal, run])
        return db.changesCount > 0
    }

    static func fetchAll(_ db: Database) throws -> [Activity] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT account_id, rep_id, day, type FROM activity ORDER BY day, account_id, rep_id, type, ordinal
            """)).map(activity)
    }

    /// Activity of one rep on one account from `start` through `end`.
    static func fetch(_ db: Database, account: AccountID, rep: RepID, from start: Day, through end: Day) throws -> [Activity] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT account_id, rep_id, day, type FROM activity
            WHERE account_id = ? AND rep_id = ? AND day >= ? AND day <= ? ORDER BY day, type, ordinal
            """), arguments: [account, rep, start, end]).map(activity)
    }

    private static func activity(_ row: Row) throws -> Activity {
        Activity(accountID: try row.decode(atIndex: 0), repID: try row.decode(atIndex: 1),
                 date: try row.decode(atIndex: 2), type: try row.decode(atIndex: 3))
    }
}

/// A row of `policy`: every imported policy is kept; the latest is in force.
struct PolicyRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "policy"

    var id: Int64?
    var runId: RunID
    /// The policy file as written.
    var yaml: String
    /// The policy as loaded, so reading it back does not depend on the YAML loader's version.
    var json: String

    enum CodingKeys: String, CodingKey { case id, runId = "run_id", yaml, json }

    static func latest(_ db: Database) throws -> PolicyRow? {
        try PolicyRow.order(Column("id").desc).fetchOne(db)
    }
}
