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
        let pool = try workspace.read { r in Set(try r.accounts().map(\.account.id)).subtracting(try r.books().map(\.account)) }
        let account = try #require(pool.sorted().first)
        let rep = try #require(try workspace.read { try $0.reps() }.first { $0.segment == "SMB" }?.id)
        let outcome = Outcome()
        let summary = try workspace.cycle(asOf: day, solver: .greedy,
                                          options: Self.options(path: workspace.path, day: day, account: account, rep: rep, outcome: outcome))
        #expect(outcome.result == "wrote 1", "the concurrent write did not commit: \(outcome.result ?? "it did not run")")
        #expect(!summary.alreadyRan)
        let (books, replayed, ledger, runs) = try workspace.read { r in
            (try r.books(), try r.ledger.replayBooks(), try r.ledger.entries(), try r.runs())
        }
        #expect(books == replayed)
        // The routed account stayed where the concurrent run put it: the recorded top-off was
        // solved on the books after it, not before.
        #expect(books.first { $0.account == account }?.rep == rep)
        #expect(ledger.filter { $0.account == account && $0.kind == .toppedOff }.isEmpty)
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
