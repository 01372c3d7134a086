import AssignmentEngine
import Testing
@testable import DynamicBooks

/// Large cells hold only some of their eligible arcs and price the rest after the solve
/// (``ArcRestriction``, ``DualCertificate``): the answer must stay a plan of the whole model and
/// the bound must hold for every eligible arc, checked against brute force on the whole model.
@Suite("Restricted arcs and pricing")
struct PlanArcRestrictionTests {
    /// Builds the model with `restriction` (nil: every eligible arc).
    func model(_ instance: PlanInstance, restriction: ArcRestriction?) throws -> PlanningModel {
        var building = try ModelBuilding(accounts: instance.accounts, reps: instance.reps, policy: instance.policy,
                                         state: instance.state, asOf: instance.asOf, mode: .rebalance)
        building.restriction = restriction
        return try building.build(activity: instance.activity)
    }

    static let tight = ArcRestriction(eligibleLimit: 1, spreadCandidates: 1, specialtyCandidates: 0, addedPerItem: 1)

    @Test("the bound over every eligible arc is at least the whole model's optimum", arguments: 0 ..< 12)
    func boundHoldsAgainstBruteForce(seed: UInt64) throws {
        var rng = SplitMix64(seed: 7_100 + seed)
        let fairness: FairnessMode = [.off, .soft, .hard][Int(seed % 3)]
        let instance = PlanFixture.random(accounts: 8, reps: 5, fairness: fairness, band: 0.5, maxMoves: 2, using: &rng)
        // Some random instances keep more than a book holds: nothing to plan.
        guard let whole = try? model(instance, restriction: nil) else { return }
        guard let optimum = try? whole.solve(using: BruteForceSolver(), options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, parallelism: 1)) else {
            return   // hard rows that cannot hold: nothing to compare
        }
        let restricted = try model(instance, restriction: Self.tight)
        #expect(restricted.model.arcCount <= whole.model.arcCount)
        for rounds in [0, 2] {
            var options = SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, relativeGap: 0, parallelism: 1)
            options.budget.pricingRounds = rounds
            guard let plan = try? restricted.solve(using: .auto, options: options) else { continue }
            let solve = plan.summary.solve
            #expect(solve.objective <= optimum.summary.solve.objective + 1e-6, "seed \(seed), rounds \(rounds)")
            let bound = try #require(solve.bound, "seed \(seed), rounds \(rounds)")
            #expect(bound >= optimum.summary.solve.objective - 1e-6, "seed \(seed), rounds \(rounds): bound \(bound) below the optimum \(optimum.summary.solve.objective)")
            for component in solve.components {
                if component.status == .optimal { #expect(abs((component.bound ?? .infinity) - component.objective) <= 1e-6 * max(1, abs(component.objective))) }
            }
            let issues = PlanInvariants.violations(of: plan, for: instance, mode: .rebalance, checkHardFairness: fairness == .hard)
            #expect(issues.isEmpty, "seed \(seed): \(issues.prefix(3))")
        }
    }

    @Test("pricing adds the arcs that gain until the plan matches the whole model's optimum")
    func pricingReachesTheOptimum() throws {
        // One segment of workload 1, fairness off: every cell is a transportation problem whose
        // LP is integral and solved exactly by the flow, so once no missing arc gains, the
        // restricted plan is worth what the whole model's optimum is.
        var rng = SplitMix64(seed: 42)
        var instance = PlanFixture.random(accounts: 200, reps: 12, fairness: .off, maxMoves: nil, using: &rng)
        instance.state = .empty
        instance.accounts.removeAll { $0.segment != "SMB" }
        for i in instance.accounts.indices { instance.accounts[i].account.customer = false }
        let whole = try model(instance, restriction: nil)
        let restricted = try model(instance, restriction: Self.tight)
        var options = SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, relativeGap: 0, parallelism: 1)
        options.budget.pricingRounds = 50
        let full = try whole.solve(using: .auto, options: options)
        let priced = try restricted.solve(using: .auto, options: options)
        #expect(restricted.model.arcCount < whole.model.arcCount)
        #expect(abs(priced.summary.solve.objective - full.summary.solve.objective) <= 1e-6 * max(1, full.summary.solve.objective))
        #expect((priced.summary.solve.bound ?? .infinity) >= full.summary.solve.objective - 1e-6)
    }

    @Test("candidates: owners first, at most the asked numbers, increasing, a function of the item")
    func candidates() {
        let restriction = ArcRestriction(eligibleLimit: 4, spreadCandidates: 3, specialtyCandidates: 2, addedPerItem: 1)
        let eligible = Array(stride(from: 0, to: 100, by: 2))
        let chosen = restriction.candidates(eligible: eligible, item: 17, owners: [40, 41], specialists: Array(stride(from: 0, to: 100, by: 10)))
        #expect(chosen.contains(40) && !chosen.contains(41))
        #expect(chosen == chosen.sorted() && Set(chosen).count == chosen.count)
        #expect(chosen.count <= 1 + 3 + 2)
        #expect(chosen.filter { $0 % 10 == 0 && $0 != 40 }.count >= 1)
        #expect(chosen == restriction.candidates(eligible: eligible, item: 17, owners: [40, 41], specialists: Array(stride(from: 0, to: 100, by: 10))))
    }
}
