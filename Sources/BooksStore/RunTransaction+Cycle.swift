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
        let prelude = try cyclePrelude()
        return try finishCycle(prelude, plan: try CyclePrelude.plan(prelude.input, solver: solver, options: options))
    }

    /// The cycle's first half: retrieval and pending returns written, and the top-off's input
    /// read from the books they leave.
    func cyclePrelude() throws -> CyclePrelude {
        let retrieval = try retrieve()
        // Fault injection for the crash test: the process dies mid-transaction, after the
        // retrieval has been written but before anything is committed.
        if ProcessInfo.processInfo.environment["BOOKS_FAULT_INJECTION"] == "cycle-after-retrieve" {
            kill(getpid(), SIGKILL)
        }
        let returns = try decidePendingReturns()
        return CyclePrelude(retrieval: retrieval, returns: returns, input: try reader.planningInput(on: asOf, for: .topoff))
    }

    /// The cycle's second half: the top-off `plan` (made from `prelude`'s input) applied.
    func finishCycle(_ prelude: CyclePrelude, plan: Plan) throws -> CycleSummary {
        let (retrieval, returns) = (prelude.retrieval, prelude.returns)
        let written = try apply(plan, kind: .toppedOff)
        let shares = retrieval.reps.compactMap(\.share)
        return CycleSummary(
            asOf: asOf, alreadyRan: false, retrieved: retrieval.retrievals.count,
            coverage: shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count),
            repsBelowCoverage: retrieval.belowMinimum.map(\.rep),
            returnsAccepted: returns.count(.accepted), returnsRejected: returns.count(.rejected),
            toppedOff: written.filter { $0.to != nil }.count, topoff: plan.summary)
    }
}

/// What a cycle's retrieval and returns decided, and the top-off's input after them.
struct CyclePrelude {
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
            prepare: { tx in try tx.cyclePrelude().input },
            solve: { input in try CyclePrelude.plan(input, solver: solver, options: options) },
            record: { tx, plan in try tx.finishCycle(try tx.cyclePrelude(), plan: plan) })
    }
}
