import AssignmentEngine
import Testing
@testable import DynamicBooks

/// A solver choice of the engine, as an ``AssignmentSolver``.
struct EngineChoice: AssignmentSolver {
    let choice: SolverChoice
    var name: String { choice.rawValue }
    func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        var options = options
        options.relativeGap = 1e-7
        return try Engine.solve(model, using: choice, options: options)
    }
}

/// Every plan of every solver over generated instances with every feature on keeps the rules of
/// SPEC §4 (checked by ``PlanInvariants``, which re-derives them independently).
@Suite("Plan: invariants over generated instances")
struct PlanInvariantTests {
    static let seeds: [UInt64] = Array(1 ... 16)

    /// Runs `solver` on the instance in both modes and checks each plan. A ``PlanError`` is
    /// accepted only when it is an infeasibility that `truth` (when given) confirms, or kept
    /// accounts overflowing a book. - Returns: the number of plans made.
    @discardableResult
    static func check(_ instance: PlanInstance, solver: some AssignmentSolver, exact: Bool,
                      truth: BruteForceSolver? = nil) throws -> Int {
        var made = 0
        for mode in PlanMode.allCases {
            do {
                let plan = try instance.plan(mode: mode, using: solver)
                if exact { #expect(plan.summary.violatedRows.isEmpty) }
                // A plan that claims every row holds must keep the hard band.
                let issues = PlanInvariants.violations(of: plan, for: instance, mode: mode,
                                                       checkHardFairness: plan.summary.violatedRows.isEmpty)
                #expect(issues.isEmpty, "\(solver.name) \(mode): \(issues.prefix(5))")
                #expect(plan.summary.assigned + plan.summary.pooled == instance.accounts.count)
                made += 1
            } catch PlanError.keptOverCapacity {
                continue
            } catch PlanError.solver(.solverFailure) where !exact {
                continue   // a heuristic may miss every feasible placement of the must-assign items
            } catch PlanError.infeasible(let reasons, let hints) {
                #expect(!(reasons.isEmpty && hints.isEmpty))
                if let truth {
                    #expect(throws: PlanError.self) { try instance.plan(mode: mode, using: truth) }
                }
            }
        }
        return made
    }

    @Test("brute force: every rule holds, hard fairness included", arguments: seeds)
    func bruteForce(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let fairness: FairnessMode = [.off, .soft, .hard][Int(seed % 3)]
        let instance = PlanFixture.random(accounts: 8, reps: 4, fairness: fairness, band: 0.4, maxMoves: 1, using: &rng)
        // Brute force is exact: every instance of this shape has a plan in both modes.
        let made = try Self.check(instance, solver: BruteForceSolver(), exact: true)
        #expect(made == PlanMode.allCases.count, "brute force planned \(made) of \(PlanMode.allCases.count) modes")
    }

    @Test("greedy: every rule holds and it never beats brute force", arguments: seeds)
    func greedy(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let small = PlanFixture.random(accounts: 8, reps: 4, fairness: .soft, maxMoves: 1, using: &rng)
        try Self.check(small, solver: GreedySolver(), exact: false)
        let optimum = try small.plan(using: BruteForceSolver())
        do {
            let heuristic = try small.plan(using: GreedySolver())
            #expect(heuristic.summary.solve.objective <= optimum.summary.solve.objective + 1e-6)
        } catch PlanError.solver(.solverFailure) {
            // A heuristic may miss every feasible placement of the must-assign items; nothing to compare.
        }
        let large = PlanFixture.random(accounts: 120, reps: 10, fairness: seed % 2 == 0 ? .soft : .hard,
                                       maxMoves: 3, using: &rng)
        try Self.check(large, solver: GreedySolver(), exact: false)
    }

    @Test("flow: transportation cells agree with brute force", arguments: seeds)
    func flow(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var instance = PlanFixture.random(accounts: 8, reps: 4, fairness: .off, maxMoves: nil, using: &rng)
        for i in instance.accounts.indices {
            instance.accounts[i].workload = 1
            instance.accounts[i].account.parentID = nil
        }
        let made = try Self.check(instance, solver: FlowSolver(), exact: true)
        #expect(made > 0)
        for mode in PlanMode.allCases {
            guard let flow = try? instance.plan(mode: mode, using: FlowSolver()) else { continue }
            let optimum = try instance.plan(mode: mode, using: BruteForceSolver())
            #expect(abs(flow.summary.solve.objective - optimum.summary.solve.objective) < 1e-6)
        }
    }

    @Test("engine: auto and glpk keep every rule; proven optima match brute force", arguments: seeds)
    func engineExact(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let fairness: FairnessMode = [.off, .soft, .hard][Int(seed % 3)]
        let tiny = PlanFixture.random(accounts: 8, reps: 4, fairness: fairness, band: 0.4, maxMoves: 1, using: &rng)
        for choice in [SolverChoice.auto, .glpk] {
            try Self.check(tiny, solver: EngineChoice(choice: choice), exact: true, truth: BruteForceSolver())
            for mode in PlanMode.allCases {
                guard let optimum = try? tiny.plan(mode: mode, using: BruteForceSolver()) else { continue }
                let plan = try tiny.plan(mode: mode, using: EngineChoice(choice: choice))
                let (found, best) = (plan.summary.solve.objective, optimum.summary.solve.objective)
                #expect(found <= best + 1e-6, "\(choice) \(mode): \(found) beats the optimum \(best)")
                if plan.summary.solve.status == .optimal {
                    #expect(abs(found - best) < 1e-4, "\(choice) \(mode): \(found) vs \(best)")
                }
            }
        }
        guard seed <= 6 else { return }
        let large = PlanFixture.random(accounts: 120, reps: 10, fairness: fairness, maxMoves: 3, using: &rng)
        // flow and lagrange need one weight per arc; families here give several.
        for choice in [SolverChoice.auto, .glpk, .greedy] {
            try Self.check(large, solver: EngineChoice(choice: choice), exact: choice != .greedy)
        }
    }

    @Test("lagrange: on equal workloads every rule holds and it never beats brute force", arguments: seeds)
    func lagrange(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let fairness: FairnessMode = [.off, .soft, .hard][Int(seed % 3)]
        var instance = PlanFixture.random(accounts: 8, reps: 4, fairness: fairness, band: 0.4, maxMoves: 1, using: &rng)
        for i in instance.accounts.indices {
            instance.accounts[i].workload = 1
            instance.accounts[i].account.parentID = nil
        }
        try Self.check(instance, solver: EngineChoice(choice: .lagrange), exact: false, truth: BruteForceSolver())
        for mode in PlanMode.allCases {
            guard let optimum = try? instance.plan(mode: mode, using: BruteForceSolver()),
                  let plan = try? instance.plan(mode: mode, using: EngineChoice(choice: .lagrange)) else { continue }
            #expect(plan.summary.solve.objective <= optimum.summary.solve.objective + 1e-6)
        }
    }

    @Test("most generated instances give a plan (the generator is not vacuous)")
    func generatorGivesPlans() throws {
        var made = 0
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let instance = PlanFixture.random(accounts: 8, reps: 4, fairness: .soft, maxMoves: 1, using: &rng)
            made += try Self.check(instance, solver: BruteForceSolver(), exact: true)
        }
        #expect(made >= Self.seeds.count)
    }
}
