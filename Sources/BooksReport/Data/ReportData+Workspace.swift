import AssignmentEngine
import BooksStore
import DynamicBooks
import Foundation

extension ReportData {
    /// The report of a workspace: the current books judged against the policy in force, each
    /// rep's coverage, the changes of the last run that changed anything, the weekly trend from
    /// the ledger, and the solver's answer of the last run that planned.
    /// - Parameters:
    ///   - workspace: an open workspace (read-only is enough).
    ///   - asOf: the day to judge coverage, availability and rests on; `nil` takes the as-of day
    ///     of the workspace's latest run (so a report of a past or simulated week reproduces),
    ///     or today when there is no run.
    /// - Throws: ``ReportError/emptyWorkspace(path:)`` before the first import, or the
    ///   workspace's errors.
    public init(workspace: Workspace, asOf: Day? = nil) throws {
        self = try workspace.read { reader in try WorkspaceReport(reader: reader, location: workspace.path).data(asOf: asOf) }
    }
}

/// Builds ``ReportData`` from one consistent read of a workspace.
struct WorkspaceReport {
    let reader: WorkspaceReader
    let location: String

    func data(asOf requested: Day?) throws -> ReportData {
        let reps = try reader.reps()
        let accounts = try reader.accounts()
        guard !reps.isEmpty || !accounts.isEmpty else { throw ReportError.emptyWorkspace(path: location) }
        let policy = try reader.policy()
        let runs = try reader.runs()
        let entries = try reader.ledger.entries()
        let activity = ActivityIndex(try reader.activity(), policy: policy.coverage)
        let day = requested ?? runs.map(\.asOf).max() ?? .today

        let (repLines, groups) = Self.books(reps: reps, accounts: accounts, policy: policy, day: day)
        let eligibility = Eligibility(policy: policy, restrictions: try reader.restrictions(), day: day)
        let pool = Self.pool(accounts: accounts, eligibility: eligibility)
        let review = CoverageReview(policy: policy).review(accounts: accounts.map(\.account), activity: activity,
                                                           reps: reps.map(\.id), on: day)
        let names = Dictionary(reps.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let c = policy.coverage
        let coverage = ReportCoverage(
            minimum: c.minRepCoverage, windowDays: c.windowDays, minActivities: c.minActivities, graceDays: c.graceDays,
            reps: review.reps.map {
                ReportRepCoverage(rep: $0.rep, name: names[$0.rep] ?? "", counted: $0.counted, worked: $0.worked,
                                  inGrace: $0.inGrace, share: $0.share, belowMinimum: $0.belowMinimum)
            })

        let changes = Self.lastChanges(runs: runs, entries: entries, accounts: accounts)
        let solve = Self.lastSolve(runs: runs)
        let owned = accounts.filter { $0.account.owner != nil }.count
        let last = runs.last
        var notes: [String] = []
        if solve == nil { notes.append("No run in this workspace recorded a solver answer (only plans and top-offs do).") }
        if requested == nil, last != nil {
            notes.append("Coverage, rests and availability are judged as of \(day), the as-of day of the latest run (give --as-of for another day).")
        } else if last == nil {
            notes.append("The workspace has no runs yet.")
        }
        notes.append("Pool sizes in the weekly trend count every account now in the workspace, including any imported after that week.")
        let headline = last.map { "workspace after run \($0.id) (\($0.kind), as of \($0.asOf))" } ?? "workspace"
        return ReportData(
            source: .workspace, location: location, asOf: day, headline: headline,
            fairness: ReportFairness(mode: policy.assignment.fairnessMode.rawValue, band: policy.assignment.fairnessBand),
            totals: ReportTotals(accounts: accounts.count, assigned: owned, pooled: accounts.count - owned,
                                 moves: changes.rows.filter { $0.from != nil && $0.to != nil && $0.from != $0.to }.count),
            solve: solve, reps: repLines, groups: groups, pool: pool, coverage: coverage, changes: changes,
            trend: WorkspaceTrend(accounts: accounts, reps: reps.map(\.id), policy: policy, activity: activity)
                .points(runs: runs, entries: entries),
            notes: notes)
    }

    /// Per rep and per fairness group, from the current books, as the planner measures them.
    static func books(reps: [Rep], accounts: [ScoredAccount], policy: Policy, day: Day) -> ([ReportRep], [ReportGroup]) {
        let eligibility = Eligibility(policy: policy, restrictions: AccountRestrictions(), day: day)
        var byOwner: [RepID: [ScoredAccount]] = [:]
        for account in accounts { if let owner = account.account.owner { byOwner[owner, default: []].append(account) } }

        // Groups as the planner forms them: same segment and same theater list, case-insensitively.
        var groupName: [String: String] = [:]
        var keyOfRep: [RepID: String] = [:]
        for rep in reps.sorted(by: { $0.id < $1.id }) {
            var seen = Set<String>()
            let theaters = rep.theaters.filter { seen.insert($0.lowercased()).inserted }.sorted { $0.lowercased() < $1.lowercased() }
            let key = rep.segment.lowercased() + "\u{1}" + theaters.map { $0.lowercased() }.joined(separator: "\u{1}")
            if groupName[key] == nil { groupName[key] = FairnessGroup.name(segment: rep.segment, theaters: theaters) }
            keyOfRep[rep.id] = key
        }

        var lines: [ReportRep] = reps.sorted(by: { $0.id < $1.id }).map { rep in
            let book = byOwner[rep.id] ?? []
            var tiers = TierCounts()
            for account in book { tiers[account.tier] += 1 }
            return ReportRep(
                id: rep.id, name: rep.name, segment: rep.segment, group: groupName[keyOfRep[rep.id] ?? ""] ?? rep.segment,
                capacity: policy.plannedCapacity(of: rep), load: book.reduce(0) { $0 + $1.workload }, accounts: book.count,
                value: book.reduce(0) { $0 + eligibility.value(of: $1, with: rep) }, score: book.reduce(0) { $0 + $1.score },
                tiers: tiers, fairnessRatio: nil, available: rep.isAvailable(on: day))
        }
        let band = policy.assignment.fairnessBand
        var groups: [ReportGroup] = []
        for name in Set(lines.map(\.group)).sorted() {
            let members = lines.indices.filter { lines[$0].group == name }
            let capacity = members.reduce(0) { $0 + lines[$1].capacity }
            let score = members.reduce(0) { $0 + lines[$1].score }
            for i in members {
                lines[i].fairnessRatio = FairnessMeasure.ratio(value: lines[i].score, capacity: lines[i].capacity,
                                                               groupValue: score, groupCapacity: capacity)
            }
            let ratios = members.compactMap { lines[$0].fairnessRatio }
            let perUnit = members.filter { lines[$0].capacity > 0 }.map { lines[$0].score / lines[$0].capacity }
            groups.append(ReportGroup(
                name: name, reps: members.count, capacity: capacity, load: members.reduce(0) { $0 + lines[$1].load },
                score: score, minRatio: ratios.min(), maxRatio: ratios.max(), gini: FairnessMeasure.gini(perUnit),
                withinBand: ratios.allSatisfy { $0 >= 1 - band - 1e-9 && $0 <= 1 + band + 1e-9 }))
        }
        return (lines, groups)
    }

    /// Accounts in no book per reason and tier: the rule that keeps them out, or `ready` when
    /// nothing does (they wait for the next top-off).
    static func pool(accounts: [ScoredAccount], eligibility: Eligibility) -> [ReportPoolCount] {
        var counts: [String: [Tier: Int]] = [:]
        for account in accounts where account.account.owner == nil {
            let reason: String
            switch eligibility.accountRule(for: account) {
            case .excluded?: reason = PoolReason.excluded.rawValue
            case .disqualified?: reason = PoolReason.disqualified.rawValue
            case .dataReview?: reason = PoolReason.dataReview.rawValue
            case .resting?: reason = PoolReason.resting.rawValue
            case .unmappedTheater?: reason = PoolReason.unmapped.rawValue
            case .belowMinTier?: reason = PoolReason.belowMinTier.rawValue
            case .some(let other): reason = other.code
            case nil: reason = "ready"
            }
            counts[reason, default: [:]][account.tier, default: 0] += 1
        }
        return counts.keys.sorted().flatMap { reason in
            Tier.allCases.sorted(by: >).compactMap { tier in
                counts[reason]?[tier].map { ReportPoolCount(reason: reason, tier: tier, count: $0) }
            }
        }
    }

    /// The ledger rows of the latest run that wrote any.
    static func lastChanges(runs: [RunRecord], entries: [LedgerEntry], accounts: [ScoredAccount]) -> ReportChanges {
        guard let run = entries.map(\.run).max(), let record = runs.first(where: { $0.id == run }) else {
            return ReportChanges(title: "No changes recorded yet", rows: [])
        }
        let names = Dictionary(accounts.map { ($0.id, $0.account.name) }, uniquingKeysWith: { a, _ in a })
        let rows = entries.filter { $0.run == run }.map {
            ReportChange(kind: $0.kind.rawValue, account: $0.account, name: names[$0.account] ?? "", from: $0.from, to: $0.to,
                         reason: $0.reason, detail: $0.detail)
        }
        return ReportChanges(title: "Run \(record.id) · \(record.kind) · as of \(record.asOf)", rows: rows)
    }

    /// The solver's answer recorded by the latest run whose summary holds one (a plan summary
    /// anywhere in the run's JSON: at the top or under a key).
    static func lastSolve(runs: [RunRecord]) -> ReportSolve? {
        for run in runs.reversed() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(run.summary.utf8)),
                  let solve = findSolve(in: object, depth: 0),
                  let data = try? JSONSerialization.data(withJSONObject: solve),
                  let summary = try? PlanFiles.decoder.decode(SolveSummary.self, from: data) else { continue }
            return ReportSolve(summary, origin: "run \(run.id) (\(run.kind)) as of \(run.asOf)")
        }
        return nil
    }

    /// The first `solve` object (one with a `solver` and a `status`) in a JSON tree, breadth by key order.
    private static func findSolve(in object: Any, depth: Int) -> [String: Any]? {
        guard depth < 4, let dictionary = object as? [String: Any] else { return nil }
        if let solve = dictionary["solve"] as? [String: Any], solve["solver"] != nil, solve["status"] != nil { return solve }
        for key in dictionary.keys.sorted() {
            if let found = findSolve(in: dictionary[key] as Any, depth: depth + 1) { return found }
        }
        return nil
    }
}
