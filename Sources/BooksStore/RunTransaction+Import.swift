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
    /// Whether ``reps`` is the whole team (a reps.csv): a known rep missing from it who still
    /// owns accounts has left. False for partial imports (inbound accounts, activity).
    public var repsComplete: Bool

    public init(accounts: [ScoredAccount], reps: [Rep], activity: [Activity] = [], policy: Policy, policyText: String = "",
                repsComplete: Bool = false) {
        self.accounts = accounts; self.reps = reps; self.activity = activity
        self.policy = policy; self.policyText = policyText; self.repsComplete = repsComplete
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
    /// Known accounts and reps whose columns are as they were (`accounts_updated` counts the others).
    public var accountsUnchanged = 0
    public var repsUnchanged = 0
    /// Owners changed in the CRM since the last import, taken into the books as `manual` ledger
    /// rows (reason `crm`).
    public var ownersFromCRM = 0
    /// Reps missing from reps.csv who still owned accounts: recorded as departed (not those who
    /// joined after the previous import, which the file cannot know yet).
    public var repsDeparted: [RepID] = []
    /// Books of departed reps and reps on leave, handed to others in the same run.
    public var redistribution: Redistribution = .none
    /// Rows of any kind that changed: 0 for a re-import of the same files.
    public var changed: Int {
        accountsAdded + accountsUpdated + repsAdded + repsUpdated + activityAdded + ownersImported + ownersChanged
            + ownersFromCRM + repsDeparted.count + (policyChanged ? 1 : 0)
    }
    public init() {}
}

extension RunTransaction {
    /// Loads accounts, reps, activity and the policy; re-importing updates accounts and reps by id
    /// and keeps every history.
    ///
    /// - A new account's CRM owner becomes its first ledger row (`imported`, on its `owned_since`
    ///   or the as-of day).
    /// - For an account already in the workspace the books stay as they are: the workspace is where
    ///   they are kept. An owner changed in the CRM since the last import (accounts.csv names
    ///   another active rep than it did then) is taken as a `manual` ledger row, reason `crm`,
    ///   unless the account is locked to its owner by hand. Where the CRM disagrees otherwise (the
    ///   books moved it and the CRM has not caught up) the account is listed in
    ///   ``ImportSummary/ownerDisagreements``; with `ownersFromCSV` the CRM's owner is taken
    ///   instead, as a `manual` ledger row.
    /// - A rep the workspace knows that reps.csv no longer lists, and that still owns accounts,
    ///   has left (when ``ImportData/repsComplete``); its book, and the books of reps whose
    ///   `end_date` has come or who are on leave, are handed to the others in the same run.
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

        let existingReps = Dictionary(try RepRow.fetchAll(db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for var rep in data.reps {
            if let existing = existingReps[rep.id] {
                // A reps.csv that says nothing of leaving keeps a leave or departure recorded here.
                if rep.status == .active && rep.endDate == nil && existing.status != .active {
                    rep.status = existing.status
                    rep.endDate = existing.endDate
                    if existing.status == .leave { rep.unavailableUntil = existing.unavailableUntil }
                }
                rep.startDate = rep.startDate ?? existing.startDate
                if existing == rep { summary.repsUnchanged += 1; continue }
                summary.repsUpdated += 1
            } else {
                summary.repsAdded += 1
            }
            try RepRow(rep).upsert(db)
        }
        let books = Dictionary(try Ownership.fetchAll(db).map { ($0.account, $0.rep) }, uniquingKeysWith: { a, _ in a })
        if data.repsComplete {
            let listed = Set(data.reps.map(\.id))
            let owning = Set(books.values)
            // A rep who joined (`books rep add`) after the last import cannot be in a file exported before it.
            let lastImport = try Day.fetchOne(db, sql: "SELECT MAX(as_of) FROM runs WHERE kind = ? AND id < ?",
                                              arguments: [RunKind.import.rawValue, run.rawValue])
            for (id, rep) in existingReps.sorted(by: { $0.key < $1.key })
            where !listed.contains(id) && owning.contains(id) && rep.status != .departed
                && !(rep.startDate.map { start in lastImport.map { start > $0 } ?? false } ?? false) {
                var gone = rep
                gone.status = .departed
                gone.endDate = gone.endDate.map { Swift.min($0, asOf) } ?? asOf
                try RepRow(gone).upsert(db)
                summary.repsDeparted.append(id)
            }
        }

        let existingAccounts = Dictionary(try AccountRow.fetchAll(db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let crmOwners = try CRMOwner.all(db)
        let employed = Set(try RepRow.fetchAll(db).filter { $0.isEmployed(on: asOf) }.map(\.id))
        let locks = try AccountLock.active(db, on: asOf)
        var ownership: [LedgerEntry] = []
        for scored in data.accounts.sorted(by: { $0.id < $1.id }) {
            let account = scored.account
            let row = AccountRow(scored)
            let previous = existingAccounts[account.id]
            if previous != row { try row.upsert(db) }
            let crm = account.owner?.rawValue ?? ""
            if crmOwners[account.id] != .some(crm) { try CRMOwner.set(db, account: account.id, owner: crm) }
            let crmDay = account.ownedSince ?? asOf
            guard let previous else {
                summary.accountsAdded += 1
                if let owner = account.owner {
                    ownership.append(LedgerEntry(run: run, day: crmDay, account: account.id, from: nil, to: owner,
                                                 kind: .imported, reason: "import"))
                    summary.ownersImported += 1
                }
                continue
            }
            if previous == row { summary.accountsUnchanged += 1 } else { summary.accountsUpdated += 1 }
            let owner = books[account.id]
            guard owner != account.owner else { continue }
            if let newOwner = account.owner, !ownersFromCSV, let lastCRM = crmOwners[account.id] ?? nil, lastCRM != crm,
               employed.contains(newOwner), locks[account.id] == nil {
                // The CRM moved it since the last import: a manual change made outside books.
                ownership.append(LedgerEntry(run: run, day: asOf, account: account.id, from: owner, to: newOwner, kind: .manual,
                                             reason: "crm", detail: "source crm: owner in accounts.csv changed from "
                                                + (lastCRM.isEmpty ? "the pool" : lastCRM) + " to \(newOwner)"))
                summary.ownersFromCRM += 1
            } else if ownersFromCSV {
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
        summary.redistribution = try redistributeAwayBooks()
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

/// `accounts.crm_owner`: the owner accounts.csv gave at the last import (`""` = the pool; NULL =
/// not known, for accounts imported before it was kept).
enum CRMOwner {
    static func all(_ db: Database) throws -> [AccountID: String?] {
        var owners: [AccountID: String?] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, crm_owner FROM accounts") {
            owners[try row.decode(atIndex: 0)] = .some(try row.decode(atIndex: 1))
        }
        return owners
    }

    static func set(_ db: Database, account: AccountID, owner: String) throws {
        try db.cachedStatement(sql: "UPDATE accounts SET crm_owner = ? WHERE id = ?").execute(arguments: [owner, account])
    }
}

extension Workspace {
    /// Imports in a run of its own (see ``RunTransaction/importData(_:ownersFromCSV:)``).
    @discardableResult
    public func importData(_ data: ImportData, asOf: Day, ownersFromCSV: Bool = false) throws -> ImportSummary {
        try perform(.import, asOf: asOf) { tx in try tx.importData(data, ownersFromCSV: ownersFromCSV) }
    }
}
