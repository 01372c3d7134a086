/// One ``GLPKSolver`` solve: the answer and how GLPK reached it.
public struct GLPKRun: Sendable, Equatable {
    /// What became of the warm start.
    public enum WarmStartUse: Sendable, Equatable {
        /// None was given.
        case none
        /// It breaks a constraint (the reason), so GLPK never saw it.
        case rejected(String)
        /// It was feasible, but GLPK never asked for a heuristic solution (the root LP was
        /// integral, or the search stopped first).
        case notRequested
        /// GLPK was offered it and already had an incumbent at least as good.
        case declined
        /// It became GLPK's incumbent.
        case accepted
        /// It is the returned answer: GLPK found nothing better in time.
        case returned
    }

    /// The checked answer.
    public var solution: AssignmentSolution
    /// The LP relaxation's objective, when it was solved.
    public var relaxationBound: Double?
    /// Subproblems created by branch and cut.
    public var nodes: Int
    public var warmStart: WarmStartUse
    /// Seconds in the LP relaxation (`glp_simplex`).
    public var lpSeconds: Double
    /// Seconds in branch and cut (`glp_intopt`).
    public var searchSeconds: Double
    /// False when the GLPK thread overran the time limit and its grace period and was abandoned.
    public var answeredInTime: Bool
}
