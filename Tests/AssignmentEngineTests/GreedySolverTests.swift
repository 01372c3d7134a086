import Testing
@testable import AssignmentEngine

@Suite("Greedy heuristic")
struct GreedySolverTests {
    @Test("is feasible and never better than brute force on 400 random instances with side rows")
    func neverBeatsTheOptimum() throws {
        var compared = 0, feasible = 0
        for seed in UInt64(1000) ..< 1400 {
            let model = randomTinyModel(seed: seed, uniformWeight: false, sideRows: true)
            let truth = bruteForceOptimum(model)
            if truth != nil { feasible += 1 }
            guard let solution = try? GreedySolver().solve(model, options: SolveOptions()) else { continue }
            let e = model.evaluate(solution.chosenArc)
            #expect(abs(e.objective - solution.objective) < 1e-9)
            #expect(solution.status == .heuristic)
            if solution.violatedRows.isEmpty {
                #expect(e.isFeasible, "seed \(seed): \(e.violations)")
                let optimum = try #require(truth, "seed \(seed): greedy feasible where brute force found nothing")
                #expect(solution.objective <= optimum + 1e-6, "seed \(seed)")
                compared += 1
            } else {
                // A violated row must really be violated.
                #expect(!e.violatedRows.isEmpty)
            }
        }
        // The heuristic finds a feasible answer on most instances that have one.
        #expect(Double(compared) >= 0.85 * Double(feasible), "\(compared) of \(feasible)")
    }

    @Test("repairs a hard floor row by moving value to the starved bin")
    func repairsHardRows() throws {
        // Two bins; bin 1 must receive at least 10 value, though bin 0 offers more for everything.
        var builder = AssignmentModelBuilder(itemCount: 4, capacities: [4, 4])
        for i in 0 ..< 4 {
            builder.addArc(item: i, bin: 0, value: 10, weight: 1)
            builder.addArc(item: i, bin: 1, value: 6, weight: 1)
        }
        var model = builder.build().model
        let toBin1 = (0 ..< model.arcCount).filter { model.arcBin[$0] == 1 }
        model.sideRows = [SideRow(arcs: toBin1, coefficients: toBin1.map { _ in 6 }, lower: 10, name: "floor")]
        let solution = try GreedySolver().solve(model, options: SolveOptions())
        #expect(solution.violatedRows.isEmpty)
        #expect(model.evaluate(solution.chosenArc).isFeasible)
        #expect(solution.objective == 10 + 10 + 6 + 6)
    }

    @Test("is deterministic")
    func deterministic() throws {
        for seed in UInt64(7) ..< 40 {
            let model = randomTinyModel(seed: seed, uniformWeight: false, sideRows: true)
            let a = try? GreedySolver().solve(model, options: SolveOptions())
            let b = try? GreedySolver().solve(model, options: SolveOptions(parallelism: 1))
            #expect(a?.chosenArc == b?.chosenArc)
        }
    }
}
