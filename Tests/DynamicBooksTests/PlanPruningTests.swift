import AssignmentEngine
import Testing
@testable import DynamicBooks

/// Items pooled before their arcs exist (fairness off) are in no optimal plan: the optimum with
/// them pooled equals the optimum of the same model built without the rule. The reference keeps
/// every item by asking for soft fairness with a zero penalty, which leaves the objective as is.
@Suite("Plan: items outside every optimum")
struct PlanPruningTests {
    /// A random instance with few places for many accounts, so that the rule has something to
    /// pool; nothing is kept by force, so a rebalance never overflows a book.
    static func crowded(seed: UInt64, accounts: Int, capacity: (Double) -> Double) -> PlanInstance {
        var rng = SplitMix64(seed: seed)
        var instance = PlanFixture.random(accounts: accounts, reps: 6, fairness: .off, maxMoves: 2, using: &rng)
        for r in instance.reps.indices { instance.reps[r].capacity = capacity(instance.reps[r].capacity ?? 8) }
        for i in instance.accounts.indices { instance.accounts[i].account.locked = false; instance.accounts[i].account.customer = false }
        instance.policy.assignment.lockCustomers = false
        instance.policy.assignment.keepWorked = false
        return instance
    }

    @Test("pooling them keeps the proven optimum", arguments: Array(UInt64(1) ... 10))
    func keepsTheOptimum(seed: UInt64) throws {
        let off = Self.crowded(seed: seed, accounts: 90) { max(2, ($0 / 3).rounded(.down)) }
        var reference = off
        reference.policy.assignment.fairnessMode = .soft
        reference.policy.assignment.fairnessPenalty = 0
        var compared = 0
        for mode in PlanMode.allCases {
            guard let pruned = try? off.model(mode: mode), let full = try? reference.model(mode: mode) else { continue }
            #expect(pruned.model.itemCount <= full.model.itemCount)
            let plan = try off.plan(mode: mode, using: EngineChoice(choice: .glpk))
            let truth = try reference.plan(mode: mode, using: EngineChoice(choice: .glpk))
            #expect(plan.summary.solve.status == .optimal && truth.summary.solve.status == .optimal)
            #expect(abs(plan.summary.solve.objective - truth.summary.solve.objective) < 1e-6 * max(1, abs(truth.summary.solve.objective)),
                    "seed \(seed) \(mode): \(plan.summary.solve.objective) against \(truth.summary.solve.objective)")
            #expect(PlanInvariants.violations(of: plan, for: off, mode: mode, checkHardFairness: false).isEmpty)
            compared += 1
        }
        #expect(compared > 0)
    }

    @Test("on a crowded instance the rule pools part of the surplus before building arcs")
    func poolsTheSurplus() throws {
        let off = Self.crowded(seed: 42, accounts: 400) { _ in 10 }
        var reference = off
        reference.policy.assignment.fairnessMode = .soft
        let pruned = try off.model(mode: .rebalance), full = try reference.model(mode: .rebalance)
        #expect(pruned.model.itemCount < full.model.itemCount, "\(pruned.model.itemCount) of \(full.model.itemCount) items kept")
        #expect(pruned.model.arcCount < full.model.arcCount)
        #expect(pruned.prePooled.filter { $0.reason == .noCapacity }.count > full.prePooled.filter { $0.reason == .noCapacity }.count)
    }
}
