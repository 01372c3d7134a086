/// An account as read from `accounts.csv` (SPEC §2). Derived facts (score, tier, segment,
/// theater) live in ``ScoredAccount``.
public struct Account: Sendable, Hashable, Codable {
    public var id: AccountID
    public var name: String
    /// Segment as given; `nil` means derive it from employees through the policy.
    public var segment: String?
    /// Theater as given; `nil` means derive it from country/state through the policy.
    public var theater: String?
    /// ISO-3166 alpha-2 country code.
    public var country: String?
    /// State or province code.
    public var state: String?
    public var industry: String?
    public var employees: Double?
    public var annualRevenue: Double?
    /// 0–100; used as the score when the policy has no scoring rules.
    public var score: Double?
    /// Current owner; `nil` = in the pool.
    public var owner: RepID?
    public var ownedSince: Day?
    public var lastActivity: Day?
    /// Customers are never sent to the pool by the optimiser.
    public var customer: Bool
    /// Stays with its current owner whatever happens.
    public var locked: Bool
    /// Accounts sharing a parent (and the parent itself) always share one owner.
    public var parentID: AccountID?
    /// Capacity units this account uses; `nil` = the segment's default.
    public var workload: Double?
    /// Every other column, by its header as written in the file.
    public var attributes: [String: String]

    public init(id: AccountID, name: String = "", segment: String? = nil, theater: String? = nil,
                country: String? = nil, state: String? = nil, industry: String? = nil,
                employees: Double? = nil, annualRevenue: Double? = nil, score: Double? = nil,
                owner: RepID? = nil, ownedSince: Day? = nil, lastActivity: Day? = nil,
                customer: Bool = false, locked: Bool = false, parentID: AccountID? = nil,
                workload: Double? = nil, attributes: [String: String] = [:]) {
        self.id = id; self.name = name; self.segment = segment; self.theater = theater
        self.country = country; self.state = state; self.industry = industry
        self.employees = employees; self.annualRevenue = annualRevenue; self.score = score
        self.owner = owner; self.ownedSince = ownedSince; self.lastActivity = lastActivity
        self.customer = customer; self.locked = locked; self.parentID = parentID
        self.workload = workload; self.attributes = attributes
    }
}
