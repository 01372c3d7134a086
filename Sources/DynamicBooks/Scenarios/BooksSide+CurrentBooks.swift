extension BooksSide {
    /// The side of books as they stand: each account with its current owner (`account.owner`).
    ///
    /// Per rep and group the numbers are measured as the planner measures a plan: planned
    /// capacity, workload, fit value (incumbent fit included: every account is with its owner),
    /// summed score, tier mix and the fairness ratio over the group's reps available on `day`
    /// with capacity.
    /// - Parameters:
    ///   - label: the side's name in messages (e.g. `workspace books.sqlite`).
    ///   - accounts: every scored account, owned or not.
    ///   - reps: every rep.
    ///   - policy: for capacity, fit and the fairness band.
    ///   - day: the day availability is judged on.
    ///   - reasons: why each account is where it is (e.g. its latest ledger entry); missing = `current`.
    public init(label: String, accounts: [ScoredAccount], reps: [Rep], policy: Policy, day: Day,
                reasons: [AccountID: String] = [:]) {
        let eligibility = Eligibility(policy: policy, restrictions: AccountRestrictions(), day: day)
        var placements: [AccountID: Placement] = [:]
        var byOwner: [RepID: [ScoredAccount]] = [:]
        for account in accounts {
            placements[account.id] = Placement(owner: account.account.owner, reason: reasons[account.id] ?? "current",
                                               tier: account.tier)
            if let owner = account.account.owner { byOwner[owner, default: []].append(account) }
        }
        let sortedReps = reps.sorted { $0.id < $1.id }
        var lines: [RepSummary] = sortedReps.map { rep in
            let book = byOwner[rep.id] ?? []
            var tiers = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0.rawValue, 0) })
            for account in book { tiers[account.tier.rawValue, default: 0] += 1 }
            return RepSummary(id: rep.id, segment: rep.segment, group: Self.groupName(of: rep),
                              capacity: policy.plannedCapacity(of: rep), load: book.reduce(0) { $0 + $1.workload },
                              accounts: book.count, value: book.reduce(0) { $0 + eligibility.value(of: $1, with: rep) },
                              score: book.reduce(0) { $0 + $1.score }, tiers: tiers, fairnessRatio: nil,
                              movesIn: 0, kept: book.count, added: 0, available: rep.isAvailable(on: day))
        }
        let band = policy.assignment.fairnessBand
        var groups: [GroupSummary] = []
        for name in Set(lines.map(\.group)).sorted() {
            let members = lines.indices.filter { lines[$0].group == name }
            let compared = members.filter { lines[$0].available && lines[$0].capacity > 0 }
            let capacity = compared.reduce(0) { $0 + lines[$1].capacity }
            let score = compared.reduce(0) { $0 + lines[$1].score }
            for i in compared {
                lines[i].fairnessRatio = FairnessMeasure.ratio(value: lines[i].score, capacity: lines[i].capacity,
                                                               groupValue: score, groupCapacity: capacity)
            }
            let ratios = compared.compactMap { lines[$0].fairnessRatio }
            groups.append(GroupSummary(
                name: name, reps: members.count, capacity: members.reduce(0) { $0 + lines[$1].capacity },
                load: members.reduce(0) { $0 + lines[$1].load }, score: score, minRatio: ratios.min(), maxRatio: ratios.max(),
                gini: FairnessMeasure.gini(compared.map { lines[$0].score / lines[$0].capacity }),
                withinBand: ratios.allSatisfy { $0 >= 1 - band - 1e-9 && $0 <= 1 + band + 1e-9 }))
        }
        self.init(label: label, asOf: day, objective: nil, accounts: placements, reps: lines, groups: groups)
    }

    /// The fairness group of a rep, named as the planner names it: segment and its theaters
    /// (first spelling of each, case-insensitively, sorted).
    static func groupName(of rep: Rep) -> String {
        var seen = Set<String>()
        let theaters = rep.theaters.filter { seen.insert($0.lowercased()).inserted }.sorted { $0.lowercased() < $1.lowercased() }
        return FairnessGroup.name(segment: rep.segment, theaters: theaters)
    }
}
