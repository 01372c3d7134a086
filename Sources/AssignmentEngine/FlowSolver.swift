import Foundation

/// The exact fast path for transportation-type components: every arc has the same weight and
/// there are no side rows, so the problem is a maximum-weight b-matching — a min-cost flow whose
/// LP is integral.
///
/// ## Formulation
/// With a common weight `w`, bin `b` holds `k_b = ⌊(C_b − fixed load_b) / w⌋` items, and
///
/// ```
/// maximise   Σ v(i,b)·x(i,b)
/// subject to Σ_b x(i,b) ≤ 1   (= 1 for must-assign items),   Σ_i x(i,b) ≤ k_b,   x ≥ 0
/// ```
///
/// has integral vertices. Must-assign items are handled exactly by a lexicographic cost
/// (−[must], −v): any path that places one more must-assign item beats every path that does not.
///
/// ## Algorithm
/// Successive shortest paths (Ford–Fulkerson with Dijkstra and Johnson potentials; Ahuja,
/// Magnanti & Orlin, *Network Flows*, 1993, §9.7) run in **bin space**: an augmenting path
/// places an unassigned item into a bin and then moves items from bin to bin until it reaches a
/// bin with a free slot. The cheapest move from bin b to bin b′ is the top of a lazy heap of the
/// items currently in b keyed by `v(j,b) − v(j,b′)`, so one Dijkstra costs O(B²) heap peeks
/// instead of O(arcs): with few bins and many items (50 reps, 12,500 accounts) this is what makes
/// it fast. Augmentation stops at the first path that does not gain; the cost of the optimal
/// flow is convex in its value, so that flow is optimal over all flow values.
///
/// Most items of a dynamic-books cell are worth the same to every rep that may take them, so
/// items sharing one value over one set of bins enter the network through a shared hub node
/// (``ItemHubs``): a search then costs about O(bins + hubs·bins) instead of O(bins²), and only
/// the arcs worth more or less than an item's generic value stay explicit.
///
/// ## Pruning (safe)
/// Let `S = Σ k_b` be the number of slots and `θ` the S-th largest *minimum* arc value among the
/// non-fixed items eligible for every bin of the component. An optional, non-fixed item `i` whose
/// *maximum* arc value is below `θ` is in no optimal solution: if it were placed in some bin b,
/// at most S − 1 of the S items with minimum value ≥ θ are placed (i holds a slot), so one of
/// them, j, is unassigned; j is eligible for b, uses the same weight, and `v(j,b) ≥ θ > v(i,b)`,
/// so putting j in i's place is feasible and strictly better — a contradiction. The same holds
/// per hub: with `S_h` the slots of the hub's bins and `θ_h` the `S_h`-th largest generic value
/// among its items that have no arc outside those bins (so they can only take those slots), an
/// optional item of the hub with no arc outside its bins and a best value below `θ_h` is in no
/// optimal solution. Optional items whose best value is ≤ 0 are dropped too: removing them from
/// any solution loses nothing.
public struct FlowSolver: AssignmentSolver {
    public let name = "flow"
    public init() {}

    /// Whether `model` is a transportation problem this solver solves exactly: no side rows and
    /// one weight on every arc.
    public static func applies(to model: AssignmentModel) -> Bool {
        guard model.sideRows.isEmpty, let w = model.arcWeight.first else { return model.sideRows.isEmpty }
        return model.arcWeight.allSatisfy { $0 == w }
    }

    /// Solves to optimality; the time limit does not cut the flow short (an exact answer is this
    /// solver's contract).
    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        try solve(model, deadline: nil)
    }

    /// Solves to optimality, or throws ``AssignmentError/noSolutionInTime(solver:seconds:)`` once
    /// past `deadline` (for callers to whom one more answer is optional, as a relaxation is).
    func solve(_ model: AssignmentModel, deadline: ContinuousClock.Instant?) throws -> AssignmentSolution {
        let clock = ContinuousClock.now
        guard Self.applies(to: model) else {
            throw AssignmentError.unsupported(solver: name, reason: model.sideRows.isEmpty
                ? "arc weights differ, so the model is not a transportation problem"
                : "the model has \(model.sideRows.count) side rows")
        }
        var network = try BinSpaceNetwork(model)
        try network.run(deadline: deadline)
        let chosen = network.chosenArcs()
        let objective = model.evaluate(chosen).objective
        return AssignmentSolution(
            chosenArc: chosen, status: .optimal, objective: objective, bound: objective,
            deviations: [], solver: name, seconds: clock.secondsElapsed)
    }
}
