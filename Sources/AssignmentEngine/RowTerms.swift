/// Each arc's coefficients in the side rows, directly and through aggregates.
struct RowTerms {
    let direct: (start: SparseOffsets, index: [Int32], coef: [Double])
    let viaAggregate: (start: SparseOffsets, index: [Int32], coef: [Double])
    let aggregateRows: (start: SparseOffsets, index: [Int32], coef: [Double])

    init(_ model: AssignmentModel) {
        direct = LocalSearch.transpose(model.sideRows.map { ($0.arcs, $0.coefficients) }, count: model.arcCount)
        viaAggregate = LocalSearch.transpose(model.aggregates.map { ($0.arcs, $0.coefficients) }, count: model.arcCount)
        aggregateRows = LocalSearch.transpose(model.sideRows.map { ($0.aggregates, $0.aggregateCoefficients) }, count: model.aggregates.count)
    }

    /// `σ_s`: the largest magnitude of row `s`'s coefficient on any arc, directly or through an
    /// aggregate (one for an empty row).
    func rowScales(_ model: AssignmentModel) -> [Double] {
        let aggregateLargest = model.aggregates.map { $0.coefficients.lazy.map(abs).max() ?? 0 }
        return model.sideRows.map { row in
            var largest = row.coefficients.lazy.map(abs).max() ?? 0
            for (g, c) in zip(row.aggregates, row.aggregateCoefficients) { largest = max(largest, abs(c) * aggregateLargest[g]) }
            return largest > 0 ? largest : 1
        }
    }

    /// Per aggregate: `Σ_s m_s·β_{s,g}`.
    func aggregateMultipliers(_ model: AssignmentModel, multiplier m: [Double]) -> [Double] {
        (0 ..< model.aggregates.count).map { g in
            aggregateRows.start.range(g).reduce(0.0) { $0 + m[Int(aggregateRows.index[$1])] * aggregateRows.coef[$1] }
        }
    }

    /// `v_k + Σ_s m_s·r_{s,k}` for every arc.
    func adjustedValues(_ model: AssignmentModel, multiplier m: [Double]) -> [Double] {
        let perAggregate = aggregateMultipliers(model, multiplier: m)
        var values = model.arcValue
        for k in 0 ..< model.arcCount {
            var v = values[k]
            for t in direct.start.range(k) { v += m[Int(direct.index[t])] * direct.coef[t] }
            for t in viaAggregate.start.range(k) { v += perAggregate[Int(viaAggregate.index[t])] * viaAggregate.coef[t] }
            values[k] = v
        }
        return values
    }
}
