import Foundation

/// A metaheuristic for generalized-assignment components (no side rows; weights may depend on the
/// bin): ejection chains in a penalised local search with adaptive weights, restarted from
/// path-relinking points between elite answers. Deterministic: the same model, seed and budget
/// give the same answer; the stopping rule is a work budget of evaluated moves, and the time
/// limit is only a safety cap (the status says `time_limit` when it fired).
///
/// ## Problem
/// With costs `c = −value` (so a GAP in its usual minimisation form is the model with negated
/// values, as ``GAPInstance/model(sense:)`` builds it):
///
/// ```
/// minimise   Σ_j c_{j,b(j)}
/// subject to Σ_{j : b(j) = b} w_{j,b} ≤ C_b     for every bin b
///            b(j) ∈ eligible bins of j           (or unassigned, at cost 0, when j is optional)
///            b(j) = the fixed arc's bin          for every fixed item
/// ```
///
/// ## Method
/// The search follows M. Yagiura, T. Ibaraki and F. Glover, "An ejection chain approach for the
/// generalized assignment problem", *INFORMS Journal on Computing* 16(2):133–151, 2004 (TS-EC)
/// and "A path relinking approach with ejection chains for the generalized assignment problem",
/// *European Journal of Operational Research* 169(2):548–569, 2006 (PREC):
/// 1. **Lagrangian guidance.** The capacities are priced by subgradient steps
///    (``CapacityRelaxation``); each item's bins are ranked by reduced cost `c_jb + u_b·w_jb` and
///    only the first ``candidateBins`` are tried by any move (their restricted neighbourhoods).
///    The best Lagrangian bound is the bound reported, and an answer that reaches it (rounded up
///    when every cost is whole) is proven optimal and ends the search.
/// 2. **Penalised local search.** Capacity may be broken at a price:
///    `pcost = cost + Σ_b α_b·max(0, load_b − C_b)`. Shift and swap moves are applied while one
///    lowers pcost; when none does, ejection chains of up to ``chainLength`` items are tried
///    (``EjectionChainSearch``).
/// 3. **Adaptive weights and strategic oscillation.** After each local optimum, `α_b` grows for
///    the bins it overloads (in proportion to the excess) or, when it keeps every capacity, all
///    weights shrink; the local search then goes on from that local optimum under the new
///    weights, so the search oscillates around the boundary of the feasible region, as in TS-EC.
///    Every feasible assignment a move reaches is a candidate for the best answer, not only the
///    local optima.
/// 4. **Elite set, path relinking and restarts.** Up to ``eliteSize`` distinct feasible local
///    optima are kept. After ``restartAfter`` local optima without a new best answer, the
///    weights are reset and the search restarts: every other time from a point part way along
///    the path from one elite answer to another (each step moves the item whose move to the
///    guide's bin raises pcost least), otherwise from the best answer with a share
///    ``perturbation`` of the items moved at random within their candidate bins.
///
/// Simplifications against the papers, stated so that results are read fairly: the chains
/// continue greedily (one branch per first move) rather than through the papers' width-limited
/// tree; the relaxation prices capacities (the LP bound) rather than the assignment rows; and
/// TS-EC's tabu lists are left out (a tabu tenure on the moves made the answers worse here).
public struct EjectionChainSolver: AssignmentSolver {
    public var name: String { "ejection" }
    /// Seed of the random restarts.
    public var seed: UInt64
    /// Moves evaluated at most (shifts, swaps, chain links, relinking steps); nil: ``defaultBudget(items:bins:)``.
    public var evaluationBudget: Int?
    /// Bins tried per item by every move, by increasing reduced cost.
    public var candidateBins: Int
    /// Items moved by one ejection chain at most.
    public var chainLength: Int
    /// Feasible local optima kept for path relinking.
    public var eliteSize: Int
    /// Relative growth of an overloaded bin's penalty weight per local optimum (at the largest excess).
    public var weightIncrease: Double
    /// Relative shrinkage of every penalty weight after a feasible local optimum.
    public var weightDecrease: Double
    /// Penalty weights start at the capacity prices, at least this share of the mean cost per
    /// unit of weight.
    public var initialWeight: Double
    /// The share of the items a restart from the best answer moves at random.
    public var perturbation: Double
    /// Local optima without a new best answer before the search restarts elsewhere.
    public var restartAfter: Int
    /// Subgradient iterations of the capacity relaxation (run twice: at the start and once an
    /// answer is known).
    public var relaxationIterations: Int

    public init(seed: UInt64 = 1, evaluationBudget: Int? = nil, candidateBins: Int = 5, chainLength: Int = 4,
                eliteSize: Int = 10, weightIncrease: Double = 0.1, weightDecrease: Double = 0.05,
                initialWeight: Double = 0.3, restartAfter: Int = 60, perturbation: Double = 0.05, relaxationIterations: Int = 300) {
        self.seed = seed
        self.evaluationBudget = evaluationBudget
        self.candidateBins = candidateBins
        self.chainLength = chainLength
        self.eliteSize = eliteSize
        self.weightIncrease = weightIncrease
        self.weightDecrease = weightDecrease
        self.initialWeight = initialWeight
        self.restartAfter = restartAfter
        self.perturbation = perturbation
        self.relaxationIterations = relaxationIterations
    }

    /// The default work budget: a million evaluated moves per item, at least 2 million (about
    /// 5–10 s for 200 items on one core of the benchmark machine).
    public static func defaultBudget(items: Int, bins: Int) -> Int {
        max(2_000_000, 1_000_000 * items)
    }

    /// Whether the solver takes `model`: it has no side rows.
    public static func applies(to model: AssignmentModel) -> Bool { model.sideRows.isEmpty }

    /// Searches `model` within the work budget, capped by `options.timeLimit`.
    ///
    /// - Returns: the best feasible answer found; `optimal` when it reaches the Lagrangian bound,
    ///   `within_gap` within `options.relativeGap` of it, `time_limit` when the time cap ended the
    ///   search first, `heuristic` otherwise.
    /// - Throws: ``AssignmentError/unsupported(solver:reason:)`` for side rows or a table too
    ///   large to hold densely; ``AssignmentError/infeasible(reasons:)`` for a must-assign item
    ///   without an arc; ``AssignmentError/noSolutionInTime(solver:seconds:)`` when no answer
    ///   keeping every capacity was found within the budget.
    public func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        let clock = ContinuousClock.now
        let deadline = clock.advanced(by: .milliseconds(Int64(min(options.timeLimit, 1e9) * 1000)))
        guard Self.applies(to: model) else {
            throw AssignmentError.unsupported(solver: name, reason: "it handles no side rows (\(model.sideRows.count) given)")
        }
        let table = try CostTable(model, solver: name)
        let n = table.items, width = table.width
        for j in 0 ..< n where !(0 ..< width).contains(where: { table.cost[j * width + $0].isFinite }) {
            throw AssignmentError.infeasible(reasons: ["\(model.itemName(j)) must be assigned but has no eligible bin"])
        }
        let budget = evaluationBudget ?? Self.defaultBudget(items: n, bins: model.binCount)
        let wholeCosts = table.cost.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
        var rng = SplitMix64(seed: seed)
        var search = EjectionChainSearch(table: table, candidateCount: candidateBins, chainLength: chainLength)
        var relaxation = CapacityRelaxation.solve(table, target: nil, iterations: relaxationIterations)
        search.rank(by: relaxation.prices)
        // The penalty weights start at the capacity prices, never below a floor of the scale of
        // a cost per unit of weight.
        let scale = Self.costPerWeight(table)
        let floor = (0 ..< width).map { table.capacity[$0].isFinite ? 0.01 * scale : 0 }
        search.alpha = (0 ..< width).map { table.capacity[$0].isFinite ? max(relaxation.prices[$0], initialWeight * scale) : 0 }
        let initialAlpha = search.alpha
        // First start: every item in its bin of least reduced cost.
        search.start(from: (0 ..< n).map { search.candidates[$0 * search.candidateCount] })

        var best: [Int32]?
        var bestCost = Double.infinity
        var elite: [(columns: [Int32], cost: Double)] = []
        var lowerBound: Double { wholeCosts ? (relaxation.bound - 1e-6).rounded(.up) : relaxation.bound }
        var cappedByClock = false, proven = false, refined = false
        var restarts = 0, sinceImprovement = 0
        var bestAtRestart = Double.infinity
        var order = Array(0 ..< n)
        let stop = { ContinuousClock.now >= deadline }
        // A feasible answer better than the best, seen anywhere, becomes the best.
        func collect() {
            guard let found = search.takeRecord(), found.cost < bestCost - search.epsilon else { return }
            best = found.columns
            bestCost = found.cost
            search.recordThreshold = bestCost
            // The first answer gives the relaxation a target: its prices improve.
            if !refined {
                refined = true
                let again = CapacityRelaxation.solve(table, target: found.cost, iterations: relaxationIterations, start: relaxation.prices)
                if again.bound > relaxation.bound { relaxation = again; search.rank(by: relaxation.prices) }
            }
            if bestCost <= lowerBound + search.epsilon { proven = true }
        }
        while search.evaluations < budget && !proven {
            Self.shuffle(&order, using: &rng)
            let movesBefore = search.improvingMoves, evaluationsBefore = search.evaluations
            let finished = search.descend(order: order, budget: budget, stop: stop)
            // No move to evaluate: no item has another candidate bin, so nothing else is reachable.
            let frozen = search.evaluations == evaluationsBefore
            if !finished && stop() { cappedByClock = true }
            search.recount()
            collect()
            if search.overloaded == 0 { Self.offer((search.column, search.cost), to: &elite, size: eliteSize) }
            if cappedByClock || proven || frozen { break }
            // A local optimum the weights did not move from gets a stronger push.
            let stuck = search.improvingMoves == movesBefore
            search.adaptWeights(increase: stuck ? 5 * weightIncrease : weightIncrease, decrease: weightDecrease, floor: floor)
            if bestCost < bestAtRestart - search.epsilon { bestAtRestart = bestCost; sinceImprovement = 0 } else { sinceImprovement += 1 }
            // The search goes on from its local optimum under the new weights (strategic
            // oscillation); after `restartAfter` local optima without a new best it restarts.
            if sinceImprovement < restartAfter || best == nil { continue }
            sinceImprovement = 0
            search.alpha = initialAlpha
            restarts += 1
            if elite.count >= 2 && restarts % 2 == 0 {
                let a = Int(rng.next() % UInt64(elite.count))
                var b = Int(rng.next() % UInt64(elite.count - 1))
                if b >= a { b += 1 }
                let distance = zip(elite[a].columns, elite[b].columns).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
                search.start(from: elite[a].columns)
                search.relink(towards: elite[b].columns, steps: distance / 4 + Int(rng.next() % UInt64(distance / 2 + 1)))
            } else {
                search.start(from: best ?? search.column)
                search.perturb(count: max(2, Int(perturbation * Double(n))), using: &rng)
            }
            collect()
        }
        guard let answer = best else {
            throw AssignmentError.noSolutionInTime(solver: name, seconds: clock.secondsElapsed)
        }
        let chosen = table.chosenArcs(answer)
        let e = model.evaluate(chosen)
        guard e.isFeasible else {
            throw AssignmentError.solverFailure(solver: name, message: "its answer breaks the model: \(e.violations.first ?? "")")
        }
        let bound = proven ? e.objective : max(e.objective, -lowerBound)
        let gap = (bound - e.objective) / max(1e-9, abs(bound))
        let status: TerminationStatus = proven ? .optimal
            : gap <= options.relativeGap ? .withinGap : (cappedByClock ? .timeLimit : .heuristic)
        return AssignmentSolution(chosenArc: chosen, status: status, objective: e.objective, bound: bound,
                                  deviations: e.deviations, violatedRows: [], solver: name, seconds: clock.secondsElapsed)
    }

    /// Mean |cost| over mean weight of the allowed cells: the scale of a price per unit of capacity.
    static func costPerWeight(_ table: CostTable) -> Double {
        var costs = 0.0, weights = 0.0
        for (c, w) in zip(table.cost, table.weight) where c.isFinite { costs += abs(c); weights += w }
        return weights > 0 ? max(1e-9, costs / weights) : 1
    }

    /// Keeps `candidate` among the `size` cheapest distinct answers.
    static func offer(_ candidate: (columns: [Int32], cost: Double), to elite: inout [(columns: [Int32], cost: Double)], size: Int) {
        guard size > 0, !elite.contains(where: { $0.cost == candidate.cost && $0.columns == candidate.columns }) else { return }
        if elite.count < size {
            elite.append(candidate)
        } else if let worst = elite.indices.max(by: { elite[$0].cost < elite[$1].cost }), candidate.cost < elite[worst].cost {
            elite[worst] = candidate
        }
    }

    /// Fisher–Yates with the generator's raw output (the standard library's shuffle may change
    /// between releases; this order may not).
    static func shuffle(_ order: inout [Int], using rng: inout SplitMix64) {
        guard order.count > 1 else { return }
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
    }
}
