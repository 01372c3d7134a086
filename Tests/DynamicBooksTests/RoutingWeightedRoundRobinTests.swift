import DynamicBooks
import Testing

@Suite("Routing: weighted round robin")
struct RoutingWeightedRoundRobinTests {
    let day = Day(year: 2026, month: 12, day: 1)

    var policy: Policy {
        var p = Policy()
        p.routing.strategy = .weightedRoundRobin
        return p
    }

    func inbound(_ i: Int, theater: String = "NA") -> ScoredAccount {
        ScoredAccount(account: Account(id: AccountID("IN\(i)")), score: 60, tier: .b, segment: "SMB", theater: theater, workload: 1)
    }

    /// Counts picks per rep over `range` of inbound accounts.
    func route(_ router: inout InboundRouter, _ range: Range<Int>) -> [RepID: Int] {
        var counts: [RepID: Int] = [:]
        for i in range {
            let d = router.route(inbound(i))
            #expect(d.reason == .weightedRoundRobin)
            if let rep = d.rep { counts[rep, default: 0] += 1 }
        }
        return counts
    }

    @Test func nginxSequenceForWeightsFiveOneOne() {
        var wrr = SmoothWeightedRoundRobin()
        let candidates: [(rep: RepID, weight: Double)] = [("a", 5), ("b", 1), ("c", 1)]
        let picks = (0 ..< 7).compactMap { _ in wrr.pick(among: candidates)?.rawValue }
        #expect(picks == ["a", "a", "b", "a", "c", "a", "a"])
        #expect(wrr.current.values.allSatisfy { $0 == 0 })   // a full cycle returns to the start
    }

    @Test func tenThousandDecisionsMatchTheWeightsWithinOnePercent() {
        let weights: [RepID: Double] = ["R1": 1, "R2": 2, "R3": 3.5, "R4": 0.5]
        let reps = weights.keys.sorted().map { Rep(id: $0, segment: "SMB", theaters: ["NA"], capacity: 1_000_000, routingWeight: weights[$0] ?? 1) }
        var router = InboundRouter(policy: policy, day: day, reps: reps)
        let counts = route(&router, 0 ..< 10_000)
        let total = weights.values.reduce(0, +)
        for (rep, weight) in weights {
            let expected = 10_000 * weight / total
            let got = Double(counts[rep] ?? 0)
            #expect(abs(got - expected) <= expected * 0.01, "\(rep): \(got) vs \(expected)")
            #expect(abs(got - expected) <= 1)                        // smooth WRR is exact to one pick
        }
    }

    @Test func anUnavailableRepGetsNothingAndTheOthersAbsorbItsShare() {
        var reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 1_000_000, routingWeight: 1),
                    Rep(id: "R2", segment: "SMB", theaters: ["NA"], capacity: 1_000_000, routingWeight: 3),
                    Rep(id: "R3", segment: "SMB", theaters: ["NA"], capacity: 1_000_000, unavailableUntil: day + 1,
                        routingWeight: 2)]
        var router = InboundRouter(policy: policy, day: day, reps: reps)
        let away = route(&router, 0 ..< 10_000)
        #expect(away["R3"] == nil)
        #expect(abs(Double(away["R1"] ?? 0) - 2_500) <= 25)          // 1/4 of 10,000
        #expect(abs(Double(away["R2"] ?? 0) - 7_500) <= 75)          // 3/4

        // Back the next day: it takes its share again, without a burst to catch up.
        reps[2].unavailableUntil = nil
        var next = InboundRouter(policy: policy, day: day + 1, reps: reps, rotations: router.rotations)
        let firstSix = (10_000 ..< 10_006).compactMap { next.route(inbound($0)).rep }
        #expect(firstSix.filter { $0 == "R3" }.count == 2)            // 2/6, not a run of R3
        let back = route(&next, 10_006 ..< 16_000)
        let expected: Double = 5_994 * 2 / 6
        let got = Double(back["R3"] ?? 0)
        #expect(abs(got - expected) <= expected * 0.01)
    }

    @Test func fullAndBarredRepsAreSkippedAndCapacityHolds() {
        let reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 5, routingWeight: 1),
                    Rep(id: "R2", segment: "SMB", theaters: ["NA"], capacity: 100, routingWeight: 1)]
        var restrictions = AccountRestrictions()
        restrictions.bar("IN0", from: "R2", until: day + 90)
        var pool = policy
        pool.routing.overflow = .pool
        var router = InboundRouter(policy: pool, day: day, reps: reps, restrictions: restrictions)
        #expect(router.route(inbound(0)).rep == "R1")                 // R2 barred from IN0
        var counts: [RepID?: Int] = [:]
        for i in 1 ..< 200 { counts[router.route(inbound(i)).rep, default: 0] += 1 }
        #expect(counts["R1"] == 4 && counts["R2"] == 100)             // R1 filled to 5, R2 to 100
        #expect(counts[nil] == 95)
        #expect(router.loads["R1"] == 5 && router.loads["R2"] == 100)
    }

    @Test func zeroWeightTakesNothingWhileOthersHaveRoom() {
        let reps = [Rep(id: "R1", segment: "SMB", capacity: 2, routingWeight: 0),
                    Rep(id: "R2", segment: "SMB", capacity: 2, routingWeight: 1)]
        var router = InboundRouter(policy: policy, day: day, reps: reps)
        let picks = (0 ..< 4).map { router.route(inbound($0)) }
        #expect(picks.map { $0.rep?.rawValue ?? "-" } == ["R2", "R2", "R1", "R1"])
        #expect(picks[0].alternatives.first { $0.rep == "R1" }?.status == .zeroWeight)
        #expect(picks[2].reason == .leastLoaded)
    }

    @Test func cellsRotateIndependently() {
        let reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA", "EMEA"], capacity: 100),
                    Rep(id: "R2", segment: "SMB", theaters: ["NA"], capacity: 100),
                    Rep(id: "R3", segment: "SMB", theaters: ["EMEA"], capacity: 100)]
        var router = InboundRouter(policy: policy, day: day, reps: reps)
        let na = (0 ..< 4).compactMap { router.route(inbound($0)).rep?.rawValue }
        let emea = (4 ..< 8).compactMap { router.route(inbound($0, theater: "EMEA")).rep?.rawValue }
        #expect(na == ["R1", "R2", "R1", "R2"])
        #expect(emea == ["R1", "R3", "R1", "R3"])
        #expect(Set(router.rotations.keys) == ["smb/na", "smb/emea"])
    }

    @Test func inboundLoadLeavesLessRoomForTheTopOff() throws {
        let reps = [Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 5),
                    Rep(id: "R2", segment: "SMB", theaters: ["NA"], capacity: 5)]
        var leastLoaded = Policy()
        leastLoaded.assignment.fairnessMode = .off
        var router = InboundRouter(policy: leastLoaded, day: day, reps: reps)
        let routed = (0 ..< 3).map { router.route(inbound($0)) }
        #expect(routed.compactMap(\.rep) == ["R1", "R2", "R1"])
        // The routed accounts sit in their books; the top-off fills only what is left.
        let owned = routed.map { d in
            var a = inbound(Int(d.account.rawValue.dropFirst(2)) ?? 0)
            a.account.owner = d.rep
            a.account.ownedSince = day
            return a
        }
        let pool = (100 ..< 120).map { i in
            ScoredAccount(account: Account(id: AccountID("P\(i)")), score: Double(i - 50), tier: .b, segment: "SMB",
                          theater: "NA", workload: 1)
        }
        let plan = try Planner().plan(accounts: owned + pool, reps: reps, policy: leastLoaded, asOf: day, mode: .topoff)
        #expect(plan.book(of: "R1").count == 5 && plan.book(of: "R2").count == 5)
        let fromPool = plan.changes.filter { $0.fromRep == nil }
        #expect(fromPool.filter { $0.toRep == "R1" }.count == 3)
        #expect(fromPool.filter { $0.toRep == "R2" }.count == 4)
    }
}
