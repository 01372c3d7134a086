/// The guardrails on giving an account back to the pool (`returns:` in the policy, SPEC §2).
///
/// A request is checked against every rule; it is accepted only when it breaks none, and a
/// rejection names each rule it broke with the numbers, so the rep knows what to do:
/// `rejected: held 6 days, policy returns.min_hold_days is 14`.
///
/// The checks, in order:
/// - the reason is one of `returns.reasons`;
/// - the rep has held the account at least `returns.min_hold_days`;
/// - the rep logged at least `returns.min_activities` qualifying activities (the types of
///   `coverage.activity_types`) on the account since getting it, up to the request's day;
/// - the rep had fewer than `returns.max_per_rep_per_30_days` returns accepted in the 30 days
///   ending on the request's day.
///
/// The request itself (known account and rep, owner, dates) is validated by the caller before it
/// gets here: a malformed request is an error, not a rejection.
public struct ReturnGuardrails: Sendable {
    public var policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// What the decision depends on besides the request.
    public struct Facts: Sendable, Equatable {
        /// The day the rep got the account.
        public var ownedSince: Day
        /// Qualifying activities by the rep on the account from `ownedSince` through the request's day.
        public var qualifyingActivities: Int
        /// Returns already accepted for this rep in the 30 days ending on the request's day.
        public var acceptedReturnsInLast30Days: Int

        public init(ownedSince: Day, qualifyingActivities: Int, acceptedReturnsInLast30Days: Int) {
            self.ownedSince = ownedSince; self.qualifyingActivities = qualifyingActivities
            self.acceptedReturnsInLast30Days = acceptedReturnsInLast30Days
        }
    }

    /// The number of days, ending on the request's day, over which accepted returns are counted.
    public static let rateWindowDays = 30

    /// Decides one request.
    /// - Parameters:
    ///   - request: an already validated request (known account and rep, the rep owns the account).
    ///   - facts: the holding, activity and return counts for that request.
    /// - Returns: accepted with its effects, or rejected with every rule broken.
    public func decide(_ request: ReturnRequest, facts: Facts) -> ReturnDecision {
        let returns = policy.returns
        var broken: [ReturnViolation] = []
        let reason = returns.reasons[request.reason]
        if reason == nil {
            let known = returns.reasons.keys.sorted().joined(separator: ", ")
            broken.append(ReturnViolation(
                rule: .reason,
                message: "reason \"\(request.reason)\" is not a policy reason; policy returns.reasons has \(known.isEmpty ? "none" : known)"))
        }
        let held = request.date - facts.ownedSince
        if held < returns.minHoldDays {
            broken.append(ReturnViolation(
                rule: .minHoldDays,
                message: "held \(held) \(held == 1 ? "day" : "days"), policy returns.min_hold_days is \(returns.minHoldDays)"))
        }
        if facts.qualifyingActivities < returns.minActivities {
            let n = facts.qualifyingActivities
            broken.append(ReturnViolation(
                rule: .minActivities,
                message: "\(n) qualifying \(n == 1 ? "activity" : "activities") (\(policy.coverage.qualifyingTypesText)) "
                    + "since \(facts.ownedSince), policy returns.min_activities is \(returns.minActivities)"))
        }
        if facts.acceptedReturnsInLast30Days >= returns.maxPerRepPer30Days {
            let n = facts.acceptedReturnsInLast30Days
            broken.append(ReturnViolation(
                rule: .maxPerRepPer30Days,
                message: "\(n) \(n == 1 ? "return" : "returns") already accepted for \(request.repID) in the "
                    + "\(Self.rateWindowDays) days to \(request.date), policy returns.max_per_rep_per_30_days is \(returns.maxPerRepPer30Days)"))
        }
        guard broken.isEmpty, let reason else { return .rejected(broken) }
        let rest = reason.restDays.flatMap { $0 > 0 ? request.date + $0 : nil }
        return .accepted(ReturnEffects(
            restUntil: rest, disqualify: reason.disqualify, dataReview: reason.dataReview,
            barredUntil: request.date + returns.sameRepDays))
    }
}

/// A return guardrail, named by its policy key.
public enum ReturnRule: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case reason = "returns.reasons"
    case minHoldDays = "returns.min_hold_days"
    case minActivities = "returns.min_activities"
    case maxPerRepPer30Days = "returns.max_per_rep_per_30_days"
    /// The rep no longer owns the account (or never did); checked by the workspace before the
    /// guardrails, which only see requests from the owner.
    case owner
    public var description: String { rawValue }
}

/// One broken guardrail with the numbers behind it.
public struct ReturnViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var rule: ReturnRule
    /// E.g. `held 6 days, policy returns.min_hold_days is 14`.
    public var message: String
    public init(rule: ReturnRule, message: String) { self.rule = rule; self.message = message }
    public var description: String { message }
}

/// What an accepted return does besides sending the account to the pool.
public struct ReturnEffects: Sendable, Hashable, Codable {
    /// The account rests (is not assignable) until this day (`rest_days` of the reason).
    public var restUntil: Day?
    /// The account is never assigned again (`disqualify` of the reason).
    public var disqualify: Bool
    /// The account waits for its data to be fixed (`data_review` of the reason).
    public var dataReview: Bool
    /// The returning rep does not get it back before this day (`returns.same_rep_days`).
    public var barredUntil: Day

    public init(restUntil: Day?, disqualify: Bool, dataReview: Bool, barredUntil: Day) {
        self.restUntil = restUntil; self.disqualify = disqualify
        self.dataReview = dataReview; self.barredUntil = barredUntil
    }
}

/// The outcome of a return request.
public enum ReturnDecision: Sendable, Hashable, CustomStringConvertible {
    case accepted(ReturnEffects)
    /// Every rule the request broke, in the order they are checked; never empty.
    case rejected([ReturnViolation])

    public var isAccepted: Bool { if case .accepted = self { true } else { false } }

    /// `accepted: rests until 2027-02-27, barred from the rep until 2027-05-28` or
    /// `rejected: held 6 days, policy returns.min_hold_days is 14`.
    public var description: String {
        switch self {
        case let .accepted(effects):
            var parts: [String] = []
            if let until = effects.restUntil { parts.append("rests until \(until)") }
            if effects.disqualify { parts.append("disqualified") }
            if effects.dataReview { parts.append("sent to data review") }
            parts.append("barred from the rep until \(effects.barredUntil)")
            return "accepted: " + parts.joined(separator: ", ")
        case let .rejected(violations):
            return "rejected: " + violations.map(\.message).joined(separator: "; ")
        }
    }
}
