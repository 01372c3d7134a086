import Foundation
import Testing
@testable import AssignmentEngine

@Suite("Reduced-cost fixing")
struct ReducedCostFixingTests {
    /// Random multipliers the bound allows: `λ ∈ [0, penalty]` on soft lower bounds, `λ ≥ 0` on
    /// hard ones, `μ ≥ 0` on upper bounds; the values they adjust and their constant.
    static func randomMultipliers(_ model: AssignmentModel, using rng: inout SplitMix64) -> (adjusted: [Double], constant: Double) {
        var multiplier = [Double](repeating: 0, count: model.sideRows.count)
        var constant = 0.0
        for (s, row) in model.sideRows.enumerated() {
            if let lo = row.lower {
                let lambda = Double.random(in: 0 ... (row.deviationPenalty ?? 4), using: &rng)
                multiplier[s] += lambda
                constant -= lambda * lo
            }
            if let hi = row.upper {
                let mu = Double.random(in: 0 ... 4, using: &rng)
                multiplier[s] -= mu
                constant += mu * hi
            }
        }
        return (RowTerms(model).adjustedValues(model, multiplier: multiplier), constant)
    }

    @Test("with any prices and multipliers, the bound holds and every better assignment survives (brute force, 300 tiny models)")
    func fixingKeepsEveryBetterAssignment() throws {
        var restricted = 0, proven = 0
        for seed in UInt64(31_000) ..< 31_300 {
            let model = randomTinyModel(seed: seed, uniformWeight: seed % 3 == 0, sideRows: seed % 2 == 0)
            guard let optimum = bruteForceOptimum(model),
                  let incumbent = try? GreedySolver().solve(model, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit)),
                  model.evaluate(incumbent.chosenArc).isFeasible else { continue }
            var rng = SplitMix64(seed: seed)
            let (adjusted, constant) = Self.randomMultipliers(model, using: &rng)
            let largest = model.arcValue.lazy.map(abs).max() ?? 1
            let price = (0 ..< model.binCount).map { _ in Double.random(in: 0 ... largest, using: &rng) * (Bool.random(using: &rng) ? 0 : 1) }
            let fixing = ReducedCostFixing(model, adjusted: adjusted, constant: constant, price: price, capacity: model.capacities)
            #expect(fixing.bound >= optimum - 1e-6, "seed \(seed): bound \(fixing.bound) below the optimum \(optimum)")
            switch fixing.restriction(of: model, incumbent: incumbent.chosenArc, objective: incumbent.objective) {
            case .incumbentOptimal:
                #expect(incumbent.objective >= optimum - 1e-6, "seed \(seed)")
                proven += 1
            case .restricted(let smaller, let arcMap):
                #expect(smaller.arcCount <= model.arcCount)
                #expect(arcMap.allSatisfy { $0 >= 0 && $0 < model.arcCount })
                let best = try #require(bruteForceOptimum(smaller), "seed \(seed): the incumbent no longer fits")
                #expect(abs(best - optimum) <= 1e-6, "seed \(seed): restricted optimum \(best), optimum \(optimum)")
                restricted += 1
            }
        }
        #expect(restricted > 100)
        #expect(proven > 0)
    }

    @Test("prices read off the relaxation in units prove GLPK's LP bound", arguments: UInt64(0) ..< 6)
    func pricesProveTheLPBound(seed: UInt64) throws {
        let model = ConstructionTests.familyModel(seed: seed, items: 300, reps: 6)
        let split = try #require(UnitSplit(model))
        let relaxed = try FlowSolver().solve(split.model(values: model.arcValue), options: SolveOptions())
        let answer = split.answer(relaxed.chosenArc)
        let price = try #require(ReducedCostFixing.binPrices(model, relaxed: answer, adjusted: model.arcValue))
        let fixing = ReducedCostFixing(model, adjusted: model.arcValue, constant: 0, price: price,
                                       capacity: answer.unitCapacity.map { $0 * answer.unit })
        // A warm start keeps GLPK's MIP presolver out, so the LP relaxation is solved on its own
        // and reported; the search after it is cut short.
        let greedy = try GreedySolver().solve(model, options: SolveOptions())
        let lp = try #require(try GLPKSolver().run(model, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, budget: WorkBudget(branchNodes: 1)), warmStart: greedy.chosenArc).relaxationBound)
        #expect(abs(fixing.bound - lp) <= 1e-6 * lp, "seed \(seed): \(fixing.bound) against the LP's \(lp)")
        #expect(abs(fixing.bound - relaxed.objective) <= 1e-6 * lp)
        #expect(fixing.reducedCost.allSatisfy { $0 >= 0 })
    }

    @Test("one weight on every arc: the prices prove the flow's optimum")
    func transportationPrices() throws {
        let model = SyntheticInstance.cells(items: 800, bins: 10, cells: 2, seed: 12, capacityRange: 40 ... 70)
        let flow = try FlowSolver().solve(model, options: SolveOptions())
        let answer = try #require(UnitAnswer(transportation: model, chosen: flow.chosenArc))
        let price = try #require(ReducedCostFixing.binPrices(model, relaxed: answer, adjusted: model.arcValue))
        let fixing = ReducedCostFixing(model, adjusted: model.arcValue, constant: 0, price: price,
                                       capacity: answer.unitCapacity.map { $0 * answer.unit })
        #expect(abs(fixing.bound - flow.objective) <= 1e-6 * max(1, flow.objective))
        guard case .incumbentOptimal = fixing.restriction(of: model, incumbent: flow.chosenArc, objective: flow.objective) else {
            Issue.record("the flow's optimum is not recognised as optimal")
            return
        }
    }

    @Test("rows within one bin (move limits) keep the proof on; rows across bins (fairness) do not")
    func rowsWithinOneBin() {
        var model = ConstructionTests.familyModel(seed: 3, items: 60, reps: 4)
        #expect(LagrangianSolver.rowsStayInOneBin(model))
        for b in 0 ..< model.binCount {
            let arcs = (0 ..< model.arcCount).filter { Int(model.arcBin[$0]) == b }
            model.aggregates.append(Aggregate(arcs: arcs, coefficients: arcs.map { _ in 1 }, name: "book \(b)"))
            model.sideRows.append(SideRow(aggregates: [b], aggregateCoefficients: [1], upper: 10, name: "at most 10 in \(b)"))
        }
        #expect(LagrangianSolver.rowsStayInOneBin(model))
        model.sideRows.append(SideRow(aggregates: [0, 1], aggregateCoefficients: [1, -1], upper: 2, name: "0 and 1 within 2"))
        #expect(!LagrangianSolver.rowsStayInOneBin(model))
        let fair = SyntheticInstance.cells(items: 200, bins: 6, cells: 1, seed: 2, fairnessBand: 0.15)
        #expect(!LagrangianSolver.rowsStayInOneBin(fair))
    }

    /// Enterprise-shaped books with a move limit per rep: the relaxed answers and their repairs
    /// end within the default gap, and the fixing then proves GLPK's optimum.
    @Test("move limits per rep, default gap: lagrange proves GLPK's optimum", arguments: UInt64(0) ..< 4)
    func moveLimitsProven(seed: UInt64) throws {
        var model = ConstructionTests.familyModel(seed: 100 + seed, items: 400, reps: 8)
        var rng = SplitMix64(seed: seed)
        // Every rep may take at most 12 of the accounts it does not own (here: arcs of items
        // with a value above the median count as moves).
        let median = model.arcValue.sorted()[model.arcCount / 2]
        for b in 0 ..< model.binCount {
            let arcs = (0 ..< model.arcCount).filter { Int(model.arcBin[$0]) == b && model.arcValue[$0] > median }
            model.sideRows.append(SideRow(arcs: arcs, coefficients: arcs.map { _ in 1 },
                                          upper: Double(Int.random(in: 10 ... 14, using: &rng)), name: "moves of \(b)"))
        }
        var exactOptions = SolveOptions(timeLimit: SolveOptions.maximumTimeLimit, budget: WorkBudget(branchNodes: 1_000_000))
        exactOptions.relativeGap = 0
        let exact = try GLPKSolver().solve(model, options: exactOptions)
        try #require(exact.status == .optimal)
        let answer = try LagrangianSolver().solve(model, options: SolveOptions(timeLimit: SolveOptions.maximumTimeLimit))
        #expect(model.evaluate(answer.chosenArc).isFeasible)
        #expect(answer.status == .optimal, "seed \(seed): \(answer.status), gap \(answer.gap ?? -1)")
        #expect(abs(answer.objective - exact.objective) <= 1e-6 * exact.objective, "seed \(seed): \(answer.objective) against \(exact.objective)")
    }
}
