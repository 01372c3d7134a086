import AssignmentEngine
import BooksReport
import DynamicBooks
import Foundation
import Testing

/// A report assembled by hand, with markup in every name.
enum ReportSample {
    static func data(changes: Int = 3) -> ReportData {
        let reps = [
            ReportRep(id: "R1", name: "<script>alert(1)</script>", segment: "SMB", group: "SMB/NA", capacity: 10, load: 9,
                      accounts: 9, value: 700.5, score: 650, tiers: TierCounts(a: 5, b: 3, c: 1), fairnessRatio: 1.1, available: true),
            ReportRep(id: "R2", name: "Bo & \"Co\"", segment: "SMB", group: "SMB/NA", capacity: 10, load: 11,
                      accounts: 11, value: 520, score: 530, tiers: TierCounts(a: 2, b: 6, c: 3), fairnessRatio: 0.9, available: false),
            ReportRep(id: "R3", name: "", segment: "ENT", group: "ENT/all", capacity: 0, load: 0,
                      accounts: 0, value: 0, score: 0, tiers: TierCounts(), fairnessRatio: nil, available: true),
        ]
        let groups = [
            ReportGroup(name: "ENT/all", reps: 1, capacity: 0, load: 0, score: 0, minRatio: nil, maxRatio: nil, gini: 0, withinBand: true),
            ReportGroup(name: "SMB/NA", reps: 2, capacity: 20, load: 20, score: 1180, minRatio: 0.9, maxRatio: 1.1, gini: 0.05,
                        withinBand: true),
        ]
        let rows = (0 ..< changes).map { i in
            ReportChange(kind: i % 2 == 0 ? "returned" : "topped_off", account: AccountID(String(format: "A%04d", i)),
                         name: "<img src=x onerror=alert(\(i))>", from: i % 2 == 0 ? "R1" : nil, to: i % 2 == 0 ? nil : "R2",
                         reason: "bad_timing", detail: "note <i>")
        }
        return ReportData(
            source: .workspace, location: "/tmp/<books>.sqlite", asOf: Day(year: 2026, month: 11, day: 30),
            headline: "workspace after run 4 (cycle, as of 2026-11-30)",
            fairness: ReportFairness(mode: "soft", band: 0.15), totals: ReportTotals(accounts: 40, assigned: 20, pooled: 20, moves: 2),
            solve: ReportSolve(origin: "run 3 (plan) as of 2026-11-23", solver: "flow+glpk", status: .withinGap, objective: 1234.5,
                               bound: 1240, gap: 0.0044,
                               components: [ReportComponent(index: 0, groups: ["SMB/NA"], items: 30, bins: 2, solver: "glpk",
                                                            status: .withinGap, objective: 1234.5, gap: 0.0044, note: nil)]),
            reps: reps, groups: groups,
            pool: [ReportPoolCount(reason: "ready", tier: .a, count: 4), ReportPoolCount(reason: "ready", tier: .c, count: 6),
                   ReportPoolCount(reason: "resting", tier: .b, count: 10)],
            coverage: ReportCoverage(minimum: 0.6, windowDays: 30, minActivities: 2, graceDays: 14, reps: [
                ReportRepCoverage(rep: "R1", name: "<script>alert(1)</script>", counted: 8, worked: 4, inGrace: 1, share: 0.5,
                                  belowMinimum: true),
                ReportRepCoverage(rep: "R2", name: "Bo", counted: 10, worked: 9, inGrace: 0, share: 0.9, belowMinimum: false),
                ReportRepCoverage(rep: "R3", name: "", counted: 0, worked: 0, inGrace: 0, share: nil, belowMinimum: false),
            ]),
            changes: ReportChanges(title: "Run 4 · cycle · as of 2026-11-30", rows: rows),
            trend: [
                ReportTrendPoint(week: Day(year: 2026, month: 11, day: 16), day: Day(year: 2026, month: 11, day: 16), poolSize: 25,
                                 coverage: 0.7, returns: 1, retrievals: 0, toppedOff: 3, runs: 2),
                ReportTrendPoint(week: Day(year: 2026, month: 11, day: 23), day: Day(year: 2026, month: 11, day: 23), poolSize: 22,
                                 coverage: nil, returns: 0, retrievals: 2, toppedOff: 1, runs: 1),
                ReportTrendPoint(week: Day(year: 2026, month: 11, day: 30), day: Day(year: 2026, month: 11, day: 30), poolSize: 20,
                                 coverage: 0.72, returns: 2, retrievals: 1, toppedOff: 2, runs: 3),
            ],
            notes: ["Note with <markup> & ampersand."])
    }
}

@Suite("Report page: ReportData → HTML")
struct ReportPageTests {
    @Test("The same data gives the same bytes")
    func deterministic() {
        let a = ReportPage.render(ReportSample.data())
        let b = ReportPage.render(ReportSample.data())
        #expect(a == b)
        var reordered = ReportSample.data()
        reordered.notes.append("x")
        #expect(ReportPage.render(reordered) != a)
    }

    @Test("Every name, note and path is escaped: markup shows as text")
    func escaping() {
        let html = ReportPage.render(ReportSample.data())
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>"))
        #expect(!html.contains("<markup>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(0)&gt;"))
        #expect(html.contains("Bo &amp; \"Co\""))
        #expect(html.contains("/tmp/&lt;books&gt;.sqlite"))
        // In SVG text and attributes too.
        #expect(html.contains(">R1 (&lt;script&gt;alert(1)&lt;/script&gt;)</text>"))
    }

    @Test("Self-contained: no script, no external resource, print styles")
    func selfContained() {
        let html = ReportPage.render(ReportSample.data())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!html.contains(" src=\""))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        let links = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        #expect(links == namespaces)
        #expect(html.contains("@media print"))
    }

    @Test("Every chart has an <h3> title, an SVG <title> and an aria-label that agree")
    func chartTitles() {
        let html = ReportPage.render(ReportSample.data())
        let labels = HTMLTables.attributes("aria-label", of: "svg", in: html)
        let expected = ["Book value per rep against the fairness band", "Capacity utilisation per rep", "Tier mix per rep",
                        "The pool by reason and tier", "Coverage per rep against the policy threshold",
                        "Changes of the last run by kind", "Pool size by week", "Coverage by week",
                        "Returns, retrievals and top-offs by week"]
        #expect(labels == expected)
        let svgTitles = HTMLTables.texts(of: "title", in: html).filter { expected.contains($0) }
        #expect(svgTitles == expected)
        let headings = HTMLTables.texts(of: "h3", in: html)
        #expect(headings == expected)
        #expect(html.components(separatedBy: "role=\"img\"").count - 1 == expected.count)
    }

    @Test("Tables are pre-sorted: reps by value and by id; coverage by share")
    func sortedTables() throws {
        let html = ReportPage.render(ReportSample.data())
        let byValue = try #require(HTMLTables.rows(of: "reps-by-value", in: html))
        #expect(byValue.map { $0[0] } == ["R1", "R2", "R3"])
        #expect(byValue[0] == ["R1", "<script>alert(1)</script>", "SMB/NA", "10", "9", "90%", "9", "700.5", "650", "1.10", "yes"])
        #expect(byValue[1][5] == "110%")
        #expect(byValue[2][5] == "–")
        let byName = try #require(HTMLTables.rows(of: "reps-by-name", in: html))
        #expect(byName.map { $0[0] } == ["R1", "R2", "R3"])
        let byUse = try #require(HTMLTables.rows(of: "reps-by-utilisation", in: html))
        #expect(byUse.map { $0[0] } == ["R2", "R1", "R3"])
        let coverage = try #require(HTMLTables.rows(of: "coverage-by-share", in: html))
        #expect(coverage.map { $0[0] } == ["R1", "R2", "R3"])
        #expect(coverage[0][4] == "50%" && coverage[0][6] == "yes")
        // The first order is shown by default; the others wait behind their radio button.
        #expect(html.contains("<input type=\"radio\" name=\"reps\" id=\"reps-1\" class=\"sort-choice\" checked>"))
        #expect(html.contains("<label for=\"reps-2\">rep</label>"))
    }

    @Test("The pool, trend, solver and fairness numbers appear in their tables")
    func sections() throws {
        let html = ReportPage.render(ReportSample.data())
        let pool = try #require(HTMLTables.rows(of: "pool", in: html))
        #expect(pool == [["ready", "4", "0", "6", "0", "10"], ["resting", "0", "10", "0", "0", "10"]])
        let trend = try #require(HTMLTables.rows(of: "trend", in: html))
        #expect(trend.map { $0[3] } == ["25", "22", "20"])
        #expect(trend[1][4] == "–")
        let components = try #require(HTMLTables.rows(of: "components", in: html))
        #expect(components == [["0", "SMB/NA", "30", "2", "glpk", "within_gap", "1234.5", "0.44%"]])   // the empty Note column is left out
        let groups = try #require(HTMLTables.rows(of: "groups", in: html))
        #expect(groups[1] == ["SMB/NA", "2", "20", "20", "1180", "0.90", "1.10", "0.05", "yes"])
        #expect(html.contains("flow+glpk"))
    }

    @Test("Long change lists are cut at the limit with a note")
    func changeLimit() throws {
        let html = ReportPage.render(ReportSample.data(changes: ReportPage.maxChangeRows + 7))
        let rows = try #require(HTMLTables.rows(of: "changes-by-kind", in: html))
        #expect(rows.count == ReportPage.maxChangeRows)
        #expect(html.contains("… and 7 more rows, left out of this page"))
    }

    @Test("The fairness band is (1 ± band) × C(r)/C(G) × V(G)")
    func band() throws {
        let data = ReportSample.data()
        let band = try #require(data.fairnessBand(of: data.reps[0]))
        #expect(abs(band.lowerBound - 0.85 * 590) < 1e-9)
        #expect(abs(band.upperBound - 1.15 * 590) < 1e-9)
        #expect(data.fairnessBand(of: data.reps[2]) == nil)
    }

    @Test("ReportWriter writes atomically and leaves no temporary file")
    func writer() throws {
        let directory = try ReportFixture.temporaryDirectory("writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("report.html")
        try Data("old".utf8).write(to: url)
        let bytes = try ReportWriter.write(data: ReportSample.data(), to: url)
        let written = try String(contentsOf: url, encoding: .utf8)
        #expect(written == ReportPage.render(ReportSample.data()))
        #expect(bytes == written.utf8.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
        let missing = directory.appendingPathComponent("nowhere/report.html")
        #expect(throws: ReportError.self) { try ReportWriter.write(data: ReportSample.data(), to: missing) }
    }
}
