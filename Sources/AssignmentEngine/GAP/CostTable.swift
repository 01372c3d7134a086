/// A side-row-free model as a dense minimisation table: `cost[j·width + b]` and
/// `weight[j·width + b]` of putting item j in column b, `+∞` cost where j may not go.
///
/// Columns are the model's bins, plus one pseudo-bin of infinite capacity, cost 0 and weight 0
/// for leaving an optional item unassigned (present only when some item is optional). Costs are
/// the model's values negated, so maximising the model is minimising the table. An item with a
/// fixed arc may go only there.
struct CostTable: Sendable {
    let items: Int
    /// The model's bins.
    let bins: Int
    /// Columns: `bins`, plus one when some item may stay unassigned.
    let width: Int
    let cost: [Double]
    let weight: [Double]
    /// Per column; `+∞` for the pseudo-bin.
    let capacity: [Double]
    /// Per column: how far a load may exceed the capacity and still count as kept.
    let tolerance: [Double]
    /// Per item: whether it may move (not fixed by the model).
    let movable: [Bool]
    /// Per cell: the model's arc, or -1 (the pseudo-bin, or no arc).
    let arc: [Int32]

    /// Tables over this many cells are refused: the dense layout would take too much memory.
    static let cellLimit = 50_000_000

    /// - Throws: ``AssignmentError/unsupported(solver:reason:)`` when the table would be too large.
    init(_ model: AssignmentModel, solver: String) throws {
        let n = model.itemCount, m = model.binCount
        let optional = model.mustAssign.contains(false)
        let width = m + (optional ? 1 : 0)
        guard n.multipliedReportingOverflow(by: width).partialValue <= Self.cellLimit, !n.multipliedReportingOverflow(by: width).overflow else {
            throw AssignmentError.unsupported(solver: solver, reason: "\(n) items × \(width) bins is more than its dense table of \(Self.cellLimit) cells")
        }
        items = n; bins = m; self.width = width
        var cost = [Double](repeating: .infinity, count: n * width)
        var weight = [Double](repeating: 0, count: n * width)
        var arc = [Int32](repeating: -1, count: n * width)
        var movable = [Bool](repeating: true, count: n)
        var fixedArc = [Int](repeating: -1, count: n)
        let itemOfArc = model.arcItems()
        for k in model.fixedArcs { fixedArc[Int(itemOfArc[k])] = k; movable[Int(itemOfArc[k])] = false }
        for j in 0 ..< n {
            let row = j * width
            for k in model.arcs(ofItem: j) where fixedArc[j] < 0 || fixedArc[j] == k {
                let b = Int(model.arcBin[k])
                cost[row + b] = -model.arcValue[k]
                weight[row + b] = model.arcWeight[k]
                arc[row + b] = Int32(k)
            }
            if optional && !model.mustAssign[j] && fixedArc[j] < 0 { cost[row + m] = 0 }
        }
        self.cost = cost; self.weight = weight; self.arc = arc; self.movable = movable
        capacity = model.capacities + (optional ? [.infinity] : [])
        tolerance = capacity.map { $0.isFinite ? AssignmentModel.tolerance($0) : 0 }
    }

    /// The model's arc of each item for an assignment of columns (nil for the pseudo-bin).
    func chosenArcs(_ column: [Int32]) -> [Int?] {
        (0 ..< items).map { j in
            let k = arc[j * width + Int(column[j])]
            return k >= 0 ? Int(k) : nil
        }
    }
}
