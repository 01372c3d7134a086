import Testing
@testable import AssignmentEngine

@Suite("Ejection-chain GAP search")
struct EjectionChainSolverTests {
    /// A fixed work budget, so no verdict depends on the machine's speed.
    static let smallBudget = 1_000_000

    /// Checks what every answer must satisfy: feasible, objective recomputed, bound above it.
    static func checkInvariants(_ solution: AssignmentSolution, _ model: AssignmentModel) {
        let e = model.evaluate(solution.chosenArc)
        #expect(e.isFeasible, "\(e.violations.prefix(3))")
        #expect(abs(e.objective - solution.objective) < 1e-6)
        #expect(solution.violatedRows.isEmpty)
        #expect(solution.solver == "ejection")
        if let bound = solution.bound { #expect(bound >= solution.objective - 1e-6) }
        if solution.status == .optimal { #expect(solution.bound.map { abs($0 - solution.objective) < 1e-6 } ?? false) }
    }

    @Test("agrees with brute force on tiny models without side rows (optional items, fixed arcs, infeasible ones)",
          arguments: UInt64(0) ..< 80)
    func agreesWithBruteForce(_ seed: UInt64) throws {
        let model = randomTinyModel(seed: 9_000 + seed, uniformWeight: seed % 4 == 0, sideRows: false)
        let truth = bruteForceOptimum(model)
        let solver = EjectionChainSolver(seed: seed, evaluationBudget: 50_000)
        do {
            let solution = try solver.solve(model, options: SolveOptions(timeLimit: 1e6))
            let optimum = try #require(truth, "an answer to a model brute force finds infeasible")
            Self.checkInvariants(solution, model)
            #expect(abs(solution.objective - optimum) < 1e-6, "objective \(solution.objective), optimum \(optimum)")
        } catch AssignmentError.noSolutionInTime, AssignmentError.infeasible {
            #expect(truth == nil, "no answer found to a feasible model")
        }
    }

    @Test("gap1–gap12, both senses, on a fixed budget: never past the proven optimum, within 2 % of it, at it on gap1–gap2 and on most others")
    func smallBenchmarks() throws {
        var reached = 0
        let cases = try GAPCase.small()
        for gapCase in cases {
            let instance = try GAPData.instance(for: gapCase.optimum)
            let model = instance.model(sense: gapCase.optimum.sense)
            let solution = try EjectionChainSolver(evaluationBudget: Self.smallBudget).solve(model, options: SolveOptions(timeLimit: 1e6))
            Self.checkInvariants(solution, model)
            let sign: Double = gapCase.optimum.sense == .max ? 1 : -1
            let agentOfJob = (0 ..< instance.jobs).compactMap { solution.bin(ofItem: $0, in: model) }
            try #require(agentOfJob.count == instance.jobs)
            // The cost recomputed from the instance itself, not from the model.
            let achieved = Double(instance.totalCost(agentOfJob: agentOfJob))
            #expect(achieved == sign * solution.objective)
            let optimum = Double(gapCase.optimum.bestKnown)
            let shortfall = sign * (optimum - achieved) / optimum
            #expect(shortfall >= 0, "\(gapCase.testDescription): \(achieved) is past the proven optimum")
            #expect(shortfall <= 0.02, "\(gapCase.testDescription): \(achieved)")
            if gapCase.optimum.file == "gap1.txt" || gapCase.optimum.file == "gap2.txt" {
                #expect(achieved == optimum, "\(gapCase.testDescription): \(achieved)")
            }
            if achieved == optimum { reached += 1 }
        }
        // 88 of the 120 at this budget when this was written; the answers depend on the budget
        // and the seed only, so a change here means the search changed.
        #expect(cases.count == 120)
        #expect(reached >= 85, "optimum reached on \(reached) of \(cases.count)")
    }

    @Test("same seed and budget give the same answer; the search is a function of its inputs")
    func deterministic() throws {
        let optimum = try #require(try GAPData.optima().first { $0.file == "gapd.txt" && $0.problem == 1 })
        let model = try GAPData.instance(for: optimum).model(sense: .min)
        let solver = EjectionChainSolver(seed: 1, evaluationBudget: 3_000_000)
        let one = try solver.solve(model, options: SolveOptions(timeLimit: 1e6))
        let two = try solver.solve(model, options: SolveOptions(timeLimit: 1e6))
        #expect(one.chosenArc == two.chosenArc)
        #expect(one.objective == two.objective)
        #expect(one.status == two.status)
        Self.checkInvariants(one, model)
        // The bound is the Lagrangian (LP) bound: at or below the best known cost.
        #expect(-(one.bound ?? .infinity) <= Double(optimum.bestKnown))
    }

    @Test("a Chu–Beasley type A problem is proved optimal: the answer reaches the Lagrangian bound")
    func chuBeasleyTypeA() throws {
        let optimum = try #require(try GAPData.optima().first { $0.file == "gapa.txt" && $0.problem == 1 })
        let model = try GAPData.instance(for: optimum).model(sense: .min)
        let solution = try EjectionChainSolver(evaluationBudget: 2_000_000).solve(model, options: SolveOptions(timeLimit: 1e6))
        Self.checkInvariants(solution, model)
        #expect(solution.status == .optimal)
        #expect(-solution.objective == Double(optimum.bestKnown))
    }

    @Test("models with side rows are refused, and the engine reports the solver per component")
    func frontDoor() throws {
        var rows = randomTinyModel(seed: 3, uniformWeight: false, sideRows: false)
        rows.sideRows = [SideRow(arcs: [0], coefficients: [1], upper: 0, name: "row")]
        #expect(throws: AssignmentError.self) { try EjectionChainSolver().solve(rows, options: SolveOptions()) }

        // Through the engine (default budget, no clock cap in effect): a tiny model against brute force.
        let model = randomTinyModel(seed: 9_001, uniformWeight: false, sideRows: false)
        let optimum = try #require(bruteForceOptimum(model))
        let solution = try Engine.solve(model, using: .ejection, options: SolveOptions(timeLimit: 1e6))
        #expect(!solution.components.isEmpty)
        #expect(solution.components.allSatisfy { $0.solver == "ejection" })
        #expect(model.evaluate(solution.chosenArc).isFeasible)
        #expect(abs(solution.objective - optimum) < 1e-6)
    }
}
