/// What the operating loop has decided about accounts beyond who owns them: rests, same-rep bars,
/// disqualifications and data review.
///
/// A rest or a bar that ends on day `until` holds on every day before `until` and is over on
/// `until` itself, so `rest_days: 90` from day D makes the account assignable again on D + 90.
public struct AccountRestrictions: Sendable, Equatable {
    /// The day each resting account becomes assignable again.
    public var restingUntil: [AccountID: Day]
    /// Per account, the day each barred rep may get it back.
    public var barredUntil: [AccountID: [RepID: Day]]
    /// Accounts returned as a bad fit: never assigned again.
    public var disqualified: Set<AccountID>
    /// Accounts waiting for their data to be fixed: not assignable until cleared.
    public var inDataReview: Set<AccountID>

    public init(restingUntil: [AccountID: Day] = [:], barredUntil: [AccountID: [RepID: Day]] = [:],
                disqualified: Set<AccountID> = [], inDataReview: Set<AccountID> = []) {
        self.restingUntil = restingUntil; self.barredUntil = barredUntil
        self.disqualified = disqualified; self.inDataReview = inDataReview
    }

    /// The day `account`'s rest ends, if it is resting on `day`.
    public func restEnd(of account: AccountID, on day: Day) -> Day? {
        guard let until = restingUntil[account], day < until else { return nil }
        return until
    }

    /// The day `rep` may get `account` back, if it is barred from it on `day`.
    public func barEnd(of account: AccountID, for rep: RepID, on day: Day) -> Day? {
        guard let until = barredUntil[account]?[rep], day < until else { return nil }
        return until
    }

    /// Records a bar, keeping the later end when one exists.
    public mutating func bar(_ account: AccountID, from rep: RepID, until: Day) {
        let current = barredUntil[account]?[rep]
        barredUntil[account, default: [:]][rep] = current.map { Swift.max($0, until) } ?? until
    }

    /// Records a rest, keeping the later end when one exists.
    public mutating func rest(_ account: AccountID, until: Day) {
        restingUntil[account] = restingUntil[account].map { Swift.max($0, until) } ?? until
    }
}

extension AccountRestrictions {
    /// The same restrictions as the planner takes them. Rests and bars already over on `day` are
    /// left out, so the state is as small as the day allows.
    public func planningState(on day: Day) -> PlanningState {
        let bars = barredUntil.flatMap { account, reps in
            reps.filter { day < $0.value }.map { PlanningState.Bar(accountID: account, repID: $0.key, until: $0.value) }
        }.sorted { ($0.accountID, $0.repID) < ($1.accountID, $1.repID) }
        return PlanningState(restingUntil: restingUntil.filter { day < $0.value }, disqualified: disqualified,
                             dataReview: inDataReview, bars: bars)
    }
}
