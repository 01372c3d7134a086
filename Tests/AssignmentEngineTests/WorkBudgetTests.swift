import AssignmentEngine
import Foundation
import Testing

@Suite("Work budgets")
struct WorkBudgetTests {
    @Test("a component gets the iterations its relaxation arcs allow, within one and eight times the minimum")
    func iterationsPerComponent() {
        let budget = WorkBudget(subgradientIterations: 40, relaxationArcs: 5_000_000)
        #expect(budget.iterations(arcs: 7_571_074) == 40)
        #expect(budget.iterations(arcs: 125_000) == 40)
        #expect(budget.iterations(arcs: 16_826) == 297)
        #expect(budget.iterations(arcs: 20) == 320)
        #expect(budget.iterations(arcs: 0) == 320)
        #expect(WorkBudget(subgradientIterations: .max).iterations(arcs: 1) == .max)
        #expect(WorkBudget(subgradientIterations: 40, relaxationArcs: 0).iterations(arcs: 10) == 40)
    }

    @Test("a stored budget without the newer counts reads with their defaults, and a whole one round-trips")
    func decodingOlderBudgets() throws {
        let older = #"{"subgradientIterations": 7, "repairEvaluations": 8, "greedyEvaluations": 9, "branchNodes": 10, "proofNodes": 11}"#
        let read = try JSONDecoder().decode(WorkBudget.self, from: Data(older.utf8))
        var expected = WorkBudget()
        expected.subgradientIterations = 7; expected.repairEvaluations = 8; expected.greedyEvaluations = 9
        expected.branchNodes = 10; expected.proofNodes = 11
        #expect(read == expected)
        let whole = WorkBudget(subgradientIterations: 3, repairEvaluations: 4, searchTimeShare: 0.25, closeGapArcLimit: 5,
                               relaxationArcs: 6)
        #expect(try JSONDecoder().decode(WorkBudget.self, from: JSONEncoder().encode(whole)) == whole)
        // The counts keep their floors when read, as when set in code.
        let hostile = #"{"subgradientIterations": -5, "searchTimeShare": 7}"#
        let clamped = try JSONDecoder().decode(WorkBudget.self, from: Data(hostile.utf8))
        #expect(clamped.subgradientIterations == 1 && clamped.searchTimeShare == 1)
    }
}
