import Foundation

/// The ranges numbers from outside must fall in, checked where each is read (CSV files, the
/// policy, command-line flags, HTTP bodies), so that no later arithmetic overflows, no
/// conversion to an integer traps and no computed date leaves four-digit years.
///
/// The bounds are generous for sales data and tight enough that every product of them stays
/// exact in a `Double` and small in an `Int`: a book of at most 10⁶ units of accounts weighing
/// at least 10⁻³ has at most 10⁹ slots.
public enum InputLimits {
    /// A rep's capacity (reps.csv `capacity`, policy `capacity.X.units` and the bottom-up
    /// model's result), in workload units.
    public static let capacity: ClosedRange<Double> = 0 ... 1_000_000
    /// An account's or a segment's workload, in capacity units.
    public static let workload: ClosedRange<Double> = 0.001 ... 1_000
    /// Hours a rep works per week (policy bottom-up capacity).
    public static let hoursPerWeek: ClosedRange<Double> = 0.001 ... 168
    /// Weeks in a capacity period (policy bottom-up capacity): up to ten years.
    public static let weeks: ClosedRange<Double> = 0.001 ... 520
    /// Touches per account and minutes per touch (policy bottom-up capacity).
    public static let effort: ClosedRange<Double> = 0.001 ... 1_000_000
    /// A solver's time limit in seconds (`--time-limit`, policy `assignment.time_limit_s`): one week.
    public static let timeLimitSeconds: ClosedRange<Double> = 0.001 ... 604_800
    /// Periods in days (rest, hold, coverage window, grace, retrieval): up to 100 years.
    public static let days: ClosedRange<Int> = 0 ... 36_500
    /// Counts of things (activities, returns, moves per rep).
    public static let count: ClosedRange<Int> = 0 ... 1_000_000_000
    /// A rep's routing weight.
    public static let routingWeight: ClosedRange<Double> = 0 ... 1_000_000
    /// Employees of an account, and segment thresholds on them.
    public static let employees: ClosedRange<Double> = 0 ... 1e12
    /// Any other number: annual revenue, rule bounds, attribute values.
    public static let magnitude: ClosedRange<Double> = -1e15 ... 1e15
    /// Points of a scoring rule or signal, and a signal's cap.
    public static let points: ClosedRange<Double> = -1_000_000 ... 1_000_000
    /// Value multipliers (`assignment.fit`) and the fairness penalty.
    public static let multiplier: ClosedRange<Double> = 0 ... 1_000

    /// Why `value` is refused, phrased to follow it: "must not be negative" below a range that
    /// starts at 0, else "is outside 0.001–1000".
    public static func rule(_ value: Double, _ range: ClosedRange<Double>) -> String {
        value < 0 && range.lowerBound == 0 ? "must not be negative" : "is outside \(phrase(range))"
    }

    public static func rule(_ value: Int, _ range: ClosedRange<Int>) -> String {
        value < 0 && range.lowerBound == 0 ? "must not be negative" : "is outside \(phrase(range))"
    }

    /// "0–1000000", the range as messages spell it.
    public static func phrase(_ range: ClosedRange<Double>) -> String {
        func text(_ x: Double) -> String {
            // Powers of ten from 10⁹ up as "1e12", the way they may be written in a file.
            let exponent = log10(abs(x))
            if abs(x) >= 1e9, exponent == exponent.rounded() { return (x < 0 ? "-" : "") + "1e\(Int(exponent))" }
            return CSVBuffer.number(x)
        }
        return "\(text(range.lowerBound))–\(text(range.upperBound))"
    }

    public static func phrase(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound)–\(range.upperBound)" }
}
