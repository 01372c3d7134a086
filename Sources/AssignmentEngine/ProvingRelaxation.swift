/// The relaxation that proved a Lagrangian bound, kept to fix arcs by their reduced costs.
struct ProvingRelaxation {
    /// Per side row: `λ_s − μ_s`.
    var multiplier: [Double]
    /// The multipliers' constant `c`.
    var constant: Double
    /// The relaxed answer in units, when the relaxation was solved by the flow.
    var answer: UnitAnswer?
    /// The capacity prices per unit of weight, when the capacities were priced instead.
    var capacityPrice: [Double]?

    /// The reduced costs and the bound of this relaxation under its capacity prices (the LP's,
    /// read off the relaxed answer, or the priced capacities); nil when the answer certifies no
    /// prices.
    /// - Parameter adjusted: the arc values under ``multiplier``.
    func fixing(_ model: AssignmentModel, adjusted: [Double]) -> ReducedCostFixing? {
        let price: [Double], capacity: [Double]
        if let answer {
            guard let p = ReducedCostFixing.binPrices(model, relaxed: answer, adjusted: adjusted) else { return nil }
            price = p
            capacity = answer.unitCapacity.map { $0 * answer.unit }
        } else if let capacityPrice {
            price = capacityPrice
            capacity = model.capacities
        } else {
            return nil
        }
        return ReducedCostFixing(model, adjusted: adjusted, constant: constant, price: price, capacity: capacity)
    }

    /// The certificate of this relaxation's bound (``DualCertificate``); nil when its answer
    /// certifies no capacity prices.
    func certificate(_ model: AssignmentModel, terms: RowTerms) -> DualCertificate? {
        let adjusted = terms.adjustedValues(model, multiplier: multiplier)
        guard let fixing = fixing(model, adjusted: adjusted) else { return nil }
        return DualCertificate(
            rowMultiplier: multiplier, aggregateMultiplier: terms.aggregateMultipliers(model, multiplier: multiplier),
            binPrice: fixing.binPrice, itemPrice: fixing.itemPrice.map { $0.isFinite ? $0 : 0 }, bound: fixing.bound)
    }
}
