/// Checks an assignment against every constraint of a model and prices it, independently of
/// the solver that produced it.
///
/// GLPK accepts a warm start without checking it and could, through tolerances or a bug, return
/// an answer that breaks a row; nothing leaves ``GLPKSolver`` without passing this check.
struct AssignmentCheck {
    let model: AssignmentModel
    /// Relative slack on every row: a row `a·x ≤ u` holds when `a·x ≤ u + tolerance·max(1, |u|)`.
    var tolerance: Double = 1e-6

    /// An assignment's objective, its deviations, and the constraints it breaks.
    struct Evaluation: Equatable {
        /// `Σ value·x − Σ penalty·d` with the smallest deviations that satisfy the rows.
        var objective: Double
        /// Per side row: `max(0, lower − Σ coef·x)` for penalised rows, 0 otherwise.
        var deviations: [Double]
        /// One readable line per broken constraint.
        var violations: [String]

        var isFeasible: Bool { violations.isEmpty }
    }

    /// Evaluates `chosenArc` (per item: the chosen arc index or `nil`).
    func evaluate(_ chosenArc: [Int?]) -> Evaluation {
        var violations: [String] = []
        guard chosenArc.count == model.itemCount else {
            return Evaluation(objective: 0, deviations: Array(repeating: 0, count: model.sideRows.count),
                              violations: ["expected one entry per item (\(model.itemCount)), got \(chosenArc.count)"])
        }
        var chosen = [Bool](repeating: false, count: model.arcCount)
        var load = [Double](repeating: 0, count: model.binCount)
        var objective = 0.0
        for (i, arc) in chosenArc.enumerated() {
            guard let k = arc else {
                if model.mustAssign[i] { violations.append("\(model.itemName(i)) must be assigned but is not") }
                continue
            }
            guard model.arcs(ofItem: i).contains(k) else {
                violations.append("\(model.itemName(i)): arc \(k) is not one of its arcs")
                continue
            }
            chosen[k] = true
            load[Int(model.arcBin[k])] += model.arcWeight[k]
            objective += model.arcValue[k]
        }
        for b in 0 ..< model.binCount where exceeds(load[b], upper: model.capacities[b]) {
            violations.append("\(model.binName(b)): load \(load[b]) exceeds capacity \(model.capacities[b])")
        }
        for k in model.fixedArcs where k >= 0 && k < model.arcCount && !chosen[k] {
            let i = item(ofArc: k)
            violations.append("fixed arc \(k) (\(model.itemName(i)) → \(model.binName(Int(model.arcBin[k])))) is not chosen")
        }
        var deviations = [Double](repeating: 0, count: model.sideRows.count)
        for (s, row) in model.sideRows.enumerated() {
            var sum = 0.0
            for (arc, coefficient) in zip(row.arcs, row.coefficients) where arc >= 0 && arc < model.arcCount && chosen[arc] {
                sum += coefficient
            }
            if let lower = row.lower {
                if let penalty = row.deviationPenalty {
                    deviations[s] = max(0, lower - sum)
                    objective -= penalty * deviations[s]
                } else if exceeds(lower, upper: sum) {
                    violations.append("side row \"\(row.name)\": \(sum) is below its lower bound \(lower)")
                }
            }
            if let upper = row.upper, exceeds(sum, upper: upper) {
                violations.append("side row \"\(row.name)\": \(sum) is above its upper bound \(upper)")
            }
        }
        return Evaluation(objective: objective, deviations: deviations, violations: violations)
    }

    /// Whether `value ≤ upper` fails beyond the tolerance.
    private func exceeds(_ value: Double, upper: Double) -> Bool {
        value > upper + tolerance * max(1, abs(upper))
    }

    /// The item that owns arc `k` (arcs are grouped by item).
    /// - Complexity: O(log items).
    func item(ofArc k: Int) -> Int {
        var low = 0, high = model.itemCount  // the answer is the last i with arcStart[i] ≤ k
        while high - low > 1 {
            let middle = (low + high) / 2
            if model.arcStart[middle] <= k { low = middle } else { high = middle }
        }
        return low
    }
}
