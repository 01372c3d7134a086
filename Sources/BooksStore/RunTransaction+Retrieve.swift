import DynamicBooks
import GRDB

extension WorkspaceReader {
    /// The coverage review as of `day` on the current books (see ``CoverageReview``); changes nothing.
    ///
    /// Reads only what the review needs: the owned accounts' holding facts and their owners'
    /// activity up to `day`.
    public func coverageReview(on day: Day) throws -> CoverageReport {
        let policy = try policy()
        let index = ActivityIndex(try ownersActivity(through: day, coverage: policy.coverage), policy: policy.coverage)
        let reps = try RepID.fetchAll(db.cachedStatement(sql: "SELECT id FROM reps ORDER BY id"))
        return CoverageReview(policy: policy).review(accounts: try holdings(on: day), activity: index, reps: reps, on: day)
    }

    /// Owned accounts with what coverage needs: owner, since, parent, locked (in accounts.csv, or
    /// to its owner by hand on `day`), customer, CRM last activity.
    func holdings(on day: Day) throws -> [Account] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT books.account_id, books.rep_id, books.owned_since, accounts.parent_id,
                   accounts.locked OR EXISTS (SELECT 1 FROM locks WHERE locks.account_id = books.account_id
                       AND locks.rep_id = books.rep_id AND (locks.until IS NULL OR locks.until > ?)),
                   accounts.customer, accounts.last_activity
            FROM books JOIN accounts ON accounts.id = books.account_id ORDER BY books.account_id
            """), arguments: [day]).map { row in
            Account(id: try row.decode(atIndex: 0), owner: try row.decode(atIndex: 1), ownedSince: try row.decode(atIndex: 2),
                    lastActivity: try row.decode(atIndex: 6), customer: try row.decode(atIndex: 5),
                    locked: try row.decode(atIndex: 4), parentID: try row.decode(atIndex: 3))
        }
    }

    /// What a coverage review on `day` reads of each owner's activity on its own accounts: the
    /// touches in the coverage window, and each account's last qualifying touch before the window
    /// (as one activity of a qualifying type). An ``ActivityIndex`` of these answers every count
    /// in the window and every last-worked day exactly as one of the whole log would, while a
    /// year of history is read as one row per account instead of every touch.
    func ownersActivity(through day: Day, coverage: CoveragePolicy) throws -> [Activity] {
        let start = coverage.windowStart(on: day)
        let inWindow = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT activity.account_id, activity.rep_id, activity.day, activity.type
            FROM activity JOIN books ON books.account_id = activity.account_id AND books.rep_id = activity.rep_id
            WHERE activity.day >= ? AND activity.day <= ?
            """), arguments: [start, day]).map { row in
            Activity(accountID: try row.decode(atIndex: 0), repID: try row.decode(atIndex: 1),
                     date: try row.decode(atIndex: 2), type: try row.decode(atIndex: 3))
        }
        guard let qualifyingType = coverage.activityTypes.first else { return inWindow }
        let qualifies = DatabaseFunction("books_qualifies", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(coverage.qualifies) ?? false
        }
        db.add(function: qualifies)
        defer { db.remove(function: qualifies) }
        let before = try Row.fetchAll(db.makeStatement(sql: """
            SELECT activity.account_id, activity.rep_id, MAX(activity.day)
            FROM activity JOIN books ON books.account_id = activity.account_id AND books.rep_id = activity.rep_id
            WHERE activity.day < ? AND activity.day <= ? AND books_qualifies(activity.type)
            GROUP BY activity.account_id, activity.rep_id
            """), arguments: [start, day]).map { row in
            Activity(accountID: try row.decode(atIndex: 0), repID: try row.decode(atIndex: 1),
                     date: try row.decode(atIndex: 2), type: qualifyingType)
        }
        return inWindow + before
    }
}

extension RunTransaction {
    /// Sends the accounts their owners have not worked back to the pool (`retrieved`, with the
    /// coverage rule and its numbers) and bars each from its owner for `returns.same_rep_days`.
    ///
    /// Running it twice on the same day changes nothing the second time: the accounts are in the pool.
    /// - Returns: the review that was applied.
    public func retrieve() throws -> CoverageReport {
        let report = try reader.coverageReview(on: asOf)
        for retrieval in report.retrievals {
            let current = try reader.owner(of: retrieval.account)?.rep
            guard current == retrieval.rep else {
                throw WorkspaceError.staleChange(account: retrieval.account, expected: retrieval.rep, actual: current)
            }
            let entries = try ledger.append([LedgerEntry(
                run: run, day: asOf, account: retrieval.account, from: retrieval.rep, to: nil,
                kind: .retrieved, reason: CoverageReview.retrievalRule, detail: retrieval.message)])
            if let seq = entries.first?.seq {
                try RestrictionStore.bar(db, account: retrieval.account, rep: retrieval.rep, until: retrieval.barredUntil,
                                         reason: "retrieved: \(CoverageReview.retrievalRule)", seq: seq)
            }
        }
        return report
    }
}

extension Workspace {
    /// Retrieves in a run of its own (see ``RunTransaction/retrieve()``).
    public func retrieve(asOf: Day) throws -> CoverageReport {
        try perform(.retrieve, asOf: asOf) { tx in try tx.retrieve() }
    }
}
