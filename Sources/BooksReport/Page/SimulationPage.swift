import DynamicBooks

/// The page of `books simulate --out`: weekly lines per arm, the final outcomes as bars with
/// their 90% intervals, and the table of every outcome. Self-contained like the report (inline
/// CSS and SVG, no script); the same result always gives the same bytes.
public enum SimulationPage {
    public static func render(_ result: SimulationResult) -> String {
        let weeks = (1 ... max(1, result.weeks)).map(String.init)
        func lines(_ id: String, _ title: String, _ axis: String, _ format: NumberFormat, _ value: (SimulationWeek) -> Double) -> HTML {
            let chart = LineChart(
                id: id, title: title, summary: "\(title), per week, one line per arm (mean over \(result.runs) runs).",
                categoryTitle: "Week", axisTitle: axis, format: format, categories: weeks,
                series: result.arms.enumerated().map { i, arm in
                    LineChart.Series(name: arm.name, colour: ChartPalette.series(i), values: arm.weekly.map { value($0) })
                })
            return .el("figure", [:], [.raw(chart.svg())])
        }
        func bars(_ measure: SimulationMeasure, _ format: NumberFormat) -> HTML {
            let chart = BarChart(
                id: "final-\(measure.rawValue)", title: "\(measure.rawValue) by arm",
                summary: "\(measure.meaning): mean over \(result.runs) runs, the whisker is the 90% interval.",
                axisTitle: measure.rawValue, format: format,
                bars: result.arms.enumerated().map { i, arm in
                    let e = arm.outcomes[measure.rawValue] ?? Estimate([])
                    return BarChart.Bar(label: arm.name, value: e.mean, colour: ChartPalette.series(i), range: e.low ... e.high)
                })
            return .el("figure", [:], [.raw(chart.svg())])
        }
        var rows: [HTML] = []
        for measure in SimulationMeasure.allCases {
            var cells: [HTML] = [.el("th", ["scope": "row", "title": measure.meaning], text: measure.rawValue)]
            for (i, arm) in result.arms.enumerated() {
                let e = arm.outcomes[measure.rawValue] ?? Estimate([])
                cells.append(.el("td", [:], text: "\(Self.number(e.mean)) [\(Self.number(e.low)), \(Self.number(e.high))]"))
                if i > 0, let d = arm.differenceToFirst[measure.rawValue] {
                    cells.append(.el("td", [:], text: "\(Self.signed(d.mean)) [\(Self.signed(d.low)), \(Self.signed(d.high))]"))
                }
            }
            rows.append(.el("tr", [:], cells))
        }
        var header: [HTML] = [.el("th", ["scope": "col"], text: "outcome")]
        for (i, arm) in result.arms.enumerated() {
            header.append(.el("th", ["scope": "col"], text: "\(arm.name) (90% interval)"))
            if i > 0 { header.append(.el("th", ["scope": "col"], text: "\(arm.name) − \(result.arms[0].name)")) }
        }
        let title = "Simulation: \(result.arms.map(\.name).joined(separator: " vs "))"
        let body: [HTML] = [
            .el("header", [:], [
                .el("h1", text: title),
                .el("p", ["class": "meta"], [.text(
                    "\(result.accounts) accounts, \(result.reps) reps · \(result.weeks) weeks from \(result.start) · "
                        + "\(result.runs) runs, seed \(result.seed) · the same behaviour in every arm (common random numbers)")]),
            ]),
            .el("section", ["id": "outcomes"], [
                .el("h2", text: "Outcomes"),
                .el("table", [:], [.el("thead", [:], [.el("tr", [:], header)]), .el("tbody", [:], rows)]),
            ]),
            .el("section", ["id": "final"], [
                .el("h2", text: "Final outcomes with 90% intervals"),
                bars(.opportunities, .integer), bars(.abCoverage, .percent(decimals: 0)), bars(.abWaiting, .integer),
            ]),
            .el("section", ["id": "weekly"], [
                .el("h2", text: "Week by week"),
                lines("weekly-opportunities", "Opportunities opened", "Opportunities", .number(decimals: 1), \.opportunities),
                lines("weekly-coverage", "Coverage of A/B accounts", "A/B worked within the window", .percent(decimals: 0), \.abCoverage),
                lines("weekly-waiting", "A/B accounts waiting", "A/B accounts in no book", .integer, \.abWaiting),
                lines("weekly-utilisation", "Utilisation", "Workload ÷ capacity", .percent(decimals: 0), \.utilisation),
            ]),
            .el("footer", [:], [.text("Made by books simulate. One self-contained file: no script, nothing loaded from the network.")]),
        ]
        let document = HTML.el("html", ["lang": "en"], [
            .el("head", [:], [
                .element("meta", attributes: [.init("charset", "utf-8")], children: []),
                .el("title", text: title),
                .el("style", [:], [.raw(ReportStyle.css)]),
            ]),
            .el("body", [:], body),
        ])
        return "<!DOCTYPE html>\n" + document.render() + "\n"
    }

    static func number(_ x: Double) -> String { NumberFormat.number(decimals: 3).string(x) }
    static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + number(x) }
}
