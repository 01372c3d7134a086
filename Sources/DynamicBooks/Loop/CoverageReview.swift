/// Coverage accountability (`coverage:` in the policy, SPEC §2): which owned accounts go back to
/// the pool because their owner does not work them, and how much of each rep's book is worked.
///
/// An account is **retrieved** when
/// - its owner has held it at least `coverage.grace_days`, and
/// - the owner's last qualifying activity on it (or the day the owner got it, when there is none
///   since) is at least `coverage.retrieve_after_days` before the review day,
///
/// unless it is locked, or a customer while `assignment.lock_customers` holds. A family (a parent
/// and the accounts naming it as `parent_id`) held by one owner is one item, as in the planner: it
/// is retrieved only when every member qualifies, and then all of them go.
///
/// An account is **worked** when its owner logged at least `coverage.min_activities` qualifying
/// activities on it in the `coverage.window_days` days ending on the review day. A rep's coverage
/// is the share of its book that is worked, counting only accounts past their grace period (a
/// new assignment has had no chance to be worked); reps below `coverage.min_rep_coverage` are flagged.
///
/// Activity dated after the review day is ignored, so a review `--as-of` a past day reproduces.
public struct CoverageReview: Sendable {
    public var policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// The policy key a retrieval cites.
    public static let retrievalRule = "coverage.retrieve_after_days"

    /// Reviews every owned account.
    /// - Parameters:
    ///   - accounts: accounts with their current `owner` and `ownedSince` (unowned ones are skipped;
    ///     a missing `ownedSince` counts as held since long ago). `lastActivity` counts as the
    ///     owner's when it is not before `ownedSince`.
    ///   - activity: qualifying activity (see ``ActivityIndex``).
    ///   - reps: every rep, so that reps with empty books get a coverage line too.
    ///   - day: the review day.
    /// - Returns: the retrievals sorted by account id and the coverage of every rep sorted by rep id.
    /// - Complexity: O(a log a + r) plus the activity look-ups.
    public func review(accounts: [Account], activity: ActivityIndex, reps: [RepID], on day: Day) -> CoverageReport {
        let coverage = policy.coverage
        var candidates: [AccountID: Retrieval] = [:]
        var blockers: Set<FamilyKey> = []
        var counted: [RepID: Int] = [:], worked: [RepID: Int] = [:], inGrace: [RepID: Int] = [:]
        let windowStart = coverage.windowStart(on: day)

        for account in accounts {
            guard let owner = account.owner else { continue }
            let since = account.ownedSince ?? Day(daysSinceEpoch: Int.min / 4)
            let held = day - since
            let family = FamilyKey(owner: owner, root: account.parentID ?? account.id)
            if held < coverage.graceDays {
                inGrace[owner, default: 0] += 1
                blockers.insert(family)
                continue
            }
            counted[owner, default: 0] += 1
            let recent = activity.count(account: account.id, rep: owner, from: windowStart, through: day)
            if recent >= coverage.minActivities { worked[owner, default: 0] += 1 }

            let exempt = account.locked || (account.customer && policy.assignment.lockCustomers)
            var lastWorked = activity.last(account: account.id, rep: owner, through: day)
            if let crm = account.lastActivity, crm >= since, crm <= day {
                lastWorked = Swift.max(lastWorked ?? crm, crm)
            }
            let reference = Swift.max(lastWorked ?? since, since)
            let idle = day - reference
            guard !exempt, idle >= coverage.retrieveAfterDays else {
                blockers.insert(family)
                continue
            }
            let what = lastWorked.map { "no qualifying activity since \($0)" } ?? "no qualifying activity since assigned on \(since)"
            candidates[account.id] = Retrieval(
                account: account.id, rep: owner, ownedSince: account.ownedSince, lastWorked: lastWorked,
                idleDays: idle, family: family.root,
                message: "\(what) (\(idle) days), policy \(Self.retrievalRule) is \(coverage.retrieveAfterDays)",
                barredUntil: day + policy.returns.sameRepDays)
        }
        let retrievals = candidates.values
            .filter { !blockers.contains(FamilyKey(owner: $0.rep, root: $0.family)) }
            .sorted { $0.account < $1.account }
        let lines = Set(reps).sorted().map { rep in
            RepCoverage(rep: rep, counted: counted[rep] ?? 0, worked: worked[rep] ?? 0,
                        inGrace: inGrace[rep] ?? 0, minimum: coverage.minRepCoverage)
        }
        return CoverageReport(day: day, retrievals: retrievals, reps: lines)
    }

    private struct FamilyKey: Hashable { var owner: RepID; var root: AccountID }
}

/// One account sent back to the pool by a coverage review.
public struct Retrieval: Sendable, Hashable, Codable {
    public var account: AccountID
    /// The owner it is taken from.
    public var rep: RepID
    public var ownedSince: Day?
    /// The owner's last qualifying activity on it, if any since it got it.
    public var lastWorked: Day?
    /// Days since the last qualifying activity, or since the owner got it.
    public var idleDays: Int
    /// The family it moves with (its parent's id, or its own).
    public var family: AccountID
    /// E.g. `no qualifying activity since 2026-09-01 (89 days), policy coverage.retrieve_after_days is 45`.
    public var message: String
    /// The owner does not get it back before this day (`returns.same_rep_days`).
    public var barredUntil: Day
}

/// How much of one rep's book is worked.
public struct RepCoverage: Sendable, Hashable, Codable {
    public var rep: RepID
    /// Owned accounts past their grace period.
    public var counted: Int
    /// Of those, the ones worked in the window.
    public var worked: Int
    /// Owned accounts still in their grace period (not counted).
    public var inGrace: Int
    /// `worked / counted`; nil when nothing is counted.
    public var share: Double?
    /// Whether `share` is below `coverage.min_rep_coverage`.
    public var belowMinimum: Bool

    public init(rep: RepID, counted: Int, worked: Int, inGrace: Int, minimum: Double) {
        self.rep = rep; self.counted = counted; self.worked = worked; self.inGrace = inGrace
        share = counted > 0 ? Double(worked) / Double(counted) : nil
        belowMinimum = share.map { $0 < minimum } ?? false
    }
}

/// The outcome of a coverage review.
public struct CoverageReport: Sendable, Hashable, Codable {
    public var day: Day
    /// Accounts to send back to the pool, by account id.
    public var retrievals: [Retrieval]
    /// Every rep's coverage, by rep id.
    public var reps: [RepCoverage]
    /// The reps below `coverage.min_rep_coverage`.
    public var belowMinimum: [RepCoverage] { reps.filter(\.belowMinimum) }
}
