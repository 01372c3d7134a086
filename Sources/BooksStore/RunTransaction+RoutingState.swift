import DynamicBooks
import GRDB

// The workspace facts one routing decision needs, each fetched with an indexed query so that a
// decision costs the same in a workspace of a thousand accounts as in one of a million.

extension RunTransaction {
    /// The reps that may take `account`: those of its segment covering its theater (all of the
    /// segment when the account has no theater), plus the reps in `also` (owner, family owner).
    func routingReps(for account: ScoredAccount, also extra: [RepID]) throws -> [Rep] {
        var rows: [RepRow]
        if let theater = account.theater {
            rows = try RepRow.fetchAll(db, sql: """
                SELECT * FROM reps
                WHERE lower(segment) = lower(?)
                  AND (theaters = '[]' OR EXISTS (SELECT 1 FROM json_each(reps.theaters) WHERE lower(json_each.value) = lower(?)))
                ORDER BY id
                """, arguments: [account.segment, theater])
        } else {
            rows = []
        }
        let found = Set(rows.map(\.id))
        for id in Set(extra).subtracting(found).sorted() {
            if let row = try RepRow.fetchOne(db, key: id) { rows.append(row) }
        }
        return rows.map(\.rep)
    }

    /// Workload units in the books of `reps`.
    func loads(of reps: [RepID]) throws -> [RepID: Double] {
        guard !reps.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: reps.count).joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT books.rep_id AS rep, SUM(accounts.workload) AS load
            FROM books JOIN accounts ON accounts.id = books.account_id
            WHERE books.rep_id IN (\(placeholders)) GROUP BY books.rep_id
            """, arguments: StatementArguments(reps))
        var loads: [RepID: Double] = [:]
        for row in rows { loads[row["rep"]] = row["load"] }
        return loads
    }

    /// The owner of the account's parent or of an account sharing its parent (or of a child, when
    /// the account is a parent), other than the account itself; the smallest rep id when they disagree.
    func familyOwner(of account: ScoredAccount) throws -> RepID? {
        let root = account.account.parentID ?? account.id
        return try RepID.fetchOne(db, sql: """
            SELECT books.rep_id FROM accounts JOIN books ON books.account_id = accounts.id
            WHERE (accounts.id = ? OR accounts.parent_id = ?) AND accounts.id <> ?
            ORDER BY books.rep_id LIMIT 1
            """, arguments: [root, root, account.id])
    }

    /// The round-robin state of one segment × theater cell.
    func rotation(_ key: String) throws -> SmoothWeightedRoundRobin {
        var current: [RepID: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rep_id, current FROM routing_rotation WHERE rotation = ?", arguments: [key]) {
            current[row["rep_id"]] = row["current"]
        }
        return SmoothWeightedRoundRobin(current: current)
    }

    /// Writes the current weights that changed.
    func save(_ rotation: SmoothWeightedRoundRobin, key: String, before: SmoothWeightedRoundRobin) throws {
        for (rep, current) in rotation.current.sorted(by: { $0.key < $1.key }) where before.current[rep] != current {
            try db.execute(sql: """
                INSERT INTO routing_rotation (rotation, rep_id, current) VALUES (?, ?, ?)
                ON CONFLICT (rotation, rep_id) DO UPDATE SET current = excluded.current
                """, arguments: [key, rep, current])
        }
    }
}
