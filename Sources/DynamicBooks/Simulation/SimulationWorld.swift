/// What every arm and run of a simulation shares: the accounts in id order with their true
/// scores, the reps, the inbound accounts of every week, and the cells (segment × theater)
/// with the reps that may take their accounts.
struct SimulationWorld: Sendable {
    let truth: Policy
    let behaviour: any BehaviourModel
    let weeks: Int
    let start: Day
    /// Original accounts, sorted by id.
    let accounts: [Account]
    let reps: [Rep]
    /// Scores and tiers under the truth policy, parallel to ``accounts``.
    let trueScore: [Double]
    let trueTier: [Tier]
    /// Locked accounts (never returned or retrieved), parallel to ``accounts``.
    let locked: [Bool]
    /// Per inbound account (week-major), the index of the account it copies.
    let inboundTemplate: [Int32]
    let accountKeys: [UInt64]
    let repKeys: [UInt64]

    init(accounts: [Account], reps: [Rep], truth: Policy, behaviour: any BehaviourModel, weeks: Int, start: Day) {
        self.accounts = accounts.sorted { $0.id < $1.id }
        self.reps = reps.sorted { $0.id < $1.id }
        self.truth = truth; self.behaviour = behaviour; self.weeks = weeks; self.start = start
        let trueScored = Scorer(policy: truth).score(self.accounts)
        trueScore = trueScored.map(\.score)
        trueTier = trueScored.map(\.tier)
        locked = self.accounts.map(\.locked)
        let random = CommonRandom(seed: 0)
        var template: [Int32] = []
        let n = self.accounts.count
        if n > 0 {
            for w in 0 ..< weeks {
                for k in 0 ..< behaviour.inboundPerWeek {
                    // The same inbound accounts in every run and arm: keyed by week and number only.
                    let u = random.uniform(.inboundPick, run: 0, UInt64(w), UInt64(k))
                    template.append(Int32(min(n - 1, Int(u * Double(n)))))
                }
            }
        }
        inboundTemplate = template
        accountKeys = self.accounts.map { CommonRandom.key($0.id.rawValue) } + (0 ..< template.count).map {
            CommonRandom.key("IN\($0 / max(1, behaviour.inboundPerWeek) + 1)-\($0 % max(1, behaviour.inboundPerWeek))")
        }
        repKeys = self.reps.map { CommonRandom.key($0.id.rawValue) }
    }

    /// An arm made ready to run: its scores, capacities and first books.
    struct Arm: Sendable {
        let name: String
        let dynamic: Bool
        let policy: Policy
        /// Score, workload and annual revenue under the arm's policy, parallel to the world's
        /// accounts (inbound accounts copy their template's).
        let score: [Double]
        let workload: [Double]
        let revenue: [Double]
        /// Owner (rep index) of each account at the start, −1 for the pool.
        let startOwner: [Int32]
        let capacity: [Double]
        /// Per account: the reps (indices) that may take it, by cell.
        let cellOfAccount: [Int32]
        let cellReps: [[Int32]]
        /// Per account, whether the policy lets it be assigned at all (tier, exclusion, theater).
        let assignable: [Bool]
    }

    func arm(_ scenario: Scenario) throws -> Arm {
        let policy: Policy
        if case .dynamic(let own) = scenario.kind { policy = own } else { policy = truth }
        let scored = Scorer(policy: policy).score(accounts)
        // Cells: accounts with the same segment and theater share the reps that may take them.
        var cellIndex: [String: Int32] = [:]
        var cellReps: [[Int32]] = []
        var cellOf = [Int32](repeating: -1, count: scored.count)
        for (i, account) in scored.enumerated() {
            guard let theater = account.theater?.lowercased() else { continue }
            let key = account.segment.lowercased() + "\u{1}" + theater
            if let c = cellIndex[key] { cellOf[i] = c; continue }
            let c = Int32(cellReps.count)
            cellIndex[key] = c
            cellReps.append(reps.indices.filter { r in
                reps[r].segment.lowercased() == account.segment.lowercased()
                    && (reps[r].theaters.isEmpty || reps[r].theaters.contains { $0.lowercased() == theater })
            }.map(Int32.init))
            cellOf[i] = c
        }
        let assignable = scored.map { $0.excludedBy == nil && $0.theater != nil && $0.tier >= policy.assignment.minTier }
        let repIndex = Dictionary(uniqueKeysWithValues: reps.enumerated().map { ($1.id, Int32($0)) })
        var owner = [Int32](repeating: -1, count: scored.count)
        switch scenario.kind {
        case .dynamic:
            let plan = try Planner().plan(accounts: scored, reps: reps, policy: policy, asOf: start, mode: .rebalance)
            for entry in plan.books {
                // books and accounts are both sorted by id
                if let i = Self.index(of: entry.accountID, in: accounts), let r = repIndex[entry.repID] { owner[i] = r }
            }
        case .territories(let given?):
            for (i, account) in accounts.enumerated() { owner[i] = given[account.id].flatMap { repIndex[$0] } ?? -1 }
        case .territories(nil):
            // Every account of a cell dealt in id order to the cell's reps in turn: an even split.
            var dealt = [Int](repeating: 0, count: cellReps.count)
            for i in accounts.indices where cellOf[i] >= 0 {
                let c = Int(cellOf[i])
                guard !cellReps[c].isEmpty else { continue }
                owner[i] = cellReps[c][dealt[c] % cellReps[c].count]
                dealt[c] += 1
            }
        }
        return Arm(name: scenario.name, dynamic: { if case .dynamic = scenario.kind { true } else { false } }(),
                   policy: policy, score: scored.map(\.score), workload: scored.map(\.workload),
                   revenue: scored.map { $0.account.annualRevenue ?? 0 }, startOwner: owner, capacity: reps.map { policy.plannedCapacity(of: $0) },
                   cellOfAccount: cellOf, cellReps: cellReps, assignable: assignable)
    }

    static func index(of id: AccountID, in accounts: [Account]) -> Int? {
        var low = 0, high = accounts.count
        while low < high {
            let mid = (low + high) / 2
            if accounts[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low < accounts.count && accounts[low].id == id ? low : nil
    }
}
