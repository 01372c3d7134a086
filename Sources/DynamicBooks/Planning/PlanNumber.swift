/// Stable number formatting for plan files: the same number always prints the same way, on
/// every platform and locale, with at most six decimals and no trailing zeros.
package enum PlanNumber {
    /// Rounds to six decimals (so summation order noise does not reach the files).
    package static func rounded(_ x: Double) -> Double {
        guard x.isFinite else { return 0 }
        let r = (x * 1_000_000).rounded() / 1_000_000
        return r == 0 ? 0 : r   // no "-0"
    }

    /// `12`, `12.5`, `0.333333`.
    package static func text(_ x: Double) -> String {
        let r = rounded(x)
        guard abs(r) < 1e12 else { return String(r) }
        let micros = Int64((abs(r) * 1_000_000).rounded())
        let whole = micros / 1_000_000
        var fraction = micros % 1_000_000
        var text = (r < 0 ? "-" : "") + String(whole)
        guard fraction != 0 else { return text }
        var digits = 6
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let f = String(fraction)
        text += "." + String(repeating: "0", count: digits - f.count) + f
        return text
    }
}
