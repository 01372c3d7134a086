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

