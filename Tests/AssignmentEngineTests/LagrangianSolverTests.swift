import Testing
@testable import AssignmentEngine

@Suite("Lagrangian relaxation over flow")
struct LagrangianSolverTests {
    @Test("its bound is never below the optimum and its answer never above, on 150 tiny instances")
    func boundAndAnswerBracketTheOptimum() throws {
        var compared = 0, proven = 0
        for seed in UInt64(9_000) ..< 9_150 {
            let model = randomTinyModel(seed: seed, uniformWeight: seed % 2 == 0, sideRows: true)
            guard let optimum = bruteForceOptimum(model) else { continue }
            guard let solution = try? LagrangianSolver().solve(model, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit)) else { continue }
            let evaluation = model.evaluate(solution.chosenArc)
            // An answer that breaks hard rows says so, and only rows are broken (capacities hold).
            #expect(solution.violatedRows == evaluation.violatedRows, "seed \(seed)")
            #expect(evaluation.violations.count == evaluation.violatedRows.count, "seed \(seed)")
            if !evaluation.isFeasible {
                #expect(solution.status == .heuristic || solution.status == .timeLimit, "seed \(seed)")
                continue
            }
            #expect(solution.objective <= optimum + 1e-6, "seed \(seed)")
            let bound = try #require(solution.bound)
            #expect(bound >= optimum - 1e-6, "seed \(seed): bound \(bound) below optimum \(optimum)")
            if solution.status == .optimal {
                #expect(abs(solution.objective - optimum) <= 1e-6, "seed \(seed): claimed optimal at \(solution.objective), optimum \(optimum)")
                #expect(abs(bound - solution.objective) <= 1e-6, "seed \(seed)")
                proven += 1
            }
            compared += 1
        }
        #expect(compared > 50)
        #expect(proven > 25)
    }

    @Test("soft fairness at 1,200 items: within 0.5% of its own bound")
    func softFairnessGap() throws {
        let model = SyntheticInstance.cells(items: 1_200, bins: 12, cells: 2, seed: 3, fairnessBand: 0.15, fairnessPenalty: 1)
        let solution = try Engine.solve(model, using: .lagrange, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit))
        #expect(model.evaluate(solution.chosenArc).isFeasible)
        let gap = try #require(solution.gap)
        #expect(gap <= 0.005)
    }

    @Test("hard fairness rows hold in the answer")
    func hardFairnessHolds() throws {
        let model = SyntheticInstance.cells(items: 600, bins: 8, cells: 2, seed: 4, fairnessBand: 0.15, fairnessPenalty: nil)
        let solution = try Engine.solve(model, using: .lagrange, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit))
        let e = model.evaluate(solution.chosenArc)
        #expect(e.isFeasible, "\(e.violations.prefix(3))")
        #expect((solution.bound ?? 0) >= solution.objective)
    }
}
