extension GLPKSolver {
    /// Rejects every model that would make GLPK abort or answer nonsense: GLPK is handed only
    /// well-formed data (index ranges, finite numbers, consistent bounds).
    ///
    /// - Throws: ``AssignmentError/invalidModel(_:)`` naming the first defect and how to fix it.
    static func validate(_ model: AssignmentModel) throws {
        func fail(_ message: String) throws -> Never { throw AssignmentError.invalidModel(message) }
        let items = model.itemCount, arcs = model.arcCount
        guard items >= 0 else { try fail("item count \(items) is negative") }
        guard model.arcStart.count == items + 1, model.arcStart.first == 0, model.arcStart.last == arcs else {
            try fail("arcStart must have itemCount + 1 = \(items + 1) entries from 0 to the arc count \(arcs)")
        }
        for i in 0 ..< items where model.arcStart[i] > model.arcStart[i + 1] {
            try fail("arcStart decreases at item \(i): arcs must be grouped by item")
        }
        guard model.arcValue.count == arcs, model.arcWeight.count == arcs else {
            try fail("arcBin, arcValue and arcWeight must all have \(arcs) entries")
        }
        guard model.mustAssign.count == items else {
            try fail("mustAssign has \(model.mustAssign.count) entries for \(items) items")
        }
        // GLPK indexes rows, columns and matrix entries with C ints.
        let entries = 2 * arcs + model.sideRows.reduce(0) { $0 + $1.arcs.count + 1 }
        guard entries < Int(Int32.max), items + model.binCount + model.sideRows.count < Int(Int32.max) else {
            try fail("\(entries) matrix entries are more than GLPK can index; split the model into components")
        }
        for (b, capacity) in model.capacities.enumerated() where capacity.isNaN || capacity < 0 {
            try fail("\(model.binName(b)) has capacity \(capacity); capacities must be ≥ 0")
        }
        for k in 0 ..< arcs {
            guard model.arcBin[k] >= 0, Int(model.arcBin[k]) < model.binCount else {
                try fail("arc \(k) goes to bin \(model.arcBin[k]), but bins are 0 ..< \(model.binCount)")
            }
            guard model.arcValue[k].isFinite, model.arcWeight[k].isFinite else {
                try fail("arc \(k) has value \(model.arcValue[k]) and weight \(model.arcWeight[k]); both must be finite")
            }
        }
        for k in model.fixedArcs where k < 0 || k >= arcs {
            try fail("fixed arc \(k) is not an arc index (0 ..< \(arcs))")
        }
        for row in model.sideRows {
            let name = "side row \"\(row.name)\""
            guard row.arcs.count == row.coefficients.count else {
                try fail("\(name) has \(row.arcs.count) arcs but \(row.coefficients.count) coefficients")
            }
            if let bad = row.arcs.first(where: { $0 < 0 || $0 >= arcs }) {
                try fail("\(name) refers to arc \(bad), but arcs are 0 ..< \(arcs)")
            }
            if let bad = row.coefficients.first(where: { !$0.isFinite }) {
                try fail("\(name) has coefficient \(bad); coefficients must be finite")
            }
            for bound in [row.lower, row.upper].compactMap({ $0 }) where !bound.isFinite {
                try fail("\(name) has bound \(bound); bounds must be finite (leave a side open with nil)")
            }
            if let lower = row.lower, let upper = row.upper, lower > upper {
                try fail("\(name) has lower bound \(lower) above upper bound \(upper)")
            }
            if let penalty = row.deviationPenalty, !(penalty.isFinite && penalty >= 0) {
                try fail("\(name) has deviation penalty \(penalty); it must be finite and ≥ 0")
            }
        }
    }
}
