/// Where each part of an ``AssignmentModel`` goes in ``GLPKFormulation``'s rows and columns,
/// and how many matrix entries it takes.
struct GLPKLayout {
    /// GLPK column (1-based) of each side row's deviation variable, or `nil`.
    let deviationColumn: [Int?]
    /// GLPK column of each aggregate, or `nil` when no side row uses it.
    let aggregateColumn: [Int?]
    /// The aggregates some side row uses, increasing: one column and one defining row each.
    let usedAggregates: [Int]
    /// Per side row: its arc terms, repeats merged (GLPK rejects duplicate entries).
    let sideTerms: [[(index: Int, coefficient: Double)]]
    /// Per side row: its aggregate terms, repeats merged.
    let sideAggregateTerms: [[(index: Int, coefficient: Double)]]
    /// Per used aggregate: its arc terms, repeats merged.
    let aggregateTerms: [[(index: Int, coefficient: Double)]]
    let rowCount: Int
    let columnCount: Int
    let nonzeroCount: Int
    /// The row (1-based) defining the first used aggregate.
    let firstAggregateRow: Int

    init(_ model: AssignmentModel) {
        let arcs = model.arcCount
        var deviationColumn: [Int?] = []
        deviationColumn.reserveCapacity(model.sideRows.count)
        var nextColumn = arcs + 1
        for row in model.sideRows {
            if row.lower != nil, row.deviationPenalty != nil {
                deviationColumn.append(nextColumn)
                nextColumn += 1
            } else {
                deviationColumn.append(nil)
            }
        }
        // Aggregates get a column (and a defining row) only when a side row uses them.
        var aggregateColumn = [Int?](repeating: nil, count: model.aggregates.count)
        var usedAggregates: [Int] = []
        for g in Set(model.sideRows.flatMap(\.aggregates)).sorted() {
            aggregateColumn[g] = nextColumn
            usedAggregates.append(g)
            nextColumn += 1
        }
        let sideTerms = model.sideRows.map { GLPKFormulation.merged(zip($0.arcs, $0.coefficients)) }
        let sideAggregateTerms = model.sideRows.map { GLPKFormulation.merged(zip($0.aggregates, $0.aggregateCoefficients)) }
        let aggregateTerms = usedAggregates.map {
            GLPKFormulation.merged(zip(model.aggregates[$0].arcs, model.aggregates[$0].coefficients))
        }
        var nonzeros = arcs
        for k in 0 ..< arcs where model.arcWeight[k] != 0 { nonzeros += 1 }
        for terms in sideTerms { nonzeros += terms.count }
        for terms in sideAggregateTerms { nonzeros += terms.count }
        nonzeros += deviationColumn.lazy.compactMap { $0 }.count
        for terms in aggregateTerms { nonzeros += terms.count + 1 }

        self.deviationColumn = deviationColumn
        self.aggregateColumn = aggregateColumn
        self.usedAggregates = usedAggregates
        self.sideTerms = sideTerms
        self.sideAggregateTerms = sideAggregateTerms
        self.aggregateTerms = aggregateTerms
        self.nonzeroCount = nonzeros
        self.firstAggregateRow = 1 + model.itemCount + model.binCount + model.sideRows.count
        self.rowCount = model.itemCount + model.binCount + model.sideRows.count + usedAggregates.count
        self.columnCount = nextColumn - 1
    }
}
