import DynamicBooks

/// What `books apply` recorded.
public struct AdoptionSummary: Sendable, Equatable, Codable {
    public var plan: String
    public var mode: PlanMode
    public var asOf: Day
    public var run: RunID
    /// Ledger rows written, per change reason (`assigned`, `moved`, `unassigned`, `reassigned`).
    public var changes: [String: Int]
    /// Accounts the plan keeps where they are.
    public var kept: Int
}

extension RunTransaction {
    /// Adopts a reviewed plan folder: checks that it still fits the workspace, then records its
    /// changes in this run (`assigned` rows for a rebalance, `topped_off` for a top-off), as
    /// `books plan --db --apply` would have recorded the same plan.
    ///
    /// The plan fits when it holds exactly the workspace's accounts, no account changed hands
    /// since it was made, every new owner is a rep of the workspace that may take the account
    /// today, locked accounts stay, no book goes over its planned capacity, no rep gets more
    /// than `max_moves_per_rep` accounts from other reps (rebalance), and, with a hard fairness
    /// band, every compared rep's ratio stays within it (rebalance).
    /// - Throws: ``ScenarioError/differentData(a:b:onlyInA:onlyInB:example:)`` for a plan of
    ///   other accounts; ``AdoptionError`` with every fault; nothing is recorded then.
    public func adopt(_ folder: PlanFolder) throws -> AdoptionSummary {
        let reader = self.reader
        let policy = try reader.policy()
        let accounts = try reader.accounts(attributes: false)
        let reps = try reader.reps()
        let mode = folder.summary.mode
        let side = BooksSide(folder)
        let byID = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let onlyPlan = side.accounts.keys.filter { byID[$0] == nil }
        let onlyWorkspace = byID.keys.filter { side.accounts[$0] == nil }
        if let example = (onlyPlan + onlyWorkspace).min() {
            throw ScenarioError.differentData(a: folder.directory.path, b: "workspace \(path)", onlyInA: onlyPlan.count,
                                              onlyInB: onlyWorkspace.count, example: example)
        }

        var accountFaults: [(AccountID, AdoptionError.Fault)] = []
        let planned = Dictionary(folder.changes.map { ($0.accountID, $0.fromRep) }, uniquingKeysWith: { a, _ in a })
        for account in accounts {
            let before = planned[account.id] ?? nil   // no change row: unowned when planned
            if account.account.owner != before {
                accountFaults.append((account.id, .changedHands(account: account.id, planned: before, now: account.account.owner)))
            }
        }
        let repByID = Dictionary(reps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let eligibility = Eligibility(policy: policy, restrictions: try reader.restrictions(), day: folder.summary.asOf)
        var load: [RepID: Double] = [:]
        var movesIn: [RepID: Int] = [:]
        var after = accounts
        for i in after.indices {
            let account = after[i]
            let target = side.accounts[account.id]?.owner
            after[i].account.owner = target
            guard let target else {
                if let owner = account.account.owner, account.account.locked {
                    accountFaults.append((account.id, .locked(account: account.id, owner: owner)))
                }
                continue
            }
            load[target, default: 0] += account.workload
            guard target != account.account.owner else { continue }
            if let owner = account.account.owner, Self.isLocked(account, policy: policy) {
                accountFaults.append((account.id, .locked(account: account.id, owner: owner)))
            }
            guard let rep = repByID[target] else {
                accountFaults.append((account.id, .unknownRep(account: account.id, rep: target)))
                continue
            }
            if case .ineligible(let rule) = eligibility.verdict(for: account, rep: rep) {
                accountFaults.append((account.id, .ineligible(account: account.id, rep: target, rule: rule.description)))
            }
            if account.account.owner != nil { movesIn[target, default: 0] += 1 }
        }

        var repFaults: [(RepID, AdoptionError.Fault)] = []
        for rep in reps.sorted(by: { $0.id < $1.id }) {
            let capacity = policy.plannedCapacity(of: rep)
            if let units = load[rep.id], units > capacity + 1e-9 {
                repFaults.append((rep.id, .overCapacity(rep: rep.id, load: units, capacity: capacity)))
            }
            if mode == .rebalance, let limit = policy.assignment.maxMovesPerRep, let moves = movesIn[rep.id], moves > limit {
                repFaults.append((rep.id, .moveLimit(rep: rep.id, moves: moves, limit: limit)))
            }
        }
        if mode == .rebalance, policy.assignment.fairnessMode == .hard {
            let band = policy.assignment.fairnessBand
            let result = BooksSide(label: "", accounts: after, reps: reps, policy: policy, day: folder.summary.asOf)
            for rep in result.reps {
                if let ratio = rep.fairnessRatio, ratio < 1 - band - 1e-9 || ratio > 1 + band + 1e-9 {
                    repFaults.append((rep.id, .fairnessBand(group: rep.group, rep: rep.id, ratio: ratio, band: band)))
                }
            }
        }
        let faults = accountFaults.sorted { $0.0 < $1.0 }.map(\.1) + repFaults.sorted { $0.0 < $1.0 }.map(\.1)
        guard faults.isEmpty else {
            throw AdoptionError(plan: folder.directory.path, workspace: path, faults: faults)
        }

        var counts: [String: Int] = [:]
        var kept = 0
        var changes: [BookChange] = []
        for change in folder.changes.sorted(by: { $0.accountID < $1.accountID }) {
            guard change.fromRep != change.toRep else { kept += 1; continue }
            let poolReason = change.toRep == nil ? side.accounts[change.accountID]?.reason ?? "" : ""
            changes.append(BookChange(account: change.accountID, from: change.fromRep, to: change.toRep,
                                      reason: change.reason, detail: poolReason))
            counts[change.reason, default: 0] += 1
        }
        try apply(changes: changes, kind: mode == .rebalance ? .assigned : .toppedOff, day: folder.summary.asOf)
        return AdoptionSummary(plan: folder.directory.path, mode: mode, asOf: folder.summary.asOf, run: run,
                               changes: counts, kept: kept)
    }

    /// Whether `account` may not go from its owner to another rep: locked, or a customer under
    /// `lock_customers` (a customer may still go to the pool, e.g. when a scoring rule excludes it).
    static func isLocked(_ account: ScoredAccount, policy: Policy) -> Bool {
        account.account.locked || (account.account.customer && policy.assignment.lockCustomers)
    }
}
