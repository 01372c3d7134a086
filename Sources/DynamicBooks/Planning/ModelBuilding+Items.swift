/// Step 1 and 2: classify accounts, then form items from families.
extension ModelBuilding {
    enum Status: Equatable {
        case pooled(PoolReason)
        case fixed(bin: Int, KeepReason)
        case free
    }

    /// Where one account stands before optimisation.
    ///
    /// A locked account whose owner is a known rep stays with it whatever else holds. Otherwise
    /// the account leaves the model when excluded, disqualified, in data review, resting or
    /// unmapped. It is kept with its owner (unless barred from that rep) in top-off, as a
    /// customer under `lock_customers`, or as worked under `keep_worked` — whatever its tier.
    /// Other accounts below `min_tier` stay in the pool, customers excepted (they must be assigned).
    func classify(_ i: Int, worked: WorkedAccounts?) -> Status {
        let scored = accounts[i]
        let account = scored.account
        let owner = Int(ownerBin[i])
        if account.locked && owner >= 0 { return .fixed(bin: owner, .locked) }
        // A customer kept by lock_customers stays whatever an exclude rule says (SPEC §4: never
        // sent to the pool by the optimiser).
        if owner >= 0 && account.customer && policy.assignment.lockCustomers && !(barredBins[i]?.contains(owner) ?? false)
            && scored.theater.map({ !$0.isEmpty }) ?? false && !state.disqualified.contains(scored.id)
            && !state.dataReview.contains(scored.id) && !state.isResting(scored.id, on: asOf) {
            return .fixed(bin: owner, .customer)
        }
        if scored.excludedBy != nil { return .pooled(.excluded) }
        if state.disqualified.contains(scored.id) { return .pooled(.disqualified) }
        if state.dataReview.contains(scored.id) { return .pooled(.dataReview) }
        if state.isResting(scored.id, on: asOf) { return .pooled(.resting) }
        guard let theater = scored.theater, !theater.isEmpty else { return .pooled(.unmapped) }
        if owner >= 0 && !(barredBins[i]?.contains(owner) ?? false) {
            if account.customer && policy.assignment.lockCustomers { return .fixed(bin: owner, .customer) }
            if let worked, worked.isWorked(scored.id) { return .fixed(bin: owner, .worked) }
            if mode == .topoff { return .fixed(bin: owner, .book) }
        }
        if scored.tier < policy.assignment.minTier && !account.customer { return .pooled(.belowMinTier) }
        return .free
    }

    /// Groups accounts into families: an account, its parent and the parent's other children
    /// (transitively). Accounts naming a parent that is not in the list still form a family.
    /// - Returns: families as increasing account indices, ordered by their first account.
    func families() -> [[Int]] {
        var parentOf = Array(0 ..< accounts.count)
        var index: [AccountID: Int] = [:]
        var virtual: [AccountID: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, scored) in accounts.enumerated() { index[scored.id] = i }
        func find(_ x: Int) -> Int {
            var root = x
            while parentOf[root] != root { root = parentOf[root] }
            var node = x
            while parentOf[node] != root { let next = parentOf[node]; parentOf[node] = root; node = next }
            return root
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parentOf[max(ra, rb)] = min(ra, rb) }
        }
        for (i, scored) in accounts.enumerated() {
            guard let parent = scored.account.parentID, parent != scored.id else { continue }
            if let p = index[parent] {
                union(i, p)
            } else if let v = virtual[parent] {
                union(i, v)
            } else {
                virtual[parent] = i
            }
        }
        var members: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in accounts.indices {
            let root = find(i)
            if members[root] == nil { order.append(root) }
            members[root, default: []].append(i)
        }
        return order.map { members[$0] ?? [] }
    }

    /// Step 2: one item per family whose accounts agree on segment and theater and are kept by
    /// at most one rep. A family that disagrees keeps its kept accounts where they are (each its
    /// own item) and sends the others to the pool as `family_conflict`.
    ///
    /// No plan splits a family: members that are excluded or below `min_tier` ride with the rest
    /// of their family (same segment and theater) instead of staying in the pool; they are
    /// returned as `riders`, with the reason they would have been pooled for.
    func formItems(statuses: [Status]) -> (items: [PlanningItem], pooled: [PoolEntry], riders: [Int: PoolReason]) {
        var items: [PlanningItem] = []
        var pooled: [PoolEntry] = []
        var riders: [Int: PoolReason] = [:]
        items.reserveCapacity(accounts.count)
        for family in families() {
            let active = family.filter { if case .pooled = statuses[$0] { false } else { true } }
            guard !active.isEmpty else { continue }
            let segments = Set(active.map { segmentKey[$0] })
            let theaters = Set(active.map { accounts[$0].theater ?? "" })
            var keptBins = Set<Int>()
            for i in active { if case .fixed(let bin, _) = statuses[i] { keptBins.insert(bin) } }
            let agrees = segments.count == 1 && theaters.count == 1 && keptBins.count <= 1
            var riding: [Int] = []
            if agrees, family.count > active.count {
                for i in family {
                    guard case .pooled(let reason) = statuses[i], reason == .excluded || reason == .belowMinTier,
                          segments.contains(segmentKey[i]), theaters.contains(accounts[i].theater ?? "") else { continue }
                    riding.append(i)
                    riders[i] = reason
                }
            }
            if active.count == 1 && riding.isEmpty {
                items.append(item(of: active, statuses: statuses))
                continue
            }
            if agrees {
                items.append(item(of: (active + riding).sorted(), statuses: statuses))
                continue
            }
            for i in active {
                if case .fixed = statuses[i] {
                    items.append(item(of: [i], statuses: statuses))
                } else {
                    pooled.append(PoolEntry(accountID: accounts[i].id, reason: .familyConflict))
                }
            }
        }
        items.sort { $0.accounts[0] < $1.accounts[0] }
        return (items, pooled, riders)
    }

    /// The item of accounts that agree (or of one account).
    private func item(of members: [Int], statuses: [Status]) -> PlanningItem {
        var fixedBin: Int?
        var keep: KeepReason?
        var workload = 0.0, score = 0.0
        var customer = false
        for i in members {
            workload += accounts[i].workload
            score += accounts[i].score
            customer = customer || accounts[i].account.customer
            if case let .fixed(bin, reason) = statuses[i] {
                fixedBin = bin
                keep = keep.map { min($0, reason) } ?? reason
            }
        }
        let first = accounts[members[0]]
        return PlanningItem(accounts: members, segment: first.segment, theater: first.theater,
                            workload: workload, score: score, fixedBin: fixedBin, keep: keep,
                            mustAssign: customer && fixedBin == nil)
    }
}
