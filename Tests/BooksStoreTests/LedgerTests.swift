@testable import BooksStore
import DynamicBooks
import GRDB
import Testing

@Suite("Ledger: one row per change, books derived from it")
struct LedgerTests {
    @Test func importRecordsTheCRMOwnersAsTheFirstRows() throws {
        let workspace = try Fixture.workspace()
        let entries = try workspace.read { try $0.ledger.entries() }
        #expect(entries.map(\.account) == ["A1", "A2", "A3", "A5", "A6", "A7"])
        #expect(entries.allSatisfy { $0.kind == .imported && $0.from == nil && $0.run == RunID(rawValue: 1) })
        let a3 = try #require(entries.first { $0.account == "A3" })
        #expect(a3.to == "R2" && a3.day == Fixture.asOf - 6)
    }

    @Test func booksReplayedFromTheLedgerEqualTheBooksTable() throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.perform(.plan, asOf: Fixture.asOf) { tx in
            try tx.apply(changes: [
                BookChange(account: "A4", from: nil, to: "R2", reason: "rebalance"),
                BookChange(account: "A1", from: "R1", to: "R2", reason: "rebalance"),
                BookChange(account: "A7", from: "R3", to: nil, reason: "rebalance"),
            ], kind: .assigned)
        }
        _ = try workspace.decideReturns([ReturnSubmission(
            ReturnRequest(accountID: "A1", repID: "R2", date: Fixture.asOf, reason: "bad_timing"), origin: "t")],
            asOf: Fixture.asOf)
        _ = try workspace.retrieve(asOf: Fixture.asOf + 30)
        try workspace.apply(changes: [BookChange(account: "A7", from: nil, to: "R3", reason: "inbound")],
                            kind: .routed, run: .route, asOf: Fixture.asOf + 31)

        let (replayed, table, entries) = try workspace.read { r in (try r.ledger.replayBooks(), try r.books(), try r.ledger.entries()) }
        #expect(replayed == table)
        #expect(Set(entries.map(\.kind)).isSuperset(of: [.imported, .assigned, .returnRejected, .retrieved, .routed]))
        #expect(table.first { $0.account == "A7" } == Ownership(account: "A7", rep: "R3", ownedSince: Fixture.asOf + 31,
                                                                   seq: entries.last?.seq ?? -1))
        #expect(table.first { $0.account == "A4" }?.rep == "R2")
    }

    @Test func replayFollowsTheLastOwnershipRowOnly() {
        let run = RunID(rawValue: 1)
        let d = Fixture.day0
        let entries = [
            LedgerEntry(seq: 1, run: run, day: d, account: "A", from: nil, to: "R1", kind: .imported, reason: ""),
            LedgerEntry(seq: 2, run: run, day: d + 1, account: "A", from: "R1", to: "R1", kind: .returnRejected, reason: ""),
            LedgerEntry(seq: 3, run: run, day: d + 2, account: "B", from: nil, to: "R2", kind: .toppedOff, reason: ""),
            LedgerEntry(seq: 4, run: run, day: d + 3, account: "B", from: "R2", to: nil, kind: .returned, reason: ""),
            LedgerEntry(seq: 5, run: run, day: d + 3, account: "B", from: nil, to: nil, kind: .rested, reason: ""),
            LedgerEntry(seq: 6, run: run, day: d + 4, account: "C", from: nil, to: "R2", kind: .routed, reason: ""),
        ]
        #expect(Ledger.replayBooks(entries) == [
            Ownership(account: "A", rep: "R1", ownedSince: d, seq: 1),
            Ownership(account: "C", rep: "R2", ownedSince: d + 4, seq: 6),
        ])
    }

    @Test func theLedgerRefusesUpdatesAndDeletes() throws {
        let workspace = try Fixture.workspace()
        for sql in ["UPDATE ledger SET to_rep = 'R9'", "DELETE FROM ledger"] {
            #expect(throws: WorkspaceError.self) {
                try Workspace.mapErrors(workspace.path) { try workspace.queue.write { try $0.execute(sql: sql) } }
            }
        }
        #expect(try workspace.read { try $0.ledger.entries().count } == 6)
    }

    @Test func aChangeComputedOnOtherBooksIsRefusedAndNothingIsWritten() throws {
        let workspace = try Fixture.workspace()
        let before = try Snapshot(workspace)
        let stale = [BookChange(account: "A4", from: nil, to: "R2", reason: "plan"),
                     BookChange(account: "A1", from: "R2", to: "R1", reason: "plan")]
        #expect(throws: WorkspaceError.staleChange(account: "A1", expected: "R2", actual: "R1")) {
            try workspace.apply(changes: stale, kind: .assigned, run: .plan, asOf: Fixture.asOf)
        }
        #expect(throws: WorkspaceError.unknownRep("R9")) {
            try workspace.apply(changes: [BookChange(account: "A4", from: nil, to: "R9", reason: "plan")],
                                kind: .assigned, run: .plan, asOf: Fixture.asOf)
        }
        #expect(throws: WorkspaceError.unknownAccount("Z1")) {
            try workspace.apply(changes: [BookChange(account: "Z1", from: nil, to: "R1", reason: "plan")],
                                kind: .assigned, run: .plan, asOf: Fixture.asOf)
        }
        #expect(try Snapshot(workspace) == before)
    }

    @Test func aChangeToTheSameOwnerIsSkipped() throws {
        let workspace = try Fixture.workspace()
        let written = try workspace.apply(changes: [BookChange(account: "A1", from: "R1", to: "R1", reason: "keep")],
                                          kind: .assigned, run: .plan, asOf: Fixture.asOf)
        #expect(written.isEmpty)
    }
}

@Suite("Import and re-import")
struct ImportTests {
    @Test func importLoadsEverythingAndReportsIt() throws {
        let workspace = try Workspace.open(at: try Fixture.path(), create: true)
        let summary = try workspace.importData(Fixture.data(), asOf: Fixture.day0)
        #expect(summary.accountsAdded == 8 && summary.repsAdded == 4 && summary.activityAdded == 8)
        #expect(summary.ownersImported == 6 && summary.policyChanged)
        let (accounts, reps, policy, text) = try workspace.read { r in
            (try r.accounts(), try r.reps(), try r.policy(), try r.policyText())
        }
        #expect(accounts == Fixture.accounts)  // round trip, owners from the books
        #expect(reps == Fixture.reps)
        #expect(policy == Policy())
        #expect(text == "# default policy\n")
    }

    @Test func reImportUpdatesByIdKeepsHistoryAndDoesNotDuplicateActivity() throws {
        let workspace = try Fixture.workspace()
        var accounts = Fixture.accounts
        accounts[0].score = 40; accounts[0].tier = .c; accounts[0].account.name = "Renamed"
        accounts[1].account.owner = "R2"                 // the CRM moved A2 since the first import
        accounts.append(Fixture.scored("A9", segment: "MM", owner: "R4"))
        var policy = Policy()
        policy.returns.minHoldDays = 7
        var data = Fixture.data(policy: policy, accounts: accounts)
        data.activity.append(Activity(accountID: "A1", repID: "R1", date: Fixture.asOf, type: "call"))
        let summary = try workspace.importData(data, asOf: Fixture.asOf)

        // A1's columns changed; the other seven accounts and the four reps are as they were.
        #expect(summary.accountsAdded == 1 && summary.accountsUpdated == 1 && summary.accountsUnchanged == 7)
        #expect(summary.repsUpdated == 0 && summary.repsUnchanged == 4)
        #expect(summary.activityAdded == 1 && summary.activityKnown == 8)
        #expect(summary.ownerDisagreements.isEmpty && summary.ownersChanged == 0 && summary.ownersFromCRM == 1)
        #expect(summary.policyChanged)
        let (a1, a2, history, activity, minHold) = try workspace.read { r in
            (try r.account("A1"), try r.account("A2"), try r.ledger.entries(), try r.activity(), try r.policy().returns.minHoldDays)
        }
        #expect(a1?.score == 40 && a1?.account.name == "Renamed" && a1?.account.owner == "R1")
        #expect(a2?.account.owner == "R2")                // a change made in the CRM is taken…
        #expect(history.count == 8)                       // 6 + the new account + A2's manual row
        #expect(history.last { $0.account == "A2" }.map { "\($0.kind) \($0.reason)" } == "manual crm")
        #expect(activity.count == 9)
        #expect(minHold == 7)
    }

    @Test func ownersFromTheCRMCanBeTakenAsManualChanges() throws {
        let workspace = try Fixture.workspace()
        var accounts = Fixture.accounts
        accounts[1].account.owner = "R2"; accounts[1].account.ownedSince = Fixture.asOf
        accounts[3].account.owner = "R1"; accounts[3].account.ownedSince = nil
        let summary = try workspace.perform(.import, asOf: Fixture.asOf) { tx in
            try tx.importData(Fixture.data(accounts: accounts), ownersFromCSV: true)
        }
        #expect(summary.ownersChanged == 2)
        let manual = try workspace.read { try $0.ledger.entries().filter { $0.kind == .manual } }
        #expect(manual.map { "\($0.account) \($0.from?.rawValue ?? "-")>\($0.to?.rawValue ?? "-") \($0.day)" }
                == ["A2 R1>R2 2026-11-29", "A4 ->R1 2026-11-29"])
    }

    @Test func badImportsAreRefusedWhole() throws {
        let workspace = try Fixture.workspace()
        let before = try Snapshot(workspace)
        var orphan = Fixture.accounts
        orphan.append(Fixture.scored("A10", owner: "R77"))
        #expect(throws: WorkspaceError.invalidImport("account A10: owner R77 is not a rep in reps.csv or the workspace")) {
            try workspace.importData(Fixture.data(accounts: orphan), asOf: Fixture.asOf)
        }
        var twice = Fixture.accounts
        twice.append(Fixture.scored("A1"))
        #expect(throws: WorkspaceError.self) { try workspace.importData(Fixture.data(accounts: twice), asOf: Fixture.asOf) }
        #expect(try Snapshot(workspace) == before)
    }
}

@Suite("Policy stored in the workspace")
struct PolicyStorageTests {
    @Test func thePolicyIsReloadedFromItsYAMLWhenItsJSONNoLongerDecodes() throws {
        let workspace = try Workspace.open(at: try Fixture.path(), create: true)
        var data = Fixture.data()
        data.policyText = "returns:\n  min_hold_days: 21\n"
        data.policy.returns.minHoldDays = 21
        try workspace.importData(data, asOf: Fixture.day0)
        #expect(try workspace.read { try $0.policy().returns.minHoldDays } == 21)
        try workspace.queue.write { db in try db.execute(sql: "UPDATE policy SET json = '{\"from\":\"an older version\"}'") }
        #expect(try workspace.read { try $0.policy().returns.minHoldDays } == 21)
        try workspace.queue.write { db in try db.execute(sql: "UPDATE policy SET yaml = 'returns: [1'") }
        #expect(throws: WorkspaceError.self) { try workspace.read { try $0.policy() } }
    }
}
