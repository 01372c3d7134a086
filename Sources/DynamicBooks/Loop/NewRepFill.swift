/// Fills a new rep's book from other books of its group, so it starts fair
/// (`assignment.topoff.fill_new_reps`, SPEC §9).
///
/// The top-off fills free capacity from the pool first; this step then moves accounts from the
/// richest books of the new rep's fairness group (reps with the same segment and theaters) until
/// the new rep's book value reaches the floor of the fairness band,
/// `(1 − band)·C(r)/C(G)·V(G)`, its capacity is used, or `assignment.continuity.max_moves_per_rep`
/// accounts have moved to it. Each move takes the best account of the donor whose value per
/// capacity unit is highest (ties by rep id, then account id), and only accounts that may move:
/// not locked, not a customer kept by `lock_customers`, not worked by the donor in the coverage
/// window, not part of a family, eligible for the new rep (theater, tier, not barred).
public struct NewRepFill: Sendable {
    public var policy: Policy
    public var asOf: Day

    public init(policy: Policy, asOf: Day) { self.policy = policy; self.asOf = asOf }

    /// The moves, in the order they are made.
    /// - Parameters:
    ///   - accounts: scored accounts with their current owners.
    ///   - reps: the reps as planned on the day (on the team, ramped).
    ///   - state: bars, rests, reviews from the workspace.
    ///   - activity: the activity log, for the accounts their owner works.
    public func moves(accounts: [ScoredAccount], reps: [Rep], state: PlanningState, activity: [Activity]) -> [Change] {
        let a = policy.assignment
        guard a.fillNewReps else { return [] }
        let newReps = reps.filter { $0.isNew(on: asOf, policy: a) }.sorted { $0.id < $1.id }
        guard !newReps.isEmpty else { return [] }
        let worked = WorkedAccounts(activity: activity, accounts: accounts, coverage: policy.coverage, asOf: asOf)
        var inFamily = Set<AccountID>()
        for scored in accounts {
            if let parent = scored.account.parentID { inFamily.insert(parent); inFamily.insert(scored.id) }
        }
        var owner: [AccountID: RepID] = [:]
        var value: [RepID: Double] = [:]
        var load: [RepID: Double] = [:]
        var books: [RepID: [ScoredAccount]] = [:]
        for scored in accounts {
            guard let rep = scored.account.owner else { continue }
            owner[scored.id] = rep
            value[rep, default: 0] += scored.score
            load[rep, default: 0] += scored.workload
            books[rep, default: []].append(scored)
        }
        let bars = state.activeBars(on: asOf)
        func groupKey(_ rep: Rep) -> String {
            rep.segment.lowercased() + "\u{1}" + Set(rep.theaters.map { $0.lowercased() }).sorted().joined(separator: "\u{1}")
        }
        var changes: [Change] = []
        for newRep in newReps {
            let capacity = policy.plannedCapacity(of: newRep)
            guard capacity > 0 else { continue }
            let group = reps.filter { groupKey($0) == groupKey(newRep) && $0.isAvailable(on: asOf) && policy.plannedCapacity(of: $0) > 0 }
            let groupCapacity = group.reduce(0.0) { $0 + policy.plannedCapacity(of: $1) }
            let groupValue = group.reduce(0.0) { $0 + (value[$1.id] ?? 0) }
            guard groupCapacity > 0, groupValue > 0 else { continue }
            let target = (1 - a.fairnessBand) * capacity / groupCapacity * groupValue
            let limit = a.maxMovesPerRep ?? Int.max
            var moved = 0
            let donors = group.filter { $0.id != newRep.id && !$0.isNew(on: asOf, policy: a) }
            var candidates: [RepID: [ScoredAccount]] = [:]
            for donor in donors {
                candidates[donor.id] = (books[donor.id] ?? []).filter { scored in
                    let account = scored.account
                    return !account.locked && !(account.customer && a.lockCustomers) && !worked.isWorked(scored.id)
                        && !inFamily.contains(scored.id) && scored.excludedBy == nil && scored.tier >= a.minTier
                        && scored.theater.map { t in newRep.theaters.isEmpty || newRep.theaters.contains { $0.lowercased() == t.lowercased() } } ?? false
                        && !(bars[scored.id]?.contains(newRep.id) ?? false)
                }.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
            }
            while moved < limit && (value[newRep.id] ?? 0) < target - 1e-9 {
                let ratio = { (rep: Rep) in (value[rep.id] ?? 0) / policy.plannedCapacity(of: rep) }
                let newRatio = ratio(newRep)
                let donor = donors.filter { !(candidates[$0.id] ?? []).isEmpty && ratio($0) > newRatio }
                    .min { (ratio($1), $0.id) < (ratio($0), $1.id) }
                guard let donor else { break }
                let account = candidates[donor.id, default: []].removeFirst()
                guard (load[newRep.id] ?? 0) + account.workload <= capacity + 1e-9 else { continue }
                changes.append(Change(accountID: account.id, fromRep: donor.id, toRep: newRep.id, reason: .moved))
                value[donor.id, default: 0] -= account.score
                value[newRep.id, default: 0] += account.score
                load[donor.id, default: 0] -= account.workload
                load[newRep.id, default: 0] += account.workload
                moved += 1
            }
        }
        return changes
    }
}
