/// `glpk`: GLPK branch and cut on every component, warm-started by ``GreedySolver``'s answer;
/// the greedy answer is kept when GLPK stops below it.
public struct WarmStartedGLPKSolver: AssignmentSolver {
    public let name = "glpk"

    public init() {}

    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        let deadline = options.deadline(from: .now)
        let first = Result { try GreedySolver().solve(model, options: options) }
        return try GLPKSolver.improve(model, after: first, options: options, deadline: deadline, keepingItOnFailure: false)
    }
}
