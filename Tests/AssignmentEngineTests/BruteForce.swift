@testable import AssignmentEngine

/// Exhaustive search over every assignment of a tiny model: the independent truth solvers are
/// checked against. Returns nil when no assignment is feasible.
func bruteForceOptimum(_ model: AssignmentModel) -> Double? {
    var best: Double?
    var choice = [Int?](repeating: nil, count: model.itemCount)
    func visit(_ i: Int) {
        if i == model.itemCount {
            let e = model.evaluate(choice)
            if e.isFeasible, best.map({ e.objective > $0 + 1e-9 }) ?? true { best = e.objective }
            return
        }
        if !model.mustAssign[i] { choice[i] = nil; visit(i + 1) }
        for k in model.arcs(ofItem: i) { choice[i] = k; visit(i + 1) }
        choice[i] = nil
    }
    visit(0)
    return best
}


/// A random tiny model: ≤ 8 items, ≤ 3 bins, optional must-assign, fixed arcs and side rows.
func randomTinyModel(seed: UInt64, uniformWeight: Bool, sideRows: Bool) -> AssignmentModel {
    var rng = SplitMix64(seed: seed)
    let n = Int.random(in: 1 ... 8, using: &rng)
    let m = Int.random(in: 1 ... 3, using: &rng)
    var builder = AssignmentModelBuilder(
        itemCount: n, capacities: (0 ..< m).map { _ in Double(Int.random(in: 0 ... 4, using: &rng)) })
    for i in 0 ..< n {
        builder.mustAssign[i] = Int.random(in: 0 ..< 6, using: &rng) == 0
        for b in 0 ..< m where Int.random(in: 0 ..< 4, using: &rng) > 0 {
            let value = Double(Int.random(in: -3 ... 20, using: &rng))
            let weight = uniformWeight ? 1 : Double(Int.random(in: 1 ... 3, using: &rng))
            builder.addArc(item: i, bin: b, value: value, weight: weight)
        }
    }
    var (model, _) = builder.build()
    if sideRows && model.arcCount > 0 {
        // Some rows refer to a shared aggregate instead of listing arcs.
        let aggregateArcs = Array(Set((0 ..< 3).map { _ in Int.random(in: 0 ..< model.arcCount, using: &rng) })).sorted()
        model.aggregates = [Aggregate(arcs: aggregateArcs, coefficients: aggregateArcs.map { _ in Double(Int.random(in: 1 ... 4, using: &rng)) }, name: "shared")]
        for r in 0 ..< Int.random(in: 1 ... 2, using: &rng) {
            let arcs = Array(Set((0 ..< 3).map { _ in Int.random(in: 0 ..< model.arcCount, using: &rng) })).sorted()
            let coefs = arcs.map { _ in Double(Int.random(in: -2 ... 5, using: &rng)) }
            let soft = Bool.random(using: &rng)
            let viaAggregate = Bool.random(using: &rng)
            model.sideRows.append(SideRow(
                arcs: arcs, coefficients: coefs,
                aggregates: viaAggregate ? [0] : [], aggregateCoefficients: viaAggregate ? [Double(Int.random(in: -1 ... 1, using: &rng))] : [],
                lower: Double(Int.random(in: 0 ... 4, using: &rng)),
                upper: soft ? nil : Double(Int.random(in: 4 ... 9, using: &rng)),
                deviationPenalty: soft ? Double(Int.random(in: 1 ... 3, using: &rng)) : nil,
                name: "row \(r)"))
        }
    }
    if model.arcCount > 0 && Int.random(in: 0 ..< 4, using: &rng) == 0 {
        model.fixedArcs = [Int.random(in: 0 ..< model.arcCount, using: &rng)]
    }
    return model
}
