import AssignmentEngine
import DynamicBooks
import Foundation

/// What one weekly cycle did: retrieve → pending returns → top-off.
public struct CycleSummary: Sendable, Equatable, Codable {
    public var asOf: Day
    /// True when a cycle for this day had already run: nothing was changed the second time.
    public var alreadyRan: Bool
    public var retrieved: Int
    /// Mean share of each rep's book worked in the coverage window (reps past grace only).
    public var coverage: Double?
    public var repsBelowCoverage: [RepID]
    public var returnsAccepted: Int
    public var returnsRejected: Int
    /// Accounts the top-off put into books.
    public var toppedOff: Int
    /// Books of reps who left or went on leave, handed to others first.
    public var redistribution: Redistribution = .none
    /// Accounts moved from other books to new reps (`assignment.topoff.fill_new_reps`).
    public var filledNewReps: Int = 0
    /// The top-off plan's summary: books filled, pool by reason, fairness spread, solver and gap.
    public var topoff: PlanSummary

    public init(asOf: Day, alreadyRan: Bool, retrieved: Int, coverage: Double?, repsBelowCoverage: [RepID],
                returnsAccepted: Int, returnsRejected: Int, toppedOff: Int, topoff: PlanSummary) {
        self.asOf = asOf; self.alreadyRan = alreadyRan; self.retrieved = retrieved; self.coverage = coverage
        self.repsBelowCoverage = repsBelowCoverage; self.returnsAccepted = returnsAccepted
        self.returnsRejected = returnsRejected; self.toppedOff = toppedOff; self.topoff = topoff
    }
}

extension RunTransaction {
    /// One weekly cycle as of the run's day, inside the run's single transaction: accounts their
    /// owners do not work are retrieved, pending return requests are decided, and the books are
    /// topped off from the pool by the planner (every current book kept, free capacity filled).
    ///
    /// - Parameters:
    ///   - solver: the engine's method; `nil` takes `assignment.solver` from the policy.
    ///   - options: time limit and gap; `nil` takes them from the policy.
    /// - Throws: the planner's ``PlanError`` or a ``WorkspaceError``; the transaction then rolls
    ///   back and the workspace is as it was.
    public func cycle(solver: SolverChoice? = nil, options: SolveOptions? = nil) throws -> CycleSummary {
        let prelude = try cyclePrelude(solver: solver, options: options)
        return try finishCycle(prelude, plan: try CyclePrelude.plan(prelude.input, solver: solver, options: options))
    }

    /// The cycle's first half: the books of reps who left or went on leave handed over,
    /// retrieval and pending returns written, and the top-off's input read from the books they
    /// leave.
    func cyclePrelude(solver: SolverChoice?, options: SolveOptions?) throws -> CyclePrelude {
        let redistribution = try redistributeAwayBooks(solver: solver, options: options)
        let retrieval = try retrieve()
        // Fault injection for the crash test: the process dies mid-transaction, after the
        // retrieval has been written but before anything is committed.
        if ProcessInfo.processInfo.environment["BOOKS_FAULT_INJECTION"] == "cycle-after-retrieve" {
            kill(getpid(), SIGKILL)
        }
        let returns = try decidePendingReturns()
        return CyclePrelude(redistribution: redistribution, retrieval: retrieval, returns: returns,
                            input: try reader.planningInput(on: asOf, for: .topoff))
    }

    /// The cycle's second half: the top-off `plan` (made from `prelude`'s input) applied.
    func finishCycle(_ prelude: CyclePrelude, plan: Plan) throws -> CycleSummary {
        let (retrieval, returns) = (prelude.retrieval, prelude.returns)
        let written = try apply(plan, kind: .toppedOff)
        let filled = try fillNewReps()
        let shares = retrieval.reps.compactMap(\.share)
        var summary = CycleSummary(
            asOf: asOf, alreadyRan: false, retrieved: retrieval.retrievals.count,
            coverage: shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count),
            repsBelowCoverage: retrieval.belowMinimum.map(\.rep),
            returnsAccepted: returns.count(.accepted), returnsRejected: returns.count(.rejected),
            toppedOff: written.filter { $0.to != nil }.count, topoff: plan.summary)
        summary.redistribution = prelude.redistribution
        summary.filledNewReps = filled
        return summary
    }

    /// Moves accounts from other books into new reps' books (``NewRepFill``) when
    /// `assignment.topoff.fill_new_reps` is on; `topped_off` ledger rows with reason `fill_new_rep`.
    /// - Returns: how many accounts moved.
    public func fillNewReps() throws -> Int {
        let policy = try reader.policy()
        guard policy.assignment.fillNewReps, try reader.reps().contains(where: { $0.isNew(on: asOf, policy: policy.assignment) }) else {
            return 0
        }
        let input = try reader.planningInput(on: asOf, for: .topoff)
        let moves = NewRepFill(policy: policy, asOf: asOf)
            .moves(accounts: input.accounts, reps: input.reps, state: input.state, activity: try reader.activity())
        let written = try apply(changes: moves.map {
            BookChange(account: $0.accountID, from: $0.fromRep, to: $0.toRep, reason: "fill_new_rep",
                       detail: "to a new rep, within assignment.continuity.max_moves_per_rep")
        }, kind: .toppedOff)
        return written.count
    }
}

/// What a cycle's retrieval and returns decided, and the top-off's input after them.
struct CyclePrelude {
    var redistribution: Redistribution
    var retrieval: CoverageReport
    var returns: ReturnsReport
    var input: PlanningInput

    static func plan(_ input: PlanningInput, solver: SolverChoice?, options: SolveOptions?) throws -> Plan {
        try Planner().plan(accounts: input.accounts, reps: input.reps, policy: input.policy,
                           activity: input.activity, state: input.state, asOf: input.asOf, mode: .topoff,
                           solver: solver, options: options)
    }
}

extension Workspace {
    /// Runs the weekly cycle as of `day` as one run (see ``RunTransaction/cycle(solver:options:)``),
    /// with the solve outside the write transaction, so that routing never waits on a solver.
    /// A second call for the same day changes nothing: it returns the first run's summary marked
    /// ``CycleSummary/alreadyRan``.
    ///
    /// The retrieval and returns are rehearsed in a transaction that is rolled back (it takes as
    /// long as they do), the top-off is solved from the books they leave with no transaction
    /// open, and a second transaction redoes them and records the plan — if no other run has
    /// committed in between (see ``performAfterSolving(_:asOf:attempts:prepare:solve:record:)``).
    public func cycle(asOf day: Day, solver: SolverChoice? = nil, options: SolveOptions? = nil) throws -> CycleSummary {
        let previous = try read { reader in
            try reader.runs().last { $0.kind == RunKind.cycle.rawValue && $0.asOf == day && $0.finished != nil }
        }
        if let previous, var summary = try? JSONDecoder().decode(CycleSummary.self, from: Data(previous.summary.utf8)) {
            summary.alreadyRan = true
            return summary
        }
        return try performAfterSolving(
            .cycle, asOf: day,
            prepare: { tx in try tx.cyclePrelude(solver: solver, options: options).input },
            solve: { input in try CyclePrelude.plan(input, solver: solver, options: options) },
            record: { tx, plan in try tx.finishCycle(try tx.cyclePrelude(solver: solver, options: options), plan: plan) })
    }
}
