import CGLPK
import CGLPKGuard

/// The integer program of an ``AssignmentModel`` laid out in GLPK's 1-based arrays.
///
/// Rows, in order: one per item (`Σ x ≤ 1`, or `= 1` when the item must be assigned), one per
/// bin (`Σ weight·x ≤ capacity`), one per side row (`lower ≤ Σ coef·x + Σ β·A + d ≤ upper`),
/// one per aggregate that a side row uses (`Σ a·x − A = 0`). Columns: one binary `x` per arc
/// (fixed at 1 for fixed arcs), one continuous `d ≥ 0` per side row that has both a lower bound
/// and a deviation penalty (objective `−penalty`), one free continuous `A` per used aggregate.
/// An aggregate shared by G rows thus costs its arcs once plus G entries, not its arcs G times.
///
/// A single row `lower ≤ Σ coef·x + d ≤ upper` carries both bounds of a penalised row: any
/// feasible `(x, d)` has `Σ coef·x ≤ upper − d ≤ upper`, and any `x` with `Σ coef·x ≤ upper`
/// is feasible with `d = max(0, lower − Σ coef·x)`, so the projection onto `x` is the model's.
///
/// The class owns the C memory and frees it in `deinit`. It is built on the calling thread and
/// then handed, whole, to the one thread that runs GLPK; nothing touches it from two threads at
/// once, hence `@unchecked Sendable`.
final class GLPKFormulation: @unchecked Sendable {
    let rowCount: Int
    let columnCount: Int
    let nonzeroCount: Int
    /// GLPK column (1-based) of each side row's deviation variable, or `nil`.
    let deviationColumn: [Int?]
    let arcCount: Int

    private let rowType: UnsafeMutableBufferPointer<Int32>
    private let rowLower: UnsafeMutableBufferPointer<Double>
    private let rowUpper: UnsafeMutableBufferPointer<Double>
    private let columnKind: UnsafeMutableBufferPointer<Int32>
    private let columnType: UnsafeMutableBufferPointer<Int32>
    private let columnLower: UnsafeMutableBufferPointer<Double>
    private let columnUpper: UnsafeMutableBufferPointer<Double>
    private let objective: UnsafeMutableBufferPointer<Double>
    private let entryRow: UnsafeMutableBufferPointer<Int32>
    private let entryColumn: UnsafeMutableBufferPointer<Int32>
    private let entryValue: UnsafeMutableBufferPointer<Double>
    private let warmStart: UnsafeMutableBufferPointer<Double>?
    private let values: UnsafeMutableBufferPointer<Double>

    /// Lays out `model`. The model must have passed ``GLPKSolver``'s validation.
    /// - Parameter warmStart: an assignment already checked feasible, with its deviations.
    init(_ model: AssignmentModel, warmStart start: (chosenArc: [Int?], deviations: [Double])?) {
        let items = model.itemCount, bins = model.binCount, arcs = model.arcCount
        arcCount = arcs
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
        self.deviationColumn = deviationColumn
        // Aggregates get a column (and a defining row) only when a side row uses them.
        var aggregateColumn = [Int?](repeating: nil, count: model.aggregates.count)
        var usedAggregates: [Int] = []
        for g in Set(model.sideRows.flatMap(\.aggregates)).sorted() {
            aggregateColumn[g] = nextColumn
            usedAggregates.append(g)
            nextColumn += 1
        }

        // Repeated arcs or aggregates in a row are merged: GLPK rejects duplicate (i, j) entries.
        let sideTerms = model.sideRows.map { Self.merged(zip($0.arcs, $0.coefficients)) }
        let sideAggregateTerms = model.sideRows.map { Self.merged(zip($0.aggregates, $0.aggregateCoefficients)) }
        let aggregateTerms = usedAggregates.map { Self.merged(zip(model.aggregates[$0].arcs, model.aggregates[$0].coefficients)) }
        var nonzeros = arcs
        for k in 0 ..< arcs where model.arcWeight[k] != 0 { nonzeros += 1 }
        for terms in sideTerms { nonzeros += terms.count }
        for terms in sideAggregateTerms { nonzeros += terms.count }
        nonzeros += deviationColumn.lazy.compactMap { $0 }.count
        for terms in aggregateTerms { nonzeros += terms.count + 1 }

        let firstAggregateRow = 1 + items + bins + model.sideRows.count
        let rowCount = items + bins + model.sideRows.count + usedAggregates.count
        let columnCount = nextColumn - 1
        let rowType = UnsafeMutableBufferPointer<Int32>.allocate(capacity: rowCount + 1)
        let rowLower = UnsafeMutableBufferPointer<Double>.allocate(capacity: rowCount + 1)
        let rowUpper = UnsafeMutableBufferPointer<Double>.allocate(capacity: rowCount + 1)
        let columnKind = UnsafeMutableBufferPointer<Int32>.allocate(capacity: columnCount + 1)
        let columnType = UnsafeMutableBufferPointer<Int32>.allocate(capacity: columnCount + 1)
        let columnLower = UnsafeMutableBufferPointer<Double>.allocate(capacity: columnCount + 1)
        let columnUpper = UnsafeMutableBufferPointer<Double>.allocate(capacity: columnCount + 1)
        let objective = UnsafeMutableBufferPointer<Double>.allocate(capacity: columnCount + 1)
        let entryRow = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nonzeros + 1)
        let entryColumn = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nonzeros + 1)
        let entryValue = UnsafeMutableBufferPointer<Double>.allocate(capacity: nonzeros + 1)
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: columnCount + 1)
        for buffer in [rowType, columnKind, columnType, entryRow, entryColumn] { buffer.initialize(repeating: 0) }
        for buffer in [rowLower, rowUpper, columnLower, columnUpper, objective, entryValue, values] {
            buffer.initialize(repeating: 0)
        }

        // Rows.
        for i in 0 ..< items {
            rowType[1 + i] = model.mustAssign[i] ? GLP_FX : GLP_UP
            rowLower[1 + i] = model.mustAssign[i] ? 1 : 0
            rowUpper[1 + i] = 1
        }
        for b in 0 ..< bins {
            let capacity = model.capacities[b]
            rowType[1 + items + b] = capacity.isFinite ? GLP_UP : GLP_FR
            rowUpper[1 + items + b] = capacity.isFinite ? capacity : 0
        }
        for (s, row) in model.sideRows.enumerated() {
            let r = 1 + items + bins + s
            switch (row.lower, row.upper) {
            case let (lower?, upper?) where lower == upper:
                rowType[r] = GLP_FX; rowLower[r] = lower; rowUpper[r] = upper
            case let (lower?, upper?):
                rowType[r] = GLP_DB; rowLower[r] = lower; rowUpper[r] = upper
            case let (lower?, nil):
                rowType[r] = GLP_LO; rowLower[r] = lower
            case let (nil, upper?):
                rowType[r] = GLP_UP; rowUpper[r] = upper
            case (nil, nil):
                rowType[r] = GLP_FR
            }
        }
        for r in firstAggregateRow ..< firstAggregateRow + usedAggregates.count { rowType[r] = GLP_FX }

        // Columns.
        let fixed = Set(model.fixedArcs)
        for k in 0 ..< arcs {
            columnKind[1 + k] = GLP_BV
            if fixed.contains(k) {
                columnType[1 + k] = GLP_FX; columnLower[1 + k] = 1; columnUpper[1 + k] = 1
            } else {
                columnType[1 + k] = GLP_DB; columnLower[1 + k] = 0; columnUpper[1 + k] = 1
            }
            objective[1 + k] = model.arcValue[k]
        }
        for (s, column) in deviationColumn.enumerated() {
            guard let column else { continue }
            columnKind[column] = GLP_CV
            columnType[column] = GLP_LO
            objective[column] = -(model.sideRows[s].deviationPenalty ?? 0)
        }
        for g in usedAggregates {
            guard let column = aggregateColumn[g] else { continue }
            columnKind[column] = GLP_CV
            columnType[column] = GLP_FR
        }

        // Matrix, column-major within each kind of row.
        var e = 1
        func add(row: Int, column: Int, value: Double) {
            entryRow[e] = Int32(row); entryColumn[e] = Int32(column); entryValue[e] = value
            e += 1
        }
        for i in 0 ..< items {
            for k in model.arcs(ofItem: i) { add(row: 1 + i, column: 1 + k, value: 1) }
        }
        for k in 0 ..< arcs where model.arcWeight[k] != 0 {
            add(row: 1 + items + Int(model.arcBin[k]), column: 1 + k, value: model.arcWeight[k])
        }
        for (s, terms) in sideTerms.enumerated() {
            let row = 1 + items + bins + s
            for (arc, coefficient) in terms { add(row: row, column: 1 + arc, value: coefficient) }
            for (g, beta) in sideAggregateTerms[s] {
                if let column = aggregateColumn[g] { add(row: row, column: column, value: beta) }
            }
            if let column = deviationColumn[s] { add(row: row, column: column, value: 1) }
        }
        for (n, g) in usedAggregates.enumerated() {
            for (arc, coefficient) in aggregateTerms[n] { add(row: firstAggregateRow + n, column: 1 + arc, value: coefficient) }
            if let column = aggregateColumn[g] { add(row: firstAggregateRow + n, column: column, value: -1) }
        }
        assert(e == nonzeros + 1)

        // Warm start: x = 1 on chosen arcs, d as given, A = Σ a·x.
        var warmStart: UnsafeMutableBufferPointer<Double>?
        if let start {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: columnCount + 1)
            buffer.initialize(repeating: 0)
            for case let k? in start.chosenArc { buffer[1 + k] = 1 }
            for (s, column) in deviationColumn.enumerated() {
                if let column { buffer[column] = start.deviations[s] }
            }
            for (n, g) in usedAggregates.enumerated() {
                if let column = aggregateColumn[g] {
                    buffer[column] = aggregateTerms[n].reduce(0) { $0 + $1.coefficient * buffer[1 + $1.index] }
                }
            }
            warmStart = buffer
        }

        self.rowCount = rowCount
        self.columnCount = columnCount
        self.nonzeroCount = nonzeros
        self.rowType = rowType
        self.rowLower = rowLower
        self.rowUpper = rowUpper
        self.columnKind = columnKind
        self.columnType = columnType
        self.columnLower = columnLower
        self.columnUpper = columnUpper
        self.objective = objective
        self.entryRow = entryRow
        self.entryColumn = entryColumn
        self.entryValue = entryValue
        self.warmStart = warmStart
        self.values = values
    }

    deinit {
        for buffer in [rowType, columnKind, columnType, entryRow, entryColumn] { buffer.deallocate() }
        for buffer in [rowLower, rowUpper, columnLower, columnUpper, objective, entryValue, values] {
            buffer.deallocate()
        }
        warmStart?.deallocate()
    }

    /// Terms with repeated indices summed and zero coefficients dropped, by index.
    static func merged(_ terms: some Sequence<(Int, Double)>) -> [(index: Int, coefficient: Double)] {
        var sum: [Int: Double] = [:]
        for (index, coefficient) in terms { sum[index, default: 0] += coefficient }
        return sum.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (index: $0.key, coefficient: $0.value) }
    }

    /// Runs GLPK on the calling thread (which must do nothing else with GLPK meanwhile) and
    /// copies the outcome out of the C structures.
    func solve(_ settings: GLPKSettings) -> GLPKRawResult {
        var model = cglpk_model(
            rows: Int32(rowCount), cols: Int32(columnCount), maximize: 1,
            row_type: UnsafePointer(rowType.baseAddress), row_lb: UnsafePointer(rowLower.baseAddress),
            row_ub: UnsafePointer(rowUpper.baseAddress), col_kind: UnsafePointer(columnKind.baseAddress),
            col_type: UnsafePointer(columnType.baseAddress), col_lb: UnsafePointer(columnLower.baseAddress),
            col_ub: UnsafePointer(columnUpper.baseAddress), objective: UnsafePointer(objective.baseAddress),
            nonzeros: Int32(nonzeroCount), ia: UnsafePointer(entryRow.baseAddress),
            ja: UnsafePointer(entryColumn.baseAddress), ar: UnsafePointer(entryValue.baseAddress))
        var params = cglpk_params(
            warm_start: warmStart.flatMap { UnsafePointer($0.baseAddress) },
            deadline: settings.deadline, node_limit: Int32(clamping: settings.nodeLimit), mip_gap: settings.relativeGap,
            lp_presolve: settings.lpPresolve ? 1 : 0, primal_simplex: settings.primalSimplex ? 1 : 0,
            cuts: settings.cuts ? 1 : 0, pseudocost_branching: settings.pseudocostBranching ? 1 : 0,
            feasibility_pump: settings.feasibilityPump ? 1 : 0, mip_presolve: settings.mipPresolve ? 1 : 0,
            inject_duplicate_entry: settings.injectDuplicateEntry ? 1 : 0)
        var result = cglpk_result()
        let code = cglpk_solve_mip(&model, &params, values.baseAddress, &result)
        return GLPKRawResult(code: code, result: result, columnValues: Array(values))
    }

    /// Reads an assignment out of column values: the arc of each item whose `x` rounds to 1.
    /// - Returns: the chosen arcs, or the first item with two arcs at 1 (a broken answer).
    func assignment(from columnValues: [Double], model: AssignmentModel) -> Result<[Int?], GLPKDecodingError> {
        var chosen = [Int?](repeating: nil, count: model.itemCount)
        for i in 0 ..< model.itemCount {
            for k in model.arcs(ofItem: i) where columnValues[1 + k] > 0.5 {
                if chosen[i] != nil { return .failure(GLPKDecodingError(item: i)) }
                chosen[i] = k
            }
        }
        return .success(chosen)
    }
}

/// GLPK put two of one item's arcs at 1.
struct GLPKDecodingError: Error, Equatable {
    var item: Int
}
