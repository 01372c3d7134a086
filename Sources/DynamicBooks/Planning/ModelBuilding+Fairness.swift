import AssignmentEngine

/// Step 4: fairness rows over shared book-value aggregates.
extension ModelBuilding {
    /// For every compared rep `r` (available on the as-of day, with capacity) of a group `G` with
    /// at least two such reps: the floor `V(r) − (1 − band)·C(r)/C(G)·V(G) ≥ 0` (soft: with a
    /// deviation at `fairness.penalty` per point of score) and, in hard mode, the ceiling
    /// `V(r) − (1 + band)·C(r)/C(G)·V(G) ≤ 0`. `V` sums scores, not fit values.
    ///
    /// Each compared rep's book value `V(r) = Σ score·x` over its arcs is one ``Aggregate``, and
    /// each row is a combination of its group's aggregates (`V(G) = Σ V(r)`), so a group of `n`
    /// reps costs its arcs once plus `n²` aggregate terms instead of `n × arcs`.
    func addFairnessRows(mode fairness: FairnessMode, groups: [FairnessGroup], layout: ArcLayout,
                         rows: inout [SideRow], meanings: inout [SideRowMeaning], aggregateOfBin: inout [Int]) -> [Aggregate] {
        guard fairness != .off else { return [] }
        let band = policy.assignment.fairnessBand
        var arcsOfBin = Array(repeating: [Int](), count: reps.count)
        var scoresOfBin = Array(repeating: [Double](), count: reps.count)
        for (i, item) in layout.items.enumerated() where item.score != 0 {
            for k in layout.arcStart[i] ..< layout.arcStart[i + 1] {
                let bin = Int(layout.arcBin[k])
                arcsOfBin[bin].append(k)
                scoresOfBin[bin].append(item.score)
            }
        }
        var aggregates: [Aggregate] = []
        let keys = ["assignment.fairness.band", "assignment.fairness.mode"]
        for group in groups {
            let members = group.comparedBins
            guard members.count >= 2, group.comparedCapacity > 0,
                  members.contains(where: { !arcsOfBin[$0].isEmpty }) else { continue }
            let first = aggregates.count
            for bin in members {
                aggregateOfBin[bin] = aggregates.count
                aggregates.append(Aggregate(arcs: arcsOfBin[bin], coefficients: scoresOfBin[bin],
                                            name: "book score of rep \(reps[bin].id)"))
            }
            for (m, bin) in members.enumerated() {
                let share = planned[bin] / group.comparedCapacity
                let rep = reps[bin].id
                func row(_ factor: Double, name: String, floor: Bool) -> SideRow {
                    var indices: [Int] = [], coefficients: [Double] = []
                    for n in members.indices {
                        let c = (n == m ? 1 : 0) - factor * share
                        if c != 0 { indices.append(first + n); coefficients.append(c) }
                    }
                    return SideRow(aggregates: indices, aggregateCoefficients: coefficients,
                                   lower: floor ? 0 : nil, upper: floor ? nil : 0,
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
        return aggregates
    }
}
