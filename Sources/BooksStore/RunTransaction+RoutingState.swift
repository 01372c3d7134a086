import DynamicBooks
import GRDB

// The workspace facts one routing decision needs, each fetched with an indexed query so that a
// decision costs the same in a workspace of a thousand accounts as in one of a million.

extension RunTransaction {
    /// The policy and the reps, from `cache` when the workspace has not changed them.
    func routingSnapshot(_ cache: RoutingCache) throws -> RoutingCache.Snapshot {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT max(id) FROM policy) AS policy, (SELECT value FROM meta WHERE key = 'reps_version') AS reps
            """)
        guard let policyID: Int64 = row?["policy"] else { throw WorkspaceError.notImported(path: path) }
        let repsVersion: String = row?["reps"] ?? ""
        return try cache.current(policyID: policyID, repsVersion: repsVersion) { (try reader.policy(), try reader.reps()) }
    }

    /// The reps that may take `account`: those of its segment covering its theater (none when it
    /// has no theater), plus the reps in `also` (owner, family owner).
    func routingReps(for account: ScoredAccount, also extra: [RepID], in directory: RepDirectory) -> [Rep] {
        var reps = account.theater.map { directory.reps(segment: account.segment, theater: $0) } ?? []
        let found = Set(reps.map(\.id))
        for id in Set(extra).subtracting(found).sorted() {
            if let rep = directory.byID[id] { reps.append(rep) }
        }
        return reps
    }

    /// Workload units in the books of `reps` (from `rep_loads`, which triggers keep up to date).
    func loads(of reps: [RepID]) throws -> [RepID: Double] {
        guard !reps.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: reps.count).joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "SELECT rep_id, units FROM rep_loads WHERE rep_id IN (\(placeholders))",
                                    arguments: StatementArguments(reps))
        var loads: [RepID: Double] = [:]
        for row in rows {
            let units: Int64 = row["units"]
            loads[row["rep_id"]] = Double(units) / Double(Workspace.loadUnitsPerWorkload)
        }
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
