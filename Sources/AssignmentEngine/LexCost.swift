/// A cost compared lexicographically: first the (negated) number of must-assign items placed,
/// then the (negated) value.
struct LexCost: Comparable, Sendable {
    var must: Int
    var value: Double
    static let zero = LexCost(must: 0, value: 0)
    static let infinity = LexCost(must: Int.max / 4, value: 0)
    static func + (a: LexCost, b: LexCost) -> LexCost { LexCost(must: a.must + b.must, value: a.value + b.value) }
    static func - (a: LexCost, b: LexCost) -> LexCost { LexCost(must: a.must - b.must, value: a.value - b.value) }
    static func < (a: LexCost, b: LexCost) -> Bool { a.must != b.must ? a.must < b.must : a.value < b.value }
    /// Reduced costs are ≥ 0 in exact arithmetic; clear the rounding noise below zero.
    var clampedNonNegative: LexCost {
        if must < 0 { return self }
        if must == 0 && value < 0 { return LexCost(must: 0, value: 0) }
        return self
    }
}
