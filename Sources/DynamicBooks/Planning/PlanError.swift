import AssignmentEngine

/// Why no plan could be made, and what to change.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two accounts share an id.
    case duplicateAccount(AccountID)
    /// Two reps share an id.
    case duplicateRep(RepID)
    /// A number the model needs is out of range: `what` names the account, rep or policy key.
    case invalidValue(what: String, value: Double, rule: String)
    /// The accounts a rep must keep (locked, customers, worked) need more than its capacity.
    case keptOverCapacity(rep: RepID, load: Double, capacity: Double, kept: [KeepReason: Int])
    /// No plan satisfies the policy; `reasons` are the solver's, `hints` say which group, reps
    /// and policy keys to relax.
    case infeasible(reasons: [String], hints: [String])
    /// The solver failed for another reason (time limit without an answer, backend failure…).
    case solver(AssignmentError)
    /// The solver returned an answer that breaks the model (a bug in that solver).
    case invalidSolution(solver: String, detail: String)

    public var description: String {
        switch self {
        case .duplicateAccount(let id):
            return "account id \"\(id)\" appears more than once: account ids must be unique"
        case .duplicateRep(let id):
            return "rep id \"\(id)\" appears more than once: rep ids must be unique"
        case let .invalidValue(what, value, rule):
            return "\(what) is \(PlanNumber.text(value)): \(rule)"
        case let .keptOverCapacity(rep, load, capacity, kept):
            let parts = kept.sorted { $0.key < $1.key }.map { "\($0.value) \(Self.describe($0.key))" }
            return "rep \(rep) must keep \(PlanNumber.text(load)) units (\(parts.joined(separator: ", "))) "
                + "but has capacity \(PlanNumber.text(capacity)): raise the rep's capacity or ramp, or relax "
                + Self.keys(for: kept.keys).joined(separator: " or ")
        case let .infeasible(reasons, hints):
            var text = "no plan satisfies the policy"
            if !hints.isEmpty { text += ": " + hints.joined(separator: "; ") }
            if !reasons.isEmpty { text += " (solver: " + reasons.joined(separator: "; ") + ")" }
            return text
        case .solver(let error):
            return error.description
        case let .invalidSolution(solver, detail):
            return "solver \(solver) returned an invalid plan: \(detail)"
        }
    }

    private static func describe(_ reason: KeepReason) -> String {
        switch reason {
        case .locked: "locked"
        case .customer: "customers"
        case .worked: "worked"
        case .book: "in the current book"
        }
    }

    private static func keys(for reasons: some Sequence<KeepReason>) -> [String] {
        reasons.sorted().map { reason in
            switch reason {
            case .locked: "the accounts' locked column"
            case .customer: "assignment.lock_customers"
            case .worked: "assignment.continuity.keep_worked"
            case .book: "the mode (--mode rebalance)"
            }
        }
    }
}
