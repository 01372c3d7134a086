/// A horizontal stacked bar chart: per row, the parts of a whole in a fixed series order
/// (the tier mix of a book, the tiers of the pool for one reason).
public struct StackedBarChart: Chart {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var colour: String
        public init(name: String, colour: String) { self.name = name; self.colour = colour }
    }

    public struct Row: Sendable, Equatable {
        public var label: String
        /// One value per series, in series order.
        public var values: [Double]
        public var group: String?
        public init(label: String, values: [Double], group: String? = nil) {
            self.label = label; self.values = values; self.group = group
        }
    }

    public var id: String
    public var title: String
    public var summary: String
    public var axisTitle: String
    public var format: NumberFormat
    public var series: [Series]
    public var rows: [Row]

    public init(id: String, title: String, summary: String, axisTitle: String, format: NumberFormat = .integer,
                series: [Series], rows: [Row]) {
        self.id = id; self.title = title; self.summary = summary; self.axisTitle = axisTitle; self.format = format
        self.series = series; self.rows = rows
    }

    public func svg() -> String {
        let labelWidth = min(220, max(60, (rows.map { TextMetrics.width($0.label) }.max() ?? 0) + 12))
        let left = labelWidth + 8
        let right = ChartFrame.width - 50
        let legend = series.map { LegendEntry(label: $0.name, colour: $0.colour) }
        let legendTop = 8.0
        let top = legendTop + ChartFrame.legendHeight(legend, x: left) + 6
        var lines: [(group: String?, row: Row?)] = []
        var current: String?
        for row in rows {
            if let group = row.group, group != current { lines.append((group, nil)); current = group }
            lines.append((nil, row))
        }
        let plotHeight = Double(max(1, lines.count)) * BarChart.rowHeight
        let height = top + plotHeight + 48
        let totals = rows.map { $0.values.reduce(0) { $0 + max(0, $1) } }
        let scale = LinearScale(minimum: 0, maximum: totals.max() ?? 0, start: left, end: right, integers: format == .integer)

        var svg = ChartFrame.open(self, height: height)
        ChartFrame.legend(legend, x: left, y: legendTop, into: &svg)
        svg.open("g", [("class", "axis")])
        for tick in scale.ticks {
            let x = scale(tick)
            svg.line(x1: x, y1: top, x2: x, y2: top + plotHeight, stroke: ChartPalette.grid)
            svg.text(format.string(tick), x: x, y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: ChartPalette.axis)
        svg.text(axisTitle, x: (left + right) / 2, y: top + plotHeight + 38, anchor: "middle", className: "axis-title")
        svg.close("g")

        svg.open("g", [("class", "bars")])
        for (index, line) in lines.enumerated() {
            let y = top + Double(index) * BarChart.rowHeight
            let middle = y + BarChart.rowHeight / 2
            if let group = line.group {
                svg.text(TextMetrics.fitted(group, width: right - 8), x: 8, y: middle + 4, className: "group-label", weight: "bold")
                continue
            }
            guard let row = line.row else { continue }
            svg.text(TextMetrics.fitted(row.label, width: labelWidth - 4), x: labelWidth, y: middle + 4, anchor: "end",
                     className: "row-label")
            var start = 0.0
            for (s, item) in series.enumerated() {
                let value = s < row.values.count ? max(0, row.values[s]) : 0
                guard value > 0 else { continue }
                let x0 = scale(start), x1 = scale(start + value)
                svg.rect(x: x0, y: middle - BarChart.barHeight / 2, width: x1 - x0, height: BarChart.barHeight,
                         fill: item.colour, stroke: "#FFFFFF", className: "segment",
                         tooltip: "\(row.label) — \(item.name): \(format.string(value))")
                start += value
            }
            svg.text(format.string(start), x: scale(start) + 4, y: middle + 4, className: "value")
        }
        svg.close("g")
        svg.close("svg")
        return svg.markup
    }
}
