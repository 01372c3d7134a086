import Foundation

extension Engine {
    /// For `auto` on a component without side rows whose capacities make it a generalized
    /// assignment problem (weights differ, so the flow fast path does not apply) and that the
    /// Lagrangian solver did not prove, within ``WorkBudget/searchCellLimit`` cells:
    /// ``EjectionChainSolver`` searches it (a share ``WorkBudget/searchTimeShare`` of the time
    /// left as its safety cap), and the better of
    /// its answer and `first` is returned (with the tighter of their bounds), to warm-start GLPK.
    ///
    /// - Parameters:
    ///   - first: the Lagrangian solver's outcome.
    ///   - options: the component's options; its time limit runs from `start`.
    static func searchGAP(_ model: AssignmentModel, improving first: Result<AssignmentSolution, Error>,
                          options: SolveOptions, start: ContinuousClock.Instant) -> Result<AssignmentSolution, Error> {
        guard EjectionChainSolver.applies(to: model), !FlowSolver.applies(to: model), model.itemCount > 0,
              model.itemCount * (model.binCount + 1) <= options.budget.searchCellLimit else { return first }
        var capped = options
        capped.timeLimit = max(0.05, (options.timeLimit - start.secondsElapsed) * options.budget.searchTimeShare)
        let budget = min(options.budget.searchEvaluations,
                         EjectionChainSolver.defaultBudget(items: model.itemCount, bins: model.binCount))
        guard budget > 0, var found = try? EjectionChainSolver(evaluationBudget: budget).solve(model, options: capped) else { return first }
        guard let previous = try? first.get(), previous.violatedRows.isEmpty else { return .success(found) }
        let bound = [previous.bound, found.bound].compactMap { $0 }.min()
        if previous.objective >= found.objective { found = previous }
        found.bound = bound.map { max($0, found.objective) }
        if let gap = found.gap {
            if gap <= LagrangianSolver.optimalityTolerance { found.status = .optimal }
            else if gap <= options.relativeGap && found.status != .optimal { found.status = .withinGap }
        }
        return .success(found)
    }
}
