/// Prices that prove an upper bound on a model's objective, and that price the arcs a model
/// leaves out.
///
/// With multipliers `m_s` on the side rows (folded into adjusted values
/// `a_k = v_k + Σ_s m_s·r_{s,k}`, where `r_{s,k}` is arc k's coefficient in row s, directly and
/// through aggregates), capacity prices `p_b ≥ 0` per unit of weight and item prices
/// `α_i ≥ max_k (a_k − p_b·w_k)` (at least 0 for an optional item), every assignment that
/// satisfies the rows is worth at most
///
/// ```
/// D = c + Σ_b p_b·C_b + Σ_i α_i
/// ```
///
/// (weak duality of the Lagrangian relaxation's LP; see ``ReducedCostFixing``). The bound holds for
/// the model *and for any larger model* whose extra arcs all have `a − p_b·w − α_i ≤ 0`. An extra
/// arc with a positive **gain** `a − p_b·w − α_i` keeps the bound valid once its item's price is
/// raised by the gain: ``bound(raisedBy:)``. This is how a model that holds only some of its
/// eligible arcs (a large dynamic-books cell, where every account may go to hundreds of reps) is
/// proved against the whole set without building it: price the missing arcs, add the few that
/// gain, or raise the bound by what they gain (column generation; G. B. Dantzig and P. Wolfe,
/// "Decomposition principle for linear programs", *Operations Research* 8, 1960; for the
/// assignment problem's Lagrangian, M. L. Fisher, "The Lagrangian relaxation method for solving
/// integer programming problems", *Management Science* 27, 1981).
public struct DualCertificate: Sendable, Equatable {
    /// Per side row: `m_s` (positive on a floor that binds, negative on a ceiling).
    public var rowMultiplier: [Double]
    /// Per aggregate: `Σ_s m_s·β_{s,g}`, what one unit of the aggregate adds to an arc's value.
    public var aggregateMultiplier: [Double]
    /// Per bin: `p_b`, per unit of weight.
    public var binPrice: [Double]
    /// Per item: `α_i` (0 for an item the model does not hold or holds fixed).
    public var itemPrice: [Double]
    /// `D`.
    public var bound: Double

    public init(rowMultiplier: [Double], aggregateMultiplier: [Double], binPrice: [Double], itemPrice: [Double], bound: Double) {
        self.rowMultiplier = rowMultiplier
        self.aggregateMultiplier = aggregateMultiplier
        self.binPrice = binPrice
        self.itemPrice = itemPrice
        self.bound = bound
    }

    /// What an arc that the model does not hold gains under these prices: its value adjusted by
    /// the multipliers, less its bin's price for its weight, less its item's price. Positive
    /// means the bound does not yet cover it.
    /// - Parameters:
    ///   - rows: the arc's coefficients in side rows, as `(row, coefficient)`.
    ///   - aggregates: the arc's coefficients in aggregates, as `(aggregate, coefficient)`.
    @inlinable
    public func gain(item: Int, bin: Int, value: Double, weight: Double,
                     rows: [(row: Int, coefficient: Double)] = [],
                     aggregates: [(aggregate: Int, coefficient: Double)] = []) -> Double {
        var adjusted = value
        for term in rows { adjusted += rowMultiplier[term.row] * term.coefficient }
        for term in aggregates { adjusted += aggregateMultiplier[term.aggregate] * term.coefficient }
        return adjusted - binPrice[bin] * weight - itemPrice[item]
    }

    /// The bound once item prices are raised to cover arcs outside the model: `D + Σ gains`,
    /// where `gains` holds, per item, the largest positive gain of its missing arcs.
    public func bound(raisedBy gains: some Sequence<Double>) -> Double {
        gains.reduce(bound) { $0 + max(0, $1) }
    }

    /// The certificate of the trivial relaxation: no multipliers, no capacity prices, every
    /// item priced at its best arc. Valid for any model; used where no solver priced the rows.
    public static func trivial(_ model: AssignmentModel, constant: Double = 0) -> DualCertificate {
        var itemPrice = [Double](repeating: 0, count: model.itemCount)
        var bound = constant
        var fixedArc = [Int](repeating: -1, count: model.itemCount)
        for k in model.fixedArcs { fixedArc[model.item(ofArc: k)] = k }
        for i in 0 ..< model.itemCount {
            let range = fixedArc[i] >= 0 ? fixedArc[i] ..< fixedArc[i] + 1 : model.arcs(ofItem: i)
            guard !range.isEmpty else { continue }
            var best = model.mustAssign[i] || fixedArc[i] >= 0 ? -Double.infinity : 0
            for k in range { best = max(best, model.arcValue[k]) }
            itemPrice[i] = best
            bound += best
        }
        // Deviation variables only lower the objective; with no multipliers the rows are dropped.
        return DualCertificate(rowMultiplier: Array(repeating: 0, count: model.sideRows.count),
                               aggregateMultiplier: Array(repeating: 0, count: model.aggregates.count),
                               binPrice: Array(repeating: 0, count: model.binCount), itemPrice: itemPrice, bound: bound)
    }
}
