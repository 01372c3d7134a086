/// An answer of the relaxation in units, per original arc.
struct UnitAnswer {
    /// Copies of each item (1 when all arcs weigh the same).
    var copies: [Int]
    /// Copies placed along each arc that has any.
    var placed: [Int: Int]
    /// Per item: copies left out.
    var leftOut: [Int]
    /// Per bin: capacity in units, `⌊C_b/g⌋`.
    var unitCapacity: [Double]
    /// The unit g.
    var unit: Double
}

extension UnitAnswer {
    /// A transportation model's answer: one copy per item, the common weight as the unit.
    init?(transportation model: AssignmentModel, chosen: [Int?]) {
        guard let w = model.arcWeight.first, w > 0 else { return nil }
        copies = Array(repeating: 1, count: model.itemCount)
        placed = [:]
        leftOut = Array(repeating: 0, count: model.itemCount)
        for (i, arc) in chosen.enumerated() {
            if let arc { placed[arc] = 1 } else if !model.arcs(ofItem: i).isEmpty { leftOut[i] = 1 }
        }
        unitCapacity = model.capacities.map { ($0 / w + 1e-9).rounded(.down) }
        unit = w
    }
}
