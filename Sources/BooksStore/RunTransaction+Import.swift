import DynamicBooks
import Foundation
import GRDB

/// Everything `books import` loads: scored accounts, reps, activity and the policy.
public struct ImportData: Sendable {
    /// Accounts with their derived facts; `owner`/`ownedSince` are the CRM's.
    public var accounts: [ScoredAccount]
    public var reps: [Rep]
    public var activity: [Activity]
    public var policy: Policy
    /// The policy file as written (kept for the record; may be empty for the default policy).
    public var policyText: String

    public init(accounts: [ScoredAccount], reps: [Rep], activity: [Activity] = [], policy: Policy, policyText: String = "") {
        self.accounts = accounts; self.reps = reps; self.activity = activity
        self.policy = policy; self.policyText = policyText
    }
}

/// What an import changed.
public struct ImportSummary: Sendable, Hashable, Codable {
    public var accountsAdded = 0
    public var accountsUpdated = 0
    public var repsAdded = 0
    public var repsUpdated = 0
    public var activityAdded = 0
    /// Activity rows already in the workspace.
    public var activityKnown = 0
    /// Owners of new accounts written to the ledger as `imported`.
    public var ownersImported = 0
    /// Owners taken over from the CRM for known accounts (ledger `manual`), with `ownersFromCSV`.
    public var ownersChanged = 0
    /// Known accounts whose CRM owner differs from the books (left as the books say).
    public var ownerDisagreements: [AccountID] = []
    public var policyChanged = false
    public init() {}
}

extension RunTransaction {
    /// Loads accounts, reps, activity and the policy; re-importing updates accounts and reps by id
    /// and keeps every history.
    ///
    /// - A new account's CRM owner becomes its first ledger row (`imported`, on its `owned_since`
    ///   or the as-of day).
    /// - For an account already in the workspace the books stay as they are: the workspace is where
    ///   they are kept. Where the CRM disagrees the account is listed in ``ImportSummary/ownerDisagreements``;
    ///   with `ownersFromCSV` the CRM's owner is taken instead, as a `manual` ledger row.
    /// - Activity is added, not replaced: identical rows (same account, rep, day and type) are
    ///   numbered, so importing the same file twice adds nothing.
    /// - Accounts and reps missing from a re-import stay in the workspace.
    /// - Throws: ``WorkspaceError/invalidImport(_:)`` for duplicate ids or an owner that is no rep.
    public func importData(_ data: ImportData, ownersFromCSV: Bool = false) throws -> ImportSummary {
        var summary = ImportSummary()
        let knownReps = Set(try RepRow.fetchAll(db).map(\.id))
        try validate(data, knownReps: knownReps)

        let json = try JSONColumn.text(data.policy)
        let current = try PolicyRow.latest(db)
        if current?.json != json || current?.yaml != data.policyText {
            var row = PolicyRow(id: nil, runId: run, yaml: data.policyText, json: json)
            try row.insert(db)
            summary.policyChanged = true
        }

        for rep in data.reps {
            if knownReps.contains(rep.id) { summary.repsUpdated += 1 } else { summary.repsAdded += 1 }
            try RepRow(rep).upsert(db)
        }

        let knownAccounts = try AccountRow.ids(db)
        let books = Dictionary(try Ownership.fetchAll(db).map { ($0.account, $0.rep) }, uniquingKeysWith: { a, _ in a })
        var ownership: [LedgerEntry] = []
        for scored in data.accounts.sorted(by: { $0.id < $1.id }) {
            let account = scored.account
            try AccountRow(scored).upsert(db)
            let crmDay = account.ownedSince ?? asOf
            guard knownAccounts.contains(account.id) else {
                summary.accountsAdded += 1
                if let owner = account.owner {
                    ownership.append(LedgerEntry(run: run, day: crmDay, account: account.id, from: nil, to: owner,
                                                 kind: .imported, reason: "import"))
                    summary.ownersImported += 1
                }
                continue
            }
            summary.accountsUpdated += 1
            let owner = books[account.id]
            guard owner != account.owner else { continue }
            if ownersFromCSV {
                ownership.append(LedgerEntry(run: run, day: crmDay, account: account.id, from: owner, to: account.owner,
                                             kind: .manual, reason: "import", detail: "owner taken from accounts.csv"))
                summary.ownersChanged += 1
            } else {
                summary.ownerDisagreements.append(account.id)
            }
        }
        try ledger.append(ownership)

        var ordinals: [ActivityKey: Int] = [:]
        for activity in data.activity {
            let key = ActivityKey(account: activity.accountID, rep: activity.repID, day: activity.date, type: activity.type)
            let ordinal = ordinals[key, default: 0]
            ordinals[key] = ordinal + 1
            if try ActivityTable.insert(db, activity, ordinal: ordinal, run: run) {
                summary.activityAdded += 1
            } else {
                summary.activityKnown += 1
            }
        }
        return summary
    }

    private struct ActivityKey: Hashable { var account: AccountID; var rep: RepID; var day: Day; var type: String }

    private func validate(_ data: ImportData, knownReps: Set<RepID>) throws {
        var seenReps: Set<RepID> = []
        for rep in data.reps where !seenReps.insert(rep.id).inserted {
            throw WorkspaceError.invalidImport("rep \(rep.id) appears twice in reps.csv; rep ids must be unique")
        }
        var seenAccounts: Set<AccountID> = []
        for account in data.accounts where !seenAccounts.insert(account.id).inserted {
            throw WorkspaceError.invalidImport("account \(account.id) appears twice in accounts.csv; account ids must be unique")
        }
        for scored in data.accounts {
            guard let owner = scored.account.owner, !seenReps.contains(owner), !knownReps.contains(owner) else { continue }
            throw WorkspaceError.invalidImport("account \(scored.id): owner \(owner) is not a rep in reps.csv or the workspace")
        }
    }
}

extension Workspace {
    /// Imports in a run of its own (see ``RunTransaction/importData(_:ownersFromCSV:)``).
    @discardableResult
    public func importData(_ data: ImportData, asOf: Day, ownersFromCSV: Bool = false) throws -> ImportSummary {
        try perform(.import, asOf: asOf) { tx in try tx.importData(data, ownersFromCSV: ownersFromCSV) }
    }
}
