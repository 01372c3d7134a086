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

/// A small deterministic generator (SplitMix64), so every random model is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
