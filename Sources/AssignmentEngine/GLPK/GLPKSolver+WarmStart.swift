extension GLPKSolver {
    /// GLPK warm-started by `first`'s answer (when it breaks no hard row), with what is left of
    /// the time until `deadline`.
    /// - Returns: GLPK's answer, or `first`'s when it is better (its bound raised to GLPK's, a
    ///   note saying where GLPK stopped); with `keepingItOnFailure`, also `first`'s answer when
    ///   GLPK fails, noted.
    /// - Throws: an infeasibility GLPK proves; GLPK's failure otherwise, unless `first`'s answer
    ///   is kept.
    static func improve(_ model: AssignmentModel, after first: Result<AssignmentSolution, Error>, options: SolveOptions,
                        deadline: ContinuousClock.Instant, keepingItOnFailure: Bool) throws -> AssignmentSolution {
        let warm = (try? first.get()).flatMap { $0.violatedRows.isEmpty ? $0.chosenArc : nil }
        var local = options
        local.timeLimit = max(0.05, ContinuousClock.now.seconds(until: deadline))
        do {
            let exact = try GLPKSolver().solve(model, options: local, warmStart: warm)
            if let heuristic = try? first.get(), heuristic.violatedRows.isEmpty, heuristic.objective > exact.objective + 1e-9 {
                var kept = heuristic
                kept.bound = exact.bound.map { max($0, heuristic.objective) } ?? heuristic.bound
                kept.note = "glpk stopped at \(exact.objective)"
                return kept
            }
            return exact
        } catch let error as AssignmentError {
            if case .infeasible = error { throw error }
            guard keepingItOnFailure, var fallback = try? first.get() else { throw error }
            fallback.note = "glpk: \(error)"
            return fallback
        }
    }
}
