@testable import AssignmentEngine

/// Small hand-made models for solver tests.
enum TinyModels {
    /// Three items, bins A (0) and B (1) with capacity `capacityA`/`capacityB`, weight 1 everywhere.
    /// Values: on A 10, 10, 10; on B 7, 6, 4. Arc of item i on bin b is `2i + b`.
    static func threeItems(capacityA: Double = 3, capacityB: Double = 3, mustAssign: Bool = true) -> AssignmentModel {
        var builder = AssignmentModelBuilder(itemCount: 3, capacities: [capacityA, capacityB])
        builder.mustAssign = Array(repeating: mustAssign, count: 3)
        let valueOnB: [Double] = [7, 6, 4]
        for i in 0 ..< 3 {
            builder.addArc(item: i, bin: 0, value: 10, weight: 1)
            builder.addArc(item: i, bin: 1, value: valueOnB[i], weight: 1)
        }
        return builder.build().model
    }

    /// Arcs of bin `b` in ``threeItems(capacityA:capacityB:mustAssign:)``.
    static func arcsOnBin(_ b: Int) -> [Int] { [b, 2 + b, 4 + b] }
}
