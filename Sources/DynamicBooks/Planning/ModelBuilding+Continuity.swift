import AssignmentEngine

/// Step 4: fairness groups and continuity side rows (fairness rows: ModelBuilding+Fairness).
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
                                           segment: rep.segment, theaters: theaters, bins: [], capacity: 0,
                                           comparedBins: [], comparedCapacity: 0)
            }
            byKey[key]?.bins.append(bin)
            byKey[key]?.capacity += planned[bin]
            if planned[bin] > 0 && rep.isAvailable(on: asOf) {
                byKey[key]?.comparedBins.append(bin)
                byKey[key]?.comparedCapacity += planned[bin]
            }
        }
        return byKey.values.sorted { ($0.name, $0.bins[0]) < ($1.name, $1.bins[0]) }
    }

    /// Per bin, the index of its group (`compared`: only for the reps fairness compares, else −1).
    func groupIndex(_ groups: [FairnessGroup], compared: Bool = false) -> [Int] {
        var result = Array(repeating: -1, count: reps.count)
        for (g, group) in groups.enumerated() { for bin in compared ? group.comparedBins : group.bins { result[bin] = g } }
        return result
    }

    /// For every rep: `Σ moves(a, r)·x(a, r) ≤ max_moves_per_rep − forced(r)` over free arcs,
    /// where `moves(a, r)` counts the item's accounts owned by another rep and `forced(r)` the
    /// moves forced by families joining an account the rep keeps. Rows that cannot bind are left out.
    /// - Returns: forced moves per bin.
    func addContinuityRows(layout: ArcLayout, rows: inout [SideRow], meanings: inout [SideRowMeaning],
                           rowOfBin: inout [Int]) -> [Int] {
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
            rowOfBin[bin] = rows.count
            rows.append(SideRow(arcs: arcsOfBin[bin], coefficients: arcsOfBin[bin].map { Double(layout.arcMoves[$0]) },
                                upper: Double(allowed), name: "move limit (rep \(rep))"))
            meanings.append(SideRowMeaning(kind: .moveLimit, rep: rep, group: nil,
                                           policyKeys: ["assignment.continuity.max_moves_per_rep"]))
        }
        return forced
    }
}
