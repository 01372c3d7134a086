import AssignmentEngine

/// The estimated fairness form: re-solving with the group values the plan realised.
extension PlanningModel {
    /// `V(G)` per group in `solution`: the summed score of the items it gives to the group's reps.
    func realisedGroupValues(_ solution: AssignmentSolution) -> [Double] {
        var value = Array(repeating: 0.0, count: groups.count)
        for (i, arc) in solution.chosenArc.enumerated() {
            guard let arc, i < items.count, arc < model.arcCount else { continue }
            let g = groupOfBin[Int(model.arcBin[arc])]
            if g >= 0 { value[g] += items[i].score }
        }
        return value
    }

    /// The model with its fairness bounds moved to the group values `solution` realised, or
    /// `nil` when the estimates were within 1 % of them (or the rows are exact).
    func retargeted(from solution: AssignmentSolution) -> PlanningModel? {
        guard fairnessForm == .estimated, !fairnessTargets.isEmpty else { return nil }
        let realised = realisedGroupValues(solution)
        let used = Set(fairnessTargets.map(\.group))
        guard used.contains(where: { abs(realised[$0] - estimatedGroupValues[$0]) > 0.01 * max(1, estimatedGroupValues[$0]) })
        else { return nil }
        var copy = self
        copy.estimatedGroupValues = realised
        for target in fairnessTargets {
            let bound = target.factor * realised[target.group]
            if copy.model.sideRows[target.row].lower != nil { copy.model.sideRows[target.row].lower = bound }
            if copy.model.sideRows[target.row].upper != nil { copy.model.sideRows[target.row].upper = bound }
        }
        return copy
    }
}
