/// The result of planning: who owns what, what waits in the pool and why, what changed, and how
/// good the answer is.
///
/// Every account given to the planner ends in exactly one of ``books`` and ``pool``. All lists
/// are sorted by account id, so the same input always gives the same plan.
public struct Plan: Sendable, Equatable, Codable {
    public var mode: PlanMode
    public var asOf: Day
    /// Accounts with an owner after the plan.
    public var books: [BookEntry]
    /// Accounts left in the ready pool, each with the reason.
    public var pool: [PoolEntry]
    /// One row per account whose owner changed or was kept (unowned accounts that stay in the
    /// pool have none).
    public var changes: [Change]
    public var summary: PlanSummary

    public init(mode: PlanMode, asOf: Day, books: [BookEntry], pool: [PoolEntry], changes: [Change],
                summary: PlanSummary) {
        self.mode = mode; self.asOf = asOf; self.books = books; self.pool = pool
        self.changes = changes; self.summary = summary
    }

    /// The owner of `account` after the plan, or `nil` when it is in the pool (or unknown).
    public func owner(of account: AccountID) -> RepID? {
        Plan.find(account, in: books)?.repID
    }

    /// Why `account` is in the pool, or `nil` when it has an owner (or is unknown).
    public func poolReason(of account: AccountID) -> PoolReason? {
        Plan.find(account, in: pool)?.reason
    }

    /// The accounts of `rep`'s book, sorted by id.
    public func book(of rep: RepID) -> [BookEntry] { books.filter { $0.repID == rep } }

    private static func find<Entry: AccountKeyed>(_ account: AccountID, in entries: [Entry]) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].accountID < account { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && entries[low].accountID == account ? entries[low] : nil
    }
}

protocol AccountKeyed { var accountID: AccountID { get } }

/// One account of a book (a line of `books.csv`).
public struct BookEntry: Sendable, Hashable, Codable, AccountKeyed {
    public var accountID: AccountID
    public var repID: RepID
    /// The account's value with this rep: score × specialty fit × incumbent fit.
    public var value: Double
    public var score: Double
    public var tier: Tier
    /// Set when the account is in the book only to keep its family together: the reason it
    /// would have waited in the pool on its own (`excluded`, `below_min_tier`).
    public var withFamily: PoolReason?

    public init(accountID: AccountID, repID: RepID, value: Double, score: Double, tier: Tier) {
        self.accountID = accountID; self.repID = repID; self.value = value; self.score = score; self.tier = tier
    }
}

/// One account of the ready pool (a line of `pool.csv`).
public struct PoolEntry: Sendable, Hashable, Codable, AccountKeyed {
    public var accountID: AccountID
    public var reason: PoolReason
    /// The account's tier, so a plan folder says how many A/B accounts wait (`nil` when unknown).
    public var tier: Tier?

    public init(accountID: AccountID, reason: PoolReason, tier: Tier? = nil) {
        self.accountID = accountID; self.reason = reason; self.tier = tier
    }
}

/// Why an account is in the pool after a plan.
public enum PoolReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Matched a `scoring.exclude` rule.
    case excluded
    /// Returned as a poor fit.
    case disqualified
    /// Waiting for its data to be fixed.
    case dataReview = "data_review"
    /// Returned with a rest period that has not ended.
    case resting
    /// No theater from its column or the policy's theater map.
    case unmapped
    /// Its tier is below `assignment.min_tier` (marketing nurture).
    case belowMinTier = "below_min_tier"
    /// It shares a parent with accounts of another segment or theater, or with accounts locked to
    /// different reps, so no single owner is possible.
    case familyConflict = "family_conflict"
    /// No rep sells to its segment in its theater.
    case noEligibleRep = "no_eligible_rep"
    /// Every rep that could take it is unavailable on the as-of day.
    case repUnavailable = "rep_unavailable"
    /// Every rep that could take it is barred from it (`returns.same_rep_days`).
    case barred
    /// Every rep that could take it is full (better accounts took the room).
    case noCapacity = "no_capacity"
    /// The reps with room have reached `assignment.continuity.max_moves_per_rep`.
    case moveLimit = "move_limit"
    /// Giving it to a rep with room would break the hard fairness band.
    case fairnessBand = "fairness_band"
    /// A rep had room but the solver (a heuristic) did not choose it.
    case notSelected = "not_selected"

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One line of `changes.csv`: an account's owner before and after the plan.
public struct Change: Sendable, Hashable, Codable, AccountKeyed {
    public var accountID: AccountID
    /// The owner before the plan (as given, even when that rep no longer exists).
    public var fromRep: RepID?
    /// The owner after the plan.
    public var toRep: RepID?
    public var reason: ChangeReason

    public init(accountID: AccountID, fromRep: RepID?, toRep: RepID?, reason: ChangeReason) {
        self.accountID = accountID; self.fromRep = fromRep; self.toRep = toRep; self.reason = reason
    }
}

/// What happened to an account's owner.
public enum ChangeReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// From the pool to a rep.
    case assigned
    /// From one rep to another (counts against `max_moves_per_rep`).
    case moved
    /// From a rep that is no longer in the rep list to a rep.
    case reassigned
    /// Stays with its owner.
    case kept
    /// From a rep to the pool (the pool entry says why).
    case unassigned

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
