import DynamicBooks
import GRDB

/// The mutating side of one run: everything a command changes goes through here, inside the
/// single transaction ``Workspace/perform(_:asOf:_:)`` opened.
public struct RunTransaction {
    let db: Database
    /// The workspace file, for messages.
    public let path: String
    /// The run being recorded.
    public let run: RunID
    /// The run's as-of day.
    public let asOf: Day

    /// Reads see this run's own changes.
    public var reader: WorkspaceReader { WorkspaceReader(db: db, path: path) }
    public var ledger: Ledger { Ledger(db: db) }

    /// Applies ownership changes — a plan's, a routing decision, a manual move — as ledger rows of
    /// `kind`, moving the accounts in the books.
    ///
    /// Each change must start from the account's current owner: a change computed on other books
    /// is refused rather than applied over them. A change whose `from` equals its `to` is skipped.
    /// - Parameters:
    ///   - changes: in the order they are to be recorded.
    ///   - kind: an ownership kind (`assigned`, `topped_off`, `routed`, `manual`, …).
    ///   - day: the day they take effect; the run's as-of day by default.
    /// - Returns: the ledger rows written.
    /// - Throws: ``WorkspaceError/unknownAccount(_:)``, ``WorkspaceError/unknownRep(_:)``,
    ///   ``WorkspaceError/staleChange(account:expected:actual:)``.
    @discardableResult
    public func apply(changes: [BookChange], kind: LedgerKind, day: Day? = nil) throws -> [LedgerEntry] {
        precondition(kind.changesOwner, "apply(changes:kind:) records ownership changes; \(kind) is not one")
        var written: [LedgerEntry] = []
        for change in changes where change.from != change.to {
            guard try AccountRow.exists(db, id: change.account) else { throw WorkspaceError.unknownAccount(change.account) }
            if let rep = change.to, try !RepRow.exists(db, id: rep) { throw WorkspaceError.unknownRep(rep) }
            let current = try reader.owner(of: change.account)?.rep
            guard current == change.from else {
                throw WorkspaceError.staleChange(account: change.account, expected: change.from, actual: current)
            }
            written += try ledger.append([LedgerEntry(
                run: run, day: day ?? asOf, account: change.account, from: change.from, to: change.to,
                kind: kind, reason: change.reason, detail: change.detail)])
        }
        return written
    }
}

/// One change of ownership: `account` goes from `from` to `to` (nil = the pool) for `reason`.
/// This is the shape of a plan's `changes.csv` row.
public struct BookChange: Sendable, Hashable, Codable {
    public var account: AccountID
    public var from: RepID?
    public var to: RepID?
    public var reason: String
    /// Optional numbers or note behind the reason.
    public var detail: String

    public init(account: AccountID, from: RepID?, to: RepID?, reason: String, detail: String = "") {
        self.account = account; self.from = from; self.to = to; self.reason = reason; self.detail = detail
    }
}

extension Workspace {
    /// Applies ownership changes in a run of their own.
    /// - Parameters:
    ///   - changes: the changes, e.g. a plan's.
    ///   - kind: the ledger kind of every row (`assigned` for a rebalance, `topped_off`, `routed`, `manual`).
    ///   - run: the kind of run to record.
    ///   - asOf: the day they take effect.
    /// - Returns: the ledger rows written.
    @discardableResult
    public func apply(changes: [BookChange], kind: LedgerKind, run: RunKind, asOf: Day) throws -> [LedgerEntry] {
        try perform(run, asOf: asOf) { tx in try tx.apply(changes: changes, kind: kind) }
    }
}
