import Foundation

/// Side rows relaxed into the objective, each relaxed problem solved exactly by the flow fast
/// path, the answers repaired by local search: a strong heuristic with a proven bound for large
/// components with fairness rows.
///
/// ## Method
/// Lagrangian relaxation (A. M. Geoffrion, "Lagrangean relaxation for integer programming",
/// *Mathematical Programming Study* 2, 1974; M. L. Fisher, "The Lagrangian relaxation method for
/// solving integer programming problems", *Management Science* 27, 1981). With multipliers
/// `λ_s ∈ [0, penalty_s]` on lower bounds (unbounded for hard rows) and `μ_s ≥ 0` on upper bounds,
///
/// ```
/// L(λ, μ) = max_x Σ_k (v_k + Σ_s (λ_s − μ_s)·r_{s,k})·x_k  −  Σ_s λ_s·lower_s  +  Σ_s μ_s·upper_s
/// ```
///
/// over the capacity and assignment constraints only, where `r_{s,k}` is arc k's coefficient in
/// row s (directly and through aggregates). Because `λ_s ≤ penalty_s`, the deviation terms vanish,
/// and every `L(λ, μ)` bounds the model's optimum from above. The inner problem is a
/// transportation problem when all arcs weigh the same, solved exactly by ``FlowSolver``. When
/// each item has one weight and the weights are whole multiples of one unit, the inner problem is
/// the LP relaxation written as a transportation problem in units (``UnitSplit``), again solved
/// exactly by the flow. Otherwise the capacities are relaxed as well, with prices `π_b ≥ 0`, and each item takes
/// its best arc under `v − π_b·w` (the bound is then that of the LP relaxation); the
/// multipliers follow the subgradient method with Polyak's step
/// `t = θ·(L − best)/‖g‖²` (B. T. Polyak, "Minimization of unsmooth functionals", 1969), θ halved
/// after iterations without progress. The step works on rows scaled to a largest coefficient of
/// one (row `s` divided by `σ_s`), so rows in score units (fairness) and rows in counts (move
/// limits) move their multipliers at comparable rates: `λ_s += t·g_s/σ_s²` with
/// `‖g‖² = Σ (g_s/σ_s)²`. Each relaxed answer is a candidate: the best ones are
/// completed as ``GreedySolver`` builds (must-assign items the relaxation split, by regret; then
/// optional items by density into the room left) and repaired by its local search, which
/// enforces hard rows. Finally, while time remains and the bound is not reached, arcs that no
/// better assignment can use are fixed by their reduced costs under the best bound's
/// multipliers and the LP's capacity prices, and GLPK solves what is left, component by
/// component, to optimality (``ReducedCostFixing``): the answer is then proven optimal.
public struct LagrangianSolver: AssignmentSolver {
    public let name = "lagrange"
    /// Subgradient iterations at most; `nil` takes ``WorkBudget/iterations(arcs:)`` for the model.
    public var iterations: Int?
    /// Local-search budget per repaired candidate; `nil` takes ``WorkBudget/repairEvaluations``.
    public var repairBudget: Int?

    /// A bound this close to the answer (relative) proves it optimal.
    static let optimalityTolerance = 1e-9

    public init(iterations: Int? = nil, repairBudget: Int? = nil) {
        self.iterations = iterations
        self.repairBudget = repairBudget
    }

    /// Whether the relaxed problem is a transportation problem (one weight on every arc), solved
    /// by the flow fast path; otherwise the capacities are relaxed too (see ``solve(_:options:)``).
    public static func isTransportation(_ model: AssignmentModel) -> Bool {
        guard let w = model.arcWeight.first else { return true }
        return model.arcWeight.allSatisfy { $0 == w }
    }

    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        let clock = ContinuousClock.now
        var search = try LagrangianSearch(model, options: options,
                                          repairBudget: repairBudget ?? options.budget.repairEvaluations, started: clock)
        try search.iterate(upTo: iterations ?? options.budget.iterations(arcs: model.arcCount))
        try search.repairFinalists()
        search.closeGap()
        return try search.solution(solver: name)
    }
}

extension LagrangianSolver {
    /// Whether every side row's arcs, directly and through its aggregates, go into one bin.
    static func rowsStayInOneBin(_ model: AssignmentModel) -> Bool {
        model.sideRows.allSatisfy { row in
            var bin: Int32?
            func inTheSameBin(_ k: Int) -> Bool {
                if bin == nil { bin = model.arcBin[k] }
                return model.arcBin[k] == bin
            }
            return row.arcs.allSatisfy(inTheSameBin) && row.aggregates.allSatisfy { model.aggregates[$0].arcs.allSatisfy(inTheSameBin) }
        }
    }

    /// The flow's answer to a relaxation, or nil when it ran past `deadline`.
    static func flow(_ model: AssignmentModel, deadline: ContinuousClock.Instant?) throws -> AssignmentSolution? {
        do {
            return try FlowSolver().solve(model, deadline: deadline)
        } catch AssignmentError.noSolutionInTime {
            return nil
        }
    }

    /// How far an evaluation's broken side rows are outside their bounds, summed.
    static func violation(_ e: AssignmentEvaluation, rows: [SideRow]) -> Double {
        e.violatedRows.reduce(0.0) { total, s in
            total + max(0, (rows[s].lower ?? -.infinity) - e.rowActivity[s]) + max(0, e.rowActivity[s] - (rows[s].upper ?? .infinity))
        }
    }

    /// The capacity-relaxed problem: each item takes its best arc under `adjusted − π·weight`
    /// (must-assign items always, others only when it gains); fixed items keep their arc.
    static func bestArcs(_ model: AssignmentModel, adjusted: [Double], capacityPrice pi: [Double]) -> (chosenArc: [Int?], objective: Double) {
        var chosen = [Int?](repeating: nil, count: model.itemCount)
        var objective = 0.0
        var fixedItem = [Int: Int]()
        for k in model.fixedArcs { fixedItem[model.item(ofArc: k)] = k }
        for i in 0 ..< model.itemCount {
            if let k = fixedItem[i] {
                chosen[i] = k
                objective += adjusted[k] - pi[Int(model.arcBin[k])] * model.arcWeight[k]
                continue
            }
            var best = -1, bestValue = -Double.infinity
            for k in model.arcs(ofItem: i) {
                let v = adjusted[k] - pi[Int(model.arcBin[k])] * model.arcWeight[k]
                if v > bestValue { bestValue = v; best = k }
            }
            if best >= 0 && (model.mustAssign[i] || bestValue > 0) { chosen[i] = best; objective += bestValue }
        }
        return (chosen, objective)
    }
}
