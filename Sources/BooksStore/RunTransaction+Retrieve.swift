import DynamicBooks

extension WorkspaceReader {
    /// The coverage review as of `day` on the current books (see ``CoverageReview``); changes nothing.
    public func coverageReview(on day: Day) throws -> CoverageReport {
        let policy = try policy()
        let index = ActivityIndex(try activity(), policy: policy.coverage)
        return CoverageReview(policy: policy).review(
            accounts: try accounts().map(\.account), activity: index, reps: try reps().map(\.id), on: day)
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
