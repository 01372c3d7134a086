import BooksStore
import DynamicBooks

/// The weekly trend of a workspace: the books replayed from the ledger week by week, with the
/// pool size, the coverage and the returns, retrievals and top-offs of each week.
///
/// A week is Monday to Sunday of the runs' as-of days; its point describes the day of its latest
/// run. Ledger rows count in the week of their run's as-of day, and the books at a point are the
/// replay of every row of the runs as of that day or before.
struct WorkspaceTrend {
    var accounts: [ScoredAccount]
    var reps: [RepID]
    var policy: Policy
    var activity: ActivityIndex

    /// The Monday of `day`'s week (1970-01-01 was a Thursday).
    static func weekStart(_ day: Day) -> Day {
        let weekday = ((day.daysSinceEpoch + 3) % 7 + 7) % 7
        return day - weekday
    }

    /// One point per week that has runs, oldest first.
    /// - Complexity: O(L log L + W·A log) for L ledger rows, W weeks and A accounts.
    func points(runs: [RunRecord], entries: [LedgerEntry]) -> [ReportTrendPoint] {
        guard !runs.isEmpty else { return [] }
        let asOf = Dictionary(runs.map { ($0.id, $0.asOf) }, uniquingKeysWith: { a, _ in a })
        var weeks: [Day: (day: Day, runs: Int)] = [:]
        for run in runs {
            let week = Self.weekStart(run.asOf)
            let current = weeks[week]
            weeks[week] = (max(current?.day ?? run.asOf, run.asOf), (current?.runs ?? 0) + 1)
        }
        let ordered = entries.compactMap { entry in asOf[entry.run].map { (day: $0, entry: entry) } }
            .sorted { ($0.day, $0.entry.seq ?? 0) < ($1.day, $1.entry.seq ?? 0) }

        var owners: [AccountID: (rep: RepID, since: Day)] = [:]
        var next = 0
        let review = CoverageReview(policy: policy)
        return weeks.keys.sorted().map { week in
            let (day, runCount) = weeks[week] ?? (week, 0)
            var returns = 0, retrievals = 0, toppedOff = 0
            while next < ordered.count, ordered[next].day <= day {
                let (entryDay, entry) = ordered[next]
                next += 1
                if entry.kind.changesOwner {
                    if let to = entry.to { owners[entry.account] = (to, entry.day) } else { owners[entry.account] = nil }
                }
                guard Self.weekStart(entryDay) == week else { continue }
                switch entry.kind {
                case .returned: returns += 1
                case .retrieved: retrievals += 1
                case .toppedOff: toppedOff += 1
                default: break
                }
            }
            let snapshot = accounts.map { scored -> Account in
                var account = scored.account
                let owner = owners[scored.id]
                account.owner = owner?.rep
                account.ownedSince = owner?.since
                return account
            }
            let coverage = review.review(accounts: snapshot, activity: activity, reps: reps, on: day)
            let counted = coverage.reps.reduce(0) { $0 + $1.counted }
            let worked = coverage.reps.reduce(0) { $0 + $1.worked }
            let owned = snapshot.filter { $0.owner != nil }.count
            return ReportTrendPoint(week: week, day: day, poolSize: accounts.count - owned,
                                    coverage: counted > 0 ? Double(worked) / Double(counted) : nil,
                                    returns: returns, retrievals: retrievals, toppedOff: toppedOff, runs: runCount)
        }
    }
}
