import AssignmentEngine
import Testing
@testable import DynamicBooks

/// Small cases whose right answer is worked out by hand.
@Suite("Plan: hand-checked cases")
struct PlanHandCheckedTests {
    typealias F = PlanFixture

    @Test("a specialty tips the choice between two equal reps")
    func specialtyTips() throws {
        let account = F.account("a1", score: 60, industry: "Software")
        var instance = PlanInstance(accounts: [account], reps: [F.rep("r1", capacity: 1), F.rep("r2", capacity: 1)],
                                    policy: F.policy())
        #expect(try instance.plan().owner(of: "a1") == "r1")   // a tie goes to the first id
        instance.reps[1].specialties = ["software"]
        let plan = try instance.plan()
        #expect(plan.owner(of: "a1") == "r2")
        #expect(plan.books[0].value == 60 * 1.15)
        #expect(plan.changes == [Change(accountID: "a1", fromRep: nil, toRep: "r2", reason: .assigned)])
    }

    @Test("the incumbent fit keeps an account with its owner against a specialist")
    func incumbentKeeps() throws {
        var instance = PlanInstance(
            accounts: [F.account("a1", score: 60, owner: "r2", industry: "Software")],
            reps: [F.rep("r1", capacity: 1, specialties: ["Software"]), F.rep("r2", capacity: 1)],
            policy: F.policy())
        let plan = try instance.plan()
        #expect(plan.owner(of: "a1") == "r2")
        #expect(plan.changes.first?.reason == .kept)
        #expect(plan.summary.moves == 0)
        instance.policy.assignment.incumbentFit = 1
        let moved = try instance.plan()
        #expect(moved.owner(of: "a1") == "r1")
        #expect(moved.changes.first?.reason == .moved)
        #expect(moved.summary.moves == 1)
    }

    @Test("a barred rep never gets the account back before the bar ends")
    func barredRep() throws {
        var instance = PlanInstance(
            accounts: [F.account("a1", score: 80, industry: "Software")],
            reps: [F.rep("r1", capacity: 5, specialties: ["Software"]), F.rep("r2", capacity: 5)],
            policy: F.policy())
        instance.state.bars = [.init(accountID: "a1", repID: "r1", until: F.asOf + 1)]
        #expect(try instance.plan().owner(of: "a1") == "r2")
        instance.reps[1].capacity = 0
        let pooled = try instance.plan()
        #expect(pooled.owner(of: "a1") == nil)
        #expect(pooled.poolReason(of: "a1") == .noCapacity)
        instance.reps.removeLast()
        #expect(try instance.plan().poolReason(of: "a1") == .barred)
        instance.asOf = F.asOf + 1   // the bar has ended
        #expect(try instance.plan().owner(of: "a1") == "r1")
    }

    /// r1 owns two 90s (worth 112.5 each with the incumbent fit), two 40s are free; both reps
    /// hold 2. Without fairness r1 keeps its 90s: V = 180 vs 80, and r2 falls 30.5 below its
    /// floor 0.85 × ½ × 260 = 110.5. Swapping a 90 for a 40 costs 22.5 of fit value and removes
    /// the shortfall, so a penalty of 1 per point moves value to r2; a penalty of 0.1 does not.
    @Test("soft fairness moves value to a starved rep when the penalty outweighs the fit")
    func softFairness() throws {
        var instance = PlanInstance(
            accounts: [F.account("a1", score: 90, owner: "r1"), F.account("a2", score: 90, owner: "r1"),
                       F.account("a3", score: 40), F.account("a4", score: 40)],
            reps: [F.rep("r1", capacity: 2), F.rep("r2", capacity: 2)],
            policy: F.policy(fairness: .off))
        let unfair = try instance.plan()
        #expect(unfair.book(of: "r1").map(\.accountID) == ["a1", "a2"])

        instance.policy.assignment.fairnessMode = .soft
        let fair = try instance.plan()
        #expect(fair.book(of: "r2").map(\.score).sorted() == [40, 90])
        #expect(fair.summary.moves == 1)
        let ratios = fair.summary.reps.compactMap(\.fairnessRatio)
        #expect(ratios == [1, 1])
        #expect(fair.summary.solve.objective == 282.5)
        #expect(fair.summary.groups.first?.withinBand == true)

        instance.policy.assignment.fairnessPenalty = 0.1
        let cheap = try instance.plan()
        #expect(cheap.book(of: "r1").map(\.accountID) == ["a1", "a2"])
        #expect(cheap.summary.solve.objective == 305 - 3.05)
        #expect(cheap.summary.groups.first?.withinBand == false)
    }

    @Test("a rep on leave is outside the fairness comparison: hard fairness still holds for the others")
    func leaveOutsideFairness() throws {
        let instance = PlanInstance(
            accounts: [F.account("a1", score: 80), F.account("a2", score: 78), F.account("kept", score: 50, owner: "away")],
            reps: [F.rep("r1", capacity: 1), F.rep("r2", capacity: 1), F.rep("away", capacity: 5, unavailableUntil: F.asOf + 7)],
            policy: F.policy(fairness: .hard, band: 0.05))
        let plan = try instance.plan()
        #expect(plan.owner(of: "kept") == "away")
        #expect(Set([plan.owner(of: "a1"), plan.owner(of: "a2")]) == ["r1", "r2"])
        let ratios = Dictionary(uniqueKeysWithValues: plan.summary.reps.map { ($0.id, $0.fairnessRatio) })
        #expect(ratios["away"] == .some(nil))
        #expect(plan.summary.groups[0].withinBand)
        #expect(plan.summary.groups[0].capacity == 7)
    }

    @Test("top-off keeps every book and fills free room with the best pool accounts")
    func topoffKeepsBooks() throws {
        let instance = PlanInstance(
            accounts: [F.account("a1", score: 36, owner: "r1"), F.account("a2", score: 20, tier: .d, owner: "r1"),
                       F.account("b1", score: 95, industry: "Software"), F.account("b2", score: 70),
                       F.account("b3", score: 60)],
            reps: [F.rep("r1", capacity: 3), F.rep("r2", capacity: 1, specialties: ["Software"])],
            policy: F.policy())
        let rebalance = try instance.plan(mode: .rebalance)
        #expect(rebalance.poolReason(of: "a2") == .belowMinTier)

        let topoff = try instance.plan(mode: .topoff)
        #expect(topoff.owner(of: "a1") == "r1")
        #expect(topoff.owner(of: "a2") == "r1")   // kept whatever its tier
        #expect(topoff.owner(of: "b1") == "r2")   // specialist
        #expect(topoff.owner(of: "b2") == "r1")   // r1's one free unit takes the better of b2, b3
        #expect(topoff.poolReason(of: "b3") == .noCapacity)
        #expect(topoff.summary.moves == 0)
        #expect(Set(topoff.changes.map(\.reason)) == [.kept, .assigned])
    }

    @Test("the move limit caps accounts taken from other reps")
    func moveLimit() throws {
        var instance = PlanInstance(
            accounts: (1 ... 3).map { F.account("a\($0)", score: 60, owner: "r1", industry: "Software") },
            reps: [F.rep("r1", capacity: 0), F.rep("r2", capacity: 5, specialties: ["Software"])],
            policy: F.policy(maxMoves: 2))
        // r1 lost its capacity: its accounts can only move, two at most.
        let plan = try instance.plan()
        #expect(plan.book(of: "r2").count == 2)
        #expect(plan.summary.moves == 2)
        #expect(plan.poolReason(of: "a3") == .moveLimit)
        #expect(plan.changes.filter { $0.reason == .unassigned }.map(\.accountID) == ["a3"])
        instance.policy.assignment.maxMovesPerRep = nil
        #expect(try instance.plan().book(of: "r2").count == 3)
    }

    @Test("locked accounts, kept customers and worked accounts stay whatever their value")
    func keptAccounts() throws {
        var instance = PlanInstance(
            accounts: [F.account("lock", score: 10, tier: .d, owner: "r1", industry: "Software", locked: true),
                       F.account("cust", score: 20, tier: .d, owner: "r1", industry: "Software", customer: true),
                       F.account("work", score: 40, owner: "r1", industry: "Software"),
                       F.account("idle", score: 40, owner: "r1", industry: "Software")],
            reps: [F.rep("r1", capacity: 4), F.rep("r2", capacity: 4, specialties: ["Software"])],
            policy: F.policy())
        instance.policy.assignment.incumbentFit = 1
        instance.activity = [Activity(accountID: "work", repID: "r1", date: F.asOf - 3, type: "call"),
                             Activity(accountID: "work", repID: "r1", date: F.asOf, type: "Email"),
                             Activity(accountID: "idle", repID: "r1", date: F.asOf - 40, type: "call"),
                             Activity(accountID: "idle", repID: "r1", date: F.asOf - 2, type: "note")]
        let plan = try instance.plan()
        #expect(plan.owner(of: "lock") == "r1")
        #expect(plan.owner(of: "cust") == "r1")
        #expect(plan.owner(of: "work") == "r1")
        #expect(plan.owner(of: "idle") == "r2")   // one call 40 days ago and a note: not worked

        instance.policy.assignment.lockCustomers = false
        instance.policy.assignment.keepWorked = false
        let loose = try instance.plan()
        #expect(loose.owner(of: "lock") == "r1")
        #expect(loose.owner(of: "cust") == "r2")   // customers are must-assign, whatever the tier
        #expect(loose.owner(of: "work") == "r2")
    }

    @Test("an unowned customer is assigned even when better accounts want the room")
    func mustAssignCustomer() throws {
        let instance = PlanInstance(
            accounts: [F.account("best", score: 99), F.account("cust", score: 12, tier: .d, customer: true)],
            reps: [F.rep("r1", capacity: 1)], policy: F.policy())
        let plan = try instance.plan()
        #expect(plan.owner(of: "cust") == "r1")
        #expect(plan.poolReason(of: "best") == .noCapacity)
    }

    @Test("a family moves as one item with summed workload and value")
    func families() throws {
        let instance = PlanInstance(
            accounts: [F.account("p", score: 30, tier: .d), F.account("c1", score: 50, parent: "p"),
                       F.account("c2", score: 50, parent: "p", workload: 2), F.account("solo", score: 90)],
            reps: [F.rep("r1", capacity: 4), F.rep("r2", capacity: 1)], policy: F.policy())
        let model = try instance.model()
        // The parent is below the minimum tier but rides with its children: one item of 4 units.
        #expect(model.items.map { $0.accounts.map { model.accounts[$0].id } } == [["c1", "c2", "p"], ["solo"]])
        #expect(model.items[0].workload == 4)
        #expect(model.items[0].score == 130)
        let plan = try instance.plan()
        #expect(plan.owner(of: "c1") == "r1")
        #expect(plan.owner(of: "c2") == "r1")
        #expect(plan.owner(of: "p") == "r1")
        #expect(plan.owner(of: "solo") == "r2")
        #expect(plan.books.first { $0.accountID == "p" }?.withFamily == .belowMinTier)
        #expect(plan.books.filter { $0.withFamily != nil }.map(\.accountID) == ["p"])
        #expect(String(decoding: plan.booksCSV(), as: UTF8.self).hasPrefix("account_id,rep_id,value,tier,with_family\n"))
    }

    @Test("a family too big for any book waits whole; its below-tier member keeps its own reason")
    func familyWaitsWhole() throws {
        let instance = PlanInstance(
            accounts: [F.account("p", score: 30, tier: .d), F.account("c1", score: 50, parent: "p"),
                       F.account("c2", score: 50, parent: "p", workload: 2)],
            reps: [F.rep("r1", capacity: 3)], policy: F.policy())
        let plan = try instance.plan()
        #expect(plan.books.isEmpty)
        #expect(plan.poolReason(of: "p") == .belowMinTier)
        #expect(plan.poolReason(of: "c1") == .noCapacity && plan.poolReason(of: "c2") == .noCapacity)
    }

    @Test("a customer kept by lock_customers stays with its owner though an exclude rule matches it")
    func excludedCustomerKept() throws {
        let excluded = F.account("gov", score: 70, owner: "r1", customer: true, excludedBy: "industry: Government")
        let prospect = F.account("prospect", score: 80, owner: "r1", excludedBy: "industry: Government")
        let instance = PlanInstance(accounts: [excluded, prospect, F.account("other", score: 60)],
                                    reps: [F.rep("r1", capacity: 3)], policy: F.policy())
        for mode in PlanMode.allCases {
            let plan = try instance.plan(mode: mode)
            #expect(plan.owner(of: "gov") == "r1", "\(mode)")
            #expect(plan.poolReason(of: "prospect") == .excluded, "\(mode)")
        }
    }

    @Test("a family that spans theaters is pooled as a conflict, its locked account stays")
    func familyConflict() throws {
        let instance = PlanInstance(
            accounts: [F.account("p", theater: "NA", score: 80, owner: "r1", locked: true),
                       F.account("c1", theater: "EMEA", score: 80, parent: "p"),
                       F.account("c2", theater: "NA", score: 80, parent: "p")],
            reps: [F.rep("r1", theaters: [], capacity: 5)], policy: F.policy())
        let plan = try instance.plan()
        #expect(plan.owner(of: "p") == "r1")
        #expect(plan.poolReason(of: "c1") == .familyConflict)
        #expect(plan.poolReason(of: "c2") == .familyConflict)
    }

    @Test("gates send accounts to the pool with their reason")
    func gates() throws {
        var instance = PlanInstance(
            accounts: [F.account("excl", score: 90, excludedBy: "industry"), F.account("disq", score: 90),
                       F.account("review", score: 90), F.account("rest", score: 90), F.account("rested", score: 90),
                       F.account("nowhere", theater: nil, score: 90), F.account("low", score: 20),
                       F.account("emea", theater: "EMEA", score: 90), F.account("ent", segment: "ENT", score: 90)],
            reps: [F.rep("r1", capacity: 10), F.rep("r2", theaters: ["EMEA"], unavailableUntil: F.asOf + 1)],
            policy: F.policy())
        instance.state = PlanningState(restingUntil: ["rest": F.asOf + 1, "rested": F.asOf], disqualified: ["disq"],
                                       dataReview: ["review"])
        let plan = try instance.plan()
        let reasons: [String: PoolReason] = Dictionary(uniqueKeysWithValues: plan.pool.map { ($0.accountID.rawValue, $0.reason) })
        #expect(reasons == ["excl": .excluded, "disq": .disqualified, "review": .dataReview, "rest": .resting,
                            "nowhere": .unmapped, "low": .belowMinTier, "emea": .repUnavailable,
                            "ent": .noEligibleRep])
        #expect(plan.owner(of: "rested") == "r1")
        #expect(plan.summary.poolByReason["excluded"] == 1)
        #expect(plan.summary.cells.map(\.name) == ["ENT/NA", "SMB/EMEA", "SMB/NA", "SMB/unmapped"])
    }

    @Test("capacity is ramped and reduced by inbound load; an unavailable owner keeps its account")
    func capacityAndAvailability() throws {
        var instance = PlanInstance(
            accounts: (1 ... 6).map { F.account("a\($0)", score: Double(90 - $0)) }
                + [F.account("own", score: 10, tier: .d, owner: "r2", locked: true),
                   F.account("mine", score: 50, owner: "r2")],
            reps: [F.rep("r1", capacity: 8, ramp: 0.5), F.rep("r2", capacity: 10, unavailableUntil: F.asOf + 5)],
            policy: F.policy())
        instance.state.inboundLoad = ["r1": 1]
        let plan = try instance.plan()
        #expect(plan.book(of: "r1").map(\.accountID) == ["a1", "a2", "a3"])   // 8 × 0.5 − 1 = 3 units
        #expect(plan.book(of: "r2").map(\.accountID) == ["mine", "own"])      // no new accounts, keeps its own
        #expect(plan.poolReason(of: "a4") == .noCapacity)
        #expect(plan.summary.reps.first { $0.id == "r1" }?.capacity == 4)
        #expect(plan.summary.reps.first { $0.id == "r2" }?.available == false)
    }

    @Test("an owner that left hands its accounts on as reassigned, not as moves")
    func departedOwner() throws {
        let instance = PlanInstance(accounts: [F.account("a1", score: 60, owner: "gone")],
                                    reps: [F.rep("r1", capacity: 1)], policy: F.policy(maxMoves: 0))
        let plan = try instance.plan()
        #expect(plan.changes == [Change(accountID: "a1", fromRep: "gone", toRep: "r1", reason: .reassigned)])
        #expect(plan.summary.moves == 0)
    }
}

@Suite("Plan: loop state")
struct PlanStateTests {
    @Test("the workspace's restrictions become the planning state")
    func fromRestrictions() throws {
        var restrictions = AccountRestrictions(disqualified: ["d"], inDataReview: ["r"])
        restrictions.rest("s", until: PlanFixture.asOf + 3)
        restrictions.bar("b", from: "r1", until: PlanFixture.asOf + 9)
        let state = PlanningState(restrictions, inboundLoad: ["r1": 2])
        #expect(state.isResting("s", on: PlanFixture.asOf))
        #expect(!state.isResting("s", on: PlanFixture.asOf + 3))
        #expect(state.bars == [.init(accountID: "b", repID: "r1", until: PlanFixture.asOf + 9)])
        #expect(state.disqualified == ["d"] && state.dataReview == ["r"] && state.inboundLoad == ["r1": 2])
    }
}
