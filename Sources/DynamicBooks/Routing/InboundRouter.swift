/// Routes a stream of inbound accounts in memory, keeping books, loads and the round-robin state
/// up to date between decisions — the ``RoutingRule`` for a service that embeds the library
/// without a workspace, or for simulating a routing policy.
///
/// ```swift
/// var router = InboundRouter(policy: policy, day: today, reps: reps, accounts: books)
/// let decision = router.route(handRaiser)
/// print(decision.summary)
/// ```
///
/// The workspace routes with the same rule, one transaction per decision, its state in SQLite.
public struct InboundRouter: Sendable {
    public private(set) var rule: RoutingRule
    public private(set) var reps: [Rep]
    /// Workload units in each rep's book.
    public private(set) var loads: [RepID: Double]
    /// Each account's owner, as routing left it.
    public private(set) var owners: [AccountID: RepID]
    /// Each account's parent, for the family rule.
    public private(set) var parents: [AccountID: AccountID]
    /// The children of each parent.
    var children: [AccountID: Set<AccountID>]
    /// Every account the router has seen, so an account's own `owner` field is read only once.
    var known: Set<AccountID>
    public var restrictions: AccountRestrictions
    /// Round-robin state per segment × theater cell (``RoutingRule/rotationKey(segment:theater:)``).
    public var rotations: [String: SmoothWeightedRoundRobin]

    /// - Parameters:
    ///   - policy: `routing`, `assignment.lock_customers` and the capacity model are used.
    ///   - day: the day decisions are made on.
    ///   - reps: every rep.
    ///   - accounts: the accounts in books now (their owners and workloads make the loads) and
    ///     any others whose family matters.
    ///   - restrictions: rests, bars, disqualifications, data review.
    ///   - rotations: the round-robin state to start from (another router's ``rotations``, say).
    public init(policy: Policy, day: Day, reps: [Rep], accounts: [ScoredAccount] = [],
                restrictions: AccountRestrictions = AccountRestrictions(),
                rotations: [String: SmoothWeightedRoundRobin] = [:]) {
        rule = RoutingRule(policy: policy, day: day)
        self.reps = reps
        self.restrictions = restrictions
        self.rotations = rotations
        loads = [:]
        owners = [:]
        parents = [:]
        children = [:]
        known = []
        for account in accounts { learn(account) }
    }

    /// Takes in an account the router has not seen: its owner's load and its family.
    private mutating func learn(_ account: ScoredAccount) {
        guard known.insert(account.id).inserted else { return }
        if let owner = account.account.owner {
            owners[account.id] = owner
            loads[owner, default: 0] += account.workload
        }
        if let parent = account.account.parentID {
            parents[account.id] = parent
            children[parent, default: []].insert(account.id)
        }
    }

    /// Routes one account and records the outcome: its owner, the loads and the rotation.
    ///
    /// The first time the router sees an account, its `owner` field (if any) puts it in that
    /// rep's book; from then on the router's own record of the account's owner is used.
    public mutating func route(_ inbound: ScoredAccount) -> RoutingDecision {
        learn(inbound)
        var account = inbound
        account.account.owner = owners[account.id]
        let key = account.theater.map { RoutingRule.rotationKey(segment: account.segment, theater: $0) }
        var rotation = key.flatMap { rotations[$0] } ?? SmoothWeightedRoundRobin()
        let decision = rule.decide(account, familyOwner: familyOwner(of: account), reps: reps, loads: loads,
                                   restrictions: restrictions, rotation: &rotation)
        if let key { rotations[key] = rotation }
        if decision.changesOwner {
            if let from = decision.from { loads[from, default: 0] -= account.workload }
            if let to = decision.rep { loads[to, default: 0] += account.workload }
            owners[account.id] = decision.rep
        }
        return decision
    }

    /// The owner of the account's parent, or of any account sharing its parent (or whose parent it
    /// is), other than the account itself; the smallest rep id when they disagree.
    func familyOwner(of account: ScoredAccount) -> RepID? {
        let root = account.account.parentID ?? account.id
        var found: [RepID] = []
        if root != account.id, let owner = owners[root] { found.append(owner) }
        for child in children[root, default: []] where child != account.id {
            if let owner = owners[child] { found.append(owner) }
        }
        return found.min()
    }
}
