import BooksService
import BooksStore
import DynamicBooks
import Foundation
import Testing

/// Routing through the workspace, without HTTP: what the ledger, the books and the rotation keep.
@Suite("Workspace: routing")
struct WorkspaceRoutingTests {
    let day = ServiceFixture.asOf

    func route(_ workspace: Workspace, _ inbound: [InboundAccount], on day: Day? = nil) throws -> [RouteOutcome] {
        try workspace.route(inbound, asOf: day ?? self.day, scorer: InboundScoring.scorer)
    }

    @Test func theOwnerKeepsTheAccountAndItsHoldingPeriod() throws {
        let workspace = try ServiceFixture.workspace()
        let outcome = try #require(try route(workspace, [.existing("O1", origin: "test")]).first)
        #expect(outcome.decision.reason == .owner && outcome.decision.rep == "R1" && !outcome.decision.changesOwner)
        let (book, history, changes, replay, books) = try workspace.read { r in
            (try r.owner(of: "O1"), try r.ledger.history(of: "O1"), try r.changesCSV(.all),
             try r.ledger.replayBooks(), try r.books())
        }
        #expect(book?.ownedSince == ServiceFixture.day0)                  // not restarted by the inbound
        #expect(history.map(\.kind) == [.imported, .routed])
        #expect(history.last?.reason == "owner" && history.last?.from == "R1" && history.last?.to == "R1")
        #expect(!changes.text.contains("routed"))                        // nothing changed hands: not a CRM change
        #expect(replay == books)
    }

    @Test func aDecisionIsInTheLedgerWithItsReasonAndAlternatives() throws {
        let workspace = try ServiceFixture.workspace()
        _ = try route(workspace, [.existing("A000", origin: "t"), .existing("A001", origin: "t")])
        let rows = try workspace.read { try $0.ledger.entries().filter { $0.kind == .routed } }
        #expect(rows.map(\.to) == ["R2", "R3"])
        #expect(rows.map(\.reason) == ["least_loaded", "least_loaded"])
        #expect(rows[1].detail == "R3 (least_loaded): load 0 → 1 of 25; also R1 5/25, R2 1/25, R4 0/25")
        let changes = try workspace.read { try $0.changesCSV(.all).text }
        #expect(changes.contains("A000,,R2,least_loaded,routed,2026-12-01"))
    }

    @Test func newAccountsAreScoredWithTheWorkspacePolicy() throws {
        var policy = ServiceFixture.defaultPolicy
        policy.scoring.rules = [ScoringRule(when: Condition([Clause(field: "industry", test: .oneOf(["Fintech"]))]), points: 60),
                                ScoringRule(when: Condition([Clause(field: "intent", test: .greaterOrEqual(50))]), points: 20)]
        let workspace = try ServiceFixture.workspace(policy: policy)
        let fields = Account(id: "NEW1", country: "us", industry: "Fintech", employees: 30, attributes: ["Intent": "75"])
        let outcome = try #require(try route(workspace, [.new(fields, origin: "t")]).first)
        #expect(outcome.added && outcome.decision.rep == "R2")
        let stored = try #require(try workspace.read { try $0.account("NEW1") })
        #expect(stored.score == 80 && stored.tier == .a && stored.segment == "SMB" && stored.theater == "NA")
        #expect(stored.account.owner == "R2")
    }

    @Test func requestsThatCannotBeRoutedChangeNothing() throws {
        let workspace = try ServiceFixture.workspace()
        let before = try WorkspaceCounts(workspace)
        #expect(throws: RouteError(origin: "f:3", account: "NOPE", problem: .unknownAccount)) {
            try route(workspace, [.existing("A000", origin: "f:2"), .existing("NOPE", origin: "f:3")])
        }
        #expect(throws: RouteError(origin: "f:2", account: "A000", problem: .accountExists)) {
            try route(workspace, [.new(Account(id: "A000", country: "US"), origin: "f:2")])
        }
        #expect(try WorkspaceCounts(workspace) == before)
        // A CRM export of hand-raisers: known ids route the workspace's account, new ones are added.
        let mixed = try route(workspace, [.existingOrNew(Account(id: "A000", name: "ignored", country: "GB"), origin: "f:2"),
                                          .existingOrNew(Account(id: "N1", country: "GB", employees: 10, score: 50), origin: "f:3")])
        #expect(mixed.map(\.added) == [false, true])
        #expect(mixed.map(\.decision.rep) == ["R2", "R5"])
    }

    @Test func aChildJoinsItsFamilysOwnerOnlyWithinTheBoundaries() throws {
        let workspace = try ServiceFixture.workspace()
        // O1 is R1's (NA, 5 of 25 units): a new NA child joins it, although R2…R4 are emptier.
        // A new EMEA child goes to the rep covering EMEA: the theater is a hard boundary.
        let outcomes = try route(workspace, [
            .new(Account(id: "C1", country: "US", employees: 20, score: 60, parentID: "O1"), origin: "t"),
            .new(Account(id: "C2", country: "GB", employees: 20, score: 60, parentID: "O1"), origin: "t"),
        ])
        #expect(outcomes.map(\.decision.rep) == ["R1", "R5"])
        #expect(outcomes.map(\.decision.reason) == [.familyOwner, .leastLoaded])
        let rows = try workspace.read { try $0.ledger.entries().filter { $0.kind == .routed } }
        #expect(rows.map(\.reason) == ["family_owner", "least_loaded"])
        #expect(rows[0].detail.hasPrefix("R1 (family_owner): its family belongs to R1; families share one owner; load 5 → 6 of 25"))
        #expect(rows[1].detail.hasPrefix("R5 (least_loaded): its family belongs to R1, but R1 may not take it: "
                                         + "wrong theater: account is in EMEA, rep covers NA; load 0 → 1 of 25"))
    }

    @Test func weightedRoundRobinStateSurvivesBetweenRuns() throws {
        var policy = ServiceFixture.defaultPolicy
        policy.routing.strategy = .weightedRoundRobin
        let workspace = try ServiceFixture.workspace(policy: policy)
        // One run per decision, as the service does; the rotation lives in the workspace.
        var counts: [RepID: Int] = [:]
        for account in ServiceFixture.unowned.prefix(40) {
            let rep = try #require(try route(workspace, [.existing(account, origin: "t")]).first?.decision.rep)
            counts[rep, default: 0] += 1
        }
        #expect(counts == ["R1": 10, "R2": 10, "R3": 10, "R4": 10])
        let rotation = try workspace.read { try $0.rotation(segment: "SMB", theater: "NA") }
        #expect(rotation.current.count == 4 && rotation.current.values.reduce(0, +) == 0)
        // The same decisions in memory give the same sequence.
        var router = InboundRouter(policy: policy, day: day, reps: ServiceFixture.reps,
                                   accounts: (1 ... 5).map { ServiceFixture.scored("O\($0)", owner: "R1") })
        let memory = ServiceFixture.unowned.prefix(40).compactMap { router.route(ServiceFixture.scored($0.rawValue)).rep }
        let stored = try workspace.read { r in try ServiceFixture.unowned.prefix(40).compactMap { try r.owner(of: $0)?.rep } }
        #expect(memory == stored)
    }

    @Test func inboundTakesCapacityFromTheNextTopOff() throws {
        let reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 5), Rep(id: "R2", segment: "SMB", theaters: ["NA"], capacity: 5)]
        let pool = (0 ..< 12).map { ServiceFixture.scored(String(format: "P%02d", $0)) }
        var policy = Policy()
        policy.assignment.fairnessMode = .off
        let path = try ServiceFixture.directory().appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        _ = try workspace.importData(ImportData(accounts: pool, reps: reps, policy: policy), asOf: ServiceFixture.day0)
        let routed = try route(workspace, ["P00", "P01", "P02"].map { .existing($0, origin: "t") })
        #expect(routed.map(\.decision.rep) == ["R1", "R2", "R1"])
        #expect(try workspace.read { try $0.inboundLoads() } == ["R1": 2, "R2": 1])
        let cycle = try workspace.cycle(asOf: day)
        #expect(cycle.toppedOff == 7)
        let topped = try workspace.read { try $0.ledger.entries().filter { $0.kind == .toppedOff } }
        #expect(topped.filter { $0.to == "R1" }.count == 3 && topped.filter { $0.to == "R2" }.count == 4)
        #expect(try workspace.read { try $0.loads() } == ["R1": 5, "R2": 5])
    }

    @Test func repLoadsFollowEveryChangeOfTheBooks() throws {
        let workspace = try ServiceFixture.workspace()
        /// What `rep_loads` says (the triggers' running sums).
        func kept() throws -> [RepID: Double] {
            try workspace.read { r in try r.utilisation().reduce(into: [:]) { $0[$1.rep] = $1.load } }
        }
        /// What summing the books says.
        func summed() throws -> [RepID: Double] {
            let loads = try workspace.read { try $0.loads() }
            return Dictionary(uniqueKeysWithValues: ServiceFixture.reps.map { ($0.id, loads[$0.id] ?? 0) })
        }
        #expect(try kept() == summed())
        _ = try route(workspace, ServiceFixture.unowned.prefix(30).map { .existing($0, origin: "t") })
        #expect(try kept() == summed())
        // A return, a re-import that changes a workload, a retrieval-and-top-off cycle.
        _ = try workspace.decideReturns([ReturnSubmission(ReturnRequest(accountID: "O1", repID: "R1", date: day, reason: "bad_timing"),
                                                          origin: "t")], asOf: day)
        var heavier = ServiceFixture.scored("A000")
        heavier.workload = 2.5
        _ = try workspace.importData(ImportData(accounts: [heavier], reps: [], policy: ServiceFixture.defaultPolicy), asOf: day)
        #expect(try kept() == summed())
        _ = try workspace.cycle(asOf: day + 60)
        #expect(try kept() == summed())
        #expect(try summed().values.reduce(0, +) > 30)
    }

    @Test func aLargeTeamIsListedByItsRunnersUpAndCounted() throws {
        let reps = (1 ... 30).map { Rep(id: RepID(String(format: "R%02d", $0)), segment: "SMB", theaters: ["NA"], capacity: 10) }
        let owned = (1 ... 30).flatMap { r in (0 ..< r % 10).map { ServiceFixture.scored("O\(r)-\($0)", owner: RepID(String(format: "R%02d", r))) } }
        let path = try ServiceFixture.directory().appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        _ = try workspace.importData(ImportData(accounts: owned + [ServiceFixture.scored("IN")], reps: reps, policy: Policy()),
                                     asOf: ServiceFixture.day0)
        let decision = try #require(try route(workspace, [.existing("IN", origin: "t")]).first?.decision)
        // R10, R20, R30 hold nothing: R10 wins on id; R20 and R30 follow, then R01, R11, R21 with one
        // account each, then R02 and R12 with two. The 22 others are counted.
        #expect(decision.rep == "R10")
        #expect(decision.alternatives.map(\.rep.rawValue) == ["R01", "R02", "R10", "R11", "R12", "R20", "R21", "R30"])
        #expect(decision.unlisted == [.eligible: 22])
        #expect(decision.summary.hasSuffix("and 22 more (22 with room)"))
    }

    @Test func repIDsWithQuotesAndBackslashesKeepTheirLoads() throws {
        let reps = [Rep(id: #"Q"1"#, segment: "SMB", theaters: ["APAC"], capacity: 3),
                    Rep(id: #"Q\2"#, segment: "SMB", theaters: ["APAC"], capacity: 3)]
        let accounts = [ServiceFixture.scored("H1", owner: #"Q"1"#, theater: "APAC"), ServiceFixture.scored("H2", owner: #"Q"1"#, theater: "APAC"),
                        ServiceFixture.scored("IN", theater: "APAC")]
        let path = try ServiceFixture.directory().appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        _ = try workspace.importData(ImportData(accounts: accounts, reps: reps, policy: Policy()), asOf: ServiceFixture.day0)
        let decision = try #require(try route(workspace, [.existing("IN", origin: "t")]).first?.decision)
        #expect(decision.rep == #"Q\2"# && decision.load == 1)
        #expect(decision.alternatives.first { $0.rep == #"Q"1"# }?.load == 2)
    }
}
