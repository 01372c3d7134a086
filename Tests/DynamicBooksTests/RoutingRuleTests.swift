import DynamicBooks
import Testing

@Suite("Routing: the rule")
struct RoutingRuleTests {
    let day = Day(year: 2026, month: 12, day: 1)

    func account(_ id: AccountID = "IN1", owner: RepID? = nil, theater: String? = "NA", tier: Tier = .a,
                 workload: Double = 1, locked: Bool = false, customer: Bool = false, parent: AccountID? = nil,
                 excludedBy: String? = nil) -> ScoredAccount {
        ScoredAccount(account: Account(id: id, owner: owner, customer: customer, locked: locked, parentID: parent),
                      score: 80, tier: tier, segment: "SMB", theater: theater, workload: workload, excludedBy: excludedBy)
    }

    var reps: [Rep] {
        [Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 10),
         Rep(id: "R2", segment: "SMB", theaters: ["NA"], capacity: 20),
         Rep(id: "R3", segment: "SMB", theaters: ["EMEA"], capacity: 10),
         Rep(id: "R4", segment: "MM", theaters: ["NA"], capacity: 10)]
    }

    func decide(_ account: ScoredAccount, policy: Policy = Policy(), reps: [Rep]? = nil, loads: [RepID: Double] = [:],
                restrictions: AccountRestrictions = .init(), familyOwner: RepID? = nil) -> RoutingDecision {
        var rotation = SmoothWeightedRoundRobin()
        return RoutingRule(policy: policy, day: day).decide(account, familyOwner: familyOwner, reps: reps ?? self.reps,
                                                            loads: loads, restrictions: restrictions, rotation: &rotation)
    }

    @Test func availableOwnerKeepsItWithoutLookingFurther() {
        let d = decide(account(owner: "R1"), loads: ["R1": 10])
        #expect(d.rep == "R1" && d.from == "R1" && d.reason == .owner)
        #expect(d.load == 10 && d.capacity == 10)   // already in the book: no extra load, even when full
        #expect(d.alternatives.isEmpty && !d.changesOwner)
    }

    @Test func unavailableOwnerHandsOverUnlessLockedCustomerOrFamily() {
        var reps = self.reps
        reps[0].unavailableUntil = day + 3
        let moved = decide(account(owner: "R1"), reps: reps)
        #expect(moved.rep == "R2" && moved.from == "R1" && moved.reason == .leastLoaded)
        #expect(moved.alternatives.first { $0.rep == "R1" }?.status == .ineligible)

        #expect(decide(account(owner: "R1", locked: true), reps: reps).reason == .ownerKept)
        #expect(decide(account(owner: "R1", customer: true), reps: reps).reason == .ownerKept)
        var noLock = Policy()
        noLock.assignment.lockCustomers = false
        #expect(decide(account(owner: "R1", customer: true), policy: noLock, reps: reps).rep == "R2")
        let family = decide(account(owner: "R1", parent: "P"), reps: reps, familyOwner: "R1")
        #expect(family.rep == "R1" && family.reason == .ownerKept)
    }

    @Test func familiesShareTheirOwnerWhenItMayTakeTheAccount() {
        // R1 is the more loaded (9/10 against 0/20) but holds the family, and has room for one more.
        let d = decide(account(parent: "P"), loads: ["R2": 0, "R1": 9], familyOwner: "R1")
        #expect(d.rep == "R1" && d.reason == .familyOwner && d.from == nil)
        #expect(d.load == 10 && d.capacity == 10)
        #expect(d.detail == "its family belongs to R1; families share one owner; load 9 → 10 of 10")
        #expect(d.alternatives.map(\.rep) == ["R1", "R2", "R3"])
        #expect(d.alternatives.map(\.status) == [.chosen, .eligible, .ineligible])
        // Under weighted round robin too, without taking a turn from the rotation.
        var wrr = Policy()
        wrr.routing.strategy = .weightedRoundRobin
        var rotation = SmoothWeightedRoundRobin()
        let picked = RoutingRule(policy: wrr, day: day).decide(account(parent: "P"), familyOwner: "R2", reps: reps, loads: [:],
                                                               restrictions: .init(), rotation: &rotation)
        #expect(picked.rep == "R2" && picked.reason == .familyOwner)
        #expect(rotation == SmoothWeightedRoundRobin())
    }

    /// A family owner who may not take the account like any other rep gets no preference: the
    /// account goes by the strategy, and the detail says why the family owner was passed over.
    @Test(arguments: [
        ("R3", "R3 may not take it: wrong theater: account is in NA, rep covers EMEA"),   // another state or theater
        ("R4", "R4 may not take it: wrong segment: rep sells MM, account is SMB"),
        ("R9", "R9 is not a rep of the workspace"),
    ])
    func aFamilyOwnerAcrossAHardBoundaryIsPassedOver(familyOwner: String, why: String) {
        let d = decide(account(parent: "P"), loads: ["R1": 3, "R2": 4], familyOwner: RepID(familyOwner))
        #expect(d.rep == "R2" && d.reason == .leastLoaded)
        #expect(d.detail == "its family belongs to \(familyOwner), but \(why); load 4 → 5 of 20")
    }

    @Test func aFamilyOwnerWithAFullBookIsPassedOver() {
        let d = decide(account(parent: "P"), loads: ["R1": 10, "R2": 15], familyOwner: "R1")
        #expect(d.rep == "R2" && d.reason == .leastLoaded && d.load == 16)
        #expect(d.detail.hasPrefix("its family belongs to R1, but R1's book is full (load 10 of 10)"))
        #expect(d.alternatives.first { $0.rep == "R1" }?.status == .full)
        // A heavier account that no longer fits is passed over too: capacity is never exceeded for a family.
        let heavy = decide(account(workload: 2, parent: "P"), loads: ["R1": 9], familyOwner: "R1")
        #expect(heavy.rep == "R2" && heavy.reason == .leastLoaded)
        // With every book full, overflow applies as to any account, and the pool takes it under `pool`.
        var pool = Policy()
        pool.routing.overflow = .pool
        let waits = decide(account(parent: "P"), policy: pool, loads: ["R1": 10, "R2": 20], familyOwner: "R1")
        #expect(waits.rep == nil && waits.reason == .overflowPool)
        #expect(waits.detail.hasPrefix("its family belongs to R1, but R1's book is full"))
    }

    @Test func aFamilyOwnerBarredFromTheAccountIsPassedOver() {
        var r = AccountRestrictions()
        r.bar("IN1", from: "R1", until: day + 10)
        let d = decide(account(parent: "P"), loads: ["R2": 15], restrictions: r, familyOwner: "R1")
        #expect(d.rep == "R2" && d.reason == .leastLoaded)
        #expect(d.detail.hasPrefix("its family belongs to R1, but R1 may not take it: barred until 2026-12-11"))
    }

    @Test func anUnavailableFamilyOwnerIsPassedOver() {
        var reps = self.reps
        reps[0].unavailableUntil = day + 5
        let d = decide(account(parent: "P"), reps: reps, loads: ["R2": 15], familyOwner: "R1")
        #expect(d.rep == "R2" && d.reason == .leastLoaded)
        #expect(d.detail.hasPrefix("its family belongs to R1, but R1 may not take it: unavailable until 2026-12-06"))
        // No other rep: the account waits in the pool rather than going to the absent family owner.
        let alone = decide(account(parent: "P"), reps: [reps[0]], familyOwner: "R1")
        #expect(alone.rep == nil && alone.reason == .noEligibleRep)
        #expect(alone.detail.hasPrefix("its family belongs to R1, but R1 may not take it: unavailable"))
    }

    @Test func aFamilyDoesNotMakeAnUnroutableAccountRoutable() {
        #expect(decide(account(parent: "P", excludedBy: "industry: Government"), familyOwner: "R1").reason == .notRoutable)
        #expect(decide(account(theater: nil, parent: "P"), familyOwner: "R1").reason == .notRoutable)
        var disqualified = AccountRestrictions()
        disqualified.disqualified.insert("IN1")
        var inReview = AccountRestrictions()
        inReview.inDataReview.insert("IN1")
        for r in [disqualified, inReview] {
            let d = decide(account(parent: "P"), restrictions: r, familyOwner: "R1")
            #expect(d.rep == nil && d.reason == .notRoutable)
        }
    }

    @Test func accountsThatMayNotBeAssignedGoNowhere() {
        let excluded = decide(account(excludedBy: "industry: Government"))
        #expect(excluded.rep == nil && excluded.reason == .notRoutable)
        #expect(excluded.detail.contains("Government"))
        #expect(decide(account(theater: nil)).reason == .notRoutable)
        var r = AccountRestrictions()
        r.disqualified.insert("IN1")
        #expect(decide(account(), restrictions: r).reason == .notRoutable)
        r = AccountRestrictions()
        r.inDataReview.insert("IN1")
        #expect(decide(account(), restrictions: r).reason == .notRoutable)
    }

    @Test func aRestOrALowTierDoesNotStopAHandRaiser() {
        var r = AccountRestrictions()
        r.rest("IN1", until: day + 30)
        #expect(decide(account(), restrictions: r).rep == "R1")
        #expect(decide(account(tier: .d)).rep == "R1")
    }

    @Test func leastLoadedByRatioThenWeightThenID() {
        // R1 3/10 = 0.3, R2 4/20 = 0.2 → R2.
        var d = decide(account(), loads: ["R1": 3, "R2": 4])
        #expect(d.rep == "R2" && d.reason == .leastLoaded && d.load == 5 && d.capacity == 20)
        #expect(d.alternatives.map(\.rep) == ["R1", "R2", "R3"])       // the segment's reps
        #expect(d.alternatives.map(\.status) == [.eligible, .chosen, .ineligible])
        // Equal ratios: the larger routing weight, then the smaller id.
        d = decide(account(), loads: ["R1": 2, "R2": 4])
        #expect(d.rep == "R1")
        var reps = self.reps
        reps[1].routingWeight = 2
        #expect(decide(account(), reps: reps, loads: ["R1": 2, "R2": 4]).rep == "R2")
    }

    @Test func ineligibleRepsAreListedWithTheirRule() {
        var reps = self.reps
        reps[1].unavailableUntil = day + 1
        var r = AccountRestrictions()
        r.bar("IN1", from: "R1", until: day + 10)
        let d = decide(account(), reps: reps, restrictions: r)
        #expect(d.rep == nil && d.reason == .noEligibleRep)
        let rules = Dictionary(uniqueKeysWithValues: d.alternatives.map { ($0.rep, $0.rule ?? "") })
        #expect(rules["R1"]?.contains("barred until 2026-12-11") == true)
        #expect(rules["R2"]?.contains("unavailable until 2026-12-02") == true)
        #expect(rules["R3"]?.contains("wrong theater") == true)
        #expect(rules["R4"] == nil)                                  // other segment: not considered
    }

    @Test func fullBooksOverflowToTheLeastLoadedOrThePool() {
        let loads: [RepID: Double] = ["R1": 10, "R2": 19.5]
        let over = decide(account(), loads: loads)
        // R1 10/10 = 1.0, R2 19.5/20 = 0.975 → R2, over capacity.
        #expect(over.rep == "R2" && over.reason == .overflow && over.load == 20.5)
        #expect(over.alternatives.allSatisfy { $0.status == .full || $0.status == .chosen || $0.rep == "R3" })
        var pool = Policy()
        pool.routing.overflow = .pool
        let waits = decide(account(), policy: pool, loads: loads)
        #expect(waits.rep == nil && waits.reason == .overflowPool && waits.load == nil)
        // An account whose owner is away stays with the owner rather than going to the pool.
        var reps = self.reps
        reps[2].unavailableUntil = day + 1
        let stays = decide(account(owner: "R3", theater: "EMEA"), policy: pool, reps: reps)
        #expect(stays.rep == "R3" && stays.reason == .noEligibleRep && !stays.changesOwner)
    }

    @Test func exactFitIsNotFull() {
        let d = decide(account(workload: 0.3), reps: [Rep(id: "R1", segment: "SMB", capacity: 1)], loads: ["R1": 0.1 + 0.6])
        #expect(d.reason == .leastLoaded && d.rep == "R1")
    }

    @Test func summaryNamesTheNumbersAndTheAlternatives() {
        var reps = self.reps
        reps[1].unavailableUntil = day + 1
        let d = decide(account(), reps: reps, loads: ["R1": 3])
        #expect(d.summary == "R1 (least_loaded): load 3 → 4 of 10; also R2 unavailable until 2026-12-02, R3 wrong theater: account is in NA, rep covers EMEA")
    }
}
