import AssignmentEngine

/// Step 4: fairness rows, exact or with an estimated group value.
extension ModelBuilding {
    /// A fairness row whose bound is `factor × V̂(G)` (estimated form only).
    struct FairnessTarget: Sendable, Equatable {
        var row: Int
        var group: Int
        /// `(1 − band)·C(r)/C(G)` for a floor, `(1 + band)·C(r)/C(G)` for a ceiling.
        var factor: Double
    }

    /// The fairness rows and how they were written.
    struct FairnessRows {
        var form: FairnessForm = .exact
        var targets: [FairnessTarget] = []
        /// `V̂(G)` per group (estimated form only).
        var estimates: [Double] = []
    }

    /// For every rep `r` of a group `G` with at least two reps of positive capacity: the floor
    /// `V(r) ≥ (1 − band)·C(r)/C(G)·V(G)` (soft: with a deviation at `fairness.penalty` per point
    /// of score) and, in hard mode, the ceiling `V(r) ≤ (1 + band)·C(r)/C(G)·V(G)`. `V` sums
    /// scores, not fit values.
    ///
    /// Exact form: `V(G)` is the sum over the group's arcs, so each row spans every arc of the
    /// group — `reps² × items` terms per group. When that exceeds `fairnessTermBudget`, the
    /// estimated form replaces `V(G)` by an estimate `V̂(G)` (see ``estimateGroupValues(groups:groupOfBin:layout:capacities:)``)
    /// and each row spans only the rep's own arcs; the planner re-solves once with the realised
    /// `V(G)` when the estimate was off (``PlanningModel/retargeted(from:)``).
    func addFairnessRows(mode fairness: FairnessMode, groups: [FairnessGroup], groupOfBin: [Int],
                         layout: ArcLayout, capacities: [Double],
                         rows: inout [SideRow], meanings: inout [SideRowMeaning]) -> FairnessRows {
        guard fairness != .off else { return FairnessRows() }
        let band = policy.assignment.fairnessBand
        var arcsOfGroup = Array(repeating: [Int](), count: groups.count)
        var arcsOfBin = Array(repeating: [Int](), count: reps.count)
        var scoreOfArc = Array(repeating: 0.0, count: layout.arcBin.count)
        for (i, item) in layout.items.enumerated() where item.score != 0 {
            for k in layout.arcStart[i] ..< layout.arcStart[i + 1] {
                scoreOfArc[k] = item.score
                let bin = Int(layout.arcBin[k])
                arcsOfBin[bin].append(k)
                if groupOfBin[bin] >= 0 { arcsOfGroup[groupOfBin[bin]].append(k) }
            }
        }
        let members = groups.map { group in group.bins.filter { planned[$0] > 0 } }
        let active = groups.indices.filter { members[$0].count >= 2 && groups[$0].capacity > 0 && !arcsOfGroup[$0].isEmpty }
        let rowsPerRep = (band < 1 ? 1 : 0) + (fairness == .hard ? 1 : 0)
        let denseTerms = active.reduce(0) { $0 + members[$1].count * rowsPerRep * arcsOfGroup[$1].count }
        var result = FairnessRows()
        if denseTerms > fairnessTermBudget {
            result.form = .estimated
            result.estimates = estimateGroupValues(groups: groups, groupOfBin: groupOfBin, layout: layout,
                                                   capacities: capacities)
        }
        let keys = ["assignment.fairness.band", "assignment.fairness.mode"]
        for g in active {
            let group = groups[g]
            for bin in members[g] {
                let share = planned[bin] / group.capacity
                let rep = reps[bin].id
                func row(_ factor: Double, name: String, floor: Bool) -> SideRow {
                    var arcs: [Int] = [], coefficients: [Double] = []
                    if result.form == .exact {
                        arcs.reserveCapacity(arcsOfGroup[g].count); coefficients.reserveCapacity(arcsOfGroup[g].count)
                        for k in arcsOfGroup[g] {
                            let c = scoreOfArc[k] * ((Int(layout.arcBin[k]) == bin ? 1 : 0) - factor * share)
                            if c != 0 { arcs.append(k); coefficients.append(c) }
                        }
                    } else {
                        arcs = arcsOfBin[bin]
                        coefficients = arcs.map { scoreOfArc[$0] }
                        result.targets.append(FairnessTarget(row: rows.count, group: g, factor: factor * share))
                    }
                    let bound = result.form == .exact ? 0 : factor * share * result.estimates[g]
                    return SideRow(arcs: arcs, coefficients: coefficients, lower: floor ? bound : nil,
                                   upper: floor ? nil : bound,
                                   deviationPenalty: floor && fairness == .soft ? policy.assignment.fairnessPenalty : nil,
                                   name: name)
                }
                if band < 1 {
                    rows.append(row(1 - band, name: "fairness floor (group \(group.name), rep \(rep))", floor: true))
                    meanings.append(SideRowMeaning(kind: .fairnessFloor, rep: rep, group: group.name, policyKeys: keys))
                }
                if fairness == .hard {
                    rows.append(row(1 + band, name: "fairness ceiling (group \(group.name), rep \(rep))", floor: false))
                    meanings.append(SideRowMeaning(kind: .fairnessCeiling, rep: rep, group: group.name, policyKeys: keys))
                }
            }
        }
        return result
    }

    /// `V̂(G)`: the score a group would hold if its capacity were filled best first.
    ///
    /// Kept items count where they are kept; then every (free item, group it has an arc into) pair
    /// is taken by decreasing score per workload unit — must-assign items first, ties by item
    /// and group — while the group has room and the item is not yet taken.
    /// - Complexity: O(P log P) for P (item, group) pairs.
    func estimateGroupValues(groups: [FairnessGroup], groupOfBin: [Int], layout: ArcLayout,
                             capacities: [Double]) -> [Double] {
        var value = Array(repeating: 0.0, count: groups.count)
        var room = groups.map { group in group.bins.reduce(0.0) { $0 + capacities[$1] } }
        let fixed = Set(layout.fixedArcs)
        var pairs: [(must: Bool, density: Double, item: Int, group: Int)] = []
        for (i, item) in layout.items.enumerated() {
            let range = layout.arcStart[i] ..< layout.arcStart[i + 1]
            if let k = range.first(where: { fixed.contains($0) }) {
                let g = groupOfBin[Int(layout.arcBin[k])]
                if g >= 0 { value[g] += item.score; room[g] -= item.workload }
                continue
            }
            var seen = Set<Int>()
            for k in range {
                let g = groupOfBin[Int(layout.arcBin[k])]
                guard g >= 0, seen.insert(g).inserted else { continue }
                pairs.append((item.mustAssign, item.score / max(item.workload, 1e-9), i, g))
            }
        }
        pairs.sort { a, b in
            if a.must != b.must { return a.must }
            if a.density != b.density { return a.density > b.density }
            return (a.item, a.group) < (b.item, b.group)
        }
        var taken = Array(repeating: false, count: layout.items.count)
        for pair in pairs where !taken[pair.item] {
            let item = layout.items[pair.item]
            guard room[pair.group] >= item.workload - 1e-9 else { continue }
            taken[pair.item] = true
            room[pair.group] -= item.workload
            value[pair.group] += item.score
        }
        return value
    }
}

/// How the fairness rows of a model are written.
public enum FairnessForm: String, Sendable, Hashable, Codable {
    /// `V(G)` is the sum over the group's arcs: the formulation of SPEC §4, each rep's row
    /// spanning the whole group (`reps² × items` terms per group).
    case exact
    /// `V(G)` is replaced by an estimate, refined once from the plan: each rep's row spans its
    /// own arcs only. Used when the exact rows would be too large; the summary's ratios are
    /// always computed from the plan itself.
    case estimated
}
