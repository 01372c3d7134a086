extension GLPKSolver {
    /// Rejects every model that would make GLPK abort or answer nonsense, so GLPK is handed only
    /// well-formed data: the model's own validation, and sizes GLPK's C `int` indices can hold.
    ///
    /// - Throws: ``AssignmentError/invalidModel(_:)`` naming the first defect.
    static func validate(_ model: AssignmentModel) throws {
        try model.validate()
        let entries = 2 * model.arcCount
            + model.sideRows.reduce(0) { $0 + $1.arcs.count + $1.aggregates.count + 1 }
            + model.aggregates.reduce(0) { $0 + $1.arcs.count + 1 }
        let rows = model.itemCount + model.binCount + model.sideRows.count + model.aggregates.count
        guard entries < Int(Int32.max), rows < Int(Int32.max) else {
            throw AssignmentError.invalidModel(
                "\(entries) matrix entries in \(rows) rows are more than GLPK can index; split the model into components")
        }
    }
}
