import BooksReport
import BooksStore
import DynamicBooks
import Foundation
import Testing

@Suite("Report from a workspace")
struct WorkspaceReportTests {
    @Test("Right after a rebalance the workspace's books measure as the plan's summary does")
    func booksMatchThePlan() throws {
        let (path, workspace, plan) = try ReportFixture.workspace(weeks: 0)
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent()) }
        let data = try ReportData(workspace: workspace)
        #expect(data.asOf == ReportFixture.day0)
        #expect(data.reps.map(\.id) == plan.summary.reps.map(\.id))
        for (line, rep) in zip(data.reps, plan.summary.reps) {
            #expect(line.group == rep.group)
            #expect(abs(line.capacity - rep.capacity) < 1e-6 && abs(line.load - rep.load) < 1e-6)
            #expect(abs(line.score - rep.score) < 1e-6, "\(rep.id)")
            // Fit values differ where the plan gave an account to a new owner: the workspace counts
            // every owner as the incumbent now.
            #expect(line.value >= line.score - 1e-9)
            #expect(line.accounts == rep.accounts)
            #expect(line.tiers.inOrder == ["A", "B", "C", "D"].map { rep.tiers[$0] ?? 0 })
            #expect(abs((line.fairnessRatio ?? -1) - (rep.fairnessRatio ?? -1)) < 1e-6)
        }
        for (line, group) in zip(data.groups, plan.summary.groups) {
            #expect(line.name == group.name && line.withinBand == group.withinBand)
            #expect(abs((line.gini ?? -1) - group.gini) < 1e-6)
        }
        #expect(data.totals.assigned == plan.summary.assigned)
        let solve = try #require(data.solve)
        #expect(solve.solver == plan.summary.solve.solver && solve.origin.contains("(plan)"))
        // The last run is the plan: its changes are the plan's moves.
        let moved = plan.changes.filter { $0.fromRep != $0.toRep }
        #expect(data.changes.rows.map(\.account) == moved.map(\.accountID))
        #expect(data.changes.rows.allSatisfy { $0.kind == "assigned" })
    }

    @Test("Pool, coverage, changes and trend follow the ledger through weekly cycles")
    func weeklyLoop() throws {
        let (_, workspace, _) = try ReportFixture.sharedLoop.get()
        let data = try ReportData(workspace: workspace)
        let (runs, entries, review) = try workspace.read { r in
            (try r.runs(), try r.ledger.entries(), try r.coverageReview(on: data.asOf))
        }
        #expect(data.asOf == runs.map(\.asOf).max())
        #expect(data.totals.accounts == 90)
        #expect(data.pool.reduce(0) { $0 + $1.count } == data.totals.pooled)
        #expect(data.totals.assigned + data.totals.pooled == 90)

        // Coverage is the workspace's own review.
        let coverage = try #require(data.coverage)
        #expect(coverage.minimum == 0.5)
        #expect(coverage.reps.map(\.rep) == review.reps.map(\.rep))
        #expect(coverage.reps.map(\.share) == review.reps.map(\.share))
        #expect(coverage.reps.first { $0.rep == "R07" }?.name == "<script>alert('rep')</script>")

        // The changes are the rows of the last run that wrote any.
        let lastRun = try #require(entries.map(\.run).max())
        #expect(data.changes.rows.count == entries.filter { $0.run == lastRun }.count)
        #expect(data.changes.title.hasPrefix("Run \(lastRun) ·"))
        #expect(try #require(data.solve).origin.contains("(topoff)"))

        // One point per week with runs; the last describes the books now.
        let weeks = Set(runs.map { $0.asOf - (($0.asOf.daysSinceEpoch + 3) % 7) })
        #expect(data.trend.count == weeks.count)
        #expect(data.trend.map(\.week) == weeks.sorted())
        #expect(data.trend.allSatisfy { ($0.week.daysSinceEpoch + 3) % 7 == 0 })
        #expect(data.trend.last?.poolSize == data.totals.pooled)
        #expect(data.trend.reduce(0) { $0 + $1.returns } == entries.filter { $0.kind == .returned }.count)
        #expect(data.trend.reduce(0) { $0 + $1.retrievals } == entries.filter { $0.kind == .retrieved }.count)
        #expect(data.trend.reduce(0) { $0 + $1.toppedOff } == entries.filter { $0.kind == .toppedOff }.count)
        #expect(data.trend.reduce(0) { $0 + $1.runs } == runs.count)
        let totalCounted = review.reps.reduce(0) { $0 + $1.counted }, totalWorked = review.reps.reduce(0) { $0 + $1.worked }
        #expect(data.trend.last?.coverage == Double(totalWorked) / Double(totalCounted))
    }

    @Test("--as-of moves the day coverage and rests are judged on")
    func asOf() throws {
        let (_, workspace, _) = try ReportFixture.sharedLoop.get()
        let later = ReportFixture.day0 + 150
        let data = try ReportData(workspace: workspace, asOf: later)
        #expect(data.asOf == later)
        let review = try workspace.read { try $0.coverageReview(on: later) }
        #expect(data.coverage?.reps.map(\.worked) == review.reps.map(\.worked))
        // No resting account is still resting 150 days on (bad_timing rests 60 days).
        #expect(!data.pool.contains { $0.reason == "resting" })
    }

    @Test("The page escapes rep and account names from the workspace")
    func escaping() throws {
        let (_, workspace, _) = try ReportFixture.sharedLoop.get()
        let html = ReportPage.render(try ReportData(workspace: workspace))
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(html.contains("&lt;script&gt;alert(&#39;rep&#39;)&lt;/script&gt;") || html.contains("&lt;script&gt;alert('rep')&lt;/script&gt;"))
    }

    @Test("A workspace without accounts or reps is refused")
    func empty() throws {
        let directory = try ReportFixture.temporaryDirectory("empty-workspace")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("books.sqlite").path
        let workspace = try Workspace.open(at: path, create: true)
        _ = try workspace.importData(ImportData(accounts: [], reps: [], policy: Policy()), asOf: ReportFixture.day0)
        #expect(throws: ReportError.emptyWorkspace(path: path)) { try ReportData(workspace: workspace) }
    }
}
