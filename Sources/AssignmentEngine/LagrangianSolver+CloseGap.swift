extension LagrangianSolver {
    /// Tries to close the gap between `incumbent` and the bound of `relaxation`: the arcs no
    /// better assignment can use are removed (``ReducedCostFixing``) and GLPK solves the rest to
    /// optimality, each piece within ``WorkBudget/proofNodes`` branch-and-bound nodes
    /// (`deadline` is the solve's safety cap).
    /// - Returns: the better of GLPK's answer and the incumbent, whether it is proven optimal
    ///   (the incumbent, unproven, when what is left is too large for GLPK), and whether the
    ///   safety cap cut the proof short; nil when the relaxation gives no usable prices.
    static func closeGap(_ model: AssignmentModel, relaxation: ProvingRelaxation, terms: RowTerms,
                         incumbent: [Int?], objective: Double, budget: WorkBudget,
                         deadline: ContinuousClock.Instant) -> (chosen: [Int?], objective: Double, proven: Bool, timedOut: Bool)? {
        let adjusted = terms.adjustedValues(model, multiplier: relaxation.multiplier)
        guard let fixing = relaxation.fixing(model, adjusted: adjusted) else { return nil }
        var incumbent = incumbent, objective = objective
        var timedOut = false
        /// GLPK piece by piece on a restriction; the answer in the model's arcs, if it is feasible.
        func solve(_ restricted: AssignmentModel, arcMap: [Int]) -> (chosen: [Int?], objective: Double, optimal: Bool)? {
            let found = solvePieces(restricted, warm: restrict(incumbent, to: arcMap, arcCount: model.arcCount),
                                    budget: budget, deadline: deadline)
            if found.timedOut { timedOut = true }
            let chosen = found.chosen.map { $0.map { arcMap[$0] } }
            let evaluation = model.evaluate(chosen)
            // Every piece's answer holds its rows, so the whole holds the model's; checked anyway.
            return evaluation.isFeasible ? (chosen, evaluation.objective, found.optimal) : nil
        }
        // When the gap keeps much more, first the assignments that lose nothing against the
        // bound: the relaxation's optimal face, where the many ties of equal values leave room,
        // plus the incumbent's arcs. Its best answer shrinks the gap, and the fixing is redone.
        let tight = optimalityTolerance * max(1, abs(fixing.bound))
        let faceArcs = fixing.keptArcCount(of: model, incumbent: incumbent, objective: objective, threshold: tight)
        if faceArcs <= budget.closeGapArcLimit, 2 * faceArcs < fixing.keptArcCount(of: model, incumbent: incumbent, objective: objective),
           case .restricted(let face, let arcMap) = fixing.restriction(of: model, incumbent: incumbent, objective: objective, threshold: tight),
           let found = solve(face, arcMap: arcMap), found.objective > objective {
            (incumbent, objective) = (found.chosen, found.objective)
        }
        guard fixing.keptArcCount(of: model, incumbent: incumbent, objective: objective) <= budget.closeGapArcLimit else {
            return (incumbent, objective, false, timedOut)
        }
        switch fixing.restriction(of: model, incumbent: incumbent, objective: objective) {
        case .incumbentOptimal:
            return (incumbent, objective, true, timedOut)
        case .restricted(let restricted, let arcMap):
            guard let found = solve(restricted, arcMap: arcMap), found.objective >= objective else {
                return (incumbent, objective, false, timedOut)
            }
            return (found.chosen, found.objective, found.optimal, timedOut)
        }
    }

    /// `assignment` in the arc numbering of a restriction that keeps its arcs.
    static func restrict(_ assignment: [Int?], to arcMap: [Int], arcCount: Int) -> [Int?] {
        var index = [Int](repeating: -1, count: arcCount)
        for (n, k) in arcMap.enumerated() { index[k] = n }
        return assignment.map { $0.map { index[$0] } }
    }

    /// Solves the independent components of `model` one by one (a branch and bound over
    /// independent parts multiplies their trees), each by the flow where it applies and by GLPK
    /// warm-started from `warm` otherwise, within ``WorkBudget/proofNodes`` nodes each.
    /// - Returns: the assignment, whether every component was solved to optimality, and whether
    ///   the safety cap (`deadline`) stopped a piece.
    static func solvePieces(_ model: AssignmentModel, warm: [Int?], budget: WorkBudget,
                            deadline: ContinuousClock.Instant) -> (chosen: [Int?], optimal: Bool, timedOut: Bool) {
        var chosen = warm
        var optimal = true, timedOut = false
        // Small pieces go without the warm start, so GLPK's MIP presolver runs (see
        // ``WorkBudget/mipPresolveArcLimit``); the incumbent stays if GLPK fails.
        let presolveLimit = budget.mipPresolveArcLimit
        var pieceBudget = budget
        pieceBudget.branchNodes = budget.proofNodes
        let components = model.components()
        var local = [Int](repeating: -1, count: model.arcCount)
        let order = components.indices.sorted { (-components[$0].model.arcCount, $0) < (-components[$1].model.arcCount, $1) }
        for c in order {
            let piece = components[c].model
            // Nothing to choose: every item has one arc it must take.
            if (0 ..< piece.itemCount).allSatisfy({ piece.arcs(ofItem: $0).count == 1 && piece.mustAssign[$0] }) { continue }
            let seconds = ContinuousClock.now.seconds(until: deadline)
            guard seconds > 0.05 else { optimal = false; timedOut = true; break }
            for (l, k) in components[c].arcMap.enumerated() { local[k] = l }
            let start: [Int?] = components[c].items.map { warm[$0].map { local[$0] } }
            let options = SolveOptions(timeLimit: seconds, relativeGap: 0, parallelism: 1, budget: pieceBudget)
            let answer = FlowSolver.applies(to: piece) ? try? FlowSolver().solve(piece, options: options)
                : try? GLPKSolver().solve(piece, options: options, warmStart: piece.arcCount <= presolveLimit ? nil : start)
            guard let answer, piece.evaluate(answer.chosenArc).objective >= piece.evaluate(start).objective - 1e-9 else { optimal = false; continue }
            if answer.status != .optimal { optimal = false }
            if answer.status == .timeLimit { timedOut = true }
            for (l, i) in components[c].items.enumerated() { chosen[i] = answer.chosenArc[l].map { components[c].arcMap[$0] } }
        }
        return (chosen, optimal, timedOut)
    }
}
