@testable import BooksReport
import Testing

@Suite("SVG charts")
struct ChartTests {
    @Test("Axes end on round ticks: 1, 2 or 5 times a power of ten")
    func niceTicks() {
        let scale = LinearScale(minimum: 0, maximum: 1010, start: 0, end: 100)
        #expect(scale.ticks == [0, 200, 400, 600, 800, 1000, 1200])
        #expect(scale(600) == 50)
        let shares = LinearScale(minimum: 0, maximum: 1, start: 0, end: 100)
        #expect(shares.ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        // Counts never get fractional ticks.
        let counts = LinearScale(minimum: 0, maximum: 1, start: 0, end: 100, integers: true)
        #expect(counts.ticks == [0, 1])
        // A flat series still gets an axis.
        #expect(LinearScale(minimum: 0, maximum: 0, start: 0, end: 100).ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    }

    @Test("A bar chart has its title, description, label and one bar, band and value per row")
    func barChart() {
        let chart = BarChart(
            id: "c1", title: "Value & fairness", summary: "Per rep <value>.", axisTitle: "points", format: .integer,
            bars: [BarChart.Bar(label: "R1 <b>", value: 40, range: 30 ... 50, group: "SMB/NA"),
                   BarChart.Bar(label: "R2", value: 70, colour: ChartPalette.orange, range: 30 ... 50, group: "SMB/NA"),
                   BarChart.Bar(label: "R3", value: 10, group: "MM/all")],
            reference: BarChart.Reference(value: 60, label: "limit"),
            legend: [LegendEntry(label: "band", colour: ChartPalette.band, style: .band)])
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Value &amp; fairness\""))
        #expect(svg.contains("<title id=\"c1-title\">Value &amp; fairness</title>"))
        #expect(svg.contains("<desc id=\"c1-desc\">Per rep &lt;value&gt;.</desc>"))
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "class=\"range\"").count - 1 == 2)
        #expect(svg.contains(">R1 &lt;b&gt;</text>"))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains(">SMB/NA</text>") && svg.contains(">MM/all</text>"))
        #expect(svg.contains("class=\"reference\""))
        #expect(svg.contains(">points</text>"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test("A stacked bar draws one segment per non-zero part and the row total")
    func stackedBar() {
        let chart = StackedBarChart(
            id: "c2", title: "Tiers", summary: "Tiers per rep.", axisTitle: "Accounts",
            series: [.init(name: "A", colour: ChartPalette.blue), .init(name: "B", colour: ChartPalette.orange)],
            rows: [.init(label: "R1", values: [3, 0]), .init(label: "R2", values: [1, 4])])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "class=\"segment\"").count - 1 == 3)
        #expect(svg.contains("<title>R2 — B: 4</title>"))
        #expect(svg.contains(">5</text>"))   // R2's total
    }

    @Test("A line chart breaks at missing values and marks every point with its value")
    func lineChart() {
        let chart = LineChart(
            id: "c3", title: "Trend", summary: "Weekly.", categoryTitle: "Week", axisTitle: "Share", format: .percent(decimals: 0),
            categories: ["w1", "w2", "w3", "w4", "w5"],
            series: [.init(name: "coverage", colour: ChartPalette.bluishGreen, values: [0.5, 0.6, nil, 0.7, 0.8])],
            reference: BarChart.Reference(value: 0.6, label: "minimum"))
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<title>coverage, w").count - 1 == 4)
        #expect(svg.contains("<title>coverage, w4: 70%</title>"))
        #expect(svg.contains(">minimum</text>"))
    }

    @Test("The palette is Okabe–Ito")
    func palette() {
        #expect(ChartPalette.series == ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"])
        #expect(ChartPalette.series(9) == "#E69F00")
    }
}
