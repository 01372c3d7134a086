/// One side of a comparison: who owns what, where every other account waits and why, and the
/// per-rep and per-group numbers of those books.
///
/// A side comes from a plan folder (``init(planFolder:)``) or from current books
/// (``init(label:accounts:reps:policy:day:reasons:)``, what a workspace holds).
public struct BooksSide: Sendable, Equatable {
    /// Where the side came from (a folder path or `workspace PATH`), for messages and headings.
    public var label: String
    /// The day the books are for.
    public var asOf: Day?
    /// The solver's objective when the side is a plan (`nil` for current books).
    public var objective: Double?
    /// Every account of the side: its owner (`nil` = pool), the side's reason for it, its tier.
    public var accounts: [AccountID: Placement]
    /// Per rep, sorted by id.
    public var reps: [RepSummary]
    /// Per fairness group, sorted by name.
    public var groups: [GroupSummary]

    public init(label: String, asOf: Day?, objective: Double?, accounts: [AccountID: Placement],
                reps: [RepSummary], groups: [GroupSummary]) {
        self.label = label; self.asOf = asOf; self.objective = objective; self.accounts = accounts
        self.reps = reps.sorted { $0.id < $1.id }; self.groups = groups.sorted { $0.name < $1.name }
    }

    /// Where one account is on a side.
    public struct Placement: Sendable, Hashable, Codable {
        /// The owner, or `nil` when the account waits in the pool.
        public var owner: RepID?
        /// Why it is there: the plan's change reason (`kept`, `assigned`, `moved`…) or pool reason,
        /// or for current books the latest ledger entry.
        public var reason: String
        /// Its tier, when the side records it.
        public var tier: Tier?

        public init(owner: RepID?, reason: String, tier: Tier?) { self.owner = owner; self.reason = reason; self.tier = tier }
    }
}
