/// A line chart over ordered categories (weeks): one line per series, a marker of its own shape
/// on every point (so series differ by more than colour), gaps where a value is missing, and an
/// optional dashed reference line (a threshold).
public struct LineChart: Chart {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var colour: String
        /// One value per category; `nil` leaves a gap.
        public var values: [Double?]
        public init(name: String, colour: String, values: [Double?]) {
            self.name = name; self.colour = colour; self.values = values
        }
    }

    public var id: String
    public var title: String
    public var summary: String
    /// The x axis title: "Week (Monday)".
    public var categoryTitle: String
    /// The y axis title, with its unit.
    public var axisTitle: String
    public var format: NumberFormat
    public var categories: [String]
    public var series: [Series]
    public var reference: BarChart.Reference?
    public var domainAtLeast: Double?

    public init(id: String, title: String, summary: String, categoryTitle: String, axisTitle: String,
                format: NumberFormat, categories: [String], series: [Series], reference: BarChart.Reference? = nil,
                domainAtLeast: Double? = nil) {
        self.id = id; self.title = title; self.summary = summary; self.categoryTitle = categoryTitle
        self.axisTitle = axisTitle; self.format = format; self.categories = categories; self.series = series
        self.reference = reference; self.domainAtLeast = domainAtLeast
    }

    public func svg() -> String {
        let left = 78.0, right = ChartFrame.width - 24
        var legend = series.enumerated().map { i, s in
            LegendEntry(label: s.name, colour: s.colour, style: .line(dash: nil, marker: true), seriesIndex: i)
        }
        if let reference {
            legend.append(LegendEntry(label: reference.label, colour: ChartPalette.black, style: .line(dash: "5 3", marker: false)))
        }
        let legendTop = 8.0
        let top = legendTop + ChartFrame.legendHeight(legend, x: left) + 10
        let rotate = categories.count > 8
        let plotHeight = 200.0
        let bottomSpace = rotate ? 86.0 : 50.0
        let height = top + plotHeight + bottomSpace

        let values = series.flatMap { $0.values.compactMap { $0 } }
        var maximum = values.max() ?? 0
        if let reference { maximum = max(maximum, reference.value) }
        if let domainAtLeast { maximum = max(maximum, domainAtLeast) }
        let y = LinearScale(minimum: min(0, values.min() ?? 0), maximum: maximum, start: top + plotHeight, end: top, integers: format == .integer)
        let step = categories.count > 1 ? (right - left - 24) / Double(categories.count - 1) : 0
        func x(_ i: Int) -> Double { categories.count > 1 ? left + 12 + Double(i) * step : (left + right) / 2 }

        var svg = ChartFrame.open(self, height: height)
        ChartFrame.legend(legend, x: left, y: legendTop, into: &svg)
        svg.open("g", [("class", "axis")])
        for tick in y.ticks {
            let py = y(tick)
            svg.line(x1: left, y1: py, x2: right, y2: py, stroke: ChartPalette.grid)
            svg.text(format.string(tick), x: left - 6, y: py + 4, anchor: "end", className: "tick")
        }
        svg.line(x1: left, y1: top + plotHeight, x2: right, y2: top + plotHeight, stroke: ChartPalette.axis)
        // Label every category when they fit, else every k-th.
        let every = max(1, Int((Double(categories.count) * (rotate ? 14 : 70) / (right - left)).rounded(.up)))
        for (i, category) in categories.enumerated() where i % every == 0 || i == categories.count - 1 {
            let px = x(i)
            svg.line(x1: px, y1: top + plotHeight, x2: px, y2: top + plotHeight + 4, stroke: ChartPalette.axis)
            if rotate {
                svg.text(category, x: px, y: top + plotHeight + 14, anchor: "end", className: "tick", rotate: -45)
            } else {
                svg.text(category, x: px, y: top + plotHeight + 18, anchor: "middle", className: "tick")
            }
        }
        svg.text(categoryTitle, x: (left + right) / 2, y: height - 8, anchor: "middle", className: "axis-title")
        let middle = top + plotHeight / 2
        svg.text(axisTitle, x: 16, y: middle, anchor: "middle", className: "axis-title", rotate: -90)
        svg.close("g")

        if let reference {
            let py = y(reference.value)
            svg.line(x1: left, y1: py, x2: right, y2: py, stroke: ChartPalette.black, width: 1.5, dash: "5 3",
                     className: "reference")
        }

        for (s, item) in series.enumerated() {
            svg.open("g", [("class", "series"), ("aria-label", item.name)])
            var run: [(Double, Double)] = []
            func flush() {
                if run.count > 1 { svg.polyline(run, stroke: item.colour) }
                run = []
            }
            for (i, value) in item.values.enumerated() where i < categories.count {
                guard let value else { flush(); continue }
                run.append((x(i), y(value)))
            }
            flush()
            for (i, value) in item.values.enumerated() where i < categories.count {
                guard let value else { continue }
                svg.marker(MarkerShape.of(series: s), x: x(i), y: y(value), fill: item.colour,
                           tooltip: "\(item.name), \(categories[i]): \(format.string(value))")
            }
            svg.close("g")
        }
        svg.close("svg")
        return svg.markup
    }
}
