/// A capacity-constrained assignment problem: items go to at most one bin each, along eligible arcs.
///
/// The engine solves the integer program
///
/// ```
/// maximise   Σ_k value[k]·x[k]  −  Σ_s penalty[s]·d[s]
/// subject to Σ_{k ∈ arcs(i)} x[k] ≤ 1          for every item i   (= 1 when mustAssign[i])
///            Σ_{k ∈ arcs(b)} weight[k]·x[k] ≤ capacity[b]   for every bin b
///            lower[s] ≤ row(s) + d[s]                       for every side row s with a lower bound
///            row(s) ≤ upper[s]                              for every side row s with an upper bound
///            row(s) = Σ_t coef[t]·x[arc[t]] + Σ_g β[g]·A[g]  (A[g] = Σ a·x, an aggregate)
///            x[k] = 1                                       for every fixed arc k
///            x[k] ∈ {0, 1},  d[s] ≥ 0 (d[s] = 0 unless the row has a deviation penalty)
/// ```
///
/// Aggregates are linear expressions over arcs that several side rows share — a rep's book value
/// `V(r)` in every fairness row of its group — so a group of G reps costs O(arcs + G²) terms
/// instead of O(arcs·G).
///
/// Arcs are stored column-wise (struct of arrays, no per-arc objects) and sorted by item, then
/// bin, so every item's arcs are the contiguous range `arcStart[i] ..< arcStart[i + 1]`.
/// A minimisation problem (such as GAP in its usual form) is expressed by negating the values.
public struct AssignmentModel: Sendable, Equatable {
    /// Number of items (accounts, jobs…). Items are `0 ..< itemCount`.
    public var itemCount: Int
    /// Capacity of each bin (reps, agents…). Bins are `0 ..< capacities.count`.
    public var capacities: [Double]
    /// Per item: whether it must be assigned (`Σ x = 1` instead of `≤ 1`).
    public var mustAssign: [Bool]
    /// Arc storage: `arcStart[i] ..< arcStart[i + 1]` are item i's arcs. `arcStart.count == itemCount + 1`.
    public private(set) var arcStart: [Int]
    /// The bin of each arc.
    public private(set) var arcBin: [Int32]
    /// The objective coefficient of each arc.
    public private(set) var arcValue: [Double]
    /// The capacity used by each arc (may depend on the bin, as in GAP).
    public private(set) var arcWeight: [Double]
    /// Arcs fixed to 1 (locked or kept assignments).
    public var fixedArcs: [Int]
    /// Linear side constraints over arcs and aggregates (fairness bands, move limits).
    public var sideRows: [SideRow]
    /// Linear expressions over arcs that side rows refer to.
    public var aggregates: [Aggregate]
    /// Optional names for diagnostics: `itemNames[i]`, `binNames[b]`.
    public var itemNames: [String]?
    public var binNames: [String]?

    /// Number of bins.
    public var binCount: Int { capacities.count }
    /// Number of arcs.
    public var arcCount: Int { arcBin.count }

    /// Creates a model from its parts. Arcs must already be grouped by item in increasing item
    /// order; use ``AssignmentModelBuilder`` to add arcs in any order.
    public init(
        itemCount: Int,
        capacities: [Double],
        mustAssign: [Bool]? = nil,
        arcStart: [Int],
        arcBin: [Int32],
        arcValue: [Double],
        arcWeight: [Double],
        fixedArcs: [Int] = [],
        sideRows: [SideRow] = [],
        aggregates: [Aggregate] = [],
        itemNames: [String]? = nil,
        binNames: [String]? = nil
    ) {
        self.itemCount = itemCount
        self.capacities = capacities
        self.mustAssign = mustAssign ?? Array(repeating: false, count: itemCount)
        self.arcStart = arcStart
        self.arcBin = arcBin
        self.arcValue = arcValue
        self.arcWeight = arcWeight
        self.fixedArcs = fixedArcs
        self.sideRows = sideRows
        self.aggregates = aggregates
        self.itemNames = itemNames
        self.binNames = binNames
    }

    /// The arcs of item `i` as a range of arc indices.
    @inlinable public func arcs(ofItem i: Int) -> Range<Int> { arcStart[i] ..< arcStart[i + 1] }

    /// A readable name for item `i`.
    public func itemName(_ i: Int) -> String { itemNames?[i] ?? "item \(i)" }
    /// A readable name for bin `b`.
    public func binName(_ b: Int) -> String { binNames?[b] ?? "bin \(b)" }
}

/// A named linear expression over arcs, `A = Σ coef·x`, that side rows may refer to.
public struct Aggregate: Sendable, Equatable, Codable {
    public var arcs: [Int]
    public var coefficients: [Double]
    /// What it measures, for diagnostics ("book value of rep r7").
    public var name: String

    public init(arcs: [Int], coefficients: [Double], name: String) {
        self.arcs = arcs; self.coefficients = coefficients; self.name = name
    }
}

/// A linear constraint: `lower ≤ Σ coef·x + Σ β·A (+ d) ≤ upper`.
public struct SideRow: Sendable, Equatable, Codable {
    /// Arc indices of the row's terms.
    public var arcs: [Int]
    /// Coefficients, parallel to `arcs`.
    public var coefficients: [Double]
    /// Indices into ``AssignmentModel/aggregates`` of the row's aggregate terms.
    public var aggregates: [Int]
    /// Coefficients β, parallel to `aggregates`.
    public var aggregateCoefficients: [Double]
    /// Lower bound, if any.
    public var lower: Double?
    /// Upper bound, if any.
    public var upper: Double?
    /// When set, a deviation variable `d ≥ 0` may make up a shortfall below `lower`, at this cost per unit.
    public var deviationPenalty: Double?
    /// What the row means, for diagnostics ("fairness floor for rep r7 in SMB/NA").
    public var name: String

    public init(arcs: [Int] = [], coefficients: [Double] = [], aggregates: [Int] = [], aggregateCoefficients: [Double] = [],
                lower: Double? = nil, upper: Double? = nil, deviationPenalty: Double? = nil, name: String) {
        self.arcs = arcs
        self.coefficients = coefficients
        self.aggregates = aggregates
        self.aggregateCoefficients = aggregateCoefficients
        self.lower = lower
        self.upper = upper
        self.deviationPenalty = deviationPenalty
        self.name = name
    }
}

/// Collects arcs in any order and produces an ``AssignmentModel`` with item-grouped arc storage.
public struct AssignmentModelBuilder: Sendable {
    public var itemCount: Int
    public var capacities: [Double]
    public var mustAssign: [Bool]
    private var items: [Int32] = []
    private var bins: [Int32] = []
    private var values: [Double] = []
    private var weights: [Double] = []

    public init(itemCount: Int, capacities: [Double]) {
        self.itemCount = itemCount
        self.capacities = capacities
        self.mustAssign = Array(repeating: false, count: itemCount)
    }

    /// Reserves room for `n` arcs.
    public mutating func reserveCapacity(_ n: Int) {
        items.reserveCapacity(n); bins.reserveCapacity(n); values.reserveCapacity(n); weights.reserveCapacity(n)
    }

    /// Adds the arc (item, bin) and returns its insertion index (its final index is given by
    /// ``build(fixed:sideRows:)`` through the returned permutation).
    public mutating func addArc(item: Int, bin: Int, value: Double, weight: Double) {
        items.append(Int32(item)); bins.append(Int32(bin)); values.append(value); weights.append(weight)
    }

    /// Builds the model. Arcs are ordered by item, then bin (stable, so ties keep insertion order).
    /// - Returns: the model and `position`, mapping each insertion index to the arc's final index,
    ///   so that fixed arcs and side rows expressed in insertion indices can be translated.
    public func build() -> (model: AssignmentModel, position: [Int]) {
        let n = items.count
        var order = Array(0 ..< n)
        order.sort { (items[$0], bins[$0], $0) < (items[$1], bins[$1], $1) }
        var start = Array(repeating: 0, count: itemCount + 1)
        for i in items { start[Int(i) + 1] += 1 }
        for i in 0 ..< itemCount { start[i + 1] += start[i] }
        var position = Array(repeating: 0, count: n)
        var arcBin = [Int32](); arcBin.reserveCapacity(n)
        var arcValue = [Double](); arcValue.reserveCapacity(n)
        var arcWeight = [Double](); arcWeight.reserveCapacity(n)
        for (k, original) in order.enumerated() {
            position[original] = k
            arcBin.append(bins[original]); arcValue.append(values[original]); arcWeight.append(weights[original])
        }
        let model = AssignmentModel(itemCount: itemCount, capacities: capacities, mustAssign: mustAssign,
                                    arcStart: start, arcBin: arcBin, arcValue: arcValue, arcWeight: arcWeight)
        return (model, position)
    }
}
