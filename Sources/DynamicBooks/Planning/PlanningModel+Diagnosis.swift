/// Telling an infeasible model in policy terms.
extension PlanningModel {
    /// Hints for an infeasibility: the side rows the solver named (by group, reps and policy
    /// key), or, when it named none, the hard rows that involve kept books.
    func infeasibilityHints(_ reasons: [String]) -> [String] {
        let text = reasons.joined(separator: "\n")
        var named = rowMeanings.indices.filter { text.contains(model.sideRows[$0].name) }
        if named.isEmpty {
            // The solver did not say which row: suspect the hard rows of bins with kept accounts.
            let keptBins = Set(model.fixedArcs.map { Int(model.arcBin[$0]) })
            let repsWithKept = Set(keptBins.map { reps[$0].id })
            named = rowMeanings.indices.filter { s in
                model.sideRows[s].deviationPenalty == nil && (rowMeanings[s].kind != .moveLimit || repsWithKept.contains(rowMeanings[s].rep))
                    && (rowMeanings[s].group.map { g in groups.contains { $0.name == g && $0.bins.contains { keptBins.contains($0) } } } ?? true)
            }
        }
        var hints: [String] = []
        var byGroup: [String: Set<RepID>] = [:]
        var moveReps: Set<RepID> = []
        for s in named {
            let meaning = rowMeanings[s]
            switch meaning.kind {
            case .fairnessFloor, .fairnessCeiling: byGroup[meaning.group ?? "", default: []].insert(meaning.rep)
            case .moveLimit: moveReps.insert(meaning.rep)
            }
        }
        for (group, repIDs) in byGroup.sorted(by: { $0.key < $1.key }) {
            let kept = keptSummary(reps: repIDs)
            hints.append("the hard fairness band of group \(group) cannot hold for reps "
                         + repIDs.sorted().map(\.rawValue).joined(separator: ", ")
                         + (kept.isEmpty ? "" : " (\(kept))")
                         + ": widen assignment.fairness.band (now \(PlanNumber.text(policy.assignment.fairnessBand))) "
                         + "or set assignment.fairness.mode to soft")
        }
        if !moveReps.isEmpty {
            hints.append("reps " + moveReps.sorted().map(\.rawValue).joined(separator: ", ")
                         + " would need more moves than assignment.continuity.max_moves_per_rep ("
                         + (policy.assignment.maxMovesPerRep.map(String.init) ?? "unlimited") + ") allows: raise it")
        }
        if hints.isEmpty && mustAssignCount > 0 {
            hints.append("\(mustAssignCount) unowned customers must be assigned: check the capacity of their "
                         + "segment × theater, or their customer flag")
        }
        return hints
    }

    private var mustAssignCount: Int { model.mustAssign.filter { $0 }.count }

    /// "r1 keeps 12 accounts (score 840)", for reps with kept accounts.
    private func keptSummary(reps repIDs: Set<RepID>) -> String {
        var parts: [String] = []
        var count: [RepID: Int] = [:]
        var score: [RepID: Double] = [:]
        for item in items {
            guard let bin = item.fixedBin, repIDs.contains(reps[bin].id) else { continue }
            count[reps[bin].id, default: 0] += item.accounts.count
            score[reps[bin].id, default: 0] += item.score
        }
        for rep in repIDs.sorted() where count[rep] != nil {
            let n = count[rep] ?? 0
            parts.append("\(rep) keeps \(n) account\(n == 1 ? "" : "s") of score \(PlanNumber.text(score[rep] ?? 0))")
        }
        return parts.joined(separator: ", ")
    }
}
