/// A small, fast, seedable generator (SplitMix64, Steele, Lea & Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014): the same seed gives the same stream on every
/// platform, so generated instances are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generated assignment instances of the dynamic-books shape, for benchmarks and tests.
public enum SyntheticInstance {
    /// Items split evenly over `cells` independent cells (segment × theater); every item is
    /// eligible for every bin of its cell with value `score × U[0.8, 1.2]` (score uniform in
    /// 1…100); capacities are uniform in `capacityRange` items.
    ///
    /// - Parameters:
    ///   - weights: the weight choices per item (one weight per item on all its arcs); `[1]` gives
    ///     a transportation problem.
    ///   - fairnessBand: when set, one floor row per bin (with `fairnessPenalty` as deviation cost,
    ///     or hard floor and ceiling rows when the penalty is nil) on the bin's share of its cell's
    ///     total score, as in the planner's fairness model.
    public static func cells(items: Int, bins: Int, cells: Int, seed: UInt64,
                             capacityRange: ClosedRange<Int> = 100 ... 200, weights: [Double] = [1],
                             fairnessBand: Double? = nil, fairnessPenalty: Double? = 1) -> AssignmentModel {
        var rng = SplitMix64(seed: seed)
        let capacities = (0 ..< bins).map { _ in Double(Int.random(in: capacityRange, using: &rng)) }
        func cell(ofBin b: Int) -> Int { b * cells / bins }
        func cell(ofItem i: Int) -> Int { i * cells / items }
        var binsOfCell = [[Int]](repeating: [], count: cells)
        for b in 0 ..< bins { binsOfCell[cell(ofBin: b)].append(b) }
        var builder = AssignmentModelBuilder(itemCount: items, capacities: capacities)
        builder.reserveCapacity(items * max(1, bins / cells))
        var scores = [Double](repeating: 0, count: items)
        for i in 0 ..< items {
            let score = Double(Int.random(in: 1 ... 100, using: &rng))
            scores[i] = score
            let weight = weights[Int.random(in: 0 ..< weights.count, using: &rng)]
            for b in binsOfCell[cell(ofItem: i)] {
                let fit = 0.8 + 0.4 * Double.random(in: 0 ..< 1, using: &rng)
                builder.addArc(item: i, bin: b, value: (score * fit * 100).rounded() / 100, weight: weight)
            }
        }
        var (model, _) = builder.build()
        guard let band = fairnessBand else { return model }
        // Floor row of bin b: V(b) − (1 − band)·C(b)/C(G)·V(G) (+ d) ≥ 0, with V(b) = Σ score·x an
        // aggregate per bin.
        let itemOfArc = model.arcItems()
        var arcsOfBin = [[Int]](repeating: [], count: bins)
        for k in 0 ..< model.arcCount { arcsOfBin[Int(model.arcBin[k])].append(k) }
        model.aggregates = (0 ..< bins).map { b in
            Aggregate(arcs: arcsOfBin[b], coefficients: arcsOfBin[b].map { scores[Int(itemOfArc[$0])] }, name: "value of bin \(b)")
        }
        for c in 0 ..< cells {
            let group = binsOfCell[c]
            let total = group.reduce(0) { $0 + capacities[$1] }
            for b in group {
                let share = capacities[b] / total
                func coefficients(_ factor: Double) -> [Double] { group.map { ($0 == b ? 1 : 0) - factor * share } }
                model.sideRows.append(SideRow(aggregates: group, aggregateCoefficients: coefficients(1 - band), lower: 0,
                                              deviationPenalty: fairnessPenalty, name: "fairness floor of bin \(b)"))
                if fairnessPenalty == nil {
                    model.sideRows.append(SideRow(aggregates: group, aggregateCoefficients: coefficients(1 + band), upper: 0,
                                                  name: "fairness ceiling of bin \(b)"))
                }
            }
        }
        return model
    }
}
