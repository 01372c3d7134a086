/// The steps of ``GLPKSolver/run(_:options:warmStart:)``: checking the warm start, GLPK's
/// settings, and reading GLPK's answer back.
extension GLPKSolver {
    /// A warm start GLPK may use: the assignment and its evaluation when it satisfies every
    /// constraint, and what the run reports about it (the first violations when it does not).
    static func checkedWarmStart(_ warmStart: [Int?]?, of model: AssignmentModel)
        -> (start: (chosenArc: [Int?], evaluation: AssignmentEvaluation)?, use: GLPKRun.WarmStartUse) {
        guard let warmStart else { return (nil, .none) }
        let evaluation = model.evaluate(warmStart)
        guard evaluation.isFeasible else { return (nil, .rejected(evaluation.violations.prefix(3).joined(separator: "; "))) }
        return ((warmStart, evaluation), .notRequested)
    }

    /// GLPK's settings for `model`: the node budget of ``WorkBudget/branchNodes`` scaled to its
    /// arcs, the configuration's search options, and the MIP presolver only without a warm start
    /// (GLPK's presolved columns are not ours) and within the presolve arc limit.
    func settings(for model: AssignmentModel, options: SolveOptions, warmStarted: Bool, deadline: Double) -> GLPKSettings {
        GLPKSettings(
            deadline: deadline, nodeLimit: WorkBudget.nodeLimit(options.budget.branchNodes, arcs: model.arcCount),
            relativeGap: options.relativeGap,
            lpPresolve: configuration.lpPresolve, primalSimplex: configuration.primalSimplex,
            cuts: configuration.cuts, pseudocostBranching: configuration.pseudocostBranching,
            feasibilityPump: configuration.feasibilityPump ?? !warmStarted,
            mipPresolve: !warmStarted && model.arcCount <= configuration.mipPresolveArcLimit ?? options.budget.mipPresolveArcLimit,
            injectDuplicateEntry: injectsInternalError)
    }

    /// The error for GLPK's verdict that the model is infeasible: a failure when a feasible warm
    /// start contradicts it, the infeasibility otherwise.
    func infeasibility(_ outcome: GLPKOutcome, warmStarted: Bool) -> AssignmentError {
        if warmStarted {
            return .solverFailure(solver: name, message: "GLPK reported the model infeasible, but the warm start satisfies every row")
        }
        let stage = outcome == .relaxationInfeasible ? "even its LP relaxation is infeasible" : "branch and cut proved it"
        return .infeasible(reasons: [
            "no assignment satisfies every must-assign item, bin capacity and hard side row together (\(stage))",
        ])
    }

    /// GLPK's columns as an assignment, checked against every constraint of `model`.
    /// - Throws: ``AssignmentError/solverFailure(solver:message:)`` when GLPK chose two arcs for
    ///   an item or its answer breaks a constraint.
    func checkedAnswer(_ formulation: GLPKFormulation, raw: GLPKRawResult,
                       model: AssignmentModel) throws -> (chosenArc: [Int?], evaluation: AssignmentEvaluation) {
        let chosenArc: [Int?]
        switch formulation.assignment(from: raw.columnValues, model: model) {
        case .success(let arcs): chosenArc = arcs
        case .failure(let error):
            throw AssignmentError.solverFailure(solver: name, message: "GLPK chose two arcs for \(model.itemName(error.item))")
        }
        let evaluation = model.evaluate(chosenArc)
        guard evaluation.isFeasible else {
            throw AssignmentError.solverFailure(
                solver: name, message: "GLPK returned an assignment that breaks: " + evaluation.violations.prefix(3).joined(separator: "; "))
        }
        return (chosenArc, evaluation)
    }

    /// The status of an answer GLPK did not prove optimal, from why it stopped and the gap.
    static func status(stoppedBy stop: GLPKOutcome.Stop, gap: Double?, relativeGap: Double) -> TerminationStatus {
        switch stop {
        case .gapReached: .withinGap
        case _ where gap.map({ $0 <= relativeGap }) ?? false: .withinGap
        case .nodeLimit: .workLimit
        case .timeUp: .timeLimit
        case .otherwise: .heuristic
        }
    }
}
