extension CoveragePolicy {
    /// Whether an activity of `type` counts as working an account (`coverage.activity_types`,
    /// compared case-insensitively).
    public func qualifies(_ type: String) -> Bool {
        let wanted = type.lowercased()
        return activityTypes.contains { $0.lowercased() == wanted }
    }

    /// The first day of the coverage window that ends on `day` (`window_days` days, `day` included).
    public func windowStart(on day: Day) -> Day { day - (windowDays - 1) }

    /// The qualifying types as the policy spells them, for messages.
    var qualifyingTypesText: String { activityTypes.joined(separator: ", ") }
}

/// Qualifying activity indexed by account and rep, each list of days sorted ascending.
///
/// Built once per command so that every guardrail and coverage question is a binary search
/// instead of a scan of the whole activity log.
public struct ActivityIndex: Sendable {
    struct Key: Hashable, Sendable { var account: AccountID; var rep: RepID }
    private var days: [Key: [Day]] = [:]

    /// Indexes the activities whose type the coverage policy counts.
    public init(_ activities: some Sequence<Activity>, policy: CoveragePolicy) {
        for activity in activities where policy.qualifies(activity.type) {
            days[Key(account: activity.accountID, rep: activity.repID), default: []].append(activity.date)
        }
        for key in days.keys { days[key]?.sort() }
    }

    /// How many qualifying activities `rep` logged on `account` from `start` through `end`.
    /// - Complexity: O(log n) in that pair's activity count.
    public func count(account: AccountID, rep: RepID, from start: Day, through end: Day) -> Int {
        guard start <= end, let list = days[Key(account: account, rep: rep)] else { return 0 }
        return Self.firstIndex(in: list, after: end) - Self.firstIndex(in: list, notBefore: start)
    }

    /// The last qualifying activity of `rep` on `account` on or before `end`.
    public func last(account: AccountID, rep: RepID, through end: Day) -> Day? {
        guard let list = days[Key(account: account, rep: rep)] else { return nil }
        let i = Self.firstIndex(in: list, after: end)
        return i > 0 ? list[i - 1] : nil
    }

    private static func firstIndex(in list: [Day], notBefore day: Day) -> Int {
        var low = 0, high = list.count
        while low < high { let mid = (low + high) / 2; if list[mid] < day { low = mid + 1 } else { high = mid } }
        return low
    }

    private static func firstIndex(in list: [Day], after day: Day) -> Int {
        var low = 0, high = list.count
        while low < high { let mid = (low + high) / 2; if list[mid] <= day { low = mid + 1 } else { high = mid } }
        return low
    }
}
