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
        let layout = GLPKLayout(model)
        arcCount = model.arcCount
        deviationColumn = layout.deviationColumn
        rowCount = layout.rowCount
        columnCount = layout.columnCount
        nonzeroCount = layout.nonzeroCount
        rowType = Self.zeroed(rowCount + 1)
        rowLower = Self.zeroed(rowCount + 1)
        rowUpper = Self.zeroed(rowCount + 1)
        columnKind = Self.zeroed(columnCount + 1)
        columnType = Self.zeroed(columnCount + 1)
        columnLower = Self.zeroed(columnCount + 1)
        columnUpper = Self.zeroed(columnCount + 1)
        objective = Self.zeroed(columnCount + 1)
        entryRow = Self.zeroed(nonzeroCount + 1)
        entryColumn = Self.zeroed(nonzeroCount + 1)
        entryValue = Self.zeroed(nonzeroCount + 1)
        values = Self.zeroed(columnCount + 1)
        warmStart = start.map { Self.warmStartValues($0, layout: layout) }
        fillRows(model, layout)
        fillColumns(model, layout)
        fillMatrix(model, layout)
    }

    /// A buffer of `count` zeros.
    private static func zeroed<T: Numeric>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        buffer.initialize(repeating: 0)
        return buffer
    }

    /// Row bounds: items (`≤ 1`, `= 1` when must-assign), bins (`≤ capacity`), side rows (their
    /// bounds), aggregates (`= 0`).
    private func fillRows(_ model: AssignmentModel, _ layout: GLPKLayout) {
        let items = model.itemCount, bins = model.binCount
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
        for r in layout.firstAggregateRow ..< layout.firstAggregateRow + layout.usedAggregates.count { rowType[r] = GLP_FX }
    }

    /// Columns: binary `x` per arc (fixed at 1 for fixed arcs) valued by its arc, `d ≥ 0` per
    /// penalised row at `−penalty`, free `A` per used aggregate.
    private func fillColumns(_ model: AssignmentModel, _ layout: GLPKLayout) {
        let fixed = Set(model.fixedArcs)
        for k in 0 ..< model.arcCount {
            columnKind[1 + k] = GLP_BV
            if fixed.contains(k) {
                columnType[1 + k] = GLP_FX; columnLower[1 + k] = 1; columnUpper[1 + k] = 1
            } else {
                columnType[1 + k] = GLP_DB; columnLower[1 + k] = 0; columnUpper[1 + k] = 1
            }
            objective[1 + k] = model.arcValue[k]
        }
        for (s, column) in layout.deviationColumn.enumerated() {
            guard let column else { continue }
            columnKind[column] = GLP_CV
            columnType[column] = GLP_LO
            objective[column] = -(model.sideRows[s].deviationPenalty ?? 0)
        }
        for g in layout.usedAggregates {
            guard let column = layout.aggregateColumn[g] else { continue }
            columnKind[column] = GLP_CV
            columnType[column] = GLP_FR
        }
    }

    /// The matrix, column-major within each kind of row.
    private func fillMatrix(_ model: AssignmentModel, _ layout: GLPKLayout) {
        let items = model.itemCount, bins = model.binCount
        var e = 1
        func add(row: Int, column: Int, value: Double) {
            entryRow[e] = Int32(row); entryColumn[e] = Int32(column); entryValue[e] = value
            e += 1
        }
        for i in 0 ..< items {
            for k in model.arcs(ofItem: i) { add(row: 1 + i, column: 1 + k, value: 1) }
        }
        for k in 0 ..< model.arcCount where model.arcWeight[k] != 0 {
            add(row: 1 + items + Int(model.arcBin[k]), column: 1 + k, value: model.arcWeight[k])
        }
        for (s, terms) in layout.sideTerms.enumerated() {
            let row = 1 + items + bins + s
            for (arc, coefficient) in terms { add(row: row, column: 1 + arc, value: coefficient) }
            for (g, beta) in layout.sideAggregateTerms[s] {
                if let column = layout.aggregateColumn[g] { add(row: row, column: column, value: beta) }
            }
            if let column = layout.deviationColumn[s] { add(row: row, column: column, value: 1) }
        }
        for (n, g) in layout.usedAggregates.enumerated() {
            let row = layout.firstAggregateRow + n
            for (arc, coefficient) in layout.aggregateTerms[n] { add(row: row, column: 1 + arc, value: coefficient) }
            if let column = layout.aggregateColumn[g] { add(row: row, column: column, value: -1) }
        }
        assert(e == nonzeroCount + 1)
    }

    /// The warm start's column values: x = 1 on chosen arcs, d as given, A = Σ a·x.
    private static func warmStartValues(_ start: (chosenArc: [Int?], deviations: [Double]),
                                        layout: GLPKLayout) -> UnsafeMutableBufferPointer<Double> {
        let buffer: UnsafeMutableBufferPointer<Double> = zeroed(layout.columnCount + 1)
        for case let k? in start.chosenArc { buffer[1 + k] = 1 }
        for (s, column) in layout.deviationColumn.enumerated() {
            if let column { buffer[column] = start.deviations[s] }
        }
        for (n, g) in layout.usedAggregates.enumerated() {
            if let column = layout.aggregateColumn[g] {
                buffer[column] = layout.aggregateTerms[n].reduce(0) { $0 + $1.coefficient * buffer[1 + $1.index] }
            }
        }
        return buffer
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
