import CGLPKGuard

/// Solves an ``AssignmentModel`` exactly with GLPK's branch and cut (GLPK 5.0, `glp_intopt`).
///
/// ## Formulation
///
/// ```
/// maximise   Σ_k value[k]·x[k]  −  Σ_s penalty[s]·d[s]
/// subject to Σ_{k ∈ arcs(i)} x[k] ≤ 1                        every item i (= 1 when it must be assigned)
///            Σ_{k ∈ arcs(b)} weight[k]·x[k] ≤ capacity[b]     every bin b
///            lower[s] ≤ Σ_t coef[t]·x[arc[t]] + Σ_g β[g]·A[g] + d[s] ≤ upper[s]
///                                                             every side row s (open sides omitted)
///            A[g] − Σ_t a[t]·x[arc[t]] = 0                    every aggregate g a side row uses
///            x[k] = 1                                         every fixed arc k (column bounds)
///            x[k] ∈ {0, 1};  d[s] ≥ 0, present only when row s has a lower bound and a penalty;
///            A[g] free
/// ```
///
/// One row `lower ≤ … + d ≤ upper` carries both bounds of a penalised row: a feasible `(x, d)`
/// has its activity `≤ upper − d ≤ upper`, and every `x` within `upper` is feasible with
/// `d = max(0, lower − activity)`, so the rows restrict `x` exactly as the model says.
///
/// The matrix goes to GLPK in one `glp_load_matrix` call. Small models (see
/// ``WorkBudget/mipPresolveArcLimit``) go through GLPK's MIP presolver; larger ones have their
/// LP relaxation solved first by the primal simplex with the LP presolver (primal was about 20×
/// faster than dual on large assignment LPs) and branch and cut starts from that basis. Branch
/// and cut uses Gomory, MIR, cover and clique cuts and hybrid pseudo-cost branching, the
/// setting (`glpsol --cuts --pcost`) that proves every GAP 1–12 problem optimal. It stops at
/// ``SolveOptions/relativeGap``, after ``WorkBudget/branchNodes`` subproblems (counted in its
/// callback, so the answer does not depend on the machine's speed), or at the safety cap
/// ``SolveOptions/timeLimit``.
///
/// ## Answers
///
/// Every answer GLPK returns, and every warm start, is checked in Swift against all rows before
/// it is used (GLPK does not check the solutions it is handed). The status is proven by GLPK,
/// never assumed: ``TerminationStatus/optimal`` only for `GLP_OPT`; an incumbent within the gap
/// is ``TerminationStatus/withinGap``, one stopped by the node budget ``TerminationStatus/workLimit``,
/// one stopped by the clock ``TerminationStatus/timeLimit``.
/// The bound is the best active node's bound seen during the search, or the LP relaxation's.
///
/// ## Threads and time
///
/// GLPK keeps its state per OS thread, and a problem must be created, solved and deleted on one
/// thread, with no `await` in between. Each solve therefore runs synchronously on its own new
/// `Thread`, which frees its GLPK environment (`glp_free_env`) when done. The caller blocks until
/// then: call it from a thread that may block (a `Thread`, a dispatch queue, or a bounded number
/// of tasks), not from one task per component on the cooperative pool. Solves on different
/// threads run in parallel and independently (two at once give the same answers as one after
/// the other). GLPK's internal errors, which would abort the process, are caught in C
/// (`CGLPKGuard`) and thrown as ``AssignmentError/solverFailure(solver:message:)``.
///
/// GLPK's time limit is soft (its simplex has no callback, and overruns of 5–60% were measured).
/// So the caller waits at most `timeLimit + graceSeconds + graceFraction·timeLimit`. If the GLPK
/// thread has not answered by then, the solve returns the warm start as
/// ``TerminationStatus/timeLimit`` or throws ``AssignmentError/noSolutionInTime(solver:seconds:)``;
/// the thread is left to finish on its own (its branch-and-cut callback stops the search as soon
/// as it runs again past the deadline) and its answer is discarded.
public struct GLPKSolver: AssignmentSolver {
    /// How GLPK searches. The defaults are the ones measured best on GAP.
    public struct Configuration: Sendable, Equatable {
        /// Gomory, MIR, cover and clique cuts.
        public var cuts: Bool
        /// Hybrid pseudo-cost branching (otherwise Driebeck–Tomlin).
        public var pseudocostBranching: Bool
        /// Primal simplex for the LP relaxation (otherwise dual, falling back to primal).
        public var primalSimplex: Bool
        /// The LP presolver.
        public var lpPresolve: Bool
        /// GLPK's feasibility pump at the root; `nil` runs it only when no warm start is given.
        /// Its first answers are poor, but on the large Chu–Beasley instances it was often the
        /// only incumbent found in time; on gap1–12 it cost nothing measurable. A warm start
        /// already gives the search an incumbent, which is all the pump is for.
        public var feasibilityPump: Bool?
        /// Models with at most this many arcs go through GLPK's MIP presolver: `glp_intopt`
        /// presolves the model and solves the LP relaxation itself, with the dual simplex
        /// (`primalSimplex` and `lpPresolve` then do not apply). On gap1–12 it cut the search
        /// from 61k to 45k nodes and the CPU time by a quarter. Larger models solve their LP
        /// relaxation first with the primal simplex, which was 20× faster than the dual one on
        /// 250k-arc assignment LPs. Set to 0 to never use it, `Int.max` to always. A solve with
        /// a warm start never uses it: the search would run on columns the warm start does not name.
        /// `nil` takes ``WorkBudget/mipPresolveArcLimit`` from the solve's options.
        public var mipPresolveArcLimit: Int?
        /// Fixed part of how long the caller waits beyond the time limit.
        public var graceSeconds: Double
        /// Part of how long the caller waits beyond the time limit, as a fraction of it.
        public var graceFraction: Double

        public init(cuts: Bool = true, pseudocostBranching: Bool = true, primalSimplex: Bool = true,
                    lpPresolve: Bool = true, feasibilityPump: Bool? = nil, mipPresolveArcLimit: Int? = nil,
                    graceSeconds: Double = 1, graceFraction: Double = 0.1) {
            self.cuts = cuts
            self.pseudocostBranching = pseudocostBranching
            self.primalSimplex = primalSimplex
            self.lpPresolve = lpPresolve
            self.feasibilityPump = feasibilityPump
            self.mipPresolveArcLimit = mipPresolveArcLimit
            self.graceSeconds = graceSeconds
            self.graceFraction = graceFraction
        }
    }

    public var name: String { "glpk" }
    public var configuration: Configuration
    /// Test hook: makes the C guard load a matrix with a duplicate entry, a GLPK internal error.
    var injectsInternalError = false

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Solves `model` within `options`. See ``run(_:options:warmStart:)``.
    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        try run(model, options: options, warmStart: nil).solution
    }

    /// Solves `model` within `options`, starting from a known assignment.
    /// See ``run(_:options:warmStart:)``.
    public func solve(_ model: AssignmentModel, options: SolveOptions, warmStart: [Int?]?) throws -> AssignmentSolution {
        try run(model, options: options, warmStart: warmStart).solution
    }

    /// Solves `model` and reports how GLPK got there.
    ///
    /// - Parameters:
    ///   - model: the problem; validated first.
    ///   - options: the time limit (wall clock, whole solve) and the relative gap.
    ///   - warmStart: per item, the chosen arc or `nil` (e.g. a greedy answer). It is checked
    ///     against every row; if it breaks one, it is not used and ``GLPKRun/warmStart`` says why.
    ///     A feasible warm start becomes GLPK's first incumbent and is returned, as
    ///     ``TerminationStatus/heuristic``, when GLPK finds nothing in time.
    /// - Returns: the solution and GLPK's statistics.
    /// - Throws: ``AssignmentError/invalidModel(_:)`` for a malformed model,
    ///   ``AssignmentError/infeasible(reasons:)`` when no assignment satisfies the rows,
    ///   ``AssignmentError/noSolutionInTime(solver:seconds:)`` when time ran out first, and
    ///   ``AssignmentError/solverFailure(solver:message:)`` when GLPK failed.
    public func run(_ model: AssignmentModel, options: SolveOptions, warmStart: [Int?]? = nil) throws -> GLPKRun {
        let started = cglpk_now()
        try Self.validate(model)
        let obvious = Self.obviousInfeasibilities(in: model)
        guard obvious.isEmpty else { throw AssignmentError.infeasible(reasons: obvious) }

        let checked = Self.checkedWarmStart(warmStart, of: model)
        let start = checked.start
        var warmStartUse = checked.use

        let elapsed = { cglpk_now() - started }
        func finish(_ chosenArc: [Int?], _ evaluation: AssignmentEvaluation, status: TerminationStatus,
                    bound: Double?, raw: GLPKRawResult?) -> GLPKRun {
            let solution = AssignmentSolution(
                chosenArc: chosenArc, status: status, objective: evaluation.objective,
                bound: bound.map { max($0, evaluation.objective) }, deviations: evaluation.deviations,
                solver: name, seconds: elapsed())
            return GLPKRun(
                solution: solution, relaxationBound: raw?.relaxationBound,
                nodes: Int(raw?.result.nodes ?? 0), warmStart: warmStartUse,
                lpSeconds: raw?.result.lp_seconds ?? 0, searchSeconds: raw?.result.mip_seconds ?? 0,
                answeredInTime: raw != nil)
        }

        if model.arcCount == 0 {
            // Nothing to choose: GLPK is not needed (and rejects a problem without columns).
            let empty = [Int?](repeating: nil, count: model.itemCount)
            let evaluation = model.evaluate(empty)
            guard evaluation.isFeasible else { throw AssignmentError.infeasible(reasons: evaluation.violations) }
            return finish(empty, evaluation, status: .optimal, bound: evaluation.objective, raw: nil)
        }

        let formulation = GLPKFormulation(model, warmStart: start.map { ($0.chosenArc, $0.evaluation.deviations) })
        let settings = settings(for: model, options: options, warmStarted: start != nil, deadline: started + options.timeLimit)
        let wait = options.timeLimit * (1 + configuration.graceFraction) + configuration.graceSeconds - elapsed()
        guard let raw = DedicatedThread.run(name: "glpk", timeout: wait, { formulation.solve(settings) }) else {
            if let start {
                warmStartUse = .returned
                return finish(start.chosenArc, start.evaluation, status: .timeLimit, bound: nil, raw: nil)
            }
            throw AssignmentError.noSolutionInTime(solver: name, seconds: elapsed())
        }
        if raw.result.warm_start_offered != 0, start != nil {
            warmStartUse = raw.result.warm_start_accepted != 0 ? .accepted : .declined
        }

        let outcome = GLPKOutcome(raw)
        switch outcome {
        case .failure(let message):
            throw AssignmentError.solverFailure(solver: name, message: message)
        case .relaxationInfeasible, .integerInfeasible:
            throw infeasibility(outcome, warmStarted: start != nil)
        case .noIncumbent(let timeUp):
            guard let start else { throw AssignmentError.noSolutionInTime(solver: name, seconds: elapsed()) }
            warmStartUse = .returned
            return finish(start.chosenArc, start.evaluation, status: timeUp ? .timeLimit : .workLimit,
                          bound: raw.bound, raw: raw)
        case .optimal, .feasible:
            let (chosenArc, evaluation) = try checkedAnswer(formulation, raw: raw, model: model)
            guard case .feasible(let stop) = outcome else {
                return finish(chosenArc, evaluation, status: .optimal, bound: evaluation.objective, raw: raw)
            }
            // Without an optimality proof, keep the better of GLPK's incumbent and the warm start.
            var best = (chosenArc: chosenArc, evaluation: evaluation)
            if let start, start.evaluation.objective > evaluation.objective {
                best = start
                warmStartUse = .returned
            }
            let bound = raw.bound.map { max($0, best.evaluation.objective) }
            let gap = bound.map { ($0 - best.evaluation.objective) / max(1e-9, abs($0)) }
            return finish(best.chosenArc, best.evaluation, status: Self.status(stoppedBy: stop, gap: gap, relativeGap: options.relativeGap),
                          bound: bound, raw: raw)
        }
    }
}
