/// `auto`, the engine's default: on each component, the method that suits it.
///
/// 1. The flow fast path where it applies (no side rows, one weight per arc): exact.
/// 2. Otherwise the Lagrangian relaxation (``LagrangianSolver``): an answer with a bound. It is
///    kept when it is within the gap, when it still breaks a hard row, when the component has
///    more than ``WorkBudget/glpkArcLimit`` arcs, or when the time limit cut it short.
/// 3. On a component without side rows (generalized assignment), ejection chains
///    (``EjectionChainSolver``) search it within ``WorkBudget/searchEvaluations``; a proven or
///    within-gap answer is kept.
/// 4. GLPK, warm-started by the best answer so far, within ``WorkBudget/branchNodes``; when GLPK
///    fails or stops below that answer, the answer is kept and the report says why.
public struct AutoSolver: AssignmentSolver {
    public let name = "auto"

    public init() {}

    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        let start = ContinuousClock.now
        let deadline = options.deadline(from: start)
        if FlowSolver.applies(to: model) { return try FlowSolver().solve(model, options: options) }
        var first = Result { try LagrangianSolver().solve(model, options: options) }
        // The relaxation's prices prove the bound of whatever answer is kept.
        let certificate = try? first.get().certificate
        func certified(_ s: AssignmentSolution) -> AssignmentSolution {
            var s = s
            if options.certify { s.certificate = s.certificate ?? certificate }
            return s
        }
        if var answer = try? first.get(),
           (answer.violatedRows.isEmpty && (answer.gap ?? 1) <= options.relativeGap)
            || model.arcCount > options.budget.glpkArcLimit || answer.status == .timeLimit {
            if !answer.violatedRows.isEmpty {
                answer.note = ["no assignment satisfying every hard side row found; \(answer.violatedRows.count) left broken",
                               answer.note].compactMap { $0 }.joined(separator: "; ")
            }
            return certified(answer)
        }
        first = Engine.searchGAP(model, improving: first, options: options, start: start)
        if case .success(let answer) = first, [.optimal, .withinGap].contains(answer.status) { return certified(answer) }
        return certified(try GLPKSolver.improve(model, after: first, options: options, deadline: deadline, keepingItOnFailure: true))
    }
}
