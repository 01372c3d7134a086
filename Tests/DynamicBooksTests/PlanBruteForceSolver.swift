import AssignmentEngine
import Foundation

/// Exhaustive search over every assignment of a tiny model: the independent truth the planner's
/// tests compare against. Rows may use aggregates. Hard rows must hold; soft rows cost `penalty × shortfall`. Among equal
/// objectives the first found wins (items in order, each trying its arcs in order, then "none").
struct BruteForceSolver: AssignmentSolver {
    let name = "brute-force"
    /// Refuses models with more leaves than this.
    var maxLeaves = 5_000_000

    func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        let start = Date()
        let fixed = Set(model.fixedArcs)
        var choices: [[Int?]] = []
        var leaves = 1.0
        for i in 0 ..< model.itemCount {
            let arcs = Array(model.arcs(ofItem: i))
            if let f = arcs.first(where: { fixed.contains($0) }) {
                choices.append([f])
            } else {
                choices.append(arcs.map { Optional($0) } + (model.mustAssign[i] ? [] : [nil]))
            }
            leaves *= Double(max(1, choices[i].count))
        }
        guard leaves <= Double(maxLeaves) else {
            throw AssignmentError.unsupported(solver: name, reason: "\(Int(leaves)) assignments to enumerate")
        }
        var load = Array(repeating: 0.0, count: model.binCount)
        var current = Array(repeating: Int?.none, count: model.itemCount)
        var best: (objective: Double, choice: [Int?], deviations: [Double])?
        var fewestViolated: [Int]?

        func evaluate() {
            var objective = 0.0
            for arc in current { if let arc { objective += model.arcValue[arc] } }
            var deviations = Array(repeating: 0.0, count: model.sideRows.count)
            var violated: [Int] = []
            let chosen = Set(current.compactMap { $0 })
            let aggregate = model.aggregates.map { a in
                zip(a.arcs, a.coefficients).reduce(0.0) { $0 + (chosen.contains($1.0) ? $1.1 : 0) }
            }
            for (s, row) in model.sideRows.enumerated() {
                var total = 0.0
                for (t, arc) in row.arcs.enumerated() where chosen.contains(arc) { total += row.coefficients[t] }
                for (t, g) in row.aggregates.enumerated() { total += row.aggregateCoefficients[t] * aggregate[g] }
                if let upper = row.upper, total > upper + 1e-9 { violated.append(s) }
                if let lower = row.lower, total < lower - 1e-9 {
                    if let penalty = row.deviationPenalty {
                        deviations[s] = lower - total
                        objective -= penalty * (lower - total)
                    } else {
                        violated.append(s)
                    }
                }
            }
            if !violated.isEmpty {
                if fewestViolated == nil || violated.count < fewestViolated!.count { fewestViolated = violated }
                return
            }
            if best == nil || objective > best!.objective + 1e-9 { best = (objective, current, deviations) }
        }

        func search(_ i: Int) {
            if i == model.itemCount { evaluate(); return }
            for choice in choices[i] {
                if let arc = choice {
                    let bin = Int(model.arcBin[arc])
                    guard load[bin] + model.arcWeight[arc] <= model.capacities[bin] + 1e-9 else { continue }
                    load[bin] += model.arcWeight[arc]
                    current[i] = arc
                    search(i + 1)
                    load[bin] -= model.arcWeight[arc]
                    current[i] = nil
                } else {
                    current[i] = nil
                    search(i + 1)
                }
            }
        }
        search(0)
        guard let best else {
            let rows = (fewestViolated ?? []).map { model.sideRows[$0].name }
            throw AssignmentError.infeasible(reasons: rows.isEmpty ? ["capacity and must-assign items"] : rows)
        }
        return AssignmentSolution(chosenArc: best.choice, status: .optimal, objective: best.objective,
                                  bound: best.objective, deviations: best.deviations, solver: name,
                                  seconds: Date().timeIntervalSince(start))
    }
}
