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
    /// Subgradient iterations at most; `nil` takes ``WorkBudget/subgradientIterations``.
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
        // A safety cap only: the iterations, repairs and proof stop on their budgets.
        let deadline = options.deadline(from: clock)
        let iterations = self.iterations ?? options.budget.subgradientIterations
        let repairBudget = self.repairBudget ?? options.budget.repairEvaluations
        let transportation = Self.isTransportation(model)
        let units = transportation ? nil : UnitSplit(model)
        let terms = RowTerms(model)
        let scale = terms.rowScales(model)
        // Capacity multipliers, used when weights differ: then every item simply takes its best
        // reduced arc, and the bound is the LP bound of the capacity-relaxed problem.
        var pi = [Double](repeating: 0, count: model.binCount)
        let rows = model.sideRows
        let largest = model.arcValue.lazy.map(abs).max() ?? 1
        let hardCap = 1e3 * max(1, largest)
        var lambda = [Double](repeating: 0, count: rows.count)
        var mu = [Double](repeating: 0, count: rows.count)
        var bestBound = Double.infinity
        var best: (chosen: [Int?], objective: Double)?
        var candidates: [(chosen: [Int?], score: Double)] = []
        var theta = 1.0, sinceProgress = 0
        var stoppedByTime = false
        var proving: ProvingRelaxation?
        // The greedy construction is the first candidate and the first target of the steps.
        // Without a feasible answer, the one whose hard side rows are broken least (capacities and
        // fixed arcs always hold) is returned with those rows reported, as greedy does.
        var fallback: (chosen: [Int?], violation: Double, objective: Double)?
        func consider(_ chosen: [Int?], _ e: AssignmentEvaluation) {
            if e.isFeasible {
                if best.map({ e.objective > $0.objective }) ?? true { best = (chosen, e.objective) }
            } else if e.violations.count == e.violatedRows.count {
                let v = Self.violation(e, rows: model.sideRows)
                if fallback.map({ v < $0.violation - 1e-9 || (v <= $0.violation + 1e-9 && e.objective > $0.objective) }) ?? true {
                    fallback = (chosen, v, e.objective)
                }
            }
        }
        // One search holding the fixed arcs and the row terms, copied for every construction.
        let empty = try LocalSearch(model, terms: terms)
        var greedy = empty
        if (try? GreedySolver().construct(&greedy, budget: repairBudget, deadline: deadline)) != nil {
            let chosen = greedy.chosenArcs()
            consider(chosen, model.evaluate(chosen))
        }
        // A relaxed answer repaired by local search; each candidate at most once.
        var repaired = Set<[Int?]>()
        func repair(_ chosen: [Int?]) throws {
            guard repaired.insert(chosen).inserted else { return }
            var search = empty
            search.start(from: chosen)
            search.improve(budget: repairBudget, deadline: deadline)
            let result = search.chosenArcs()
            consider(result, model.evaluate(result))
        }

        for iteration in 0 ..< max(1, iterations) {
            if iteration > 0 && ContinuousClock.now >= deadline { stoppedByTime = true; break }
            // Relaxed values.
            let multiplier = (0 ..< rows.count).map { lambda[$0] - mu[$0] }
            let adjusted = terms.adjustedValues(model, multiplier: multiplier)
            let relaxed: (chosenArc: [Int?], objective: Double)
            var unitAnswer: UnitAnswer?
            var constant = 0.0
            // After the first relaxation, one that runs past the safety cap is given up.
            let flowDeadline = iteration == 0 ? nil : deadline
            if let units {
                guard let flow = try Self.flow(units.model(values: adjusted), deadline: flowDeadline) else { stoppedByTime = true; break }
                relaxed = (units.original(flow.chosenArc), flow.objective)
                unitAnswer = units.answer(flow.chosenArc)
            } else if transportation {
                let relaxedModel = AssignmentModel(
                    itemCount: model.itemCount, capacities: model.capacities, mustAssign: model.mustAssign,
                    arcStart: model.arcStart, arcBin: model.arcBin, arcValue: adjusted, arcWeight: model.arcWeight,
                    fixedArcs: model.fixedArcs)
                guard let flow = try Self.flow(relaxedModel, deadline: flowDeadline) else { stoppedByTime = true; break }
                relaxed = (flow.chosenArc, flow.objective)
                unitAnswer = UnitAnswer(transportation: model, chosen: flow.chosenArc)
            } else {
                relaxed = Self.bestArcs(model, adjusted: adjusted, capacityPrice: pi)
                for b in 0 ..< model.binCount { constant += pi[b] * model.capacities[b] }
            }
            for (s, row) in rows.enumerated() {
                if let lo = row.lower { constant -= lambda[s] * lo }
                if let hi = row.upper { constant += mu[s] * hi }
            }
            let bound = relaxed.objective + constant
            if !bestBound.isFinite || bound < bestBound - 1e-9 * max(1, abs(bestBound)) {
                bestBound = bound
                sinceProgress = 0
                proving = ProvingRelaxation(multiplier: multiplier, constant: constant, answer: unitAnswer,
                                            capacityPrice: unitAnswer == nil ? pi : nil)
            } else {
                sinceProgress += 1
            }
            // The relaxed answer as a candidate: hard violations priced as in the local search.
            let evaluation = model.evaluate(relaxed.chosenArc)
            consider(relaxed.chosenArc, evaluation)
            let violation = Self.violation(evaluation, rows: rows)
            candidates.append((relaxed.chosenArc, evaluation.objective - hardCap * violation))
            // Repairing the most promising relaxed answer now and then (a repair costs about one
            // relaxation) lifts the incumbent early, so the gap test can stop the iterations; and
            // at once while no answer satisfies the hard rows, since the step aims at the
            // incumbent (without one, at 5 % below the bound, which overshoots).
            if iteration % 8 == 4 || best == nil, let top = candidates.max(by: { $0.score < $1.score }) { try repair(top.chosen) }
            // Projected subgradient step: λ follows lower − activity, μ follows activity − upper.
            var gLower = [Double](repeating: 0, count: rows.count), gUpper = gLower, norm = 0.0
            var gCapacity = [Double](repeating: 0, count: transportation || units != nil ? 0 : model.binCount)
            for b in gCapacity.indices {
                let over = evaluation.loads[b] - model.capacities[b]
                if over > 0 || pi[b] > 0 { gCapacity[b] = over; norm += over * over }
            }
            for (s, row) in rows.enumerated() {
                let a = evaluation.rowActivity[s]
                if let lo = row.lower, lo - a > 0 || lambda[s] > 0 { gLower[s] = lo - a }
                if let hi = row.upper, a - hi > 0 || mu[s] > 0 { gUpper[s] = a - hi }
                norm += (gLower[s] * gLower[s] + gUpper[s] * gUpper[s]) / (scale[s] * scale[s])
            }
            let target = best?.objective ?? (bound - 0.05 * abs(bound))
            if norm < 1e-12 || bestBound - target <= options.relativeGap * max(1, abs(bestBound)) { break }
            if sinceProgress >= 3 { theta /= 2; sinceProgress = 0 }
            let step = theta * max(bound - target, 1e-6 * max(1, abs(bound))) / norm
            for (s, row) in rows.enumerated() {
                let rate = step / (scale[s] * scale[s])
                if row.lower != nil { lambda[s] = min(row.deviationPenalty ?? hardCap, max(0, lambda[s] + rate * gLower[s])) }
                if row.upper != nil { mu[s] = min(hardCap, max(0, mu[s] + rate * gUpper[s])) }
            }
            for b in gCapacity.indices { pi[b] = max(0, pi[b] + step * gCapacity[b]) }
        }

        // Repair the most promising relaxed answers with local search.
        candidates.sort { $0.score > $1.score }
        var finalRepairs = 0
        for candidate in candidates where !repaired.contains(candidate.chosen) {
            if finalRepairs == 3 { break }
            if ContinuousClock.now >= deadline { stoppedByTime = true; break }
            try repair(candidate.chosen)
            finalRepairs += 1
        }
        // Arcs that no better assignment uses are fixed by their reduced costs and GLPK solves
        // the rest to optimality, within its node budget. An answer already within the gap is
        // only taken further when every side row stays in one bin (move limits, not fairness): a
        // row across bins keeps its bins in one piece of the restriction, with rows over
        // aggregates that GLPK proves slowly (100k accounts, soft fairness: 3 s became 33 s for
        // 0.0005 %).
        var proven = false
        if let incumbent = best {
            let gap = bestBound - incumbent.objective
            let withinGap = gap <= options.relativeGap * max(1, abs(bestBound))
            if gap <= Self.optimalityTolerance * max(1, abs(bestBound)) {
                proven = true
            } else if let proving, model.arcCount <= options.budget.proofArcLimit, ContinuousClock.now < deadline,
                      !withinGap || Self.rowsStayInOneBin(model),
                      let closed = Self.closeGap(model, relaxation: proving, terms: terms, incumbent: incumbent.chosen,
                                                 objective: incumbent.objective, budget: options.budget, deadline: deadline) {
                best = (closed.chosen, closed.objective)
                proven = closed.proven
                if closed.timedOut { stoppedByTime = true }
            }
        }
        guard let answer = best ?? fallback.map({ ($0.chosen, $0.objective) }) else {
            throw AssignmentError.noSolutionInTime(solver: name, seconds: clock.secondsElapsed)
        }
        let e = model.evaluate(answer.chosen)
        let bound = proven ? answer.objective : e.isFeasible ? max(answer.objective, bestBound) : bestBound
        let gap = (bound - answer.objective) / max(1e-9, abs(bound))
        let status: TerminationStatus = proven ? .optimal
            : e.isFeasible && gap <= options.relativeGap ? .withinGap
            : stoppedByTime ? .timeLimit : e.isFeasible ? .workLimit : .heuristic
        var solution = AssignmentSolution(chosenArc: answer.chosen, status: status, objective: answer.objective, bound: bound,
                                          deviations: e.deviations, violatedRows: e.violatedRows, solver: name,
                                          seconds: clock.secondsElapsed)
        if options.certify { solution.certificate = proving?.certificate(model, terms: terms) }
        // The cap can also cut short an answer that ends within the gap (fewer repairs, no
        // proof): the status does not say so, the note does.
        if stoppedByTime && status != .timeLimit {
            solution.note = "the time limit (a safety cap) cut the search short; the answer is \(status.rawValue)"
        }
        return solution
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

/// The capacity-and-assignment relaxation of a model whose weights depend on the item only and
/// are whole multiples of one unit g, as a transportation problem: item i of weight `m_i·g` is
/// `m_i` unit copies worth `v(i,b)/m_i` each, bin b holds `⌊C_b/g⌋` units. Its optimum is the LP
/// bound of the relaxation (substitute `y = m_i·x`), solved exactly by the flow fast path, which
/// is far tighter than pricing the capacities by subgradient steps. An item whose copies all
/// land in one bin is a candidate assignment; a split item is left for the repair.
struct UnitSplit {
    /// Copies per item.
    let copies: [Int]
    /// Per expanded arc: the original arc, and the share of its value a copy carries (1/m_i).
    let arcOrigin: [Int]
    let arcShare: [Double]
    /// The expanded model's structure (values are filled per relaxation).
    let arcStart: [Int]
    let arcBin: [Int32]
    let capacities: [Double]
    let mustAssign: [Bool]
    let fixedArcs: [Int]
    /// Per expanded item: the original item.
    let itemOrigin: [Int]
    /// The unit g.
    let unit: Double

    /// Items with more copies than this keep the subgradient pricing.
    static let maximumCopies = 16

    init?(_ model: AssignmentModel) {
        var weights = [Double](repeating: 0, count: model.itemCount)
        var unit = Double.infinity
        for i in 0 ..< model.itemCount {
            let range = model.arcs(ofItem: i)
            guard let first = range.first else { continue }
            let w = model.arcWeight[first]
            guard w > 0, range.allSatisfy({ model.arcWeight[$0] == w }) else { return nil }
            weights[i] = w
            unit = min(unit, w)
        }
        guard unit.isFinite else { return nil }
        var copies = [Int](repeating: 0, count: model.itemCount)
        for i in 0 ..< model.itemCount where weights[i] > 0 {
            let m = (weights[i] / unit).rounded()
            guard abs(m * unit - weights[i]) <= 1e-9 * weights[i], m <= Double(Self.maximumCopies) else { return nil }
            copies[i] = Int(m)
        }
        guard copies.reduce(0, +) <= 8 * max(1, model.itemCount) else { return nil }
        var arcOrigin: [Int] = [], arcShare: [Double] = [], arcStart = [0], arcBin: [Int32] = [], mustAssign: [Bool] = [], itemOrigin: [Int] = []
        var firstCopyArc = [Int](repeating: 0, count: model.itemCount)
        for i in 0 ..< model.itemCount {
            firstCopyArc[i] = arcBin.count
            for _ in 0 ..< max(copies[i], 1) {
                for k in model.arcs(ofItem: i) {
                    arcOrigin.append(k); arcShare.append(1 / Double(max(1, copies[i]))); arcBin.append(model.arcBin[k])
                }
                arcStart.append(arcBin.count)
                mustAssign.append(model.mustAssign[i])
                itemOrigin.append(i)
            }
        }
        var fixed: [Int] = []
        for k in model.fixedArcs {
            let i = model.item(ofArc: k), span = model.arcs(ofItem: i).count, offset = k - model.arcStart[i]
            for c in 0 ..< copies[i] { fixed.append(firstCopyArc[i] + c * span + offset) }
        }
        self.copies = copies
        self.arcOrigin = arcOrigin
        self.arcShare = arcShare
        self.arcStart = arcStart
        self.arcBin = arcBin
        self.capacities = model.capacities.map { ($0 / unit + 1e-9).rounded(.down) }
        self.mustAssign = mustAssign
        self.fixedArcs = fixed.sorted()
        self.itemOrigin = itemOrigin
        self.unit = unit
    }

    /// An answer of the expanded model per original arc.
    func answer(_ chosen: [Int?]) -> UnitAnswer {
        var placed = [Int: Int](), leftOut = [Int](repeating: 0, count: copies.count)
        for (e, arc) in chosen.enumerated() {
            if let arc { placed[arcOrigin[arc], default: 0] += 1 } else { leftOut[itemOrigin[e]] += 1 }
        }
        return UnitAnswer(copies: copies.map { max(1, $0) }, placed: placed, leftOut: leftOut, unitCapacity: capacities, unit: unit)
    }

    /// The expanded transportation model for these (original, per-arc) values.
    func model(values: [Double]) -> AssignmentModel {
        let arcValue = (0 ..< arcOrigin.count).map { values[arcOrigin[$0]] * arcShare[$0] }
        return AssignmentModel(itemCount: itemOrigin.count, capacities: capacities, mustAssign: mustAssign,
                               arcStart: arcStart, arcBin: arcBin, arcValue: arcValue,
                               arcWeight: Array(repeating: 1, count: arcBin.count), fixedArcs: fixedArcs)
    }

    /// Original items whose copies all took arcs to one bin get that arc; the rest none.
    func original(_ chosen: [Int?]) -> [Int?] {
        var result = [Int?](repeating: nil, count: copies.count)
        var agreed = [Bool](repeating: true, count: copies.count)
        var seen = [Int](repeating: 0, count: copies.count)
        for (e, arc) in chosen.enumerated() {
            let i = itemOrigin[e]
            guard agreed[i] else { continue }
            guard let arc else { agreed[i] = false; continue }
            let origin = arcOrigin[arc]
            if seen[i] == 0 { result[i] = origin } else if result[i] != origin { agreed[i] = false }
            seen[i] += 1
        }
        for i in result.indices where !agreed[i] { result[i] = nil }
        return result
    }
}

/// Each arc's coefficients in the side rows, directly and through aggregates.
struct RowTerms {
    let direct: (start: SparseOffsets, index: [Int32], coef: [Double])
    let viaAggregate: (start: SparseOffsets, index: [Int32], coef: [Double])
    let aggregateRows: (start: SparseOffsets, index: [Int32], coef: [Double])

    init(_ model: AssignmentModel) {
        direct = LocalSearch.transpose(model.sideRows.map { ($0.arcs, $0.coefficients) }, count: model.arcCount)
        viaAggregate = LocalSearch.transpose(model.aggregates.map { ($0.arcs, $0.coefficients) }, count: model.arcCount)
        aggregateRows = LocalSearch.transpose(model.sideRows.map { ($0.aggregates, $0.aggregateCoefficients) }, count: model.aggregates.count)
    }

    /// `σ_s`: the largest magnitude of row `s`'s coefficient on any arc, directly or through an
    /// aggregate (one for an empty row).
    func rowScales(_ model: AssignmentModel) -> [Double] {
        let aggregateLargest = model.aggregates.map { $0.coefficients.lazy.map(abs).max() ?? 0 }
        return model.sideRows.map { row in
            var largest = row.coefficients.lazy.map(abs).max() ?? 0
            for (g, c) in zip(row.aggregates, row.aggregateCoefficients) { largest = max(largest, abs(c) * aggregateLargest[g]) }
            return largest > 0 ? largest : 1
        }
    }

    /// Per aggregate: `Σ_s m_s·β_{s,g}`.
    func aggregateMultipliers(_ model: AssignmentModel, multiplier m: [Double]) -> [Double] {
        (0 ..< model.aggregates.count).map { g in
            aggregateRows.start.range(g).reduce(0.0) { $0 + m[Int(aggregateRows.index[$1])] * aggregateRows.coef[$1] }
        }
    }

    /// `v_k + Σ_s m_s·r_{s,k}` for every arc.
    func adjustedValues(_ model: AssignmentModel, multiplier m: [Double]) -> [Double] {
        let perAggregate = aggregateMultipliers(model, multiplier: m)
        var values = model.arcValue
        for k in 0 ..< model.arcCount {
            var v = values[k]
            for t in direct.start.range(k) { v += m[Int(direct.index[t])] * direct.coef[t] }
            for t in viaAggregate.start.range(k) { v += perAggregate[Int(viaAggregate.index[t])] * viaAggregate.coef[t] }
            values[k] = v
        }
        return values
    }
}
