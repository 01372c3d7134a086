import DynamicBooks
import GRDB

/// The append-only ledger and the books derived from it.
///
/// Every change of ownership goes through ``append(_:)``, which writes the ledger row and brings
/// the `books` table up to date in the same statement batch, so the books are always what
/// ``replayBooks()`` derives from the ledger alone. Triggers refuse UPDATE and DELETE on the ledger.
public struct Ledger {
    let db: Database

    /// Appends rows in order; for rows that change the owner, moves the account in the books.
    /// - Returns: the rows with their sequence numbers.
    @discardableResult
    public func append(_ entries: [LedgerEntry]) throws -> [LedgerEntry] {
        var written: [LedgerEntry] = []
        written.reserveCapacity(entries.count)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO ledger (run_id, day, account_id, from_rep, to_rep, kind, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for var entry in entries {
            try insert.execute(arguments: [entry.run, entry.day, entry.account, entry.from, entry.to, entry.kind,
                                           entry.reason, entry.detail])
            let seq = db.lastInsertedRowID
            entry.seq = seq
            if entry.kind.changesOwner {
                if let rep = entry.to {
                    // A row naming the current owner (an inbound hand-raiser its owner keeps)
                    // leaves the book entry, and so the holding period, as it was.
                    try db.cachedStatement(sql: """
                        INSERT INTO books (account_id, rep_id, owned_since, seq) VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id) DO UPDATE SET rep_id = excluded.rep_id,
                            owned_since = excluded.owned_since, seq = excluded.seq
                        WHERE books.rep_id IS NOT excluded.rep_id
                        """).execute(arguments: [entry.account, rep, entry.day, seq])
                } else {
                    try Ownership.delete(db, account: entry.account)
                }
            }
            written.append(entry)
        }
        return written
    }

    /// The history of one account, oldest first.
    public func history(of account: AccountID) throws -> [LedgerEntry] {
        try LedgerEntry.fetchAll(db.cachedStatement(sql: "SELECT \(LedgerEntry.selection) FROM ledger WHERE account_id = ? ORDER BY seq"),
                                 arguments: [account])
    }

    /// Rows selected by day or run, oldest first.
    /// - Parameters:
    ///   - since: only rows whose day is on or after this day.
    ///   - afterRun: only rows of runs after this one.
    ///   - run: only rows of this run.
    ///   - ownershipOnly: only rows that move accounts (an ownership kind whose `to` differs from its `from`).
    public func entries(since: Day? = nil, afterRun: RunID? = nil, run: RunID? = nil,
                        ownershipOnly: Bool = false) throws -> [LedgerEntry] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let since { conditions.append("day >= ?"); arguments += [since] }
        if let afterRun { conditions.append("run_id > ?"); arguments += [afterRun] }
        if let run { conditions.append("run_id = ?"); arguments += [run] }
        if ownershipOnly {
            let kinds = LedgerKind.allCases.filter(\.changesOwner)
            conditions.append("kind IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(kinds)
            conditions.append("from_rep IS NOT to_rep")
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try LedgerEntry.fetchAll(db, sql: "SELECT \(LedgerEntry.selection) FROM ledger\(filter) ORDER BY seq",
                                        arguments: arguments)
    }

    /// The books as the ledger alone says they are: replays every row in sequence.
    public func replayBooks() throws -> [Ownership] {
        try Self.replayBooks(entries())
    }

    /// The books after `entries`, applied in order: each account belongs to the `to` of its last
    /// ownership row, since the day of the row that gave it to that rep (a later row naming the
    /// same owner changes nothing); accounts whose last such row sends them to the pool are in no book.
    /// - Returns: the book entries sorted by account id.
    public static func replayBooks(_ entries: [LedgerEntry]) -> [Ownership] {
        var books: [AccountID: Ownership] = [:]
        for entry in entries where entry.kind.changesOwner {
            if let rep = entry.to, let seq = entry.seq {
                if books[entry.account]?.rep == rep { continue }
                books[entry.account] = Ownership(account: entry.account, rep: rep, ownedSince: entry.day, seq: seq)
            } else {
                books[entry.account] = nil
            }
        }
        return books.values.sorted { $0.account < $1.account }
    }
}
