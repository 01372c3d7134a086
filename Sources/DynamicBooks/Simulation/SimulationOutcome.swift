/// The outcomes SPEC §8 asks for, per arm, as one record (one run's values, or a statistic of
/// them). The same keys name the rows of the terminal table and of summary.json.
public enum SimulationMeasure: String, Sendable, CaseIterable, Codable, Comparable {
    case opportunities
    case opportunitiesPerWeek = "opportunities_per_week"
    case customers
    case accountsWorked = "accounts_worked"
    case abCoverage = "ab_coverage"
    case abWaiting = "ab_waiting"
    case abWaitingMedianAgeDays = "ab_waiting_median_age_days"
    case utilisation
    case movesPerRep = "moves_per_rep"
    case valueSpread = "value_spread"
    case valueGini = "value_gini"
    case opportunitySpread = "opportunity_spread"
    case opportunityGini = "opportunity_gini"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// What the measure is, for tables and the README.
    public var meaning: String {
        switch self {
        case .opportunities: "opportunities opened over the weeks"
        case .opportunitiesPerWeek: "opportunities opened per week"
        case .customers: "opportunities that converted"
        case .accountsWorked: "distinct accounts worked at least once"
        case .abCoverage: "share of A/B accounts worked within coverage.window_days (mean over weeks)"
        case .abWaiting: "A/B accounts in no book at the end"
        case .abWaitingMedianAgeDays: "median days those A/B accounts have waited"
        case .utilisation: "workload in books ÷ capacity (mean over weeks)"
        case .movesPerRep: "accounts a rep got from another rep's book (start included), per rep"
        case .valueSpread: "max − min of book score per capacity unit ÷ its mean, at the end"
        case .valueGini: "Gini of book score per capacity unit over reps, at the end"
        case .opportunitySpread: "max − min of opportunities per capacity unit ÷ its mean"
        case .opportunityGini: "Gini of opportunities per capacity unit over reps"
        }
    }
}

/// A mean over runs with its 90% interval (Student's t over the runs; a single run gives a
/// zero-width interval).
public struct Estimate: Sendable, Equatable, Codable {
    public var mean: Double
    public var low: Double
    public var high: Double

    public init(_ values: [Double]) {
        let n = Double(values.count)
        let average = values.isEmpty ? 0 : values.reduce(0, +) / n
        mean = average
        guard values.count > 1 else { low = average; high = average; return }
        let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1)
        let half = Self.t90(degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
        low = average - half; high = average + half
    }

    /// Whether `x` lies in the interval.
    public func contains(_ x: Double) -> Bool { low - 1e-12 <= x && x <= high + 1e-12 }

    /// The 95th percentile of Student's t (two-sided 90%).
    static func t90(degreesOfFreedom df: Int) -> Double {
        let table = [6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761,
                     1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701,
                     1.699, 1.697]
        return df >= 1 && df <= table.count ? table[df - 1] : 1.645
    }
}

/// One week of one arm, averaged over the runs.
public struct SimulationWeek: Sendable, Equatable, Codable {
    public var week: Int
    public var opportunities: Double
    public var worked: Double
    public var abCoverage: Double
    public var abWaiting: Double
    public var pool: Double
    public var utilisation: Double
}

/// One arm's outcomes.
public struct ArmOutcome: Sendable, Equatable, Codable {
    public var name: String
    /// Per measure, the mean over runs and its 90% interval.
    public var outcomes: [String: Estimate]
    /// Per measure, this arm minus the first arm, paired run by run (the runs share their
    /// random numbers), with its 90% interval; empty for the first arm.
    public var differenceToFirst: [String: Estimate]
    /// Per measure, each run's value (in run order).
    public var runs: [String: [Double]]
    public var weekly: [SimulationWeek]
}

/// What `books simulate` reports.
public struct SimulationResult: Sendable, Equatable, Codable {
    public var weeks: Int
    public var runs: Int
    public var seed: UInt64
    public var start: Day
    public var accounts: Int
    public var reps: Int
    public var behaviour: StandardBehaviour?
    public var arms: [ArmOutcome]
}
