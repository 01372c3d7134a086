import DynamicBooks

/// Why a plan folder may not be adopted: everything about it that no longer fits the workspace.
public struct AdoptionError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What no longer fits, account or rep by account or rep.
    public enum Fault: Equatable, Sendable, CustomStringConvertible {
        /// The account's owner now differs from the owner the plan started from.
        case changedHands(account: AccountID, planned: RepID?, now: RepID?)
        /// The plan gives the account to a rep the workspace does not have.
        case unknownRep(account: AccountID, rep: RepID)
        /// The rep's book after the plan is over its planned capacity.
        case overCapacity(rep: RepID, load: Double, capacity: Double)
        /// The account may not go to the rep (the eligibility rule that keeps it away).
        case ineligible(account: AccountID, rep: RepID, rule: String)
        /// A locked account (or a customer kept by `lock_customers`) would leave its owner.
        case locked(account: AccountID, owner: RepID)
        /// More accounts would come to the rep from other reps than `max_moves_per_rep`.
        case moveLimit(rep: RepID, moves: Int, limit: Int)
        /// The rep's fairness ratio would lie outside the hard band.
        case fairnessBand(group: String, rep: RepID, ratio: Double, band: Double)

        public var description: String {
            func owner(_ rep: RepID?) -> String { rep?.rawValue ?? "the pool" }
            switch self {
            case let .changedHands(account, planned, now):
                return "account \(account) changed hands since the plan (planned from \(owner(planned)), now with \(owner(now)))"
            case let .unknownRep(account, rep): return "account \(account) goes to rep \(rep), who is not in the workspace"
            case let .overCapacity(rep, load, capacity):
                return "rep \(rep) would carry \(PlanNumber.text(load)) units over its capacity \(PlanNumber.text(capacity))"
            case let .ineligible(account, rep, rule): return "account \(account) may not go to rep \(rep) (\(rule))"
            case let .locked(account, owner): return "account \(account) is locked to rep \(owner)"
            case let .moveLimit(rep, moves, limit):
                return "rep \(rep) would get \(moves) accounts from other reps (assignment.continuity.max_moves_per_rep: \(limit))"
            case let .fairnessBand(group, rep, ratio, band):
                return "rep \(rep) of \(group) would have fairness ratio \(PlanNumber.text(ratio)) outside 1 ± \(PlanNumber.text(band)) (hard band)"
            }
        }
    }

    /// The plan folder.
    public var plan: String
    /// The workspace file.
    public var workspace: String
    /// Every fault, accounts first then reps, each sorted by id.
    public var faults: [Fault]

    public var description: String {
        let shown = faults.prefix(5).map(\.description).joined(separator: "; ")
        let more = faults.count > 5 ? "; and \(faults.count - 5) more" : ""
        return "\(plan) no longer fits \(workspace), nothing recorded: \(shown)\(more); make the plan again"
    }
}
