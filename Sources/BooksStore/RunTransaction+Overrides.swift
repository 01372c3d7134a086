import DynamicBooks
import GRDB

/// Who made a manual change and why: kept in the ledger row's reason and detail.
public struct OverrideAuthor: Sendable, Hashable, Codable {
    /// The person (or system) that made the change.
    public var who: String
    /// Why, in their words.
    public var reason: String
    /// Where it came from: `cli`, `crm`, …
    public var source: String

    public init(who: String, reason: String, source: String = "cli") {
        self.who = who; self.reason = reason; self.source = source
    }

    /// `source cli, by ada`: the ledger row's detail.
    var detail: String { "source \(source)" + (who.isEmpty ? "" : ", by \(who)") }
}

/// What an override did (`books assign`, `unlock`, `review clear`, `disqualify lift`).
public struct OverrideOutcome: Sendable, Hashable, Codable {
    public var action: String
    public var account: AccountID
    /// The accounts moved with it (its family), including itself.
    public var accounts: [AccountID]
    public var from: RepID?
    public var to: RepID?
    public var locked: Bool
    public var lockedUntil: Day?
    public var reason: String
    public var who: String
    /// The ledger rows written, by sequence number.
    public var ledgerSeqs: [Int64]
    /// The receiving rep's load and capacity after the change (`books assign`): a manual
    /// assignment may take a book over its capacity, which is said, not refused.
    public var load: Double?
    public var capacity: Double?
}

extension RunTransaction {
    /// Assigns an account by hand (`books assign`): it and the rest of its family go to `rep` as
    /// `manual` ledger rows; with `lock`, every later plan keeps it there until `until` (or until
    /// `books unlock`).
    /// - Throws: ``WorkspaceError/unknownAccount(_:)``, ``WorkspaceError/unknownRep(_:)``, or
    ///   ``WorkspaceError/refused(_:)`` for a rep not on the team on the run's day, an end day not
    ///   after it, or a family member locked to another rep.
    public func assign(_ account: AccountID, to rep: RepID, lock: Bool, until: Day?,
                       author: OverrideAuthor) throws -> OverrideOutcome {
        guard try AccountRow.exists(db, id: account) else { throw WorkspaceError.unknownAccount(account) }
        guard let target = try RepRow.fetch(db, id: rep) else { throw WorkspaceError.unknownRep(rep) }
        guard target.isEmployed(on: asOf) else {
            throw WorkspaceError.refused("rep \(rep) is not on the team on \(asOf) (status \(target.status)"
                                         + (target.endDate.map { ", end date \($0)" } ?? "") + "): assign the account to another rep")
        }
        if let until, until <= asOf {
            throw WorkspaceError.refused("--until \(until) is not after the as-of day \(asOf): a lock must end in the future")
        }
        let family = try familyMembers(of: account)
        for member in family {
            if let held = try AccountLock.fetch(db, account: member), held.holds(on: asOf), held.rep != rep {
                throw WorkspaceError.refused("account \(member) is locked to \(held.rep) (\(held.reason)): `books unlock \(member)` first")
            }
        }
        let from = try reader.owner(of: account)?.rep
        var seqs: [Int64] = []
        for member in family {
            let owner = try reader.owner(of: member)?.rep
            guard owner != rep else { continue }
            let written = try ledger.append([LedgerEntry(run: run, day: asOf, account: member, from: owner, to: rep, kind: .manual,
                                                         reason: author.reason, detail: author.detail)])
            seqs += written.compactMap(\.seq)
        }
        if lock {
            let detail = (until.map { "until \($0)" } ?? "until unlocked") + "; " + author.detail
            let written = try ledger.append([LedgerEntry(run: run, day: asOf, account: account, from: nil, to: nil, kind: .locked,
                                                         reason: author.reason, detail: detail)])
            guard let seq = written.first?.seq else { throw WorkspaceError.refused("the lock was not recorded") }
            seqs.append(seq)
            for member in family {
                try AccountLock(account: member, rep: rep, until: until, reason: author.reason, seq: seq).save(db)
            }
        }
        var outcome = OverrideOutcome(action: "assign", account: account, accounts: family, from: from, to: rep, locked: lock,
                                      lockedUntil: lock ? until : nil, reason: author.reason, who: author.who, ledgerSeqs: seqs)
        outcome.load = try reader.loads()[rep] ?? 0
        outcome.capacity = try reader.policy().plannedCapacity(of: target)
        return outcome
    }

    /// Lifts a lock made by hand (`books unlock`), for the account and its family.
    /// - Throws: ``WorkspaceError/refused(_:)`` when the account has no such lock (a lock from
    ///   accounts.csv's `locked` column is lifted there).
    public func unlock(_ account: AccountID, author: OverrideAuthor) throws -> OverrideOutcome {
        guard let row = try AccountRow.fetch(db, id: account) else { throw WorkspaceError.unknownAccount(account) }
        guard let held = try AccountLock.fetch(db, account: account) else {
            throw WorkspaceError.refused(row.locked
                ? "account \(account) is locked by accounts.csv (column locked): clear it there and run `books import`"
                : "account \(account) is not locked")
        }
        let written = try ledger.append([LedgerEntry(run: run, day: asOf, account: account, from: nil, to: nil, kind: .unlocked,
                                                     reason: author.reason, detail: "was locked to \(held.rep); " + author.detail)])
        let family = try familyMembers(of: account)
        for member in family {
            try db.execute(sql: "DELETE FROM locks WHERE account_id = ?", arguments: [member])
        }
        return OverrideOutcome(action: "unlock", account: account, accounts: family, from: held.rep, to: held.rep, locked: false,
                               lockedUntil: nil, reason: author.reason, who: author.who, ledgerSeqs: written.compactMap(\.seq))
    }

    /// Takes an account out of data review (`books review clear`): plans may assign it again.
    public func clearReview(_ account: AccountID, author: OverrideAuthor) throws -> OverrideOutcome {
        try lift(account, table: "data_review", kind: .reviewCleared, action: "review_clear", missing: "is not in data review", author: author)
    }

    /// Lifts a disqualification (`books disqualify lift`): plans may assign the account again.
    public func liftDisqualification(_ account: AccountID, author: OverrideAuthor) throws -> OverrideOutcome {
        try lift(account, table: "disqualified", kind: .disqualificationLifted, action: "disqualify_lift",
                 missing: "is not disqualified", author: author)
    }

    private func lift(_ account: AccountID, table: String, kind: LedgerKind, action: String, missing: String,
                      author: OverrideAuthor) throws -> OverrideOutcome {
        guard try AccountRow.exists(db, id: account) else { throw WorkspaceError.unknownAccount(account) }
        guard let since = try String.fetchOne(db, sql: "SELECT day FROM \(table) WHERE account_id = ?", arguments: [account]) else {
            throw WorkspaceError.refused("account \(account) \(missing)")
        }
        let written = try ledger.append([LedgerEntry(run: run, day: asOf, account: account, from: nil, to: nil, kind: kind,
                                                     reason: author.reason, detail: "since \(since); " + author.detail)])
        try db.execute(sql: "DELETE FROM \(table) WHERE account_id = ?", arguments: [account])
        let owner = try reader.owner(of: account)?.rep
        return OverrideOutcome(action: action, account: account, accounts: [account], from: owner, to: owner, locked: false,
                               lockedUntil: nil, reason: author.reason, who: author.who, ledgerSeqs: written.compactMap(\.seq))
    }

    /// The account and the accounts that share its parent (or are its parent, or its children),
    /// sorted by id: a family moves as one.
    func familyMembers(of account: AccountID) throws -> [AccountID] {
        guard let row = try AccountRow.fetch(db, id: account) else { return [account] }
        let root = row.parentId ?? account
        var members = Set(try AccountID.fetchAll(db, sql: "SELECT id FROM accounts WHERE id = ? OR parent_id = ?",
                                                 arguments: [root, root]))
        members.insert(account)
        return members.sorted()
    }
}

extension WorkspaceReader {
    /// The lock made by hand on an account, if any (whether it holds depends on the day).
    public func lock(of account: AccountID) throws -> AccountLock? {
        try AccountLock.fetch(db, account: account)
    }
}
