import DynamicBooks

/// The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.
///
/// ``render(_:)`` is a pure function: the same ``ReportData`` always gives the same string, so
/// reports can be compared byte for byte and tested without a browser.
public enum ReportPage {
    /// At most this many change rows per table order (the full list is in changes.csv or `books export`).
    public static let maxChangeRows = 500

    /// The page.
    public static func render(_ data: ReportData) -> String {
        let sections = self.sections(data)
        let title = "Dynamic books report — \(data.headline), as of \(data.asOf)"
        var body: [HTML] = [
            .el("header", [:], [
                .el("h1", text: "Dynamic books report"),
                .el("p", ["class": "meta"], [
                    .text("\(data.headline.prefix(1).uppercased() + data.headline.dropFirst()) · as of \(data.asOf) · "
                          + "from \(data.source == .plan ? "the plan folder" : "the workspace") "),
                    .el("code", text: data.location),
                ]),
            ]),
            kpis(data),
        ]
        if !data.notes.isEmpty {
            body.append(.el("ul", ["class": "notes", "aria-label": "Notes on the numbers"], data.notes.map { .el("li", text: $0) }))
        }
        body.append(.el("nav", ["aria-label": "Contents"], [
            .el("h2", ["id": "contents"], text: "Contents"),
            .el("ol", [:], sections.map { .el("li", [:], [.el("a", ["href": "#\($0.id)"], text: $0.title)]) }),
        ]))
        for section in sections {
            body.append(.el("section", ["id": section.id, "aria-labelledby": "\(section.id)-heading"],
                            [.el("h2", ["id": "\(section.id)-heading"], text: section.title)] + section.content))
        }
        body.append(.el("footer", [:], [.text(
            "Made by books report from \(data.source == .plan ? "a plan folder" : "a workspace"). "
                + "One self-contained file: no script, nothing loaded from the network. "
                + "Tables switch order with the Sort by links.")]))

        let document = HTML.el("html", ["lang": "en"], [
            .el("head", [:], [
                .element("meta", attributes: [.init("charset", "utf-8")], children: []),
                .element("meta", attributes: [.init("name", "viewport"), .init("content", "width=device-width, initial-scale=1")],
                         children: []),
                .element("meta", attributes: [.init("name", "generator"), .init("content", "books report")], children: []),
                .el("title", text: title),
                .el("style", [:], [.raw(ReportStyle.css)]),
            ]),
            .el("body", [:], body),
        ])
        return "<!DOCTYPE html>\n" + document.render() + "\n"
    }

    /// One section of the page.
    struct Section {
        var id: String
        var title: String
        var content: [HTML]
    }

    static func sections(_ data: ReportData) -> [Section] {
        [fairnessSection(data), utilisationSection(data), tierSection(data), poolSection(data), coverageSection(data),
         changesSection(data), trendSection(data), solverSection(data)]
    }

    /// The headline numbers.
    static func kpis(_ data: ReportData) -> HTML {
        let t = data.totals
        var items: [(String, String)] = [
            ("Accounts", "\(t.accounts)"), ("In books", "\(t.assigned)"), ("In the pool", "\(t.pooled)"),
            (data.source == .plan ? "Moved between reps" : "Moved in the last run", "\(t.moves)"),
            ("Reps", "\(data.reps.count)"),
        ]
        if let solve = data.solve {
            items.append(("Solver", solve.solver))
            items.append(("Status", solve.status.rawValue))
            items.append(("Gap", solve.gap.map { NumberFormat.percent(decimals: 2).string($0) } ?? "no bound"))
        }
        let outside = data.groups.filter { !$0.withinBand && $0.minRatio != nil }.count
        items.append(("Groups outside the band", "\(outside) of \(data.groups.count)"))
        if let coverage = data.coverage {
            items.append(("Reps below coverage", "\(coverage.reps.filter(\.belowMinimum).count) of \(coverage.reps.count)"))
        }
        return .el("dl", ["class": "kpis", "aria-label": "Headline numbers"], items.map { item in
            .el("div", ["class": "kpi"], [.el("dt", text: item.0), .el("dd", text: item.1)])
        })
    }

    /// A chart in a figure, under its `<h3>` title, with its summary as the caption.
    static func figure(_ chart: (any Chart)?, empty: String) -> [HTML] {
        guard let chart else { return [.el("p", ["class": "empty"], text: empty)] }
        return [.el("figure", ["id": "\(chart.id)-figure", "aria-labelledby": "\(chart.id)-heading"], [
            .el("h3", ["id": "\(chart.id)-heading"], text: chart.title),
            .raw(chart.svg()),
            .el("figcaption", text: chart.summary),
        ])]
    }

    // Formatting shared by the tables.
    static func number(_ x: Double) -> String { NumberFormat.number(decimals: 2).string(x) }
    static func percent(_ x: Double?) -> String { x.map { NumberFormat.percent(decimals: 1).string($0) } ?? "–" }
    static func ratio(_ x: Double?) -> String { x.map { NumberFormat.ratio.string($0) } ?? "–" }
}
