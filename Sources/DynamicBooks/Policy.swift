import AssignmentEngine
import Collections

/// Every rule of the operating model, as read from `policy.yaml` (SPEC §2).
///
/// Every key has a default, so `Policy()` (and an empty file) is a working policy. The defaults
/// are the values of SPEC §2's example; `PolicyLoader` maps YAML keys (snake_case) to these fields
/// and rejects unknown keys with a did-you-mean.
public struct Policy: Sendable, Equatable, Codable {
    public var scoring = Scoring()
    public var tiers = TierThresholds()
    /// Segments in order; the first whose `maxEmployees` admits the account wins, the last is the catch-all.
    public var segments: [SegmentRule] = [
        SegmentRule(name: "SMB", maxEmployees: 199, workload: 1),
        SegmentRule(name: "MM", maxEmployees: 999, workload: 1),
        SegmentRule(name: "ENT", maxEmployees: nil, workload: 3),
    ]
    /// Theaters in order; an account's theater is the first whose countries (or states) contain it.
    public var theaters: [TheaterRule] = [
        TheaterRule(name: "NA", countries: ["US", "CA"]),
        TheaterRule(name: "EMEA", countries: ["GB", "IE", "DE", "FR", "NL", "SE"]),
    ]
    /// Capacity model per segment name, in workload units, in the policy file's order.
    public var capacity: OrderedDictionary<String, CapacityModel> = [
        "SMB": .bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 6, minutesPerTouch: 4),
        "MM": .bottomUp(hoursPerWeek: 15, weeks: 4, touchesPerAccount: 8, minutesPerTouch: 6),
        "ENT": .units(120),
    ]
    public var assignment = AssignmentPolicy()
    public var returns = ReturnPolicy()
    public var coverage = CoveragePolicy()
    public var topoff = TopoffPolicy()
    public var routing = RoutingPolicy()

    public init() {}
}

// MARK: - Scoring

/// Points rules, numeric signals and exclusions.
public struct Scoring: Sendable, Equatable, Codable {
    /// Points add up over every matching rule, then are clamped to 0…100.
    public var rules: [ScoringRule] = []
    /// Numeric signal columns, points per unit, capped.
    public var signals: [Signal] = []
    /// Bad fit: an account matching any of these is never assigned.
    public var exclude: [Condition] = []
    public init(rules: [ScoringRule] = [], signals: [Signal] = [], exclude: [Condition] = []) {
        self.rules = rules; self.signals = signals; self.exclude = exclude
    }
}

/// `when` → `points`.
public struct ScoringRule: Sendable, Equatable, Codable {
    public var when: Condition
    public var points: Double
    public init(when: Condition, points: Double) { self.when = when; self.points = points }
}

/// `{ field, per_unit, max }`.
public struct Signal: Sendable, Equatable, Codable {
    public var field: String
    public var perUnit: Double
    public var max: Double?
    public init(field: String, perUnit: Double, max: Double? = nil) { self.field = field; self.perUnit = perUnit; self.max = max }
}

/// A conjunction of field tests: every clause must match.
public struct Condition: Sendable, Equatable, Codable {
    public var clauses: [Clause]
    public init(_ clauses: [Clause]) { self.clauses = clauses }
}

/// One field test of a ``Condition``. Fields are matched like CSV headers (case, spaces and
/// underscores ignored) against the account's columns and attributes.
public struct Clause: Sendable, Equatable, Codable {
    public enum Test: Sendable, Equatable, Codable {
        /// `{ industry: [Software, Fintech] }` or `{ industry: Software }` (case-insensitive).
        case oneOf([String])
        /// `{ employees: { between: [50, 2000] } }` (inclusive).
        case between(Double, Double)
        case greaterOrEqual(Double)
        case greater(Double)
        case lessOrEqual(Double)
        case less(Double)
        /// `{ customer: true }`.
        case equalsBool(Bool)
    }
    public var field: String
    public var test: Test
    public init(field: String, test: Test) { self.field = field; self.test = test }
}

/// Minimum score per tier; below C is D.
public struct TierThresholds: Sendable, Equatable, Codable {
    public var a: Double = 75
    public var b: Double = 55
    public var c: Double = 35
    public init(a: Double = 75, b: Double = 55, c: Double = 35) { self.a = a; self.b = b; self.c = c }
}

/// Account tiers, best first. `Tier.a > Tier.b`.
public enum Tier: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case a = "A", b = "B", c = "C", d = "D"
    var rank: Int { switch self { case .a: 3; case .b: 2; case .c: 1; case .d: 0 } }
    public static func < (x: Tier, y: Tier) -> Bool { x.rank < y.rank }
    public var description: String { rawValue }
}

// MARK: - Segments, theaters, capacity

/// `SMB: { max_employees: 199, workload: 1 }`.
public struct SegmentRule: Sendable, Equatable, Codable {
    public var name: String
    /// Accounts with at most this many employees fall in this segment; `nil` = no limit.
    public var maxEmployees: Double?
    /// Default workload of an account of this segment.
    public var workload: Double
    public init(name: String, maxEmployees: Double?, workload: Double = 1) {
        self.name = name; self.maxEmployees = maxEmployees; self.workload = workload
    }
}

/// `NA: { countries: [US, CA] }`, or for regulated sellers `{ states: [NY] }`.
public struct TheaterRule: Sendable, Equatable, Codable {
    public var name: String
    public var countries: [String]
    public var states: [String]
    public init(name: String, countries: [String] = [], states: [String] = []) {
        self.name = name; self.countries = countries; self.states = states
    }
}

/// How many workload units a rep of a segment can work.
public enum CapacityModel: Sendable, Equatable, Codable {
    /// `floor(hours_per_week × 60 × weeks ÷ (touches_per_account × minutes_per_touch))`.
    case bottomUp(hoursPerWeek: Double, weeks: Double, touchesPerAccount: Double, minutesPerTouch: Double)
    /// A fixed number of units.
    case units(Double)

    /// Capacity in workload units before ramp.
    public var units: Double {
        switch self {
        case let .bottomUp(hours, weeks, touches, minutes):
            let effort = touches * minutes
            return effort > 0 ? (hours * 60 * weeks / effort).rounded(.down) : 0
        case let .units(n): return n
        }
    }
}

// MARK: - Assignment

public enum FairnessMode: String, Sendable, Equatable, Codable, CaseIterable { case off, soft, hard }

/// `assignment:` — how the optimiser fills books.
public struct AssignmentPolicy: Sendable, Equatable, Codable {
    /// Tiers below stay in the pool (marketing nurture).
    public var minTier: Tier = .c
    /// Customers stay with their owner.
    public var lockCustomers = true
    /// Value multiplier when the account's industry is one of the rep's specialties.
    public var specialtyFit = 1.15
    /// Value multiplier for the current owner.
    public var incumbentFit = 1.25
    /// Fairness band around each rep's capacity-proportional share of its group's value.
    public var fairnessBand = 0.15
    public var fairnessMode: FairnessMode = .soft
    /// Objective cost per unit of value below the band (soft mode).
    public var fairnessPenalty = 1.0
    /// At most this many accounts move to a rep from another rep in one plan; `nil` = unlimited.
    public var maxMovesPerRep: Int? = 25
    /// Accounts their owner worked within the coverage window stay.
    public var keepWorked = true
    /// The solver (`assignment.solver`): one of ``SolverRegistry``'s, checked when the policy is read.
    public var solver = SolverChoice.auto
    /// A safety cap on the solve's wall-clock time; the solve stops on ``work``.
    public var timeLimitSeconds = 30.0
    public var mipGap = 0.001
    /// How much work the solvers may do (`assignment.work`): their normal stopping rule, so a
    /// plan depends on its inputs and options only.
    public var work = WorkBudget()
    /// `assignment.topoff.fill_new_reps`: a top-off may move up to `max_moves_per_rep` accounts
    /// from other books of its group into a new rep's book, so it starts fair (not only from the pool).
    public var fillNewReps = false
    /// `assignment.topoff.new_rep_days`: a rep counts as new for this many days after its
    /// `start_date` (or the end of a leave).
    public var newRepDays = 28
    /// `assignment.topoff.ramp_weeks`: a rep with a `start_date` ramps up linearly over this many
    /// weeks (week 1 gets 1/N of its capacity, never more than its `ramp`); 0 = no ramp by weeks.
    public var rampWeeks = 0
    public init() {}
}

// MARK: - Returns, coverage, top-off, routing

/// What happens to an account returned for a reason.
public struct ReturnReason: Sendable, Equatable, Codable {
    /// The account rests in the pool (not assignable) for this many days.
    public var restDays: Int?
    /// The account is disqualified (never assigned again).
    public var disqualify: Bool
    /// The account goes to data review (not assignable until cleared).
    public var dataReview: Bool
    public init(restDays: Int? = nil, disqualify: Bool = false, dataReview: Bool = false) {
        self.restDays = restDays; self.disqualify = disqualify; self.dataReview = dataReview
    }
}

/// `returns:` — guardrails on giving accounts back.
public struct ReturnPolicy: Sendable, Equatable, Codable {
    /// Allowed reasons, by name (sorted by name when listed).
    public var reasons: [String: ReturnReason] = [
        "not_interested": ReturnReason(restDays: 90),
        "bad_timing": ReturnReason(restDays: 60),
        "poor_fit": ReturnReason(disqualify: true),
        "bad_data": ReturnReason(dataReview: true),
        "worked_to_completion": ReturnReason(restDays: 180),
    ]
    public var minHoldDays = 14
    public var minActivities = 3
    public var maxPerRepPer30Days = 15
    /// A returned (or retrieved) account never goes back to that rep within this many days.
    public var sameRepDays = 180
    public init() {}
}

/// `coverage:` — what counts as working an account.
public struct CoveragePolicy: Sendable, Equatable, Codable {
    public var activityTypes: [String] = ["call", "email", "meeting"]
    public var windowDays = 30
    /// "Worked" = at least this many qualifying activities in the window.
    public var minActivities = 2
    /// New assignments are not retrieved before this many days.
    public var graceDays = 14
    /// No qualifying activity for this long → retrieved.
    public var retrieveAfterDays = 45
    /// Reps whose share of worked accounts falls below this are listed.
    public var minRepCoverage = 0.6
    public init() {}
}

/// One key of the top-off order.
public struct SortKey: Sendable, Equatable, Codable {
    public var field: String
    public var descending: Bool
    public init(field: String, descending: Bool) { self.field = field; self.descending = descending }
}

/// `topoff:` — which pool accounts fill free capacity first.
public struct TopoffPolicy: Sendable, Equatable, Codable {
    public var order: [SortKey] = [
        SortKey(field: "score", descending: true),
        SortKey(field: "annual_revenue", descending: true),
        SortKey(field: "id", descending: false),
    ]
    public init() {}
}

public enum RoutingStrategy: String, Sendable, Equatable, Codable, CaseIterable {
    case leastLoaded = "least_loaded"
    case weightedRoundRobin = "weighted_round_robin"
}

public enum OverflowRule: String, Sendable, Equatable, Codable, CaseIterable {
    case leastLoaded = "least_loaded"
    case pool
}

/// `routing:` — how inbound hand-raisers are routed.
public struct RoutingPolicy: Sendable, Equatable, Codable {
    public var strategy: RoutingStrategy = .leastLoaded
    public var overflow: OverflowRule = .leastLoaded
    public init() {}
}
