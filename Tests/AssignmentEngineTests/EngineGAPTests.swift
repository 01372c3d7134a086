import Testing
@testable import AssignmentEngine

@Suite("Engine on GAP benchmarks")
struct EngineGAPTests {
    @Test("greedy is feasible and never better than the optimum on gap1–gap12, both senses",
          arguments: try GAPCase.small())
    func greedyNeverBeatsOptimum(_ gapCase: GAPCase) throws {
        let instance = try GAPData.instance(for: gapCase.optimum)
        let model = instance.model(sense: gapCase.optimum.sense)
        let solution = try GreedySolver().solve(model, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit))
        #expect(model.evaluate(solution.chosenArc).isFeasible)
        let sign: Double = gapCase.optimum.sense == .max ? 1 : -1
        let achieved = sign * solution.objective
        let optimum = Double(gapCase.optimum.bestKnown)
        if gapCase.optimum.sense == .max { #expect(achieved <= optimum) } else { #expect(achieved >= optimum) }
    }

    @Test("auto reaches the optimum on gap12 through the engine front door", arguments: 1 ... 5)
    func autoReachesOptimum(_ problem: Int) throws {
        let optimum = try #require(try GAPData.optima().first { $0.file == "gap12.txt" && $0.problem == problem && $0.sense == .max })
        let model = try GAPData.instance(for: optimum).model(sense: .max)
        let solution = try Engine.solve(model, using: .auto, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, relativeGap: 0, budget: WorkBudget(branchNodes: 1_000_000)))
        #expect(solution.status == .optimal)
        #expect(solution.objective == Double(optimum.bestKnown))
        // Proven by GLPK on the whole model, or by the Lagrangian's reduced-cost fixing with GLPK
        // on what is left.
        #expect(solution.components.allSatisfy { ["glpk", "lagrange"].contains($0.solver) && $0.status == .optimal })
    }
}

@Suite("Engine front door")
struct EngineTests {
    @Test("components are solved independently and stitched back, whatever the thread count")
    func decompositionIsDeterministic() throws {
        let model = SyntheticInstance.cells(items: 2_000, bins: 24, cells: 6, seed: 9)
        let one = try Engine.solve(model, using: .auto, options: SolveOptions(parallelism: 1))
        let two = try Engine.solve(model, using: .auto, options: SolveOptions(parallelism: 2))
        #expect(one.chosenArc == two.chosenArc)
        #expect(one.components.count == 6)
        #expect(one.components.allSatisfy { $0.solver == "flow" && $0.status == .optimal })
        #expect(one.status == .optimal)
        #expect(model.evaluate(one.chosenArc).isFeasible)
    }

    @Test("auto picks flow, glpk and greedy per component and agrees with brute force",
          arguments: UInt64(0) ..< 60)
    func autoAgreesWithBruteForce(_ seed: UInt64) throws {
        let model = randomTinyModel(seed: 5_000 + seed, uniformWeight: seed % 2 == 0, sideRows: seed % 3 == 0)
        let truth = bruteForceOptimum(model)
        do {
            let solution = try Engine.solve(model, using: .auto, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit))
            let optimum = try #require(truth)
            #expect(model.evaluate(solution.chosenArc).isFeasible)
            #expect(abs(solution.objective - optimum) < 1e-6, "objective \(solution.objective), optimum \(optimum)")
        } catch AssignmentError.infeasible {
            #expect(truth == nil)
        }
    }

    @Test("invalid models are refused with a precise message")
    func validation() {
        var builder = AssignmentModelBuilder(itemCount: 1, capacities: [-1])
        builder.addArc(item: 0, bin: 0, value: 1, weight: 1)
        #expect(throws: AssignmentError.invalidModel("bin 0 has capacity -1.0; capacities must be finite and ≥ 0")) {
            try Engine.solve(builder.build().model)
        }
        var nan = AssignmentModelBuilder(itemCount: 1, capacities: [1])
        nan.addArc(item: 0, bin: 0, value: .nan, weight: 1)
        #expect(throws: AssignmentError.self) { try Engine.solve(nan.build().model) }
        var unknownBin = AssignmentModelBuilder(itemCount: 1, capacities: [1])
        unknownBin.addArc(item: 0, bin: 3, value: 1, weight: 1)
        #expect(throws: AssignmentError.self) { try Engine.solve(unknownBin.build().model) }
        var duplicated = AssignmentModelBuilder(itemCount: 1, capacities: [1])
        duplicated.addArc(item: 0, bin: 0, value: 1, weight: 1)
        duplicated.addArc(item: 0, bin: 0, value: 2, weight: 1)
        #expect(throws: AssignmentError.self) { try Engine.solve(duplicated.build().model) }
    }

    @Test("a must-assign item without arcs is named in the infeasibility")
    func orphanMustAssign() {
        var builder = AssignmentModelBuilder(itemCount: 2, capacities: [1])
        builder.mustAssign = [false, true]
        builder.addArc(item: 0, bin: 0, value: 1, weight: 1)
        var model = builder.build().model
        model.itemNames = ["acme", "globex"]
        #expect(throws: AssignmentError.infeasible(reasons: ["globex must be assigned but has no eligible bin"])) {
            try Engine.solve(model)
        }
    }
}
