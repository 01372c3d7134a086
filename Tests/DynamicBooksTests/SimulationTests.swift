import Foundation
import Testing
@testable import DynamicBooks

/// `books simulate`: the behaviour model on cases whose answer is known.
@Suite("Scenarios: simulate")
struct SimulationTests {
    static func data(accounts: Int = 400, reps: Int = 6, seed: UInt64 = 5) -> DataSet {
        var rng = SeededGenerator(seed: seed)
        return Generator(.init(accounts: accounts, reps: reps, segments: 1, theaters: 2)).generate(using: &rng)
    }

    static func simulation(_ data: DataSet, scenarios: [Scenario], behaviour: StandardBehaviour = StandardBehaviour(),
                           weeks: Int = 6, runs: Int = 3, seed: UInt64 = 3, parallelism: Int = 1) -> Simulation {
        Simulation(accounts: data.accounts, reps: data.reps, truth: data.policy, scenarios: scenarios, behaviour: behaviour,
                   weeks: weeks, runs: runs, seed: seed, start: Day(year: 2026, month: 12, day: 1), parallelism: parallelism)
    }

    @Test("zero diligence opens no opportunity in any arm")
    func zeroDiligence() throws {
        let data = Self.data()
        var behaviour = StandardBehaviour()
        behaviour.diligenceMin = 0; behaviour.diligenceMax = 0
        let result = try Self.simulation(data, scenarios: [.staticBaseline, .dynamic("policy", policy: data.policy)],
                                         behaviour: behaviour).run()
        for arm in result.arms {
            #expect(arm.outcomes["opportunities"]?.mean == 0 && arm.outcomes["opportunities"]?.high == 0)
            #expect(arm.outcomes["accounts_worked"]?.mean == 0)
            #expect(arm.weekly.allSatisfy { $0.opportunities == 0 && $0.worked == 0 })
        }
    }

    @Test("identical policies: every difference is zero, its interval contains 0")
    func identicalPolicies() throws {
        let data = Self.data()
        let result = try Self.simulation(data, scenarios: [.dynamic("a", policy: data.policy), .dynamic("b", policy: data.policy)]).run()
        #expect(result.arms[0].outcomes["opportunities"]!.mean > 0)
        for measure in SimulationMeasure.allCases {
            let d = try #require(result.arms[1].differenceToFirst[measure.rawValue])
            #expect(d.contains(0), "\(measure)")
            #expect(result.arms[1].outcomes[measure.rawValue] == result.arms[0].outcomes[measure.rawValue], "\(measure)")
        }
    }

    @Test("static territories equal to the dynamic books, no returns, no retrieval, no inbound: the same outcomes")
    func territoriesEqualToBooks() throws {
        let data = Self.data()
        var policy = data.policy
        policy.coverage.retrieveAfterDays = 10_000
        policy.assignment.fairnessMode = .off
        var behaviour = StandardBehaviour()
        behaviour.returnChance = 0
        behaviour.inboundPerWeek = 0
        let start = Day(year: 2026, month: 12, day: 1)
        let plan = try Planner().plan(accounts: Scorer(policy: policy).score(data.accounts), reps: data.reps, policy: policy,
                                      asOf: start, mode: .rebalance)
        let territories = Dictionary(uniqueKeysWithValues: plan.books.map { ($0.accountID, $0.repID) })
        var truth = data
        truth.policy = policy
        let result = try Self.simulation(truth, scenarios: [Scenario(name: "territories", kind: .territories(territories)),
                                                            .dynamic("dynamic", policy: policy)],
                                         behaviour: behaviour).run()
        #expect(result.arms[0].outcomes["opportunities"]!.mean > 0)
        for measure in SimulationMeasure.allCases {
            #expect(result.arms[0].outcomes[measure.rawValue] == result.arms[1].outcomes[measure.rawValue], "\(measure)")
        }
        #expect(result.arms[0].weekly == result.arms[1].weekly)
    }

    @Test("the same seed gives the same result whatever the parallelism; another seed another")
    func deterministic() throws {
        let data = Self.data()
        let scenarios: [Scenario] = [.staticBaseline, .dynamic("policy", policy: data.policy)]
        let one = try Self.simulation(data, scenarios: scenarios, parallelism: 1).run()
        let four = try Self.simulation(data, scenarios: scenarios, parallelism: 4).run()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(one) == encoder.encode(four))
        let other = try Self.simulation(data, scenarios: scenarios, seed: 99).run()
        #expect(try encoder.encode(one) != encoder.encode(other))
    }

    @Test("calibration: diligence and the chance per tier from activity and opportunities, counted by hand")
    func calibration() throws {
        let end = Day(year: 2026, month: 11, day: 28)
        let rep = Rep(id: "R1", segment: "SMB", theaters: ["NA"], capacity: 40)
        var activity: [Activity] = []
        for week in 0 ..< 4 {
            for account in ["a1", "a2", "c1", "c2"] {   // each worked twice a week: one account-week each
                let day = end - 27 + 7 * week
                activity += [Activity(accountID: AccountID(account), repID: "R1", date: day, type: "call"),
                             Activity(accountID: AccountID(account), repID: "R1", date: day + 1, type: "email")]
            }
        }
        activity.append(Activity(accountID: "a1", repID: "R1", date: end - 40, type: "call"))   // before the window
        activity.append(Activity(accountID: "a2", repID: "R1", date: end - 3, type: "linkedin"))  // not a counted type
        let diligence = DiligenceEstimate(activity: activity, reps: [rep], policy: Policy(), workRate: 0.25, through: end)
        #expect(diligence.diligence["R1"] == 0.4)   // 4 accounts a week of 0.25 × 40
        let opportunities = [OpportunitiesFile.Entry(accountID: "a1", repID: "R1", openedOn: end - 10),
                             OpportunitiesFile.Entry(accountID: "a2", repID: "R1", openedOn: end - 2),
                             OpportunitiesFile.Entry(accountID: "c1", repID: "R1", openedOn: end + 1)]   // after the window
        let rates = OpportunityRateEstimate(activity: activity, opportunities: opportunities,
                                            tiers: ["a1": .a, "a2": .a, "c1": .c, "c2": .c], policy: Policy(), through: end, weeks: 4)
        #expect(rates.rates == [.a: 0.25, .c: 0])   // 2 of 8 A account-weeks; 0 of 8 C
    }

    @Test("a calibrated model is written as objects keyed by rep and tier, in one order")
    func calibratedModelEncodesStably() throws {
        var forward = StandardBehaviour(), backward = StandardBehaviour()
        for i in 0 ..< 40 { forward.diligenceByRep[RepID("R\(i)")] = Double(i) / 40 }
        for i in (0 ..< 40).reversed() { backward.diligenceByRep[RepID("R\(i)")] = Double(i) / 40 }
        forward.opportunityByTier = [.a: 0.05, .b: 0.03, .c: 0.01]
        backward.opportunityByTier = [.c: 0.01, .b: 0.03, .a: 0.05]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try encoder.encode(forward)
        #expect(bytes == (try encoder.encode(backward)))
        let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect((object["diligenceByRep"] as? [String: Double])?["R20"] == 0.5)
        #expect(try JSONDecoder().decode(StandardBehaviour.self, from: bytes) == forward)
    }

    @Test("bad parameters and a policy for other data are refused before anything runs")
    func badInput() throws {
        let data = Self.data()
        #expect(throws: ScenarioError.self) { try Self.simulation(data, scenarios: [.staticBaseline], weeks: 0).validate() }
        #expect(throws: ScenarioError.self) { try Self.simulation(data, scenarios: [.staticBaseline], runs: 0).validate() }
        var other = data.policy
        other.segments = [SegmentRule(name: "Startups", maxEmployees: nil, workload: 1)]
        #expect(throws: ScenarioError.self) { try Self.simulation(data, scenarios: [.dynamic("other", policy: other)]).validate() }
        #expect(throws: ScenarioError.self) { try StandardBehaviour.parse("work_rat: 0.3\n", name: "simulation.yaml") }
        #expect(throws: ScenarioError.self) { try StandardBehaviour.parse("conversion: 2\n", name: "simulation.yaml") }
        let parsed = try StandardBehaviour.parse(StandardBehaviour().yaml, name: "defaults")
        #expect(parsed == StandardBehaviour())
    }
}
