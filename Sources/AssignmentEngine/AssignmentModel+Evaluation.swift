/// What an assignment achieves on a model: objective, loads, row activities and every violation.
public struct AssignmentEvaluation: Sendable, Equatable {
    /// Σ value of chosen arcs.
    public var value: Double
    /// Per side row: the cheapest deviation that satisfies its lower bound (0 without a penalty).
    public var deviations: [Double]
    /// value − Σ penalty·deviation.
    public var objective: Double
    /// Per bin: Σ weight of chosen arcs.
    public var loads: [Double]
    /// Per side row: Σ coef·x.
    public var rowActivity: [Double]
    /// Human-readable violations (empty when the assignment is feasible).
    public var violations: [String]
    /// Indices of side rows violated beyond what their deviation can absorb.
    public var violatedRows: [Int]

    public var isFeasible: Bool { violations.isEmpty }
}

extension AssignmentModel {
    /// Feasibility tolerance for capacities and side rows (absolute, scaled by the bound's size).
    static func tolerance(_ bound: Double) -> Double { 1e-7 * max(1, abs(bound)) }

    /// Evaluates `chosenArc` (per item, the chosen arc or nil) against every constraint.
    /// - Complexity: O(items + bins + side-row terms).
    public func evaluate(_ chosenArc: [Int?]) -> AssignmentEvaluation {
        var violations: [String] = []
        var value = 0.0
        var loads = [Double](repeating: 0, count: binCount)
        var chosen = [Bool](repeating: false, count: arcCount)
        if chosenArc.count != itemCount {
            violations.append("assignment has \(chosenArc.count) entries for \(itemCount) items")
        }
        for i in 0 ..< min(itemCount, chosenArc.count) {
            guard let k = chosenArc[i] else {
                if mustAssign[i] { violations.append("\(itemName(i)) must be assigned") }
                continue
            }
            guard arcs(ofItem: i).contains(k) else {
                violations.append("\(itemName(i)) is given arc \(k), which is not one of its arcs"); continue
            }
            chosen[k] = true
            value += arcValue[k]
            loads[Int(arcBin[k])] += arcWeight[k]
        }
        for (b, load) in loads.enumerated() where load > capacities[b] + Self.tolerance(capacities[b]) {
            violations.append("\(binName(b)) holds \(load) of capacity \(capacities[b])")
        }
        for k in fixedArcs where !chosen[k] {
            violations.append("\(itemName(item(ofArc: k))) is fixed to \(binName(Int(arcBin[k]))) but not assigned there")
        }
        let aggregateActivity = aggregates.map { g in
            zip(g.arcs, g.coefficients).reduce(0.0) { $0 + (chosen[$1.0] ? $1.1 : 0) }
        }
        var activity = [Double](repeating: 0, count: sideRows.count)
        var deviations = [Double](repeating: 0, count: sideRows.count)
        var violatedRows: [Int] = []
        var penalty = 0.0
        for (s, row) in sideRows.enumerated() {
            var a = 0.0
            for (k, c) in zip(row.arcs, row.coefficients) where chosen[k] { a += c }
            for (g, c) in zip(row.aggregates, row.aggregateCoefficients) { a += c * aggregateActivity[g] }
            activity[s] = a
            var broken = false
            if let lo = row.lower, a < lo - Self.tolerance(lo) {
                if let p = row.deviationPenalty {
                    deviations[s] = lo - a
                    penalty += p * (lo - a)
                } else {
                    broken = true
                    violations.append("side row \"\(row.name)\" is \(a), below its lower bound \(lo)")
                }
            }
            if let hi = row.upper, a > hi + Self.tolerance(hi) {
                broken = true
                violations.append("side row \"\(row.name)\" is \(a), above its upper bound \(hi)")
            }
            if broken { violatedRows.append(s) }
        }
        return AssignmentEvaluation(value: value, deviations: deviations, objective: value - penalty,
                                    loads: loads, rowActivity: activity, violations: violations,
                                    violatedRows: violatedRows)
    }
}
