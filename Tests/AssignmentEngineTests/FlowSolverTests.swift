import Testing
@testable import AssignmentEngine

@Suite("Flow fast path")
struct FlowSolverTests {
    @Test("agrees with brute force on 400 random transportation instances")
    func agreesWithBruteForce() throws {
        var solved = 0, infeasible = 0
        for seed in UInt64(0) ..< 400 {
            let model = randomTinyModel(seed: seed, uniformWeight: true, sideRows: false)
            let truth = bruteForceOptimum(model)
            do {
                let solution = try FlowSolver().solve(model, options: SolveOptions())
                let e = model.evaluate(solution.chosenArc)
                #expect(e.isFeasible, "seed \(seed): \(e.violations)")
                let optimum = try #require(truth, "seed \(seed): flow found a solution brute force says is impossible")
                #expect(abs(solution.objective - optimum) < 1e-6, "seed \(seed): flow \(solution.objective), optimum \(optimum)")
                #expect(solution.status == .optimal)
                solved += 1
            } catch AssignmentError.infeasible {
                #expect(truth == nil, "seed \(seed): flow says infeasible, brute force found \(truth ?? 0)")
                infeasible += 1
            }
        }
        #expect(solved > 200)
        #expect(infeasible > 0)
    }

    @Test("pruning never changes the optimum")
    func pruningIsSafe() throws {
        // Many items competing for few slots: most are pruned.
        for seed in UInt64(0) ..< 30 {
            var rng = SplitMix64(seed: seed)
            let n = 60, m = 4
            var builder = AssignmentModelBuilder(itemCount: n, capacities: (0 ..< m).map { _ in Double(Int.random(in: 1 ... 5, using: &rng)) })
            for i in 0 ..< n {
                let base = Double(Int.random(in: 1 ... 100, using: &rng))
                for b in 0 ..< m where i % 7 != 0 || b != 0 {
                    builder.addArc(item: i, bin: b, value: base * [1, 1.15, 1.25][Int.random(in: 0 ..< 3, using: &rng)], weight: 1)
                }
            }
            let model = builder.build().model
            var active = [Bool](repeating: true, count: n)
            let slots = model.capacities.map { Int($0) }
            BinSpaceNetwork.prune(model, hubs: ItemHubs(model, active: active), slots: slots, active: &active)
            #expect(active.filter { $0 }.count < n, "seed \(seed): nothing pruned")
            // The same model restricted to the kept items by removing the pruned items' arcs.
            var restricted = AssignmentModelBuilder(itemCount: n, capacities: model.capacities)
            for i in 0 ..< n where active[i] {
                for k in model.arcs(ofItem: i) { restricted.addArc(item: i, bin: Int(model.arcBin[k]), value: model.arcValue[k], weight: 1) }
            }
            let full = try GreedySolver().solve(model, options: SolveOptions())
            let exact = try FlowSolver().solve(model, options: SolveOptions())
            let exactRestricted = try FlowSolver().solve(restricted.build().model, options: SolveOptions())
            #expect(abs(exact.objective - exactRestricted.objective) < 1e-6)
            #expect(full.objective <= exact.objective + 1e-6)
        }
    }

    @Test("a must-assign item with no room is diagnosed by name")
    func infeasibleMustAssign() {
        var builder = AssignmentModelBuilder(itemCount: 3, capacities: [1])
        builder.mustAssign = [true, true, false]
        for i in 0 ..< 3 { builder.addArc(item: i, bin: 0, value: 1, weight: 1) }
        var model = builder.build().model
        model.itemNames = ["a", "b", "c"]
        #expect {
            try FlowSolver().solve(model, options: SolveOptions())
        } throws: { error in
            guard case AssignmentError.infeasible(let reasons) = error else { return false }
            return reasons.contains { $0.contains("b") }
        }
    }

    @Test("refuses side rows and bin-dependent weights")
    func refusesNonTransportation() {
        var builder = AssignmentModelBuilder(itemCount: 1, capacities: [5, 5])
        builder.addArc(item: 0, bin: 0, value: 1, weight: 1)
        builder.addArc(item: 0, bin: 1, value: 1, weight: 2)
        #expect(!FlowSolver.applies(to: builder.build().model))
        #expect(throws: AssignmentError.self) { try FlowSolver().solve(builder.build().model, options: SolveOptions()) }
    }

    @Test("a deadline stops a run that is past it; the time limit never cuts the exact answer short")
    func deadline() throws {
        // Values drawn per arc and fewer slots than items: many searches are needed.
        let model = SyntheticInstance.cells(items: 2_000, bins: 40, cells: 1, seed: 5, capacityRange: 10 ... 20)
        #expect(throws: AssignmentError.self) {
            try FlowSolver().solve(model, deadline: ContinuousClock.now - .seconds(1))
        }
        let exact = try FlowSolver().solve(model, options: SolveOptions(timeLimit: 1e-6))
        let unhurried = try FlowSolver().solve(model, deadline: nil)
        #expect(exact.status == .optimal)
        #expect(abs(exact.objective - unhurried.objective) < 1e-6)
    }
}
