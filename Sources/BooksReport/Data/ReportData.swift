import AssignmentEngine
import DynamicBooks

/// Everything the report shows, already computed: the HTML page is a pure function of this value
/// (``ReportPage/render(_:)``), so the same data always gives the same bytes.
///
/// Build it from a plan folder (``ReportData/init(planFolder:fairnessBand:)``) or from a workspace
/// (``ReportData/init(workspace:asOf:)``), or assemble it directly. Lists are kept in the order
/// they are given; the builders sort reps by id, groups by name and pool counts by reason and tier.
public struct ReportData: Sendable, Equatable, Codable {
    /// Where the numbers come from.
    public enum Source: String, Sendable, Equatable, Codable {
        /// A plan folder: books.csv, pool.csv, changes.csv, summary.json.
        case plan
        /// A workspace: the current books, the ledger and the runs.
        case workspace
    }

    public var source: Source
    /// The folder or file, as the user named it.
    public var location: String
    /// The day the numbers describe.
    public var asOf: Day
    /// One line on how the numbers were made: "rebalance plan", "workspace after run 12 (cycle)".
    public var headline: String
    public var fairness: ReportFairness
    public var totals: ReportTotals
    /// The solver's answer, when the source records one.
    public var solve: ReportSolve?
    /// Per rep, in the builders' order (by id).
    public var reps: [ReportRep]
    /// Per fairness group, by name.
    public var groups: [ReportGroup]
    /// Pooled accounts per reason and tier, by reason then tier.
    public var pool: [ReportPoolCount]
    /// Coverage per rep (workspace only).
    public var coverage: ReportCoverage?
    /// The changes of the last run (a plan's changes, or the workspace's last run with ledger rows).
    public var changes: ReportChanges
    /// One point per week that had runs, oldest first (workspace only; empty for a plan).
    public var trend: [ReportTrendPoint]
    /// Things a reader should know about the numbers (defaults assumed, data missing).
    public var notes: [String]

    public init(source: Source, location: String, asOf: Day, headline: String, fairness: ReportFairness,
                totals: ReportTotals, solve: ReportSolve?, reps: [ReportRep], groups: [ReportGroup],
                pool: [ReportPoolCount], coverage: ReportCoverage?, changes: ReportChanges,
                trend: [ReportTrendPoint], notes: [String] = []) {
        self.source = source; self.location = location; self.asOf = asOf; self.headline = headline
        self.fairness = fairness; self.totals = totals; self.solve = solve; self.reps = reps; self.groups = groups
        self.pool = pool; self.coverage = coverage; self.changes = changes; self.trend = trend; self.notes = notes
    }

    /// The group a rep belongs to.
    public func group(of rep: ReportRep) -> ReportGroup? { groups.first { $0.name == rep.group } }

    /// The value range `(1 ± band)·C(r)/C(G)·V(G)` a rep's book value should fall in, or `nil` when
    /// the rep or its group has no capacity or no value.
    public func fairnessBand(of rep: ReportRep) -> ClosedRange<Double>? {
        guard let group = group(of: rep), group.capacity > 0, group.score > 0, rep.capacity > 0 else { return nil }
        let share = rep.capacity / group.capacity * group.score
        let band = max(0, fairness.band)
        return (1 - band) * share ... (1 + band) * share
    }
}

/// The fairness rule the numbers are judged against.
public struct ReportFairness: Sendable, Equatable, Codable {
    /// `off`, `soft` or `hard`.
    public var mode: String
    /// `assignment.fairness.band`: a ratio within `1 ± band` is fair.
    public var band: Double
    /// Whether the band is the policy's own or a default assumed because the source does not say.
    public var bandAssumed: Bool

    public init(mode: String, band: Double, bandAssumed: Bool = false) {
        self.mode = mode; self.band = band; self.bandAssumed = bandAssumed
    }
}

/// Headline counts.
public struct ReportTotals: Sendable, Equatable, Codable {
    public var accounts: Int
    /// Accounts in a book.
    public var assigned: Int
    /// Accounts in the pool.
    public var pooled: Int
    /// Accounts moved from one rep to another (plans), or ownership changes of the last run (workspace).
    public var moves: Int

    public init(accounts: Int, assigned: Int, pooled: Int, moves: Int) {
        self.accounts = accounts; self.assigned = assigned; self.pooled = pooled; self.moves = moves
    }
}

/// The solver's answer.
public struct ReportSolve: Sendable, Equatable, Codable {
    /// Where it comes from: "summary.json", "run 7 (plan) as of 2026-11-29".
    public var origin: String
    public var solver: String
    /// How the solve ended (`optimal`, `within_gap`, `work_limit`, `time_limit`, `heuristic`).
    public var status: TerminationStatus
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    public var components: [ReportComponent]

    public init(origin: String, solver: String, status: TerminationStatus, objective: Double, bound: Double?, gap: Double?,
                components: [ReportComponent]) {
        self.origin = origin; self.solver = solver; self.status = status; self.objective = objective
        self.bound = bound; self.gap = gap; self.components = components
    }
}

/// One independent part of the model.
public struct ReportComponent: Sendable, Equatable, Codable {
    public var index: Int
    public var groups: [String]
    public var items: Int
    public var bins: Int
    public var solver: String
    public var status: TerminationStatus
    public var objective: Double
    public var gap: Double?
    public var note: String?

    public init(index: Int, groups: [String], items: Int, bins: Int, solver: String, status: TerminationStatus, objective: Double,
                gap: Double?, note: String?) {
        self.index = index; self.groups = groups; self.items = items; self.bins = bins; self.solver = solver
        self.status = status; self.objective = objective; self.gap = gap; self.note = note
    }
}

/// Accounts per tier.
public struct TierCounts: Sendable, Equatable, Codable {
    public var a: Int, b: Int, c: Int, d: Int

    public init(a: Int = 0, b: Int = 0, c: Int = 0, d: Int = 0) { self.a = a; self.b = b; self.c = c; self.d = d }

    /// From counts keyed by tier name (`"A"`…`"D"`); other keys are ignored.
    public init(_ counts: [String: Int]) {
        self.init(a: counts["A"] ?? 0, b: counts["B"] ?? 0, c: counts["C"] ?? 0, d: counts["D"] ?? 0)
    }

    public subscript(tier: Tier) -> Int {
        get {
            switch tier { case .a: a; case .b: b; case .c: c; case .d: d }
        }
        set {
            switch tier { case .a: a = newValue; case .b: b = newValue; case .c: c = newValue; case .d: d = newValue }
        }
    }

    /// A, B, C, D.
    public var inOrder: [Int] { [a, b, c, d] }
    public var total: Int { a + b + c + d }
}

/// One rep's book.
public struct ReportRep: Sendable, Equatable, Codable {
    public var id: RepID
    /// Empty when the source has no names (a plan folder).
    public var name: String
    public var segment: String
    /// The fairness group: `SEGMENT/THEATERS`.
    public var group: String
    /// `C(r)`: capacity × ramp, in workload units.
    public var capacity: Double
    /// Workload units in the book.
    public var load: Double
    public var accounts: Int
    /// `Σ v(a, r)`: the fit value (score × specialty × incumbent).
    public var value: Double
    /// `V(r)`: the summed score, which fairness compares.
    public var score: Double
    public var tiers: TierCounts
    /// `V(r)·C(G) / (C(r)·V(G))`.
    public var fairnessRatio: Double?
    public var available: Bool

    public init(id: RepID, name: String, segment: String, group: String, capacity: Double, load: Double, accounts: Int,
                value: Double, score: Double, tiers: TierCounts, fairnessRatio: Double?, available: Bool) {
        self.id = id; self.name = name; self.segment = segment; self.group = group; self.capacity = capacity
        self.load = load; self.accounts = accounts; self.value = value; self.score = score; self.tiers = tiers
        self.fairnessRatio = fairnessRatio; self.available = available
    }

    /// `load / capacity`, or `nil` without capacity.
    public var utilisation: Double? { capacity > 0 ? load / capacity : nil }

    /// `id (name)` or `id`.
    public var label: String { name.isEmpty || name == id.rawValue ? id.rawValue : "\(id.rawValue) (\(name))" }
}

/// One fairness group.
public struct ReportGroup: Sendable, Equatable, Codable {
    public var name: String
    public var reps: Int
    /// `C(G)`.
    public var capacity: Double
    public var load: Double
    /// `V(G)`.
    public var score: Double
    public var minRatio: Double?
    public var maxRatio: Double?
    /// Gini coefficient of `V(r)/C(r)`.
    public var gini: Double?
    public var withinBand: Bool

    public init(name: String, reps: Int, capacity: Double, load: Double, score: Double, minRatio: Double?,
                maxRatio: Double?, gini: Double?, withinBand: Bool) {
        self.name = name; self.reps = reps; self.capacity = capacity; self.load = load; self.score = score
        self.minRatio = minRatio; self.maxRatio = maxRatio; self.gini = gini; self.withinBand = withinBand
    }
}

/// Pooled accounts of one reason and tier.
public struct ReportPoolCount: Sendable, Equatable, Codable {
    /// A pool reason (`no_capacity`, `resting`, `ready`…).
    public var reason: String
    /// `A`…`D`, or `nil` when the source does not record pooled accounts' tiers.
    public var tier: Tier?
    public var count: Int

    public init(reason: String, tier: Tier?, count: Int) { self.reason = reason; self.tier = tier; self.count = count }
}

/// How much of each book is worked, against `coverage.min_rep_coverage`.
public struct ReportCoverage: Sendable, Equatable, Codable {
    /// `coverage.min_rep_coverage`.
    public var minimum: Double
    public var windowDays: Int
    public var minActivities: Int
    public var graceDays: Int
    public var reps: [ReportRepCoverage]

    public init(minimum: Double, windowDays: Int, minActivities: Int, graceDays: Int, reps: [ReportRepCoverage]) {
        self.minimum = minimum; self.windowDays = windowDays; self.minActivities = minActivities
        self.graceDays = graceDays; self.reps = reps
    }
}

/// One rep's coverage.
public struct ReportRepCoverage: Sendable, Equatable, Codable {
    public var rep: RepID
    public var name: String
    /// Owned accounts past their grace period.
    public var counted: Int
    public var worked: Int
    public var inGrace: Int
    /// `worked / counted`; `nil` when nothing is counted.
    public var share: Double?
    public var belowMinimum: Bool

    public init(rep: RepID, name: String, counted: Int, worked: Int, inGrace: Int, share: Double?, belowMinimum: Bool) {
        self.rep = rep; self.name = name; self.counted = counted; self.worked = worked; self.inGrace = inGrace
        self.share = share; self.belowMinimum = belowMinimum
    }
}

/// The changes of one run.
public struct ReportChanges: Sendable, Equatable, Codable {
    /// "Plan changes (rebalance, as of 2026-11-29)", "Run 12 · cycle · as of 2026-11-29".
    public var title: String
    /// Every row, in the source's order.
    public var rows: [ReportChange]
    /// Rows that are not shown as changes (accounts that stayed with their owner), by kind.
    public var unchanged: Int

    public init(title: String, rows: [ReportChange], unchanged: Int = 0) {
        self.title = title; self.rows = rows; self.unchanged = unchanged
    }

    /// Rows per kind, by kind.
    public var countsByKind: [(kind: String, count: Int)] {
        var counts: [String: Int] = [:]
        for row in rows { counts[row.kind, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// One change: an account's owner before and after, and why.
public struct ReportChange: Sendable, Equatable, Codable {
    /// `moved`, `assigned`, `unassigned` (plans); `returned`, `retrieved`, `topped_off`… (ledger kinds).
    public var kind: String
    public var account: AccountID
    /// The account's name, when the source knows it.
    public var name: String
    public var from: RepID?
    public var to: RepID?
    /// The reason: the pool reason, the return reason, the rule.
    public var reason: String
    public var detail: String

    public init(kind: String, account: AccountID, name: String = "", from: RepID?, to: RepID?, reason: String,
                detail: String = "") {
        self.kind = kind; self.account = account; self.name = name; self.from = from; self.to = to
        self.reason = reason; self.detail = detail
    }
}

/// The workspace at the end of one week.
public struct ReportTrendPoint: Sendable, Equatable, Codable {
    /// The Monday starting the week.
    public var week: Day
    /// The last run's as-of day in the week: the day the numbers describe.
    public var day: Day
    /// Accounts in no book.
    public var poolSize: Int
    /// Worked accounts over counted accounts, over every rep; `nil` when nothing is counted.
    public var coverage: Double?
    /// Accepted returns that week.
    public var returns: Int
    /// Retrievals that week.
    public var retrievals: Int
    /// Accounts topped off that week.
    public var toppedOff: Int
    public var runs: Int

    public init(week: Day, day: Day, poolSize: Int, coverage: Double?, returns: Int, retrievals: Int, toppedOff: Int,
                runs: Int) {
        self.week = week; self.day = day; self.poolSize = poolSize; self.coverage = coverage; self.returns = returns
        self.retrievals = retrievals; self.toppedOff = toppedOff; self.runs = runs
    }
}
