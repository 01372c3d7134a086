import DynamicBooks
import GRDB

// The workspace facts one routing decision needs. Each is one indexed query on a statement
// prepared once per connection, so a decision costs the same in a workspace of a thousand
// accounts as in one of a million, and little more than the commit itself.

extension RunTransaction {
    /// The policy and the reps, from `cache` when the workspace has not changed them.
    func routingSnapshot(_ cache: RoutingCache) throws -> RoutingCache.Snapshot {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT max(id) FROM policy) AS policy, (SELECT value FROM meta WHERE key = 'reps_version') AS reps
            """))
        guard let policyID: Int64 = row?["policy"] else { throw WorkspaceError.notImported(path: path) }
        let repsVersion: String = row?["reps"] ?? ""
        return try cache.current(policyID: policyID, repsVersion: repsVersion) { (try reader.policy(), try reader.reps()) }
    }

    /// One account with its owner from the books, nil when the workspace has no such account.
    func routingAccount(_ id: AccountID) throws -> ScoredAccount? {
        guard let row = try AccountRow.fetch(db, id: id) else { return nil }
        return try row.scoredAccount(owner: try Ownership.fetch(db, account: id), path: path)
    }

    /// Rests, bars, disqualification and data review of one account, in one query.
    func routingRestrictions(of account: AccountID) throws -> AccountRestrictions {
        var restrictions = AccountRestrictions()
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT 'rest' AS kind, NULL AS rep, until FROM rests WHERE account_id = ?1
            UNION ALL SELECT 'bar', rep_id, until FROM bars WHERE account_id = ?1
            UNION ALL SELECT 'disqualified', NULL, NULL FROM disqualified WHERE account_id = ?1
            UNION ALL SELECT 'review', NULL, NULL FROM data_review WHERE account_id = ?1
            """), arguments: [account])
        for row in rows {
            let until: Day? = row["until"]
            switch row["kind"] as String {
            case "rest": if let until { restrictions.rest(account, until: until) }
            case "bar": if let until, let rep: RepID = row["rep"] { restrictions.bar(account, from: rep, until: until) }
            case "disqualified": restrictions.disqualified.insert(account)
            default: restrictions.inDataReview.insert(account)
            }
        }
        return restrictions
    }

    /// The reps that may take `account`: those of its segment covering its theater (none when it
    /// has no theater), plus the reps in `also` (owner, family owner).
    func routingReps(for account: ScoredAccount, also extra: [RepID], in directory: RepDirectory) -> [Rep] {
        var reps = account.theater.map { directory.reps(segment: account.segment, theater: $0) } ?? []
        for id in extra where !reps.contains(where: { $0.id == id }) {
            if let rep = directory.byID[id] { reps.append(rep) }
        }
        return reps
    }

    /// Workload units in the books of `reps` (from `rep_loads`, which triggers keep up to date).
    func loads(of reps: [RepID]) throws -> [RepID: Double] {
        guard !reps.isEmpty else { return [:] }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT rep_id, units FROM rep_loads WHERE rep_id IN (SELECT value FROM json_each(?))
            """), arguments: [reps.jsonArray])
        var loads: [RepID: Double] = [:]
        loads.reserveCapacity(reps.count)
        while let row = try rows.next() {
            let rep: String = row[0]
            let units: Int64 = row[1]
            loads[RepID(rep)] = Double(units) / Double(Workspace.loadUnitsPerWorkload)
        }
        return loads
    }

    /// The owner of the account's parent or of an account sharing its parent (or of a child, when
    /// the account is a parent), other than the account itself; the smallest rep id when they disagree.
    func familyOwner(of account: ScoredAccount) throws -> RepID? {
        let root = account.account.parentID ?? account.id
        return try RepID.fetchOne(db.cachedStatement(sql: """
            SELECT books.rep_id FROM accounts JOIN books ON books.account_id = accounts.id
            WHERE (accounts.id = ?1 OR accounts.parent_id = ?1) AND accounts.id <> ?2
            ORDER BY books.rep_id LIMIT 1
            """), arguments: [root, account.id])
    }

    /// The round-robin state of one segment × theater cell.
    func rotation(_ key: String) throws -> SmoothWeightedRoundRobin {
        var current: [RepID: Int64] = [:]
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT rep_id, current FROM routing_rotation WHERE rotation = ?"),
                                    arguments: [key])
        for row in rows { current[row["rep_id"]] = row["current"] }
        return SmoothWeightedRoundRobin(current: current)
    }

    /// Writes the current weights that changed.
    func save(_ rotation: SmoothWeightedRoundRobin, key: String, before: SmoothWeightedRoundRobin) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO routing_rotation (rotation, rep_id, current) VALUES (?, ?, ?)
            ON CONFLICT (rotation, rep_id) DO UPDATE SET current = excluded.current
            """)
        for (rep, current) in rotation.current.sorted(by: { $0.key < $1.key }) where before.current[rep] != current {
            try statement.execute(arguments: [key, rep, current])
        }
    }
}
