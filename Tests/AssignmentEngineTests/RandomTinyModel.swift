@testable import AssignmentEngine

/// Random models small enough to solve by enumeration, with every feature of the formulation:
/// optional and must-assign items, bin-dependent weights, fixed arcs, hard and penalised side
/// rows (with negative coefficients), and rows over a shared aggregate.
enum RandomTinyModel {
    static func make(using rng: inout some RandomNumberGenerator) -> AssignmentModel {
        let items = Int.random(in: 3 ... 5, using: &rng)
        let bins = Int.random(in: 2 ... 3, using: &rng)
        var builder = AssignmentModelBuilder(itemCount: items,
                                             capacities: (0 ..< bins).map { _ in Double(Int.random(in: 1 ... 6, using: &rng)) })
        builder.mustAssign = (0 ..< items).map { _ in Double.random(in: 0 ..< 1, using: &rng) < 0.3 }
        for i in 0 ..< items {
            for b in 0 ..< bins where Double.random(in: 0 ..< 1, using: &rng) < 0.7 {
                builder.addArc(item: i, bin: b, value: Double(Int.random(in: -3 ... 12, using: &rng)),
                               weight: Double(Int.random(in: 1 ... 4, using: &rng)))
            }
        }
        var model = builder.build().model  // arcs were added in item, bin order: positions are unchanged
        let arcs = model.arcCount
        guard arcs > 0 else { return model }
        if Double.random(in: 0 ..< 1, using: &rng) < 0.3 { model.fixedArcs = [Int.random(in: 0 ..< arcs, using: &rng)] }
        let aggregateArcs = (0 ..< arcs).filter { _ in Double.random(in: 0 ..< 1, using: &rng) < 0.5 }
        model.aggregates = [Aggregate(arcs: aggregateArcs,
                                      coefficients: aggregateArcs.map { _ in Double(Int.random(in: 1 ... 4, using: &rng)) },
                                      name: "shared")]
        for s in 0 ..< Int.random(in: 0 ... 3, using: &rng) {
            var rowArcs: [Int] = [], coefficients: [Double] = []
            for k in 0 ..< arcs where Double.random(in: 0 ..< 1, using: &rng) < 0.4 {
                rowArcs.append(k)
                coefficients.append([-1, 1, 2, 3].randomElement(using: &rng)!)
            }
            let viaAggregate = Bool.random(using: &rng)
            var lower: Double?, upper: Double?
            switch Int.random(in: 0 ..< 3, using: &rng) {
            case 0: lower = Double(Int.random(in: 0 ... 4, using: &rng))
            case 1: upper = Double(Int.random(in: 0 ... 5, using: &rng))
            default:
                let l = Double(Int.random(in: 0 ... 4, using: &rng))
                lower = l; upper = l + Double(Int.random(in: 0 ... 3, using: &rng))
            }
            let penalty: Double? = lower != nil && Bool.random(using: &rng) ? Double(Int.random(in: 1 ... 6, using: &rng)) : nil
            model.sideRows.append(SideRow(
                arcs: rowArcs, coefficients: coefficients,
                aggregates: viaAggregate ? [0] : [],
                aggregateCoefficients: viaAggregate ? [[-1, 0.5, 1].randomElement(using: &rng)!] : [],
                lower: lower, upper: upper, deviationPenalty: penalty, name: "row \(s)"))
        }
        return model
    }

    /// The objective of an assignment, or `nil` when it breaks a constraint. Written from the
    /// model's definition, independently of the solver's own check.
    static func objective(of chosenArc: [Int?], in model: AssignmentModel) -> Double? {
        var x = [Double](repeating: 0, count: model.arcCount)
        var load = [Double](repeating: 0, count: model.binCount)
        var value = 0.0
        for i in 0 ..< model.itemCount {
            guard let k = chosenArc[i] else {
                if model.mustAssign[i] { return nil }
                continue
            }
            x[k] = 1
            load[Int(model.arcBin[k])] += model.arcWeight[k]
            value += model.arcValue[k]
        }
        for b in 0 ..< model.binCount where load[b] > model.capacities[b] + 1e-9 { return nil }
        for k in model.fixedArcs where x[k] != 1 { return nil }
        let aggregate = model.aggregates.map { zip($0.arcs, $0.coefficients).reduce(0.0) { $0 + $1.1 * x[$1.0] } }
        for row in model.sideRows {
            let sum = zip(row.arcs, row.coefficients).reduce(0.0) { $0 + $1.1 * x[$1.0] }
                + zip(row.aggregates, row.aggregateCoefficients).reduce(0.0) { $0 + $1.1 * aggregate[$1.0] }
            if let upper = row.upper, sum > upper + 1e-9 { return nil }
            if let lower = row.lower, sum < lower - 1e-9 {
                guard let penalty = row.deviationPenalty else { return nil }
                value -= penalty * (lower - sum)
            }
        }
        return value
    }

    /// The best objective over every assignment, or `nil` when none is feasible.
    static func bruteForceOptimum(_ model: AssignmentModel) -> Double? {
        var best: Double?
        var chosen = [Int?](repeating: nil, count: model.itemCount)
        func visit(_ i: Int) {
            if i == model.itemCount {
                if let value = objective(of: chosen, in: model), value > (best ?? -.infinity) { best = value }
                return
            }
            chosen[i] = nil
            visit(i + 1)
            for k in model.arcs(ofItem: i) {
                chosen[i] = k
                visit(i + 1)
            }
            chosen[i] = nil
        }
        visit(0)
        return best
    }
}
