@testable import BooksStore
import DynamicBooks
import Foundation
import Testing

/// A generated team in a workspace: rebalanced on day 0, with a week of activity and returns.
enum CycleFixture {
    static func workspace() throws -> (Workspace, DataSet, Day) {
        var rng = SeededGenerator(seed: 11)
        let generator = Generator(.init(accounts: 400, reps: 8, segments: 2, theaters: 2))
        let data = generator.generate(using: &rng)
        let day0 = generator.configuration.asOf
        let workspace = try Workspace.open(at: try Fixture.path(), create: true, clock: Fixture.clock)
        _ = try workspace.importData(
            ImportData(accounts: Scorer(policy: data.policy).score(data.accounts), reps: data.reps,
                       activity: data.activity, policy: data.policy), asOf: day0)
        try workspace.perform(.plan, asOf: day0) { tx in
            let input = try tx.reader.planningInput(on: day0)
            let plan = try Planner().plan(accounts: input.accounts, reps: input.reps, policy: input.policy,
                                          activity: input.activity, state: input.state, asOf: day0, mode: .rebalance,
                                          solver: .greedy)
            try tx.apply(plan, kind: .assigned)
            return plan.summary
        }
        return (workspace, data, day0)
    }
}

@Suite("Cycle: retrieve, returns, top-off in one transaction")
struct CycleTests {
    @Test("a cycle retrieves, decides queued returns and tops off; books still replay from the ledger")
    func cycleDoesAllThree() throws {
        let (workspace, data, day0) = try CycleFixture.workspace()
        let day = day0 + 60
        let books = try workspace.read { try $0.books() }
        let returns = books.prefix(3).map {
            ReturnSubmission(ReturnRequest(accountID: $0.account, repID: $0.rep, date: day - 1, reason: "not_interested"), origin: "test")
        }
        _ = try workspace.perform(.return, asOf: day) { tx in try tx.queueReturns(returns) }
        let summary = try workspace.cycle(asOf: day, solver: .greedy)
        #expect(!summary.alreadyRan)
        #expect(summary.retrieved > 0, "60 days without new activity retrieve something")
        #expect(summary.returnsAccepted + summary.returnsRejected == 3)
        #expect(summary.topoff.mode == .topoff)
        #expect(summary.topoff.assigned > 0)
        let replayed = try workspace.read { try $0.ledger.replayBooks() }
        let current = try workspace.read { try $0.books() }
        #expect(replayed.map(\.account) == current.map(\.account))
        #expect(replayed.map(\.rep) == current.map(\.rep))
        _ = data
    }

    @Test("a second cycle for the same day changes nothing")
    func idempotent() throws {
        let (workspace, _, day0) = try CycleFixture.workspace()
        let day = day0 + 30
        let first = try workspace.cycle(asOf: day, solver: .greedy)
        let ledger = try workspace.read { try $0.ledger.entries() }
        let runs = try workspace.read { try $0.runs() }
        let second = try workspace.cycle(asOf: day, solver: .greedy)
        #expect(second.alreadyRan)
        #expect(second.toppedOff == first.toppedOff && second.retrieved == first.retrieved)
        #expect(try workspace.read { try $0.ledger.entries() } == ledger)
        #expect(try workspace.read { try $0.runs() } == runs)
    }

    @Test("a cycle that fails midway leaves the workspace as it was")
    func atomic() throws {
        let (workspace, _, day0) = try CycleFixture.workspace()
        struct Interrupted: Error {}
        let ledger = try workspace.read { try $0.ledger.entries() }
        #expect(throws: Interrupted.self) {
            try workspace.perform(.cycle, asOf: day0 + 60) { tx -> CycleSummary in
                let summary = try tx.cycle(solver: .greedy)
                #expect(summary.retrieved > 0)
                throw Interrupted()
            }
        }
        #expect(try workspace.read { try $0.ledger.entries() } == ledger)
        #expect(try workspace.read { try $0.runs() }.allSatisfy { $0.kind != RunKind.cycle.rawValue })
    }
}
