/// Reps that sell to the same segment in the same theaters. Fairness compares each rep's book
/// value with its capacity-proportional share of the group's value:
/// `ratio(r) = V(r)·C(G) / (C(r)·V(G))`, where `V` sums account scores (not fit values) and `C`
/// is planned capacity. A ratio of 1 is a perfectly proportional book; the band allows
/// `1 ± assignment.fairness.band`.
public struct FairnessGroup: Sendable, Hashable, Codable {
    /// `SEGMENT/THEATERS`, e.g. `SMB/NA`, `ENT/EMEA+NA`, or `MM/all` for reps covering every theater.
    public var name: String
    public var segment: String
    /// Sorted; empty = every theater.
    public var theaters: [String]
    /// Bins (indices into ``PlanningModel/reps``) of the group's reps, increasing.
    public var bins: [Int]
    /// The group's planned capacity, every rep counted.
    public var capacity: Double
    /// The reps fairness compares: available on the as-of day, with capacity (increasing bins).
    public var comparedBins: [Int]
    /// `C(G)`: the planned capacity of the compared reps.
    public var comparedCapacity: Double

    /// The group name for a segment and a theater list.
    public static func name(segment: String, theaters: [String]) -> String {
        segment + "/" + (theaters.isEmpty ? "all" : theaters.joined(separator: "+"))
    }
}

/// Measures of how evenly value is spread over capacity.
public enum FairnessMeasure {
    /// `V(r)·C(G) / (C(r)·V(G))`, or `nil` when `C(r)`, `C(G)` or `V(G)` is 0.
    public static func ratio(value: Double, capacity: Double, groupValue: Double, groupCapacity: Double) -> Double? {
        guard capacity > 0, groupValue > 0, groupCapacity > 0 else { return nil }
        return value * groupCapacity / (capacity * groupValue)
    }

    /// The Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one
    /// holds everything. `(2·Σ i·x₍ᵢ₎) / (n·Σx) − (n + 1)/n` over the values sorted ascending.
    /// - Complexity: O(n log n).
    public static func gini(_ values: [Double]) -> Double {
        let sorted = values.map { max(0, $0) }.sorted()
        let n = Double(sorted.count)
        let total = sorted.reduce(0, +)
        guard sorted.count > 1, total > 0 else { return 0 }
        var weighted = 0.0
        for (i, x) in sorted.enumerated() { weighted += Double(i + 1) * x }
        return max(0, 2 * weighted / (n * total) - (n + 1) / n)
    }
}
