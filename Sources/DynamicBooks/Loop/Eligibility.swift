/// Whether an account may go to a rep, and if so the value it would have there (SPEC §4).
///
/// This is the eligibility of the assignment model spelled out rule by rule, so that
/// `books explain` can say which rule keeps an account from a rep. Account rules come first
/// (excluded, disqualified, data review, resting, unmapped, below the minimum tier), then the
/// rep's (segment, theater, same-rep bar, availability); the first that applies is reported.
/// Segments and theaters compare case-insensitively, as in the planner.
public struct Eligibility: Sendable {
    public var policy: Policy
    public var restrictions: AccountRestrictions
    /// The day eligibility is judged on.
    public var day: Day

    public init(policy: Policy, restrictions: AccountRestrictions, day: Day) {
        self.policy = policy; self.restrictions = restrictions; self.day = day
    }

    /// The verdict for one account and one rep.
    public func verdict(for account: ScoredAccount, rep: Rep) -> EligibilityVerdict {
        if let rule = accountRule(for: account) { return .ineligible(rule) }
        if rep.segment.lowercased() != account.segment.lowercased() {
            return .ineligible(.wrongSegment(rep: rep.segment, account: account.segment))
        }
        if let theater = account.theater?.lowercased(), !rep.theaters.isEmpty,
           !rep.theaters.contains(where: { $0.lowercased() == theater }) {
            return .ineligible(.wrongTheater(account: account.theater ?? theater, rep: rep.theaters))
        }
        if let until = restrictions.barEnd(of: account.id, for: rep.id, on: day) { return .ineligible(.barred(until: until)) }
        // An unavailable rep keeps what it owns; it only takes nothing new.
        if !rep.isAvailable(on: day), account.account.owner != rep.id, let until = rep.unavailableUntil {
            return .ineligible(.unavailable(until: until))
        }
        return .eligible(value: value(of: account, with: rep))
    }

    /// The rule that keeps `account` from every rep, if any.
    public func accountRule(for account: ScoredAccount) -> EligibilityRule? {
        if let rule = account.excludedBy { return .excluded(rule: rule) }
        if restrictions.disqualified.contains(account.id) { return .disqualified }
        if restrictions.inDataReview.contains(account.id) { return .dataReview }
        if let until = restrictions.restEnd(of: account.id, on: day) { return .resting(until: until) }
        if account.theater == nil { return .unmappedTheater }
        if account.tier < policy.assignment.minTier { return .belowMinTier(tier: account.tier, minimum: policy.assignment.minTier) }
        return nil
    }

    /// `v(a,r) = score(a) × specialty (if a's industry is one of r's specialties) × incumbent (if r owns a now)`.
    public func value(of account: ScoredAccount, with rep: Rep) -> Double {
        var value = account.score
        if let industry = account.account.industry?.lowercased(),
           rep.specialties.contains(where: { $0.lowercased() == industry }) {
            value *= policy.assignment.specialtyFit
        }
        if account.account.owner == rep.id { value *= policy.assignment.incumbentFit }
        return value
    }

    /// A rep's capacity in workload units, as the planner counts it (``Policy/plannedCapacity(of:)``).
    public func capacity(of rep: Rep) -> Double { policy.plannedCapacity(of: rep) }
}

/// Whether an account may go to a rep.
public enum EligibilityVerdict: Sendable, Hashable {
    /// Eligible, with the value `v(a,r)` it would have with that rep.
    case eligible(value: Double)
    case ineligible(EligibilityRule)
}

/// A rule that keeps an account from a rep.
public enum EligibilityRule: Sendable, Hashable, CustomStringConvertible {
    /// Matches an exclusion rule of `scoring.exclude`.
    case excluded(rule: String)
    case disqualified
    case dataReview
    case resting(until: Day)
    /// No theater from the column or the policy's map.
    case unmappedTheater
    case belowMinTier(tier: Tier, minimum: Tier)
    case wrongSegment(rep: String, account: String)
    case wrongTheater(account: String, rep: [String])
    /// Returned or retrieved from this rep; `returns.same_rep_days`.
    case barred(until: Day)
    case unavailable(until: Day)

    /// A stable name for JSON output.
    public var code: String {
        switch self {
        case .excluded: "excluded"
        case .disqualified: "disqualified"
        case .dataReview: "data_review"
        case .resting: "resting"
        case .unmappedTheater: "unmapped_theater"
        case .belowMinTier: "below_min_tier"
        case .wrongSegment: "wrong_segment"
        case .wrongTheater: "wrong_theater"
        case .barred: "barred"
        case .unavailable: "unavailable"
        }
    }

    public var description: String {
        switch self {
        case let .excluded(rule): "excluded by scoring.exclude (\(rule))"
        case .disqualified: "disqualified"
        case .dataReview: "in data review"
        case let .resting(until): "resting until \(until)"
        case .unmappedTheater: "no theater (unmapped country/state)"
        case let .belowMinTier(tier, minimum): "tier \(tier) is below assignment.min_tier \(minimum)"
        case let .wrongSegment(rep, account): "wrong segment: rep sells \(rep), account is \(account)"
        case let .wrongTheater(account, rep): "wrong theater: account is in \(account), rep covers \(rep.joined(separator: ", "))"
        case let .barred(until): "barred until \(until) (returns.same_rep_days)"
        case let .unavailable(until): "unavailable until \(until)"
        }
    }
}
