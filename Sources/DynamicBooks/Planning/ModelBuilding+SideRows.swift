import AssignmentEngine

/// Step 4: fairness and continuity side rows.
extension ModelBuilding {
    /// Reps grouped by segment and theater list, sorted by group name.
    func fairnessGroups() -> [FairnessGroup] {
        var byKey: [String: FairnessGroup] = [:]
        for (bin, rep) in reps.enumerated() {
            var seen = Set<String>()
            let theaters = rep.theaters.filter { seen.insert($0.lowercased()).inserted }
                .sorted { $0.lowercased() < $1.lowercased() }
            let key = rep.segment.lowercased() + "\u{1}" + theaters.map { $0.lowercased() }.joined(separator: "\u{1}")
            if byKey[key] == nil {
                byKey[key] = FairnessGroup(name: FairnessGroup.name(segment: rep.segment, theaters: theaters),
                                           segment: rep.segment, theaters: theaters, bins: [], capacity: 0)
            }
            byKey[key]?.bins.append(bin)
            byKey[key]?.capacity += planned[bin]
        }
        return byKey.values.sorted { ($0.name, $0.bins[0]) < ($1.name, $1.bins[0]) }
    }

    /// Per bin, the index of its group.
    func groupIndex(_ groups: [FairnessGroup]) -> [Int] {
        var result = Array(repeating: -1, count: reps.count)
        for (g, group) in groups.enumerated() { for bin in group.bins { result[bin] = g } }
        return result
    }

    /// For every rep `r` of a group `G` with at least two reps of positive capacity:
    /// the floor row `V(r) − (1 − band)·C(r)/C(G)·V(G) ≥ 0` (soft: with a deviation at
    /// `fairness.penalty` per point of score) and, in hard mode, the ceiling row
    /// `V(r) − (1 + band)·C(r)/C(G)·V(G) ≤ 0`. `V` sums scores, not fit values.
    func addFairnessRows(mode fairness: FairnessMode, groups: [FairnessGroup], groupOfBin: [Int],
                         layout: ArcLayout, rows: inout [SideRow], meanings: inout [SideRowMeaning]) {
        guard fairness != .off else { return }
        let band = policy.assignment.fairnessBand
        var arcsOfGroup = Array(repeating: [Int](), count: groups.count)
        var scoreOfArc = Array(repeating: 0.0, count: layout.arcBin.count)
        for (i, item) in layout.items.enumerated() {
            for k in layout.arcStart[i] ..< layout.arcStart[i + 1] {
                scoreOfArc[k] = item.score
                let g = groupOfBin[Int(layout.arcBin[k])]
                if g >= 0 && item.score != 0 { arcsOfGroup[g].append(k) }
            }
        }
        for (g, group) in groups.enumerated() {
            let members = group.bins.filter { planned[$0] > 0 }
            guard members.count >= 2, group.capacity > 0, !arcsOfGroup[g].isEmpty else { continue }
            let keys = ["assignment.fairness.band", "assignment.fairness.mode"]
            for bin in members {
                let share = planned[bin] / group.capacity
                func row(_ factor: Double) -> (arcs: [Int], coefficients: [Double]) {
                    var arcs: [Int] = [], coefficients: [Double] = []
                    arcs.reserveCapacity(arcsOfGroup[g].count); coefficients.reserveCapacity(arcsOfGroup[g].count)
                    for k in arcsOfGroup[g] {
                        let c = scoreOfArc[k] * ((Int(layout.arcBin[k]) == bin ? 1 : 0) - factor * share)
                        if c != 0 { arcs.append(k); coefficients.append(c) }
                    }
                    return (arcs, coefficients)
                }
                let rep = reps[bin].id
                if band < 1 {
                    let floor = row(1 - band)
                    rows.append(SideRow(arcs: floor.arcs, coefficients: floor.coefficients, lower: 0,
                                        deviationPenalty: fairness == .soft ? policy.assignment.fairnessPenalty : nil,
                                        name: "fairness floor (group \(group.name), rep \(rep))"))
                    meanings.append(SideRowMeaning(kind: .fairnessFloor, rep: rep, group: group.name, policyKeys: keys))
                }
                if fairness == .hard {
                    let ceiling = row(1 + band)
                    rows.append(SideRow(arcs: ceiling.arcs, coefficients: ceiling.coefficients, upper: 0,
                                        name: "fairness ceiling (group \(group.name), rep \(rep))"))
                    meanings.append(SideRowMeaning(kind: .fairnessCeiling, rep: rep, group: group.name, policyKeys: keys))
                }
            }
        }
    }

    /// For every rep: `Σ moves(a, r)·x(a, r) ≤ max_moves_per_rep − forced(r)` over free arcs,
    /// where `moves(a, r)` counts the item's accounts owned by another rep and `forced(r)` the
    /// moves forced by families joining an account the rep keeps. Rows that cannot bind are left out.
    /// - Returns: forced moves per bin.
    func addContinuityRows(layout: ArcLayout, rows: inout [SideRow], meanings: inout [SideRowMeaning]) -> [Int] {
        var forced = Array(repeating: 0, count: reps.count)
        var isFixed = Array(repeating: false, count: layout.arcBin.count)
        for k in layout.fixedArcs {
            isFixed[k] = true
            forced[Int(layout.arcBin[k])] += Int(layout.arcMoves[k])
        }
        guard let limit = policy.assignment.maxMovesPerRep else { return forced }
        var arcsOfBin = Array(repeating: [Int](), count: reps.count)
        for k in layout.arcBin.indices where !isFixed[k] && layout.arcMoves[k] > 0 {
            arcsOfBin[Int(layout.arcBin[k])].append(k)
        }
        for bin in reps.indices {
            let allowed = max(0, limit - forced[bin])
            let possible = arcsOfBin[bin].reduce(0) { $0 + Int(layout.arcMoves[$1]) }
            guard possible > allowed else { continue }
            let rep = reps[bin].id
            rows.append(SideRow(arcs: arcsOfBin[bin], coefficients: arcsOfBin[bin].map { Double(layout.arcMoves[$0]) },
                                upper: Double(allowed), name: "move limit (rep \(rep))"))
            meanings.append(SideRowMeaning(kind: .moveLimit, rep: rep, group: nil,
                                           policyKeys: ["assignment.continuity.max_moves_per_rep"]))
        }
        return forced
    }
}
