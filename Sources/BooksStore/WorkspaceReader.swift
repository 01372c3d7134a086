import DynamicBooks
import Foundation
import GRDB

/// Read access to a workspace inside one transaction: a consistent view of accounts, reps,
/// activity, policy, books, restrictions and the ledger.
public struct WorkspaceReader {
    let db: Database
    /// The workspace file, for messages.
    public let path: String

    /// The ledger.
    public var ledger: Ledger { Ledger(db: db) }

    /// The policy in force (the last one imported).
    ///
    /// It is read from the JSON stored at import, so it does not depend on the YAML loader of the
    /// version reading it; when that JSON no longer decodes (the policy model changed), the YAML
    /// stored beside it is loaded again.
    /// - Throws: ``WorkspaceError/notImported(path:)`` before the first import.
    public func policy() throws -> Policy {
        guard let row = try PolicyRow.latest(db) else {
            throw WorkspaceError.notImported(path: path)
        }
        if let policy = try? JSONColumn.decoder.decode(Policy.self, from: Data(row.json.utf8)) { return policy }
        do {
            return try PolicyLoader.parse(row.yaml, name: "\(path) (policy \(row.id ?? 0))")
        } catch {
            throw WorkspaceError.corrupt(path: path, detail: "policy \(row.id ?? 0): \(error); re-import the policy")
        }
    }

    /// The policy file as it was imported, if any.
    public func policyText() throws -> String? {
        try String.fetchOne(db, sql: "SELECT yaml FROM policy ORDER BY id DESC LIMIT 1")
    }

    /// Every rep, by id.
    public func reps() throws -> [Rep] {
        try RepRow.fetchAll(db)
    }

    public func rep(_ id: RepID) throws -> Rep? {
        try RepRow.fetch(db, id: id)
    }

    /// Every account with its derived facts and its owner from the books, by id.
    /// - Parameter attributes: whether to read the extra columns (`false`: empty maps, faster;
    ///   planning does not read them).
    public func accounts(attributes: Bool = true) throws -> [ScoredAccount] {
        let owners = Dictionary(try Ownership.fetchAll(db).map { ($0.account, $0) }, uniquingKeysWith: { a, _ in a })
        return try AccountRow.fetchAll(db, attributes: attributes).map { try $0.scoredAccount(owner: owners[$0.id], path: path) }
    }

    /// One account with its owner from the books.
    public func account(_ id: AccountID) throws -> ScoredAccount? {
        guard let row = try AccountRow.fetch(db, id: id) else { return nil }
        return try row.scoredAccount(owner: try owner(of: id), path: path)
    }

    /// Every book entry, by account id.
    public func books() throws -> [Ownership] {
        try Ownership.fetchAll(db)
    }

    /// The book entry of an account, nil when it is in the pool.
    public func owner(of account: AccountID) throws -> Ownership? {
        try Ownership.fetch(db, account: account)
    }

    /// Workload units per rep, summed over its book.
    public func loads() throws -> [RepID: Double] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT books.rep_id AS rep, SUM(accounts.workload) AS load
            FROM books JOIN accounts ON accounts.id = books.account_id GROUP BY books.rep_id
            """)
        var loads: [RepID: Double] = [:]
        for row in rows { loads[row["rep"]] = row["load"] }
        return loads
    }

    /// All activity, in a stable order.
    public func activity() throws -> [Activity] {
        try ActivityTable.fetchAll(db)
    }

    /// Activity of one rep on one account from `start` through `end`.
    public func activity(account: AccountID, rep: RepID, from start: Day, through end: Day) throws -> [Activity] {
        try ActivityTable.fetch(db, account: account, rep: rep, from: start, through: end)
    }

    /// Rests, bars, disqualifications and data review as recorded.
    public func restrictions() throws -> AccountRestrictions { try AccountRestrictions.fetch(db) }

    /// The restrictions of one account.
    public func restrictions(of account: AccountID) throws -> AccountRestrictions {
        try AccountRestrictions.fetch(db, account: account)
    }

    /// Every run, oldest first.
    public func runs() throws -> [RunRecord] { try RunRecord.order(Column("id")).fetchAll(db) }

    public func run(_ id: RunID) throws -> RunRecord? { try RunRecord.fetchOne(db, key: id) }

    /// Every return request, oldest first.
    public func returnRequests() throws -> [ReturnRequestRecord] {
        try ReturnRequestRecord.order(Column("id")).fetchAll(db)
    }
}

/// One execution of a mutating command.
public struct RunRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "runs"
    public var id: RunID
    public var kind: String
    public var asOf: Day
    /// Wall-clock start, ISO 8601 UTC.
    public var started: String
    public var finished: String?
    /// The command's result as JSON.
    public var summary: String
    enum CodingKeys: String, CodingKey { case id, kind, asOf = "as_of", started, finished, summary }
}
