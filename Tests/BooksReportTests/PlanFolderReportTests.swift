import BooksReport
import DynamicBooks
import Foundation
import Testing

@Suite("Report from a plan folder")
struct PlanFolderReportTests {
    @Test("The numbers are the plan's: reps, groups, totals, solver, pool, changes")
    func numbersFromSummary() throws {
        let (directory, plan) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try ReportData(planFolder: directory)
        let s = plan.summary
        #expect(data.source == .plan)
        #expect(data.asOf == s.asOf)
        #expect(data.totals == ReportTotals(accounts: s.accounts, assigned: s.assigned, pooled: s.pooled, moves: s.moves))
        #expect(data.reps.map(\.id) == s.reps.map(\.id))
        for (line, rep) in zip(data.reps, s.reps) {
            #expect(line.capacity == rep.capacity && line.load == rep.load && line.value == rep.value && line.score == rep.score)
            #expect(line.accounts == rep.accounts && line.fairnessRatio == rep.fairnessRatio && line.group == rep.group)
            #expect(line.tiers.inOrder == ["A", "B", "C", "D"].map { rep.tiers[$0] ?? 0 })
        }
        #expect(data.groups.map(\.name) == s.groups.map(\.name))
        #expect(data.groups.map(\.withinBand) == s.groups.map(\.withinBand))
        let solve = try #require(data.solve)
        #expect(solve.solver == s.solve.solver && solve.status == s.solve.status && solve.gap == s.solve.gap)
        #expect(solve.components.count == s.solve.components.count)
        #expect(data.pool.reduce(0) { $0 + $1.count } == s.pooled)
        // pool.csv records each pooled account's tier: the pool is shown by reason and tier.
        #expect(data.pool.allSatisfy { $0.tier != nil })
        for count in data.pool {
            #expect(count.count == plan.pool.filter { $0.reason.rawValue == count.reason && $0.tier == count.tier }.count)
        }
        let moved = plan.changes.filter { $0.reason != .kept }
        #expect(data.changes.rows.map(\.account) == moved.map(\.accountID))
        #expect(data.changes.unchanged == plan.changes.count - moved.count)
        for row in data.changes.rows where row.kind == "unassigned" {
            #expect(row.reason == plan.poolReason(of: row.account)?.rawValue)
        }
        #expect(data.coverage == nil && data.trend.isEmpty)
        #expect(data.fairness.bandAssumed && data.fairness.band == Policy().assignment.fairnessBand)
    }

    @Test("The band comes from the caller, else from summary.json, else the default (noted)")
    func band() throws {
        let (directory, _) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try ReportData(planFolder: directory, fairnessBand: 0.2).fairness == ReportFairness(mode: "soft", band: 0.2))
        let url = directory.appendingPathComponent("summary.json")
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        json["fairness_band"] = 0.1
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let data = try ReportData(planFolder: directory)
        #expect(data.fairness == ReportFairness(mode: "soft", band: 0.1))
        #expect(!data.notes.contains { $0.contains("assignment.fairness.band") })
    }

    @Test("A tier column in pool.csv splits the pool by tier")
    func poolTiers() throws {
        let (directory, plan) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (accounts, _, _) = ReportFixture.instance()
        let tiers = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0.tier) })
        var text = "account_id,reason,tier\n"
        for entry in plan.pool { text += "\(entry.accountID),\(entry.reason),\(tiers[entry.accountID]?.rawValue ?? "")\n" }
        try Data(text.utf8).write(to: directory.appendingPathComponent("pool.csv"))
        let data = try ReportData(planFolder: directory)
        #expect(data.pool.allSatisfy { $0.tier != nil })
        #expect(data.pool.reduce(0) { $0 + $1.count } == plan.pool.count)
        let belowMin = data.pool.filter { $0.reason == "below_min_tier" }
        #expect(!belowMin.isEmpty && belowMin.allSatisfy { $0.tier == .d })
        #expect(ReportPage.render(data).contains("The pool by reason and tier"))
    }

    @Test("Bad files are refused with the file, line, column and value")
    func badFiles() throws {
        let empty = try ReportFixture.temporaryDirectory("empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect {
            try ReportData(planFolder: empty)
        } throws: { error in
            guard case ReportError.missingFile(let path, _)? = error as? ReportError else { return false }
            return path.hasSuffix("summary.json")
        }
        let (directory, _) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("account_id,reason,tier\nA1,no_capacity,B\nA2,no_capacity,Z\n".utf8)
            .write(to: directory.appendingPathComponent("pool.csv"))
        #expect(throws: ReportError.badRow(path: directory.appendingPathComponent("pool.csv").path, line: 3, column: "tier",
                                           value: "Z", rule: "is not a tier (A, B, C or D)")) {
            try ReportData(planFolder: directory)
        }
        try Data("account,why\n".utf8).write(to: directory.appendingPathComponent("pool.csv"))
        #expect(throws: ReportError.self) { try ReportData(planFolder: directory) }
        try Data("{\"mode\": \"rebalance\"}".utf8).write(to: directory.appendingPathComponent("summary.json"))
        #expect {
            try ReportData(planFolder: directory)
        } throws: { error in
            "\(error)".contains("summary.json: not a plan summary (missing")
        }
    }

    @Test("Markup in an account id from changes.csv shows as text")
    func markupInIDs() throws {
        let (directory, _) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = ReportFixture.markupID.rawValue
        try Data("account_id,from_rep,to_rep,reason\n\(id),R01,R02,moved\n\"a,\"\"b\"\"\",,R03,assigned\n".utf8)
            .write(to: directory.appendingPathComponent("changes.csv"))
        let data = try ReportData(planFolder: directory)
        #expect(data.changes.rows.map(\.account.rawValue) == [id, "a,\"b\""])
        let html = ReportPage.render(data)
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test("Two plan folders of the same plan give the same page")
    func deterministic() throws {
        let (first, _) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: first) }
        let (second, _) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: second) }
        var a = try ReportData(planFolder: first), b = try ReportData(planFolder: second)
        a.location = "plan"; b.location = "plan"
        #expect(ReportPage.render(a) == ReportPage.render(b))
    }
}
