/// A horizontal bar chart: one bar per row, an optional shaded range behind each bar (a band the
/// value should fall in), an optional dashed reference line (a threshold), rows optionally
/// grouped under headings.
///
/// Horizontal bars keep long rep and reason names readable and let the chart grow with the
/// number of rows instead of squeezing them.
public struct BarChart: Chart {
    /// One row.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        public var colour: String
        /// A range to shade behind the bar (e.g. the fairness band).
        public var range: ClosedRange<Double>?
        /// Rows with the same group are drawn together under the group's heading, in order.
        public var group: String?
        /// The value as printed at the bar's end (default: ``BarChart/format`` of the value).
        public var valueText: String?

        public init(label: String, value: Double, colour: String = ChartPalette.blue, range: ClosedRange<Double>? = nil,
                    group: String? = nil, valueText: String? = nil) {
            self.label = label; self.value = value; self.colour = colour; self.range = range
            self.group = group; self.valueText = valueText
        }
    }

    /// A vertical dashed line across every row.
    public struct Reference: Sendable, Equatable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }

    public var id: String
    public var title: String
    public var summary: String
    /// The value axis title, with its unit: "Utilisation (% of capacity)".
    public var axisTitle: String
    public var format: NumberFormat
    public var bars: [Bar]
    public var reference: Reference?
    public var legend: [LegendEntry]
    /// The axis reaches at least this far (e.g. 100% for utilisation).
    public var domainAtLeast: Double?

    public init(id: String, title: String, summary: String, axisTitle: String, format: NumberFormat, bars: [Bar],
                reference: Reference? = nil, legend: [LegendEntry] = [], domainAtLeast: Double? = nil) {
        self.id = id; self.title = title; self.summary = summary; self.axisTitle = axisTitle; self.format = format
        self.bars = bars; self.reference = reference; self.legend = legend; self.domainAtLeast = domainAtLeast
    }

    static let rowHeight = 20.0
    static let barHeight = 12.0
    static let rangeHeight = 18.0

    public func svg() -> String {
        let labelWidth = min(220, max(60, (bars.map { TextMetrics.width($0.label) }.max() ?? 0) + 12))
        let left = labelWidth + 8
        let valueWidth = bars.map { TextMetrics.width($0.valueText ?? format.string($0.value), size: 11) }.max() ?? 0
        let right = ChartFrame.width - max(40, valueWidth + 14)
        let legendTop = 8.0
        let legendHeight = ChartFrame.legendHeight(legend, x: left)
        let top = legendTop + legendHeight + (reference == nil ? 6 : 18)
        let lines = Self.layout(bars)
        let plotHeight = Double(max(1, lines.count)) * Self.rowHeight
        let height = top + plotHeight + 48

        var maximum = bars.map { max($0.value, $0.range?.upperBound ?? 0) }.max() ?? 0
        if let reference { maximum = max(maximum, reference.value) }
        if let domainAtLeast { maximum = max(maximum, domainAtLeast) }
        let minimum = min(0, bars.map(\.value).min() ?? 0)
        let scale = LinearScale(minimum: minimum, maximum: maximum, start: left, end: right, integers: format == .integer)

        var svg = ChartFrame.open(self, height: height)
        ChartFrame.legend(legend, x: left, y: legendTop, into: &svg)

        // Grid and tick labels.
        svg.open("g", [("class", "axis")])
        for tick in scale.ticks {
            let x = scale(tick)
            svg.line(x1: x, y1: top, x2: x, y2: top + plotHeight, stroke: ChartPalette.grid)
            svg.text(format.string(tick), x: x, y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.line(x1: scale(max(0, scale.lower)), y1: top, x2: scale(max(0, scale.lower)), y2: top + plotHeight,
                 stroke: ChartPalette.axis)
        svg.text(axisTitle, x: (left + right) / 2, y: top + plotHeight + 38, anchor: "middle", className: "axis-title")
        svg.close("g")

        // Rows.
        svg.open("g", [("class", "bars")])
        for (row, line) in lines.enumerated() {
            let y = top + Double(row) * Self.rowHeight
            let middle = y + Self.rowHeight / 2
            switch line {
            case .heading(let name):
                svg.text(TextMetrics.fitted(name, width: right - 8), x: 8, y: middle + 4, className: "group-label",
                         weight: "bold")
            case .bar(let bar):
                svg.text(TextMetrics.fitted(bar.label, width: labelWidth - 4), x: labelWidth, y: middle + 4, anchor: "end",
                         className: "row-label")
                let valueText = bar.valueText ?? format.string(bar.value)
                var end = scale(max(bar.value, 0))
                if let range = bar.range {
                    let x0 = scale(range.lowerBound), x1 = scale(range.upperBound)
                    svg.rect(x: x0, y: middle - Self.rangeHeight / 2, width: x1 - x0, height: Self.rangeHeight,
                             fill: ChartPalette.band, opacity: 0.3, className: "range",
                             tooltip: "\(bar.label): band \(format.string(range.lowerBound))–\(format.string(range.upperBound))")
                    end = max(end, x1)
                }
                let zero = scale(0)
                let x = scale(bar.value)
                svg.rect(x: min(zero, x), y: middle - Self.barHeight / 2, width: abs(x - zero), height: Self.barHeight,
                         fill: bar.colour, className: "bar", tooltip: "\(bar.label): \(valueText)")
                svg.text(valueText, x: end + 4, y: middle + 4, className: "value")
            }
        }
        svg.close("g")

        if let reference {
            let x = scale(reference.value)
            svg.line(x1: x, y1: top - 4, x2: x, y2: top + plotHeight, stroke: ChartPalette.black, width: 1.5, dash: "5 3",
                     className: "reference")
            svg.text(reference.label, x: x, y: top - 7, anchor: "middle", className: "reference-label")
        }
        svg.close("svg")
        return svg.markup
    }

    enum Line { case heading(String), bar(Bar) }

    /// Rows in order, with a heading before each run of bars of a new group.
    static func layout(_ bars: [Bar]) -> [Line] {
        var lines: [Line] = []
        var current: String?
        for bar in bars {
            if let group = bar.group, group != current {
                lines.append(.heading(group))
                current = group
            }
            lines.append(.bar(bar))
        }
        return lines
    }
}
