@testable import BooksStore
import DynamicBooks
import Testing

@Suite("Retrieve: unworked accounts back to the pool")
struct RetrieveTests {
    let asOf = Fixture.asOf

    @Test func retrievesIdleAccountsAndBarsThemFromTheirOwner() throws {
        let workspace = try Fixture.workspace()
        let report = try workspace.retrieve(asOf: asOf)
        // A2 idle since day 0; A5 locked, A6 customer, A3 in grace, A1 and A7 worked.
        #expect(report.retrievals.map(\.account) == ["A2"])
        #expect(report.retrievals[0].message == "no qualifying activity since assigned on 2026-09-01 (89 days), "
                + "policy coverage.retrieve_after_days is 45")
        let (owner, last, restrictions) = try workspace.read { r in
            (try r.owner(of: "A2"), try r.ledger.history(of: "A2").last, try r.restrictions(of: "A2"))
        }
        #expect(owner == nil)
        #expect(last?.kind == .retrieved && last?.from == "R1" && last?.to == nil)
        #expect(last?.reason == "coverage.retrieve_after_days" && last?.day == asOf)
        #expect(restrictions.barEnd(of: "A2", for: "R1", on: asOf) == asOf + 180)
    }

    @Test func coveragePerRepAndTheRepsBelowTheMinimum() throws {
        let workspace = try Fixture.workspace()
        let report = try workspace.read { try $0.coverageReview(on: asOf) }
        let lines = report.reps.map { "\($0.rep) \($0.worked)/\($0.counted) grace \($0.inGrace)" }
        // R1: A1 worked (calls on days 80, 85), A2 and A6 not. R2: A5 not, A3 in grace. R3: A7 worked.
        #expect(lines == ["R1 1/3 grace 0", "R2 0/1 grace 1", "R3 1/1 grace 0", "R4 0/0 grace 0"])
        #expect(report.belowMinimum.map(\.rep) == ["R1", "R2"])
    }

    @Test func aReviewChangesNothingAndASecondRetrieveOnTheSameDayNeither() throws {
        let workspace = try Fixture.workspace()
        let before = try Snapshot(workspace)
        _ = try workspace.read { try $0.coverageReview(on: asOf) }
        #expect(try Snapshot(workspace) == before)
        _ = try workspace.retrieve(asOf: asOf)
        let afterFirst = try Snapshot(workspace)
        let second = try workspace.retrieve(asOf: asOf)
        #expect(second.retrievals.isEmpty)
        var afterSecond = try Snapshot(workspace)
        afterSecond.runs -= 1
        #expect(afterSecond == afterFirst)
    }

    @Test func asOfAnEarlierDayReproducesThatDaysReview() throws {
        let workspace = try Fixture.workspace()
        // On day 40 nothing is 45 days idle yet.
        #expect(try workspace.read { try $0.coverageReview(on: Fixture.day0 + 40) }.retrievals.isEmpty)
        // On day 45 A7's activity (days 87 and 88) has not happened yet.
        #expect(try workspace.read { try $0.coverageReview(on: Fixture.day0 + 45) }.retrievals.map(\.account) == ["A2", "A7"])
    }
}

@Suite("Explain: where an account is and why")
struct ExplainTests {
    let asOf = Fixture.asOf

    @Test func anOwnedAccountWithEveryRepOfItsSegment() throws {
        let workspace = try Fixture.workspace()
        let x = try workspace.read { try $0.explain("A1", on: asOf) }
        #expect(x.owner == "R1" && x.ownedSince == Fixture.day0 && x.blockedBy == nil)
        #expect(x.tier == .a && x.segment == "SMB" && x.theater == "NA")
        #expect(x.history.map(\.kind) == [.imported])
        #expect(x.reps.map(\.rep) == ["R1", "R2", "R3"])
        #expect(x.reps[0].isOwner && x.reps[0].value == 80 * 1.15 * 1.25)   // specialty Software + incumbent
        #expect(x.reps[1].value == 80 && x.reps[1].eligible)
        #expect(x.reps[2].rule == "wrong_theater")
        #expect(x.reps[2].because == "wrong theater: account is in NA, rep covers EMEA")
        #expect((x.reps[0].load, x.reps[0].capacity) == (3, 10))
        #expect(x.reps.allSatisfy { $0.hasRoom })
        #expect(x.otherSegmentReps == 1)
    }

    @Test func aReturnedAccountShowsItsRestBarAndHistory() throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.decideReturns([ReturnSubmission(
            ReturnRequest(accountID: "A1", repID: "R1", date: asOf, reason: "bad_timing"), origin: "t")], asOf: asOf)
        let resting = try workspace.read { try $0.explain("A1", on: asOf) }
        #expect(resting.owner == nil)
        #expect(resting.blockedBy == "resting until 2027-01-28")
        #expect(resting.history.map(\.kind) == [.imported, .returned, .rested])
        #expect(resting.bars == [AccountExplanation.Bar(rep: "R1", until: asOf + 180)])
        #expect(resting.reps.allSatisfy { $0.rule == "resting" })
        // After the rest, R2 may take it, R1 is still barred.
        let later = try workspace.read { try $0.explain("A1", on: asOf + 60) }
        #expect(later.blockedBy == nil)
        #expect(later.reps.map { $0.rule ?? "eligible" } == ["eligible", "barred", "wrong_theater"])
        #expect(later.reps.map(\.rep) == ["R2", "R1", "R3"])
    }

    @Test func aFullBookIsShownAsSuch() throws {
        let workspace = try Fixture.workspace()
        var data = Fixture.data()
        data.reps[1].capacity = 2                       // R2 holds A3 and A5
        try workspace.importData(data, asOf: Fixture.asOf)
        let x = try workspace.read { try $0.explain("A4", on: asOf) }
        let r2 = try #require(x.reps.first { $0.rep == "R2" })
        #expect(r2.eligible && !r2.hasRoom && r2.load == 2 && r2.capacity == 2)
        #expect(x.reps.first { $0.rep == "R1" }?.hasRoom == true)
    }

    @Test func tierBelowTheMinimumAndUnknownAccounts() throws {
        let workspace = try Fixture.workspace()
        let x = try workspace.read { try $0.explain("A8", on: asOf) }
        #expect(x.blockedBy == "tier D is below assignment.min_tier C")
        #expect(throws: WorkspaceError.unknownAccount("NOPE")) { try workspace.read { try $0.explain("NOPE", on: asOf) } }
    }
}

@Suite("Export: books and changes as CSV")
struct ExportTests {
    @Test func booksAndChangesSinceADayOrARun() throws {
        let workspace = try Fixture.workspace()
        try workspace.apply(changes: [BookChange(account: "A4", from: nil, to: "R2", reason: "top-off, \"best\" score")],
                            kind: .toppedOff, run: .topoff, asOf: Fixture.asOf)
        let (books, all, sinceDay, run2, after2) = try workspace.read { r in
            (try r.booksCSV(), try r.changesCSV(.all).text, try r.changesCSV(.since(Fixture.asOf)).text,
             try r.changesCSV(.run(RunID(rawValue: 2))).text, try r.changesCSV(.afterRun(RunID(rawValue: 2))).text)
        }
        #expect(books.rows == 7)
        #expect(books.text == """
            account_id,rep_id,owned_since,score,tier,segment,theater,workload
            A1,R1,2026-09-01,80,A,SMB,NA,1
            A2,R1,2026-09-01,60,B,SMB,NA,1
            A3,R2,2026-11-23,80,A,SMB,NA,1
            A4,R2,2026-11-29,90,A,SMB,NA,1
            A5,R2,2026-09-01,80,A,SMB,NA,1
            A6,R1,2026-09-01,80,A,SMB,NA,1
            A7,R3,2026-09-01,80,A,SMB,EMEA,1

            """)
        let header = "account_id,from_rep,to_rep,reason,kind,day,run_id,seq\n"
        let topoff = "A4,,R2,\"top-off, \"\"best\"\" score\",topped_off,2026-11-29,2,7\n"
        #expect(all.hasPrefix(header + "A1,,R1,import,imported,2026-09-01,1,1\n"))
        #expect(all.hasSuffix(topoff) && all.split(separator: "\n").count == 8)
        #expect(sinceDay == header + topoff)
        #expect(run2 == header + topoff)
        #expect(after2 == header)
        #expect(throws: WorkspaceError.unknownRun(9)) { try workspace.read { try $0.changesCSV(.run(RunID(rawValue: 9))) } }
    }
}

@Suite("Coverage review reads only what it needs")
struct CoverageReadTests {
    @Test("The review from the window and each account's last touch equals the review of the whole activity log",
          arguments: [0, 20, 45, 90, 200])
    func sameAsWholeLog(daysAfter: Int) throws {
        var rng = SeededGenerator(seed: 21)
        let generator = Generator(.init(accounts: 1_500, reps: 12, segments: 2, theaters: 2))
        let data = generator.generate(using: &rng)
        let day0 = generator.configuration.asOf
        let workspace = try Workspace.open(at: try Fixture.path(), create: true)
        _ = try workspace.importData(ImportData(accounts: Scorer(policy: data.policy).score(data.accounts), reps: data.reps,
                                                activity: data.activity, policy: data.policy), asOf: day0)
        let day = day0 + daysAfter
        let (windowed, whole) = try workspace.read { reader in
            let policy = try reader.policy()
            let all = ActivityIndex(try reader.activity(), policy: policy.coverage)
            let reps = try reader.reps().map(\.id).sorted()
            return (try reader.coverageReview(on: day),
                    CoverageReview(policy: policy).review(accounts: try reader.holdings(on: day), activity: all, reps: reps, on: day))
        }
        #expect(windowed == whole)
        #expect(!whole.retrievals.isEmpty || daysAfter < 45)
    }
}
