/// How a chart or a table prints a number: the same value always prints the same way, whatever
/// the platform or locale (no grouping separators, `.` as the decimal point).
public enum NumberFormat: Sendable, Equatable, Codable {
    /// At most `decimals` decimals, trailing zeros dropped: `12`, `12.5`.
    case number(decimals: Int)
    /// A share as a percentage with `decimals` decimals: `0.625` → `62.5%`.
    case percent(decimals: Int)
    /// A ratio with exactly two decimals: `1.03`.
    case ratio

    /// Whole numbers (counts, units).
    public static let integer = NumberFormat.number(decimals: 0)

    /// `value` formatted.
    public func string(_ value: Double) -> String {
        switch self {
        case .number(let decimals): return Self.fixed(value, decimals: decimals, trimZeros: true)
        case .percent(let decimals): return Self.fixed(value * 100, decimals: decimals, trimZeros: true) + "%"
        case .ratio: return Self.fixed(value, decimals: 2, trimZeros: false)
        }
    }

    /// `value` with `decimals` decimals, rounded half away from zero, without a `-0`.
    static func fixed(_ value: Double, decimals: Int, trimZeros: Bool) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "−∞") }
        let places = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0 ..< places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(value) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let whole = units / divisor
        var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
        guard places > 0 else { return text }
        var fraction = String(units % divisor)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        if trimZeros {
            while fraction.last == "0" { fraction.removeLast() }
        }
        if !fraction.isEmpty { text += "." + fraction }
        return text
    }
}
