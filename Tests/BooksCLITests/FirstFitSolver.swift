import AssignmentEngine

/// A solver added the way an embedder adds one: this file and one ``SolverRegistry/register(_:summary:)``
/// call (in ``SolverSeamTests``). Fixed arcs first; then must-assign items, then the others by
/// their best value, each into its best bin with room. It never breaks a capacity; it may break a
/// side row, which the engine's evaluation then reports.
struct FirstFitSolver: AssignmentSolver {
    let name = "first-fit"

    func solve(_ model: AssignmentModel, options: SolveOptions) throws -> AssignmentSolution {
        var itemOfArc = [Int](repeating: 0, count: model.arcCount)
        for i in 0 ..< model.itemCount { for k in model.arcs(ofItem: i) { itemOfArc[k] = i } }
        var chosen = [Int?](repeating: nil, count: model.itemCount)
        var room = model.capacities
        for k in model.fixedArcs {
            chosen[itemOfArc[k]] = k
            room[Int(model.arcBin[k])] -= model.arcWeight[k]
        }
        func best(_ i: Int) -> Double { model.arcs(ofItem: i).map { model.arcValue[$0] }.max() ?? -.infinity }
        let order = (0 ..< model.itemCount).filter { chosen[$0] == nil }
            .sorted { (model.mustAssign[$0] ? 0 : 1, -best($0), $0) < (model.mustAssign[$1] ? 0 : 1, -best($1), $1) }
        for i in order {
            let arcs = model.arcs(ofItem: i).sorted { (-model.arcValue[$0], $0) < (-model.arcValue[$1], $1) }
            for k in arcs where model.arcWeight[k] <= room[Int(model.arcBin[k])] + 1e-9 && (model.mustAssign[i] || model.arcValue[k] > 0) {
                chosen[i] = k
                room[Int(model.arcBin[k])] -= model.arcWeight[k]
                break
            }
            if chosen[i] == nil && model.mustAssign[i] {
                throw AssignmentError.solverFailure(solver: name, message: "no room for \(model.itemName(i))")
            }
        }
        let evaluation = model.evaluate(chosen)
        return AssignmentSolution(chosenArc: chosen, status: .heuristic, objective: evaluation.objective, bound: nil,
                                  deviations: evaluation.deviations, violatedRows: evaluation.violatedRows,
                                  solver: name, seconds: 0)
    }
}
