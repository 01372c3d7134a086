@testable import BooksStore
import AssignmentEngine
import DynamicBooks
import Testing

@Suite("Plans from the planner applied to the workspace")
struct PlanApplyTests {
    @Test func aTopOffPlanOnTheWorkspaceBooksLandsInTheLedger() throws {
        let workspace = try Fixture.workspace()
        _ = try workspace.decideReturns([ReturnSubmission(
            ReturnRequest(accountID: "A1", repID: "R1", date: Fixture.asOf, reason: "not_interested"), origin: "t")],
            asOf: Fixture.asOf)
        let input = try workspace.read { try $0.planningInput(on: Fixture.asOf) }
        #expect(input.state.restingUntil == ["A1": Fixture.asOf + 90])
        #expect(input.state.bars == [PlanningState.Bar(accountID: "A1", repID: "R1", until: Fixture.asOf + 180)])
        let plan = try Planner().plan(accounts: input.accounts, reps: input.reps, policy: input.policy,
                                      activity: input.activity, state: input.state, asOf: input.asOf, mode: .topoff,
                                      using: GreedySolver())
        #expect(plan.owner(of: "A1") == nil)           // resting
        #expect(plan.owner(of: "A4") != nil)           // the pool's best account fills a book
        let written = try workspace.perform(.topoff, asOf: Fixture.asOf) { tx in try tx.apply(plan, kind: .toppedOff) }
        #expect(written.map(\.account).contains("A4"))
        #expect(written.allSatisfy { $0.kind == .toppedOff && $0.from != $0.to })
        let (books, replay) = try workspace.read { r in (try r.books(), try r.ledger.replayBooks()) }
        #expect(books == replay)
        #expect(Dictionary(uniqueKeysWithValues: books.map { ($0.account, $0.rep) })
                == Dictionary(uniqueKeysWithValues: plan.books.map { ($0.accountID, $0.repID) }))
        // The same plan again is stale only where it moves accounts; a fresh top-off changes nothing.
        let again = try workspace.read { try $0.planningInput(on: Fixture.asOf) }
        let second = try Planner().plan(accounts: again.accounts, reps: again.reps, policy: again.policy,
                                        activity: again.activity, state: again.state, asOf: again.asOf, mode: .topoff,
                                        using: GreedySolver())
        let none = try workspace.perform(.topoff, asOf: Fixture.asOf) { tx in try tx.apply(second, kind: .toppedOff) }
        #expect(none.isEmpty)
    }
}
