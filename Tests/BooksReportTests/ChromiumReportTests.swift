import BooksReport
import DynamicBooks
import Foundation
import Testing

/// The reports as a browser shows them: headless Chromium renders the file, takes a screenshot
/// and serialises the DOM.
@Suite("Report in headless Chromium", .enabled(if: Chromium.shouldRun, Comment(rawValue: Chromium.missing)))
struct ChromiumReportTests {
    static let chartTitles = [
        "Book value per rep against the fairness band", "Capacity utilisation per rep", "Tier mix per rep",
        "Coverage per rep against the policy threshold", "Changes of the last run by kind", "Pool size by week",
        "Coverage by week", "Returns, retrievals and top-offs by week",
    ]

    @Test("The plan report renders: not blank, every chart titled, table numbers equal summary.json")
    func planReport() throws {
        let (directory, _) = try ReportFixture.planFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try ReportWriter.write(data: try ReportData(planFolder: directory), to: page)

        let (dom, image) = try Chromium.render(page, width: 1000, height: 1100)
        try Self.expectPainted(image)
        #expect(dom.contains("<h1>Dynamic books report</h1>"))
        let headings = HTMLTables.texts(of: "h3", in: dom)
        let labels = HTMLTables.attributes("aria-label", of: "svg", in: dom)
        // pool.csv records each pooled account's tier, so the pool is drawn by reason and tier.
        for title in ["Book value per rep against the fairness band", "Capacity utilisation per rep", "Tier mix per rep",
                      "The pool by reason and tier", "Changes of the last run by kind"] {
            #expect(headings.contains(title), "no <h3> \(title)")
            #expect(labels.contains(title), "no chart labelled \(title)")
        }
        #expect(HTMLTables.texts(of: "title", in: dom).filter { labels.contains($0) }.count == labels.count)

        // The numbers in the rep table are summary.json's.
        let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("summary.json")))
            as? [String: Any])
        let reps = try #require(summary["reps"] as? [[String: Any]])
        let rows = try #require(HTMLTables.records(of: "reps-by-name", in: dom))
        #expect(rows.count == reps.count)
        for (row, rep) in zip(rows, reps) {
            #expect(row["Rep"] == rep["id"] as? String)
            #expect(row["Group"] == rep["group"] as? String)
            #expect(row["Name"] == nil)   // a plan folder has no names: no empty column
            for (column, key) in [("Capacity", "capacity"), ("Load", "load"), ("Value Σv", "value"), ("Score V(r)", "score")] {
                let text = try #require(row[column], "no column \(column)")
                let shown = try #require(Double(text), "\(text) is not a number")
                let expected = try #require(rep[key] as? Double)
                #expect(abs(shown - expected) <= 0.005 + 1e-9, "\(rep["id"] ?? "") \(key): table \(shown), summary.json \(expected)")
            }
            #expect(row["Accounts"].flatMap { Int($0) } == rep["accounts"] as? Int)
            if let ratio = rep["fairness_ratio"] as? Double {
                #expect(abs((row["Fairness ratio"].flatMap { Double($0) } ?? -1) - ratio) <= 0.005 + 1e-9)
            }
        }
        let tiers = try #require(HTMLTables.records(of: "tiers", in: dom))
        for row in tiers {
            let rep = try #require(reps.first { $0["id"] as? String == row["Rep"] })
            let counts = try #require(rep["tiers"] as? [String: Int])
            #expect(["A", "B", "C", "D"].map { row[$0] } == ["A", "B", "C", "D"].map { "\(counts[$0] ?? 0)" })
        }
        let pool = try #require(HTMLTables.rows(of: "pool", in: dom))
        let byReason = try #require(summary["pool_by_reason"] as? [String: Int])
        #expect(Dictionary(uniqueKeysWithValues: pool.map { ($0[0], Int($0.last ?? "") ?? -1) }) == byReason.filter { $0.value > 0 })
        let solve = try #require(summary["solve"] as? [String: Any])
        #expect(dom.contains(">\(try #require(solve["solver"] as? String))<"))
    }

    @Test("The workspace report renders every chart, and markup in names shows as text")
    func workspaceReport() throws {
        let (path, workspace, _) = try ReportFixture.sharedLoop.get()
        let page = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("report.html")
        let data = try ReportData(workspace: workspace)
        try ReportWriter.write(data: data, to: page)

        let (dom, image) = try Chromium.render(page, width: 1000, height: 1100)
        try Self.expectPainted(image)
        let headings = HTMLTables.texts(of: "h3", in: dom)
        let labels = HTMLTables.attributes("aria-label", of: "svg", in: dom)
        for title in Self.chartTitles + ["The pool by reason and tier"] {
            #expect(headings.contains(title), "no <h3> \(title)")
            #expect(labels.contains(title), "no chart labelled \(title)")
        }
        // The browser built no script element from the names: they are text.
        #expect(dom.range(of: "<script", options: .caseInsensitive) == nil)
        let reps = try #require(HTMLTables.records(of: "reps-by-name", in: dom))
        #expect(reps.contains { $0["Name"] == "<script>alert('rep')</script>" })
        let coverage = try #require(HTMLTables.rows(of: "coverage-by-rep", in: dom))
        #expect(coverage.map { $0[0] } == data.coverage?.reps.map(\.rep.rawValue))
        let trend = try #require(HTMLTables.rows(of: "trend", in: dom))
        #expect(trend.map { Int($0[3]) } == data.trend.map(\.poolSize))
    }

    /// The screenshot is not blank: a good share of non-white pixels, and bars painted — rows
    /// with a run of at least 40 pixels of the charts' blue, which no text or link has.
    static func expectPainted(_ image: PNGImage) throws {
        #expect(image.width == 1000 && image.height == 1100)
        var inked = 0, total = 0, barRows = 0
        for y in 0 ..< image.height {
            var run = 0, longest = 0
            for x in 0 ..< image.width {
                let (r, g, b) = image.rgb(x, y)
                if y % 2 == 0 && x % 2 == 0 {
                    total += 1
                    if r < 235 || g < 235 || b < 235 { inked += 1 }
                }
                // Okabe–Ito blue #0072B2, as the bars are painted.
                if abs(Int(r) - 0x00) < 24 && abs(Int(g) - 0x72) < 24 && abs(Int(b) - 0xB2) < 24 {
                    run += 1; longest = max(longest, run)
                } else {
                    run = 0
                }
            }
            if longest >= 40 { barRows += 1 }
        }
        #expect(Double(inked) / Double(total) > 0.03, "only \(inked) of \(total) sampled pixels are not white")
        #expect(barRows >= 24, "only \(barRows) pixel rows show a bar")
    }
}
