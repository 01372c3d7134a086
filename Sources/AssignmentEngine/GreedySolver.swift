import Foundation

/// A deterministic construction heuristic with local search, for every model the engine accepts.
///
/// 1. Fixed arcs are placed.
/// 2. Must-assign items are placed by the regret rule of Martello & Toth's MTHG heuristic for the
///    generalized assignment problem (S. Martello, P. Toth, "An algorithm for the generalized
///    assignment problem", *Operational Research '81*, 1981, pp. 589–603): with desirability
///    `f(i,b) = v(i,b) / w(i,b)`, the item whose best feasible bin beats its second best by the
///    most is placed first (an item with one feasible bin has infinite regret).
/// 3. Optional items are placed by decreasing `v / w` (the greedy that came within 0.2–0.3 % of
///    the optimum on weighted instances), skipping bins without room.
/// 4. Local search (shift, swap, and ejection moves) improves
///    `value − Σ penalty·deviation − M·(hard-row violation)`: hard side rows are repaired by the
///    same search, and any row it cannot satisfy is reported in
///    ``AssignmentSolution/violatedRows`` rather than hidden.
///
/// The search is bounded by a budget of move evaluations (not by time), so the same model always
/// gives the same answer; the time limit only cuts it short as a safety net.
public struct GreedySolver: AssignmentSolver {
    public let name = "greedy"
    /// Upper bound on move evaluations in the improvement phase; `nil` takes
    /// ``WorkBudget/greedyEvaluations`` from the solve's options.
    public var evaluationBudget: Int?

    public init(evaluationBudget: Int? = nil) { self.evaluationBudget = evaluationBudget }

    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        let clock = ContinuousClock.now
        var search = try LocalSearch(model)
        try construct(&search, budget: evaluationBudget ?? options.budget.greedyEvaluations, deadline: options.deadline(from: clock))
        let chosen = search.chosenArcs()
        let evaluation = model.evaluate(chosen)
        let unplaced = (0 ..< model.itemCount).filter { model.mustAssign[$0] && chosen[$0] == nil }
        if !unplaced.isEmpty {
            throw AssignmentError.solverFailure(
                solver: name,
                message: "could not place must-assign \(unplaced.prefix(5).map(model.itemName).joined(separator: ", "))\(unplaced.count > 5 ? " and \(unplaced.count - 5) more" : "")")
        }
        return AssignmentSolution(
            chosenArc: chosen, status: .heuristic, objective: evaluation.objective, bound: nil,
            deviations: evaluation.deviations, violatedRows: evaluation.violatedRows,
            solver: name, seconds: clock.secondsElapsed)
    }

    /// Steps 2–4 on a search that holds only the fixed arcs so far.
    func construct(_ search: inout LocalSearch, budget: Int, deadline: ContinuousClock.Instant) throws {
        try search.placeMustAssignByRegret()
        search.placeOptionalByDensity()
        search.improve(budget: budget, deadline: deadline)
    }
}
