import Foundation

/// Draws with fixed, documented algorithms, so a seeded generator yields the same values on every
/// platform (the standard library's `random(in:using:)` algorithms are not guaranteed stable).
extension RandomNumberGenerator {
    /// A uniform double in `[0, 1)` from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in `0 ..< bound` (Lemire's multiply-shift; bias below 2⁻³² for our bounds).
    ///
    /// - Precondition: `bound > 0`.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A standard normal variate (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        let u1 = 1 - unit()          // (0, 1]: log is finite
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A log-normal variate with the given median and shape σ.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// An index drawn with probability proportional to `weights` (which must not all be zero).
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
