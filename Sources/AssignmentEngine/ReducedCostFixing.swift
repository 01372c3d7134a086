import Foundation

/// Closes the gap a Lagrangian answer leaves: arcs that cannot be in any better assignment are
/// removed by their reduced costs, and GLPK solves what is left to optimality.
///
/// ## Method
/// Reduced-cost fixing (H. Crowder, E. L. Johnson and M. Padberg, "Solving large-scale zero-one
/// linear programming problems", *Operations Research* 31, 1983; G. L. Nemhauser and L. A.
/// Wolsey, *Integer and Combinatorial Optimization*, 1988, §II.1.4) over the Lagrangian bound.
/// With the side-row multipliers of the best bound, every assignment x that satisfies the rows has
/// `objective(x) ≤ a·x + c`, where `a` are the adjusted arc values and `c` the multipliers'
/// constant (see ``LagrangianSolver``). Pricing the capacities with `p_b ≥ 0` per unit of weight
/// and taking `α_i = max_b (a_{ib} − p_b·w_{ib})` (at least 0 for an optional item) gives
///
/// ```
/// a·x + c = D − Σ_{chosen arcs} ρ_k − Σ_{optional items left out} α_i − Σ_b p_b·(C_b − load_b)
/// ```
///
/// with `D = c + Σ_b p_b·C_b + Σ_i α_i` and every reduced cost `ρ_k = α_i + p_b·w_k − a_k ≥ 0`.
/// So an assignment better than the incumbent z* loses less than `Δ = D − z*` in total: an arc
/// with `ρ_k > Δ` is in none, and an optional item with `α_i > Δ` is in every one of them. Any
/// prices give a valid bound; with those of the LP optimum (``binPrices(_:relaxed:adjusted:)``)
/// `D` is the LP bound.
///
/// Dynamic-books values tie: an account is worth the same to every rep of its cell, so reduced
/// costs are small and a gap of 0.02 % still keeps most arcs (96 % on the 1M-account plan's
/// enterprise component). ``LagrangianSolver/closeGap(_:relaxation:terms:incumbent:objective:budget:deadline:)``
/// therefore first searches the LP's optimal face (arcs with `ρ_k = 0`), where the ties leave room
/// for an integral answer within a unit or two of the bound, and fixes again with that smaller
/// gap: 265k arcs became 32k there, solved and proven by GLPK in under two seconds.
struct ReducedCostFixing {
    /// Per arc: the reduced cost `ρ_k`.
    let reducedCost: [Double]
    /// Per item: `α_i` (−∞ for an item without arcs).
    let itemPrice: [Double]
    /// `D`, the bound these prices prove.
    let bound: Double
    /// Per bin: `p_b`.
    let binPrice: [Double]

    /// - Parameters:
    ///   - adjusted: per arc, the value with the side rows' multipliers folded in.
    ///   - constant: the multipliers' constant `c`.
    ///   - price: per bin, `p_b` per unit of weight.
    ///   - capacity: per bin, the capacity the prices are charged on: no feasible load exceeds it
    ///     (the bin's capacity, or its whole units when every weight is a multiple of one unit).
    init(_ model: AssignmentModel, adjusted: [Double], constant: Double, price: [Double], capacity: [Double]) {
        var fixedArc = [Int](repeating: -1, count: model.itemCount)
        for k in model.fixedArcs { fixedArc[model.item(ofArc: k)] = k }
        var reducedCost = [Double](repeating: 0, count: model.arcCount)
        var itemPrice = [Double](repeating: -.infinity, count: model.itemCount)
        var bound = constant
        for b in 0 ..< model.binCount { bound += price[b] * capacity[b] }
        for i in 0 ..< model.itemCount {
            let range = fixedArc[i] >= 0 ? fixedArc[i] ..< fixedArc[i] + 1 : model.arcs(ofItem: i)
            guard !range.isEmpty else { continue }
            var best = model.mustAssign[i] || fixedArc[i] >= 0 ? -Double.infinity : 0
            for k in range { best = max(best, adjusted[k] - price[Int(model.arcBin[k])] * model.arcWeight[k]) }
            itemPrice[i] = best
            bound += best
            for k in model.arcs(ofItem: i) {
                reducedCost[k] = k == fixedArc[i] || fixedArc[i] < 0
                    ? max(0, best + price[Int(model.arcBin[k])] * model.arcWeight[k] - adjusted[k]) : .infinity
            }
        }
        self.reducedCost = reducedCost
        self.itemPrice = itemPrice
        self.bound = bound
        self.binPrice = price
    }

    /// What a better assignment than the incumbent may still use.
    enum Restriction {
        /// The bound is the incumbent's value: it is optimal.
        case incumbentOptimal
        /// The model with only the arcs a better assignment may use (`arcMap`: each kept arc's
        /// index in the original model); items keep their indices. Optional items that every
        /// better assignment places must be assigned, and a must-assign item with one arc left
        /// is fixed to it.
        case restricted(model: AssignmentModel, arcMap: [Int])
    }

    /// Removes every arc with `ρ_k > Δ`, `Δ = D − objective` (the incumbent's own arcs and the
    /// fixed arcs always stay, so the incumbent remains feasible); with `threshold`, every arc
    /// with `ρ_k` above it instead (and no item is forced in).
    func restriction(of model: AssignmentModel, incumbent: [Int?], objective: Double, threshold: Double? = nil) -> Restriction {
        guard let keep = kept(model, incumbent: incumbent, objective: objective, threshold: threshold) else { return .incumbentOptimal }
        let slack = self.slack(objective: objective, threshold: threshold)
        let forcing = threshold == nil
        var newIndex = [Int](repeating: -1, count: model.arcCount)
        var arcMap: [Int] = [], arcStart = [0], arcBin: [Int32] = [], arcValue: [Double] = [], arcWeight: [Double] = []
        var mustAssign = model.mustAssign
        var fixed: [Int] = []
        var isFixed = [Bool](repeating: false, count: model.itemCount)
        for k in model.fixedArcs { isFixed[model.item(ofArc: k)] = true }
        for i in 0 ..< model.itemCount {
            for k in model.arcs(ofItem: i) where keep[k] {
                newIndex[k] = arcMap.count
                arcMap.append(k); arcBin.append(model.arcBin[k]); arcValue.append(model.arcValue[k]); arcWeight.append(model.arcWeight[k])
            }
            let kept = arcMap.count - arcStart[arcStart.count - 1]
            arcStart.append(arcMap.count)
            if forcing && !mustAssign[i] && incumbent[i] != nil && itemPrice[i] > slack { mustAssign[i] = true }
            if mustAssign[i] && kept == 1 && !isFixed[i] { fixed.append(arcMap.count - 1) }
        }
        fixed += model.fixedArcs.map { newIndex[$0] }
        var rows = model.sideRows
        for s in rows.indices {
            let terms = zip(rows[s].arcs, rows[s].coefficients).filter { newIndex[$0.0] >= 0 }
            rows[s].arcs = terms.map { newIndex[$0.0] }
            rows[s].coefficients = terms.map(\.1)
        }
        var aggregates = model.aggregates
        for g in aggregates.indices {
            let terms = zip(aggregates[g].arcs, aggregates[g].coefficients).filter { newIndex[$0.0] >= 0 }
            aggregates[g].arcs = terms.map { newIndex[$0.0] }
            aggregates[g].coefficients = terms.map(\.1)
        }
        let restricted = AssignmentModel(
            itemCount: model.itemCount, capacities: model.capacities, mustAssign: mustAssign, arcStart: arcStart,
            arcBin: arcBin, arcValue: arcValue, arcWeight: arcWeight, fixedArcs: fixed.sorted(), sideRows: rows,
            aggregates: aggregates, itemNames: model.itemNames, binNames: model.binNames)
        return .restricted(model: restricted, arcMap: arcMap)
    }

    /// How many arcs ``restriction(of:incumbent:objective:threshold:)`` keeps (0 when the
    /// incumbent is optimal), without building the restricted model.
    func keptArcCount(of model: AssignmentModel, incumbent: [Int?], objective: Double, threshold: Double? = nil) -> Int {
        kept(model, incumbent: incumbent, objective: objective, threshold: threshold)?.lazy.filter { $0 }.count ?? 0
    }

    /// Per arc, whether a restriction keeps it; nil when the incumbent is optimal.
    private func kept(_ model: AssignmentModel, incumbent: [Int?], objective: Double, threshold: Double?) -> [Bool]? {
        guard bound - objective > LagrangianSolver.optimalityTolerance * max(1, abs(bound)) else { return nil }
        let slack = self.slack(objective: objective, threshold: threshold)
        var keep = reducedCost.map { $0 <= slack }
        for k in model.fixedArcs { keep[k] = true }
        for k in incumbent.compactMap({ $0 }) { keep[k] = true }
        return keep
    }

    /// The largest reduced cost (or item price) a restriction keeps: `Δ` or `threshold`, plus
    /// the rounding tolerance.
    private func slack(objective: Double, threshold: Double?) -> Double {
        (threshold ?? bound - objective) + LagrangianSolver.optimalityTolerance * max(1, abs(bound))
    }

    /// The LP-optimal capacity prices, per unit of weight, read off an optimal answer of the
    /// relaxation in units (``UnitSplit``; one copy per item when all arcs weigh the same) under
    /// the values `adjusted`; nil when the answer does not certify them (numerical trouble, or a
    /// must-assign copy left out).
    ///
    /// Complementary slackness asks, for unit prices `π_b ≥ 0` (per unit `g`):
    /// `π_{b′} ≥ π_b − (a_{ib} − a_{ib′})/m_i` when item i has a copy in b and an arc to b′;
    /// `π_{b′} ≥ a_{ib′}/m_i` when optional item i has a copy left out; `π_b = 0` when b has free
    /// units. The least solution of the first two (longest paths, Bellman–Ford over the bins)
    /// satisfies the third exactly when the answer is optimal.
    /// - Parameters:
    ///   - relaxed: the relaxation's answer, in units.
    ///   - adjusted: per arc, the values the relaxation maximised.
    static func binPrices(_ model: AssignmentModel, relaxed: UnitAnswer, adjusted: [Double]) -> [Double]? {
        let B = model.binCount
        guard B <= 4096 else { return nil }
        let tolerance = 1e-9 * max(1, adjusted.lazy.map(abs).max() ?? 1)
        var usedUnits = [Double](repeating: 0, count: B)
        for (k, n) in relaxed.placed { usedUnits[Int(model.arcBin[k])] += Double(n) }
        var fixed = [Bool](repeating: false, count: model.itemCount)
        for k in model.fixedArcs { fixed[model.item(ofArc: k)] = true }
        var price = [Double](repeating: 0, count: B)
        // cost[b·B + b′]: the cheapest shift of one unit from b to b′.
        var cost = [Double](repeating: .infinity, count: B * B)
        for i in 0 ..< model.itemCount where !fixed[i] {
            let range = model.arcs(ofItem: i)
            guard !range.isEmpty else { continue }
            let m = Double(relaxed.copies[i])
            if relaxed.leftOut[i] > 0 {
                if model.mustAssign[i] { return nil }
                for k in range { let b = Int(model.arcBin[k]); price[b] = max(price[b], adjusted[k] / m) }
            }
            for k in range where relaxed.placed[k] != nil {
                let b = Int(model.arcBin[k])
                for k2 in range where k2 != k {
                    let b2 = Int(model.arcBin[k2])
                    cost[b * B + b2] = min(cost[b * B + b2], (adjusted[k] - adjusted[k2]) / m)
                }
            }
        }
        var edges: [(from: Int, to: Int, cost: Double)] = []
        for b in 0 ..< B { for b2 in 0 ..< B where cost[b * B + b2].isFinite { edges.append((b, b2, cost[b * B + b2])) } }
        var settled = false
        for _ in 0 ... B {
            var changed = false
            for e in edges where price[e.from] - e.cost > price[e.to] + tolerance {
                price[e.to] = price[e.from] - e.cost
                changed = true
            }
            if !changed { settled = true; break }
        }
        guard settled else { return nil }
        for b in 0 ..< B where usedUnits[b] < relaxed.unitCapacity[b] - 0.5 && price[b] > tolerance { return nil }
        return price.map { $0 / relaxed.unit }
    }
}
