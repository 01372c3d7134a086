import DynamicBooks

extension WorkspaceReader {
    /// Everything the planner takes from the workspace, as of `day`: accounts with their current
    /// owners, reps, activity, the policy and the loop state (rests, bars, disqualifications,
    /// data review). The activity log is read only when the plan reads it: a rebalance with
    /// `assignment.continuity.keep_worked` (a top-off keeps every book anyway).
    ///
    /// Day-two state is applied: reps who are not on the team on `day` (departed, past their end
    /// date, not started yet) are left out, so their accounts are free to go to others; a rep's
    /// ramp follows `assignment.topoff.ramp_weeks`; an account locked to its owner by hand
    /// (`books assign --lock`) is locked for the planner.
    public func planningInput(on day: Day, for mode: PlanMode = .rebalance) throws -> PlanningInput {
        let policy = try policy()
        let needsActivity = mode == .rebalance && policy.assignment.keepWorked
        var accounts = try accounts(attributes: false)
        let locks = try AccountLock.active(db, on: day)
        if !locks.isEmpty {
            for i in accounts.indices {
                if let lock = locks[accounts[i].id], lock.rep == accounts[i].account.owner { accounts[i].account.locked = true }
            }
        }
        let reps = try reps().filter { $0.isEmployed(on: day) }.map { $0.ramped(on: day, policy: policy.assignment) }
        return PlanningInput(accounts: accounts, reps: reps, activity: needsActivity ? try activity() : [],
                             policy: policy, state: try restrictions().planningState(on: day), asOf: day)
    }
}

/// The planner's inputs as the workspace holds them; pass them to `Planner.plan(...)`.
public struct PlanningInput: Sendable {
    public var accounts: [ScoredAccount]
    public var reps: [Rep]
    public var activity: [Activity]
    public var policy: Policy
    public var state: PlanningState
    public var asOf: Day
}

extension BookChange {
    /// A plan's change; an unassigned account's pool reason goes in the detail.
    public init(_ change: Change, plan: Plan? = nil) {
        self.init(account: change.accountID, from: change.fromRep, to: change.toRep, reason: change.reason.rawValue,
                  detail: change.toRep == nil ? plan?.poolReason(of: change.accountID)?.rawValue ?? "" : "")
    }
}

extension RunTransaction {
    /// Applies a plan made on this workspace's books: every change that moves an account becomes
    /// a ledger row of `kind` (`assigned` for a rebalance, `topped_off` for a top-off); kept
    /// accounts write nothing.
    /// - Throws: ``WorkspaceError/staleChange(account:expected:actual:)`` when the plan was made
    ///   on other books.
    @discardableResult
    public func apply(_ plan: Plan, kind: LedgerKind) throws -> [LedgerEntry] {
        try apply(changes: plan.changes.map { BookChange($0, plan: plan) }, kind: kind, day: plan.asOf)
    }
}
