import CGLPK
import CGLPKGuard
import Dispatch
import Foundation
import Testing
@testable import AssignmentEngine

@Suite("GLPKSolver")
struct GLPKSolverTests {
    /// Prove optimality. The limit is far above the ~4 s CPU the slowest problem needs, so a
    /// machine busy with other work cannot turn a proof into a time-out.
    static let exact = SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, relativeGap: 0, budget: WorkBudget(branchNodes: 10_000_000))

    // MARK: - GAP optima

    @Test("gap1–gap12 reach the published optimum in both senses", arguments: try GAPCase.small())
    func gapOptimum(_ gapCase: GAPCase) throws {
        let optimum = gapCase.optimum
        let instance = try GAPData.instance(for: optimum)
        let model = instance.model(sense: optimum.sense)
        let solution = try GLPKSolver().solve(model, options: Self.exact)

        #expect(solution.status == .optimal)
        let agentOfJob = try (0 ..< instance.jobs).map { try #require(solution.bin(ofItem: $0, in: model)) }
        #expect(instance.totalCost(agentOfJob: agentOfJob) == optimum.bestKnown)
        #expect(solution.objective == Double(optimum.sense == .max ? optimum.bestKnown : -optimum.bestKnown))
        #expect(solution.gap == 0)
        for agent in 0 ..< instance.agents {
            let load = (0 ..< instance.jobs).filter { agentOfJob[$0] == agent }.reduce(0) { $0 + instance.resource[agent][$1] }
            #expect(load <= instance.capacity[agent], "agent \(agent + 1) over capacity")
        }
    }

    @Test("a node budget stops branch and cut at the same answer every time, whatever the clock")
    func nodeBudgetIsDeterministic() throws {
        let instance = try #require(try GAPData.instances("gap12.txt").first)
        let model = instance.model(sense: .min)
        let options = SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, relativeGap: 0, budget: WorkBudget(branchNodes: 3))
        // A warm start, so the search has an incumbent whatever it finds in three nodes.
        let warm = try GreedySolver().solve(model, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit)).chosenArc
        let first = try GLPKSolver().run(model, options: options, warmStart: warm)
        let second = try GLPKSolver().run(model, options: options, warmStart: warm)
        #expect(first.nodes <= 4, "GLPK created \(first.nodes) nodes under a budget of 3")
        #expect(first.solution.status == .workLimit || first.solution.status == .optimal)
        #expect(first.solution.chosenArc == second.solution.chosenArc)
        #expect(first.solution.bound == second.solution.bound)
        // With room to finish, the same problem is proved.
        #expect(try GLPKSolver().solve(model, options: Self.exact).status == .optimal)
    }

    // MARK: - Side rows, fixed arcs, infeasibility

    @Test("a penalised floor is met when the penalty outweighs the loss")
    func deviationPaid() throws {
        var model = TinyModels.threeItems()
        model.sideRows = [SideRow(arcs: TinyModels.arcsOnBin(1), coefficients: [1, 1, 1], lower: 2,
                                  deviationPenalty: 5, name: "B gets two")]
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        // Moving items 0 and 1 to B loses 3 + 4 = 7 < 2 × 5.
        #expect(solution.status == .optimal)
        #expect(solution.chosenArc == [1, 3, 4])
        #expect(solution.objective == 23)
        #expect(solution.deviations == [0])
    }

    @Test("a penalised floor is missed when the penalty is cheaper than meeting it")
    func deviationTaken() throws {
        var model = TinyModels.threeItems()
        model.sideRows = [SideRow(arcs: TinyModels.arcsOnBin(1), coefficients: [1, 1, 1], lower: 2,
                                  deviationPenalty: 2, name: "B gets two")]
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        // Everything on A: 30 − 2 × 2 = 26 beats 27 − 2 = 25 and 23.
        #expect(solution.status == .optimal)
        #expect(solution.chosenArc == [0, 2, 4])
        #expect(solution.objective == 26)
        #expect(solution.deviations == [2])
    }

    @Test("a hard floor is always met")
    func hardFloor() throws {
        var model = TinyModels.threeItems()
        model.sideRows = [SideRow(arcs: TinyModels.arcsOnBin(1), coefficients: [1, 1, 1], lower: 2, name: "B gets two")]
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        #expect(solution.chosenArc == [1, 3, 4])
        #expect(solution.objective == 23)
        #expect(solution.deviations == [0])
    }

    @Test("a hard ceiling with optional items leaves an item out")
    func hardCeiling() throws {
        var model = TinyModels.threeItems(capacityB: 1, mustAssign: false)
        model.sideRows = [SideRow(arcs: TinyModels.arcsOnBin(0), coefficients: [1, 1, 1], upper: 1, name: "A takes one")]
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        // One item on A (10), item 0 on B (7), the third unassigned.
        #expect(solution.status == .optimal)
        #expect(solution.objective == 17)
        #expect(solution.chosenArc[0] == 1)
        #expect(solution.chosenArc.filter { $0 == nil }.count == 1)
    }

    @Test("fixed arcs are kept even when they cost")
    func fixedArc() throws {
        var model = TinyModels.threeItems()
        model.fixedArcs = [5]  // item 2 on B
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        #expect(solution.status == .optimal)
        #expect(solution.chosenArc == [0, 2, 5])
        #expect(solution.objective == 24)
    }

    @Test("fixed arcs that overload a bin are reported before solving")
    func contradictoryFixedArcs() throws {
        var model = TinyModels.threeItems(capacityB: 2)
        model.fixedArcs = [1, 3, 5]
        let error = #expect(throws: AssignmentError.self) { try GLPKSolver().solve(model, options: Self.exact) }
        guard case .infeasible(let reasons)? = error else { Issue.record("expected infeasible, got \(String(describing: error))"); return }
        #expect(reasons.contains { $0.contains("bin 1") && $0.contains("capacity 2") })
    }

    @Test("a must-assign item without arcs is named")
    func itemWithoutArcs() throws {
        var builder = AssignmentModelBuilder(itemCount: 2, capacities: [5])
        builder.mustAssign = [true, true]
        builder.addArc(item: 0, bin: 0, value: 1, weight: 1)
        var model = builder.build().model
        model.itemNames = ["acme", "globex"]
        let error = #expect(throws: AssignmentError.self) { try GLPKSolver().solve(model, options: Self.exact) }
        #expect(error == .infeasible(reasons: ["globex must be assigned but has no eligible bin"]))
    }

    @Test("must-assign items that fit no packing make GLPK prove infeasibility", arguments: [false, true])
    func integerInfeasible(capacityRowOnly: Bool) throws {
        // LP relaxation infeasible (three items, room for two) or only integer infeasible
        // (three items of weight 2, two bins of capacity 3).
        let model: AssignmentModel
        if capacityRowOnly {
            var builder = AssignmentModelBuilder(itemCount: 3, capacities: [3, 3])
            builder.mustAssign = [true, true, true]
            for i in 0 ..< 3 { for b in 0 ..< 2 { builder.addArc(item: i, bin: b, value: 1, weight: 2) } }
            model = builder.build().model
        } else {
            var tiny = TinyModels.threeItems(capacityB: 1)
            tiny.sideRows = [SideRow(arcs: TinyModels.arcsOnBin(0), coefficients: [1, 1, 1], upper: 1, name: "A takes one")]
            model = tiny
        }
        let error = #expect(throws: AssignmentError.self) { try GLPKSolver().solve(model, options: Self.exact) }
        guard case .infeasible(let reasons)? = error else { Issue.record("expected infeasible, got \(String(describing: error))"); return }
        #expect(!reasons.isEmpty)
    }

    @Test("a malformed model is rejected before GLPK sees it")
    func invalidModel() throws {
        var model = TinyModels.threeItems()
        model.sideRows = [SideRow(arcs: [0, 99], coefficients: [1, 1], upper: 1, name: "bad")]
        let error = #expect(throws: AssignmentError.self) { try GLPKSolver().solve(model, options: Self.exact) }
        #expect(error == .invalidModel("side row \"bad\" refers to arc 99, which does not exist"))
    }

    @Test("rows over a shared aggregate bind like the expanded rows")
    func aggregateRows() throws {
        var model = TinyModels.threeItems()
        // A = value placed on B (7, 6, 4 per item); one row wants A ≥ 13, another A ≤ 13.
        model.aggregates = [Aggregate(arcs: TinyModels.arcsOnBin(1), coefficients: [7, 6, 4], name: "value on B")]
        model.sideRows = [SideRow(aggregates: [0], aggregateCoefficients: [1], lower: 13, name: "B floor"),
                          SideRow(aggregates: [0], aggregateCoefficients: [1], upper: 13, name: "B ceiling")]
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        // Only items 0 and 1 on B make exactly 13.
        #expect(solution.status == .optimal)
        #expect(solution.chosenArc == [1, 3, 4])
        #expect(solution.objective == 23)
        let expanded = try GLPKSolver().solve(model.expandingAggregates(), options: Self.exact)
        #expect(expanded.chosenArc == solution.chosenArc)
    }

    // MARK: - Brute force on random tiny models

    @Test("random tiny models: GLPK's optimum equals brute force", arguments: 0 ..< 40)
    func bruteForce(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let model = RandomTinyModel.make(using: &rng)
        let truth = RandomTinyModel.bruteForceOptimum(model)
        do {
            let solution = try GLPKSolver().solve(model, options: Self.exact)
            let best = try #require(truth, "GLPK found \(solution.objective) where brute force finds nothing feasible")
            #expect(solution.status == .optimal)
            #expect(abs(solution.objective - best) <= 1e-6)
            #expect(abs(RandomTinyModel.objective(of: solution.chosenArc, in: model)! - best) <= 1e-6)
        } catch AssignmentError.infeasible {
            #expect(truth == nil, "GLPK says infeasible, brute force finds \(truth ?? 0)")
        }
    }

    // MARK: - Failures, time, warm starts

    @Test("a GLPK internal error becomes a Swift error, and the next solve works")
    func internalError() throws {
        let model = TinyModels.threeItems()
        var broken = GLPKSolver()
        broken.injectsInternalError = true
        let error = #expect(throws: AssignmentError.self) { try broken.solve(model, options: Self.exact) }
        guard case .solverFailure(let solver, let message)? = error else {
            Issue.record("expected a solver failure, got \(String(describing: error))"); return
        }
        #expect(solver == "glpk")
        #expect(message.contains("duplicate indices not allowed"))
        // The process survived; a fresh solve on a fresh thread is unaffected.
        let solution = try GLPKSolver().solve(model, options: Self.exact)
        #expect(solution.objective == 30)
        #expect(solution.status == .optimal)
    }

    @Test("a tiny time limit on a hard instance never claims optimality")
    func tinyTimeLimit() throws {
        let optimum = try #require(try GAPData.optima().first { $0.name == "d20200" })
        let instance = try GAPData.instance(for: optimum)
        let model = instance.model(sense: .min)
        do {
            let run = try GLPKSolver().run(model, options: SolveOptions(timeLimit: 0.3, relativeGap: 0))
            let solution = run.solution
            #expect(solution.status != .optimal)
            let agentOfJob = try (0 ..< instance.jobs).map { try #require(solution.bin(ofItem: $0, in: model)) }
            for agent in 0 ..< instance.agents {
                let load = (0 ..< instance.jobs).filter { agentOfJob[$0] == agent }.reduce(0) { $0 + instance.resource[agent][$1] }
                #expect(load <= instance.capacity[agent])
            }
            // A reported bound must be valid: the lower bound on cost cannot pass the best known cost.
            if let bound = solution.bound { #expect(-bound <= Double(optimum.bestKnown)) }
        } catch AssignmentError.noSolutionInTime(let solver, _) {
            #expect(solver == "glpk")
        }
    }

    @Test("an infeasible warm start is rejected, not reported optimal")
    func infeasibleWarmStart() throws {
        let instance = try GAPData.instances("gap1.txt")[0]
        let model = instance.model(sense: .max)
        // Every job on its most profitable agent: better than the optimum 336, but over capacity.
        let greedy: [Int?] = (0 ..< instance.jobs).map { j in
            let agent = (0 ..< instance.agents).max { instance.cost[$0][j] < instance.cost[$1][j] }!
            return j * instance.agents + agent
        }
        #expect(model.evaluate(greedy).objective > 336)
        let run = try GLPKSolver().run(model, options: Self.exact, warmStart: greedy)
        guard case .rejected(let reason) = run.warmStart else { Issue.record("warm start not rejected: \(run.warmStart)"); return }
        #expect(reason.contains("holds") && reason.contains("of capacity"))
        #expect(run.solution.status == .optimal)
        #expect(run.solution.objective == 336)
    }

    @Test("a feasible warm start is used and the optimum still found")
    func feasibleWarmStart() throws {
        let instance = try GAPData.instances("gap12.txt")[0]
        let model = instance.model(sense: .min)
        let first = try GLPKSolver().solve(model, options: Self.exact)
        let run = try GLPKSolver().run(model, options: Self.exact, warmStart: first.chosenArc)
        #expect(run.warmStart != .none && run.warmStart != .returned)
        #expect(run.solution.status == .optimal)
        #expect(run.solution.objective == -974)
        // With no time at all, the warm start (or something as good) still comes back.
        let hurried = try GLPKSolver().run(model, options: SolveOptions(timeLimit: 0, relativeGap: 0),
                                           warmStart: first.chosenArc)
        #expect(hurried.solution.objective == -974)
        #expect(model.evaluate(hurried.solution.chosenArc).isFeasible)
    }

    // MARK: - Threads

    @Test("two solves at once on two threads give the sequential answers")
    func concurrentSolves() throws {
        let models = [try GAPData.instances("gap12.txt")[1].model(sense: .max),
                      try GAPData.instances("gap11.txt")[2].model(sense: .min)]
        let sequential = try models.map { try GLPKSolver().solve($0, options: Self.exact) }
        let results = LockedResults(count: models.count)
        DispatchQueue.concurrentPerform(iterations: models.count) { index in
            results.set(index, Result { try GLPKSolver().solve(models[index], options: Self.exact) })
        }
        for (index, result) in results.values.enumerated() {
            let concurrent = try #require(try result?.get())
            #expect(concurrent.chosenArc == sequential[index].chosenArc)
            #expect(concurrent.objective == sequential[index].objective)
            #expect(concurrent.status == .optimal)
        }
    }

    @Test("the caller stops waiting for a thread that overruns")
    func abandonedThread() {
        let value = DedicatedThread.run(name: "sleeper", timeout: 0.05) { () -> Int in
            Thread.sleep(forTimeInterval: 1)
            return 1
        }
        #expect(value == nil)
        #expect(DedicatedThread.run(name: "quick", timeout: 30) { 7 } == 7)
    }

    // MARK: - Status mapping

    @Test("GLPK's codes map to outcomes without calling feasible optimal")
    func outcomeMapping() {
        func outcome(code: Int32 = CGLPK_DONE, lpRan: Int32 = 1, lp: (Int32, Int32) = (0, GLP_OPT),
                     mip: (Int32, Int32), nodeLimitHit: Bool = false) -> GLPKOutcome {
            var r = cglpk_result()
            r.lp_ran = lpRan; r.lp_return = lp.0; r.lp_status = lp.1
            r.node_limit_hit = nodeLimitHit ? 1 : 0
            r.mip_ran = 1; r.mip_return = mip.0; r.mip_status = mip.1
            return GLPKOutcome(GLPKRawResult(code: code, result: r, columnValues: []))
        }
        #expect(outcome(mip: (0, GLP_OPT)) == .optimal)
        #expect(outcome(mip: (GLP_EMIPGAP, GLP_FEAS)) == .feasible(.gapReached))
        #expect(outcome(mip: (GLP_ETMLIM, GLP_FEAS)) == .feasible(.timeUp))
        #expect(outcome(mip: (GLP_ESTOP, GLP_FEAS)) == .feasible(.timeUp))
        #expect(outcome(mip: (GLP_ESTOP, GLP_FEAS), nodeLimitHit: true) == .feasible(.nodeLimit))
        #expect(outcome(mip: (GLP_ETMLIM, GLP_UNDEF)) == .noIncumbent(timeUp: true))
        #expect(outcome(mip: (GLP_ESTOP, GLP_UNDEF), nodeLimitHit: true) == .noIncumbent(timeUp: false))
        #expect(outcome(mip: (0, GLP_NOFEAS)) == .integerInfeasible)
        #expect(outcome(lp: (GLP_ETMLIM, GLP_FEAS), mip: (0, GLP_UNDEF)) == .noIncumbent(timeUp: true))
        #expect(outcome(lp: (GLP_ENOPFS, GLP_UNDEF), mip: (0, GLP_UNDEF)) == .relaxationInfeasible)
        #expect(outcome(lp: (0, GLP_NOFEAS), mip: (0, GLP_UNDEF)) == .relaxationInfeasible)
        #expect(outcome(lpRan: 0, lp: (0, GLP_UNDEF), mip: (GLP_ENOPFS, GLP_UNDEF)) == .relaxationInfeasible)
        #expect(outcome(lpRan: 0, lp: (0, GLP_UNDEF), mip: (0, GLP_OPT)) == .optimal)
        if case .failure = outcome(lp: (GLP_EFAIL, GLP_UNDEF), mip: (0, GLP_UNDEF)) {} else { Issue.record("EFAIL not a failure") }
        if case .failure = outcome(mip: (GLP_EFAIL, GLP_UNDEF)) {} else { Issue.record("intopt EFAIL not a failure") }
        if case .failure = outcome(code: CGLPK_GLPK_ERROR, mip: (0, GLP_OPT)) {} else { Issue.record("guard error not a failure") }
    }
}

/// Results written by concurrent workers.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<AssignmentSolution, any Error>?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<AssignmentSolution, any Error>) {
        lock.lock(); storage[index] = value; lock.unlock()
    }
    var values: [Result<AssignmentSolution, any Error>?] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }
}
