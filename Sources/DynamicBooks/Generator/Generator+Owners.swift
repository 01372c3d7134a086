extension Generator {
    /// Gives a share of accounts an owner of their segment and theater (up to about 85 % of each
    /// rep's capacity), children their parent's owner, customers and locks, and the owners an
    /// activity history: about two in three owned accounts were worked in the last 30 days, the
    /// rest were last touched long ago or never.
    func assignOwners(_ accounts: inout [Account], parentOf: [Int], reps: [Rep], plan: SegmentPlan, policy: Policy,
                      activity: inout [Activity], using rng: inout some RandomNumberGenerator) {
        let map = TheaterMap(policy.theaters)
        let theaters = policy.theaters.map(\.name)
        let theaterIndex = Dictionary(uniqueKeysWithValues: theaters.enumerated().map { ($1, $0) })
        let segmentIndex = Dictionary(uniqueKeysWithValues: plan.names.enumerated().map { ($1, $0) })
        // Reps able to own accounts of each segment × theater cell.
        var cellReps = [[Int]](repeating: [], count: plan.names.count * max(1, theaters.count))
        for (r, rep) in reps.enumerated() {
            guard let s = segmentIndex[rep.segment] else { continue }
            for t in theaters.indices where rep.covers(theater: theaters[t]) {
                cellReps[s * theaters.count + t].append(r)
            }
        }
        var headroom = reps.map { rep in
            (rep.capacity ?? policy.capacity[rep.segment]?.units ?? 0) * rep.ramp * 0.85
        }
        let asOf = configuration.asOf
        let typeWeights = Vocabulary.activityTypes.map(\.share)
        let qualifying = Set(policy.coverage.activityTypes)
        let repIndex = Dictionary(uniqueKeysWithValues: reps.enumerated().map { ($1.id, $0) })

        // A parent's owner takes its children too, so room is checked for the whole family.
        let segmentOf = accounts.map { $0.segment.flatMap { segmentIndex[$0] } ?? plan.segment(employees: $0.employees ?? 0) }
        var familyWorkload = segmentOf.map { plan.workloads[$0] }
        for i in accounts.indices where parentOf[i] >= 0 { familyWorkload[parentOf[i]] += familyWorkload[i] }

        // Parents and stand-alone accounts first, so children can follow their parent.
        for pass in 0 ..< 2 {
            for i in accounts.indices {
                let isChild = parentOf[i] >= 0
                guard isChild == (pass == 1) else { continue }
                let s = segmentOf[i]
                var owner: Int?
                if isChild {
                    if let parentOwner = accounts[parentOf[i]].owner { owner = repIndex[parentOwner] }
                } else if rng.chance(configuration.ownedShare),
                          let t = map.theater(country: accounts[i].country, state: accounts[i].state).flatMap({ theaterIndex[$0] }) {
                    let candidates = cellReps[s * theaters.count + t]
                    if !candidates.isEmpty {
                        let start = rng.below(candidates.count)
                        for k in 0 ..< candidates.count {
                            let r = candidates[(start + k) % candidates.count]
                            if headroom[r] >= familyWorkload[i] { owner = r; break }
                        }
                    }
                }
                guard let r = owner else {
                    if !isChild && rng.chance(0.003) { accounts[i].customer = true }
                    continue
                }
                if !isChild { headroom[r] -= familyWorkload[i] }  // children were reserved with their parent
                accounts[i].owner = reps[r].id
                let since = asOf - rng.int(in: 1 ... 720)
                accounts[i].ownedSince = since
                accounts[i].customer = rng.chance(0.12)
                accounts[i].locked = rng.chance(0.015)
                accounts[i].lastActivity = makeHistory(account: accounts[i].id, rep: reps[r].id, since: since,
                                                       typeWeights: typeWeights, qualifying: qualifying, into: &activity, using: &rng)
            }
        }
        activity.sort { ($0.accountID, $0.date, $0.type) < ($1.accountID, $1.date, $1.type) }
    }

    /// Appends an owner's touches of one account and returns the last qualifying one.
    private func makeHistory(account: AccountID, rep: RepID, since: Day, typeWeights: [Double], qualifying: Set<String>,
                             into activity: inout [Activity], using rng: inout some RandomNumberGenerator) -> Day? {
        let asOf = configuration.asOf
        var days: [Int] = []
        if rng.chance(0.65) {
            // Worked: a few touches in the last 30 days, maybe some older ones.
            for _ in 0 ..< rng.int(in: 2 ... 7) { days.append(rng.int(in: 0 ... 29)) }
            for _ in 0 ..< rng.int(in: 0 ... 3) { days.append(rng.int(in: 30 ... 180)) }
        } else if rng.chance(0.5) {
            // Gone quiet: the last touches are weeks or months old.
            for _ in 0 ..< rng.int(in: 1 ... 4) { days.append(rng.int(in: 46 ... 240)) }
        }
        var last: Day?
        for ago in days {
            let day = asOf - ago
            guard day >= since else { continue }
            let type = Vocabulary.activityTypes[rng.weightedIndex(typeWeights)].type
            activity.append(Activity(accountID: account, repID: rep, date: day, type: type))
            if qualifying.contains(type), last.map({ day > $0 }) ?? true { last = day }
        }
        return last
    }
}
