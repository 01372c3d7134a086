import AssignmentEngine
import DynamicBooks
import GRDB

/// What handing away books did: where each account of the reps who left went.
public struct Redistribution: Sendable, Hashable, Codable {
    /// The reps whose books were handed out (departed, past their end date, or on leave).
    public var reps: [RepID]
    /// Accounts they owned.
    public var accounts: Int
    /// Accounts given to another rep (ledger reason `reassigned`), per new owner, by rep id.
    public var reassigned: [RepCount]
    /// Accounts nobody could take, sent to the pool, per pool reason.
    public var pooled: [String: Int]
    /// Locked accounts, customers and their families, placed first.
    public var placedFirst: Int

    public static let none = Redistribution(reps: [], accounts: 0, reassigned: [], pooled: [:], placedFirst: 0)

    /// Accounts reassigned in all.
    public var reassignedCount: Int { reassigned.reduce(0) { $0 + $1.accounts } }
    /// Accounts sent to the pool in all.
    public var pooledCount: Int { pooled.values.reduce(0, +) }

    /// A number of accounts for one rep.
    public struct RepCount: Sendable, Hashable, Codable {
        public var rep: RepID
        public var accounts: Int
    }
}

/// What a rep operation did (`books rep add|leave|remove`).
public struct RepChange: Sendable, Hashable, Codable {
    public var action: String
    public var rep: Rep
    public var redistribution: Redistribution
}

extension RunTransaction {
    /// Adds a rep (`books rep add`), or brings back one that left or is on leave: it is active
    /// from the run's day (its start date unless given), and the next top-off fills its book.
    /// - Throws: ``WorkspaceError/refused(_:)`` for an active rep that already exists, a segment the
    ///   policy does not have, or a theater nobody knows.
    public func addRep(_ rep: Rep) throws -> RepChange {
        let policy = try reader.policy()
        var rep = rep
        if let existing = try RepRow.fetch(db, id: rep.id), existing.status == .active, existing.isEmployed(on: asOf) {
            throw WorkspaceError.refused("rep \(rep.id) already exists and is active: use `books import` to change its fields")
        }
        guard let segment = policy.segments.first(where: { $0.name.lowercased() == rep.segment.lowercased() }) else {
            throw WorkspaceError.refused("segment \"\(rep.segment)\" is not a segment of the policy ("
                                         + policy.segments.map(\.name).joined(separator: ", ") + ")")
        }
        rep.segment = segment.name
        if rep.capacity == nil && policy.capacity[segment.name] == nil {
            throw WorkspaceError.refused("rep \(rep.id) has no capacity and the policy has no capacity model for segment \(segment.name): give --capacity")
        }
        rep.status = .active
        rep.startDate = rep.startDate ?? asOf
        rep.endDate = nil
        try RepRow(rep).upsert(db)
        return RepChange(action: "add", rep: rep, redistribution: .none)
    }

    /// Sends a rep on leave from the run's day (`books rep leave`) until `until` (or until it is
    /// added back), and hands its book to others in the same run.
    public func leave(_ id: RepID, until: Day?, solver: SolverChoice? = nil, options: SolveOptions? = nil) throws -> RepChange {
        guard var rep = try RepRow.fetch(db, id: id) else { throw WorkspaceError.unknownRep(id) }
        guard rep.status != .departed else { throw WorkspaceError.refused("rep \(id) has departed: `books rep add \(id)` brings it back") }
        if let until, until <= asOf {
            throw WorkspaceError.refused("--until \(until) is not after the as-of day \(asOf): a leave ends in the future")
        }
        rep.status = .leave
        rep.unavailableUntil = until
        try RepRow(rep).upsert(db)
        return RepChange(action: "leave", rep: rep, redistribution: try redistributeAwayBooks(solver: solver, options: options))
    }

    /// Records a departure (`books rep remove`): the rep leaves on the run's day and its book is
    /// handed to others in the same run.
    public func removeRep(_ id: RepID, solver: SolverChoice? = nil, options: SolveOptions? = nil) throws -> RepChange {
        guard var rep = try RepRow.fetch(db, id: id) else { throw WorkspaceError.unknownRep(id) }
        guard rep.status != .departed else { throw WorkspaceError.refused("rep \(id) has already departed") }
        rep.status = .departed
        rep.endDate = rep.endDate.map { Swift.min($0, asOf) } ?? asOf
        try RepRow(rep).upsert(db)
        return RepChange(action: "remove", rep: rep, redistribution: try redistributeAwayBooks(solver: solver, options: options))
    }

    /// Hands the books of reps who are away on the run's day (departed, past their end date, on
    /// leave) to the others by a top-off, in two passes: first locked accounts, customers and
    /// their families, then the rest. Every other book is kept; families stay together (a family
    /// is one item of the model); an account nobody can take goes to the pool with the planner's
    /// reason. Moves are `assigned` ledger rows with reason `reassigned` (or `unassigned`).
    /// - Returns: ``Redistribution/none`` when no away rep owns anything.
    public func redistributeAwayBooks(solver: SolverChoice? = nil, options: SolveOptions? = nil) throws -> Redistribution {
        let away = try reader.reps().filter { $0.isAway(on: asOf) }
        let awayIDs = Set(away.map(\.id))
        guard !awayIDs.isEmpty else { return .none }
        let owned = try reader.books().filter { awayIDs.contains($0.rep) }
        guard !owned.isEmpty else { return .none }
        var summary = Redistribution(reps: away.map(\.id).filter { id in owned.contains { $0.rep == id } }, accounts: owned.count,
                                     reassigned: [], pooled: [:], placedFirst: 0)

        func pass(first: Bool) throws {
            let input = try reader.planningInput(on: asOf, for: .topoff)
            let reps = input.reps.filter { !awayIDs.contains($0.id) }
            let leaving = input.accounts.filter { $0.account.owner.map(awayIDs.contains) ?? false }
            let priorityRoots = Set(leaving.filter { $0.account.locked || $0.account.customer }.map { $0.account.parentID ?? $0.id })
            let chosen = leaving.filter { !first || priorityRoots.contains($0.account.parentID ?? $0.id) }
            guard !chosen.isEmpty else { return }
            let chosenIDs = Set(chosen.map(\.id))
            let kept = input.accounts.filter { scored in scored.account.owner.map { !awayIDs.contains($0) } ?? false }
            // Customers must be assigned; when no rep has room for one, they are placed as well as
            // room allows and the rest go to the pool with the reason.
            let plan: Plan
            do {
                plan = try Planner().plan(accounts: kept + chosen, reps: reps, policy: input.policy, activity: [],
                                          state: input.state, asOf: asOf, mode: .topoff, solver: solver, options: options)
            } catch PlanError.infeasible {
                let optional = chosen.map { scored in
                    var copy = scored
                    copy.account.customer = false
                    return copy
                }
                plan = try Planner().plan(accounts: kept + optional, reps: reps, policy: input.policy, activity: [],
                                          state: input.state, asOf: asOf, mode: .topoff, solver: solver, options: options)
            }
            var changes: [BookChange] = []
            for change in plan.changes where chosenIDs.contains(change.accountID) {
                let why = "from \(change.fromRep?.rawValue ?? "?") (\(away.first { $0.id == change.fromRep }.map(Self.awayWord) ?? "away"))"
                if let to = change.toRep {
                    changes.append(BookChange(account: change.accountID, from: change.fromRep, to: to,
                                              reason: ChangeReason.reassigned.rawValue, detail: why))
                    if let k = summary.reassigned.firstIndex(where: { $0.rep == to }) {
                        summary.reassigned[k].accounts += 1
                    } else {
                        summary.reassigned.append(Redistribution.RepCount(rep: to, accounts: 1))
                    }
                } else {
                    let reason = plan.poolReason(of: change.accountID)?.rawValue ?? "no_eligible_rep"
                    changes.append(BookChange(account: change.accountID, from: change.fromRep, to: nil,
                                              reason: ChangeReason.unassigned.rawValue, detail: why + "; pool: " + reason))
                    summary.pooled[reason, default: 0] += 1
                }
            }
            if first { summary.placedFirst = changes.filter { $0.to != nil }.count }
            try apply(changes: changes, kind: .assigned)
        }
        try pass(first: true)
        try pass(first: false)
        summary.reassigned.sort { $0.rep < $1.rep }
        return summary
    }

    static func awayWord(_ rep: Rep) -> String {
        rep.status == .leave ? "on leave" : "departed"
    }
}
