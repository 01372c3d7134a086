/// Which accounts their owner works, in the sense of `coverage:` — the basis of `keep_worked`.
///
/// An account is worked on the as-of day when its current owner logged at least
/// `coverage.min_activities` activities of a qualifying type (`coverage.activity_types`,
/// case-insensitive) in the `coverage.window_days` days ending on the as-of day
/// (`asOf − window_days < date ≤ asOf`). When the activity log has no row at all for an account,
/// its `last_activity` column counts as one qualifying activity by the owner.
struct WorkedAccounts {
    private var counts: [AccountID: Int] = [:]
    private var logged: Set<AccountID> = []
    let minimum: Int
    /// Days after `windowStart` up to and including `windowEnd` count.
    let windowStart: Int
    let windowEnd: Int

    init(activity: [Activity], accounts: [ScoredAccount], coverage: CoveragePolicy, asOf: Day) {
        minimum = max(0, coverage.minActivities)
        windowEnd = asOf.daysSinceEpoch
        windowStart = windowEnd - max(0, coverage.windowDays)
        let types = Set(coverage.activityTypes.map { $0.lowercased() })
        var owners: [AccountID: RepID] = [:]
        owners.reserveCapacity(accounts.count)
        for scored in accounts { if let owner = scored.account.owner { owners[scored.id] = owner } }
        for touch in activity {
            logged.insert(touch.accountID)
            guard inWindow(touch.date), owners[touch.accountID] == touch.repID,
                  types.contains(touch.type.lowercased()) else { continue }
            counts[touch.accountID, default: 0] += 1
        }
        for scored in accounts where !logged.contains(scored.id) {
            if scored.account.owner != nil, let last = scored.account.lastActivity,
               inWindow(last) {
                counts[scored.id] = 1
            }
        }
    }

    private func inWindow(_ day: Day) -> Bool {
        day.daysSinceEpoch > windowStart && day.daysSinceEpoch <= windowEnd
    }

    /// Whether the account's owner worked it in the window.
    func isWorked(_ account: AccountID) -> Bool {
        guard minimum > 0 else { return true }
        return (counts[account] ?? 0) >= minimum
    }

    /// Qualifying activities by the owner in the window.
    func activities(of account: AccountID) -> Int { counts[account] ?? 0 }
}
