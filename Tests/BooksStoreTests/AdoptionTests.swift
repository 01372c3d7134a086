@testable import BooksStore
import AssignmentEngine
import DynamicBooks
import Foundation
import Testing

/// `books apply`: a reviewed plan folder recorded as one run, or refused with the faults.
@Suite("Adopting a plan folder")
struct AdoptionTests {
    /// A rebalance of the fixture's workspace written as a plan folder.
    static func planFolder(_ workspace: Workspace) throws -> (Plan, PlanFolder) {
        let input = try workspace.read { try $0.planningInput(on: Fixture.asOf) }
        let plan = try Planner().plan(accounts: input.accounts, reps: input.reps, policy: input.policy,
                                      activity: input.activity, state: input.state, asOf: input.asOf, mode: .rebalance,
                                      using: GreedySolver())
        let directory = try Fixture.directory().appendingPathComponent("plan")
        try plan.write(to: directory)
        return (plan, try PlanFolder(directory: directory))
    }

    @Test("a plan that still fits is recorded as one run, as plan --apply records it")
    func adoptsAFittingPlan() throws {
        let workspace = try Fixture.workspace()
        let (plan, folder) = try Self.planFolder(workspace)
        let summary = try workspace.perform(.plan, asOf: Fixture.asOf) { try $0.adopt(folder) }
        let books = try workspace.read { try $0.books() }
        #expect(Dictionary(uniqueKeysWithValues: books.map { ($0.account, $0.rep) })
                == Dictionary(uniqueKeysWithValues: plan.books.map { ($0.accountID, $0.repID) }))
        let rows = try workspace.read { try $0.ledger.entries(run: summary.run) }
        #expect(rows.count == plan.changes.filter { $0.fromRep != $0.toRep }.count)
        #expect(rows.allSatisfy { $0.kind == .assigned })
        #expect(summary.kept == plan.changes.filter { $0.reason == .kept }.count)

        // Compared with the workspace now, the plan is empty.
        let comparison = try BooksComparison(try workspace.read { try $0.booksSide(on: Fixture.asOf) }, BooksSide(folder))
        #expect(comparison.moves.isEmpty)
    }

    @Test("an account that changed hands since the plan: refused, naming it, nothing recorded")
    func refusesAStalePlan() throws {
        let workspace = try Fixture.workspace()
        let (_, folder) = try Self.planFolder(workspace)
        // A4 (in the pool when the plan was made) is routed by hand to R2 meanwhile.
        _ = try workspace.apply(changes: [BookChange(account: "A4", from: nil, to: "R2", reason: "manual")], kind: .manual,
                                run: .manual, asOf: Fixture.asOf)
        let before = try Snapshot(workspace)
        #expect {
            try workspace.perform(.plan, asOf: Fixture.asOf) { try $0.adopt(folder) }
        } throws: { error in
            guard let error = error as? AdoptionError else { return false }
            return error.faults.contains(.changedHands(account: "A4", planned: nil, now: "R2")) && "\(error)".contains("A4")
        }
        #expect(try Snapshot(workspace) == before)
    }

    @Test("a book over capacity and a locked account moved: refused with the rep and the account")
    func refusesOverCapacityAndLocks() throws {
        let workspace = try Fixture.workspace()
        let (_, good) = try Self.planFolder(workspace)
        // Hand-edit the plan: every NA SMB account to R2 (capacity 1 in this copy), the locked A5 to R1.
        var folder = good
        folder.books = folder.books.map { entry in
            entry.accountID == "A5" ? (entry.accountID, "R1", entry.tier) : entry
        }
        folder.changes = folder.changes.map { change in
            change.accountID == "A5" ? (change.accountID, change.fromRep, "R1", "moved") : change
        }
        var policy = try workspace.read { try $0.policy() }
        policy.assignment.lockCustomers = true
        let tight = Fixture.reps.map { rep -> Rep in var r = rep; if r.id == "R1" { r.capacity = 1 }; return r }
        _ = try workspace.importData(ImportData(accounts: [], reps: tight, activity: [], policy: policy), asOf: Fixture.asOf)
        #expect {
            try workspace.perform(.plan, asOf: Fixture.asOf) { try $0.adopt(folder) }
        } throws: { error in
            guard let error = error as? AdoptionError else { return false }
            let locked = error.faults.contains(.locked(account: "A5", owner: "R2"))
            let over = error.faults.contains { if case .overCapacity(rep: "R1", _, capacity: 1) = $0 { true } else { false } }
            return locked && over
        }
    }

    @Test("a plan of other data is refused")
    func refusesOtherData() throws {
        let workspace = try Fixture.workspace()
        var (_, folder) = try Self.planFolder(workspace)
        folder.pool.append(("Z9", "no_capacity", .a))
        #expect(throws: ScenarioError.self) {
            try workspace.perform(.plan, asOf: Fixture.asOf) { try $0.adopt(folder) }
        }
    }
}
