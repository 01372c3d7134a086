/// An account with everything the policy derives from it: score, tier, segment, theater,
/// workload and exclusion. The planner, the capacity analysis and the workspace work on these.
public struct ScoredAccount: Sendable, Hashable, Codable {
    public var account: Account
    /// 0…100.
    public var score: Double
    public var tier: Tier
    /// The segment from the column or the policy's thresholds.
    public var segment: String
    /// The theater from the column or the policy's map; `nil` = unmapped (never assigned).
    public var theater: String?
    /// Capacity units the account uses.
    public var workload: Double
    /// The exclusion rule it matched (never assigned), if any.
    public var excludedBy: String?

    public var id: AccountID { account.id }

    public init(account: Account, score: Double, tier: Tier, segment: String, theater: String?,
                workload: Double, excludedBy: String? = nil) {
        self.account = account; self.score = score; self.tier = tier; self.segment = segment
        self.theater = theater; self.workload = workload; self.excludedBy = excludedBy
    }
}
