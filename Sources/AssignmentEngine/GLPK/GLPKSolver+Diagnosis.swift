extension GLPKSolver {
    /// Short proofs of infeasibility, found without a solver, each naming what to fix.
    ///
    /// Checked before GLPK runs, so the common mistakes (an item that must be placed but has no
    /// bin, locks that overload a bin, an unreachable hard row) get a precise message instead of
    /// "the LP relaxation is infeasible". The model must be valid.
    /// - Returns: the reasons found (at most a dozen); empty when none of the checks applies.
    static func obviousInfeasibilities(in model: AssignmentModel) -> [String] {
        var reasons: [String] = []
        let slack = AssignmentModel.tolerance

        for i in 0 ..< model.itemCount where model.mustAssign[i] {
            let arcs = model.arcs(ofItem: i)
            if arcs.isEmpty {
                reasons.append("\(model.itemName(i)) must be assigned but has no eligible bin")
            } else if arcs.allSatisfy({ k in
                let capacity = model.capacities[Int(model.arcBin[k])]
                return model.arcWeight[k] > capacity + slack(capacity)
            }) {
                reasons.append("\(model.itemName(i)) must be assigned but is heavier than the capacity of each of its bins")
            }
        }

        // Weights are ≥ 0 in a valid model, so loads only grow from what is fixed or required.
        var fixedLoad = [Double](repeating: 0, count: model.binCount)
        for k in Set(model.fixedArcs) { fixedLoad[Int(model.arcBin[k])] += model.arcWeight[k] }
        for b in 0 ..< model.binCount where fixedLoad[b] > model.capacities[b] + slack(model.capacities[b]) {
            reasons.append("fixed assignments put \(fixedLoad[b]) on \(model.binName(b)), above its capacity \(model.capacities[b])")
        }
        var needed = 0.0
        for i in 0 ..< model.itemCount where model.mustAssign[i] {
            needed += model.arcs(ofItem: i).map { model.arcWeight[$0] }.min() ?? 0
        }
        let total = model.capacities.reduce(0, +)
        if needed > total + slack(total) {
            reasons.append("the items that must be assigned need at least \(needed) capacity, but all bins together have \(total)")
        }

        // Rows over arcs only (rows with aggregates are left to GLPK): each item contributes at
        // most one arc, so a row reaches at most Σ over items of its largest positive coefficient.
        for row in model.sideRows where row.aggregates.isEmpty && (row.lower != nil || row.upper != nil) {
            var largest: [Int: Double] = [:], smallest: [Int: Double] = [:]
            for (arc, coefficient) in GLPKFormulation.merged(zip(row.arcs, row.coefficients)) {
                let i = model.item(ofArc: arc)
                largest[i] = max(largest[i] ?? 0, coefficient)
                smallest[i] = min(smallest[i] ?? 0, coefficient)
            }
            let most = largest.values.reduce(0, +), least = smallest.values.reduce(0, +)
            if let lower = row.lower, row.deviationPenalty == nil, lower > most + slack(lower) {
                reasons.append("side row \"\(row.name)\" needs at least \(lower), but its arcs can reach at most \(most)")
            }
            if let upper = row.upper, upper < least - slack(upper) {
                reasons.append("side row \"\(row.name)\" allows at most \(upper), but its arcs add up to at least \(least)")
            }
        }
        return Array(reasons.prefix(12))
    }
}
