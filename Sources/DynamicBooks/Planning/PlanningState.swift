/// What the operating loop knows that the account list does not: which accounts rest, which are
/// disqualified or in data review, which rep may not get which account back, and the load each
/// rep already carries from inbound routing. The workspace derives it from its ledger; a batch
/// run starts from ``empty``.
public struct PlanningState: Sendable, Equatable, Codable {
    /// Accounts returned with a rest period, and the day the rest ends. An account rests while
    /// the as-of day is before that day.
    public var restingUntil: [AccountID: Day]
    /// Accounts returned as a poor fit: never assigned again.
    public var disqualified: Set<AccountID>
    /// Accounts waiting for their data to be fixed: not assignable until cleared.
    public var dataReview: Set<AccountID>
    /// Accounts that may not go back to a given rep before a given day (`returns.same_rep_days`).
    public var bars: [Bar]
    /// Capacity units each rep already carries outside this plan (inbound hand-raisers routed
    /// since the account list was taken). They are taken off the rep's capacity.
    public var inboundLoad: [RepID: Double]

    public init(restingUntil: [AccountID: Day] = [:], disqualified: Set<AccountID> = [],
                dataReview: Set<AccountID> = [], bars: [Bar] = [], inboundLoad: [RepID: Double] = [:]) {
        self.restingUntil = restingUntil
        self.disqualified = disqualified
        self.dataReview = dataReview
        self.bars = bars
        self.inboundLoad = inboundLoad
    }

    /// No rests, no disqualifications, no reviews, no bars, no inbound load.
    public static let empty = PlanningState()

    /// "Account X is barred from rep R until day D": the account may not be assigned to R while
    /// the as-of day is before `until`.
    public struct Bar: Sendable, Hashable, Codable {
        public var accountID: AccountID
        public var repID: RepID
        /// First day on which the account may go back to the rep.
        public var until: Day

        public init(accountID: AccountID, repID: RepID, until: Day) {
            self.accountID = accountID; self.repID = repID; self.until = until
        }
    }

    /// Whether `account` is resting on `day`.
    public func isResting(_ account: AccountID, on day: Day) -> Bool {
        restingUntil[account].map { day < $0 } ?? false
    }
}

extension PlanningState {
    /// Active bars on `day`, by account: the reps each account may not go to.
    func activeBars(on day: Day) -> [AccountID: Set<RepID>] {
        var result: [AccountID: Set<RepID>] = [:]
        for bar in bars where day < bar.until {
            result[bar.accountID, default: []].insert(bar.repID)
        }
        return result
    }
}

extension PlanningState {
    /// The planning state of the workspace's restrictions (rests, bars, disqualifications, data
    /// reviews), with the inbound load each rep carries outside the plan.
    public init(_ restrictions: AccountRestrictions, inboundLoad: [RepID: Double] = [:]) {
        var bars: [Bar] = []
        for (account, reps) in restrictions.barredUntil {
            for (rep, until) in reps { bars.append(Bar(accountID: account, repID: rep, until: until)) }
        }
        bars.sort { ($0.accountID, $0.repID) < ($1.accountID, $1.repID) }
        self.init(restingUntil: restrictions.restingUntil, disqualified: restrictions.disqualified,
                  dataReview: restrictions.inDataReview, bars: bars, inboundLoad: inboundLoad)
    }
}
