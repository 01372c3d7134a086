import AssignmentEngine
@testable import BooksStore
import DynamicBooks
import Foundation
import Synchronization
import Testing

/// A cycle or an applied plan solves with no transaction open: another process commits while
/// it solves, and the run then records a plan made from what is committed.
@Suite("Solving outside the write transaction")
struct SolveOutsideTransactionTests {
    /// Options whose progress observer moves one pool account into a book through a second
    /// connection the first time a component starts — while the solver runs. A second
    /// connection's write waits for the write lock (10 s busy timeout, then fails) when the
    /// solve holds it.
    static func options(path: String, day: Day, account: AccountID, rep: RepID, outcome: Outcome) -> SolveOptions {
        let progress = SolveProgress { event in
            guard case .started = event, outcome.fire() else { return }
            do {
                let other = try Workspace.open(at: path)
                let written = try other.perform(.route, asOf: day) { tx in
                    try tx.apply(changes: [BookChange(account: account, from: nil, to: rep, reason: "test")], kind: .routed).count
                }
                outcome.record("wrote \(written)")
            } catch {
                outcome.record("\(error)")
            }
        }
        return SolveOptions(timeLimit: 60, parallelism: 1, progress: progress)
    }

    /// What the concurrent write did, set once from the solving thread.
    final class Outcome: Sendable {
        private let state = Mutex<(fired: Bool, result: String?)>((false, nil))
        /// True the first time only.
        func fire() -> Bool { state.withLock { s in defer { s.fired = true }; return !s.fired } }
        func record(_ result: String) { state.withLock { $0.result = result } }
        var result: String? { state.withLock { $0.result } }
    }

    @Test("a routing decision commits during a cycle's solve; the cycle re-solves on the new books and records")
    func cycleLetsRoutingCommit() throws {
        let (workspace, _, day0) = try CycleFixture.workspace()
        let day = day0 + 60
        // A pool account that is not excluded, and a rep of its segment.
        let (accounts, owned, reps) = try workspace.read { r in (try r.accounts(), Set(try r.books().map(\.account)), try r.reps()) }
        let candidate = try #require(accounts.filter { !owned.contains($0.account.id) && $0.excludedBy == nil }.min { $0.account.id < $1.account.id })
        let account = candidate.account.id
        let rep = try #require(reps.first { $0.segment == candidate.segment })
        let outcome = Outcome()
        let summary = try workspace.cycle(asOf: day, solver: .greedy,
                                          options: Self.options(path: workspace.path, day: day, account: account, rep: rep.id, outcome: outcome))
        #expect(outcome.result == "wrote 1", "the concurrent write did not commit: \(outcome.result ?? "it did not run")")
        #expect(!summary.alreadyRan)
        let (books, replayed, ledger, runs) = try workspace.read { r in
            (try r.books(), try r.ledger.replayBooks(), try r.ledger.entries(), try r.runs())
        }
        #expect(books == replayed)
        // The recorded top-off was solved on the books after the concurrent run, not before:
        // it never takes the account out of the pool, where the first solve saw it.
        let routed = try #require(ledger.first { $0.account == account && $0.kind == .routed })
        #expect(ledger.filter { $0.account == account && $0.kind == .toppedOff && $0.from == nil }.isEmpty)
        #expect(ledger.filter { $0.kind == .toppedOff }.allSatisfy { ($0.seq ?? 0) > (routed.seq ?? 0) })
        #expect(runs.map(\.kind).suffix(2) == [RunKind.route.rawValue, RunKind.cycle.rawValue])
    }

    @Test("when other runs commit during every attempt, nothing is written and the error says to run again")
    func givesUpAfterAttempts() throws {
        let (workspace, _, day0) = try CycleFixture.workspace()
        let day = day0 + 60
        let before = try workspace.read { r in (try r.runs().count, try r.ledger.entries().count) }
        let error = try #require(throws: WorkspaceError.self) {
            try workspace.performAfterSolving(
                .plan, asOf: day, attempts: 2,
                prepare: { tx in try tx.reader.planningInput(on: day, for: .topoff) },
                solve: { _ -> Int in
                    let other = try Workspace.open(at: workspace.path)
                    try other.perform(.manual, asOf: day) { _ in 0 }
                    return 0
                },
                record: { _, solved in solved })
        }
        #expect(error == .changedWhileSolving(path: workspace.path, attempts: 2))
        #expect(error.description.contains("run the command again"))
        let after = try workspace.read { r in (try r.runs().count, try r.ledger.entries().count) }
        #expect(after.0 == before.0 + 2 && after.1 == before.1, "only the two concurrent runs were committed")
    }
}
