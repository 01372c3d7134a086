/// A chart that renders itself as a standalone, accessible SVG element.
///
/// Every chart carries a title (the SVG's `<title>` and its `aria-label`) and a one-sentence
/// summary of what it shows (`<desc>`), so a screen reader announces more than "image".
public protocol Chart: Sendable {
    /// Unique within the page; prefixes the ids of the chart's `<title>` and `<desc>`.
    var id: String { get }
    var title: String { get }
    /// What the chart shows, in words (units included).
    var summary: String { get }
    /// The `<svg>` element.
    func svg() -> String
}

/// One entry of a chart's legend.
public struct LegendEntry: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        /// A filled square (bars, bar segments).
        case box
        /// A shaded range (the fairness band).
        case band
        /// A line with an optional dash pattern and marker (line series, thresholds).
        case line(dash: String?, marker: Bool)
    }

    public var label: String
    public var colour: String
    public var style: Style
    /// Index of the line series, for its marker shape.
    var seriesIndex: Int

    public init(label: String, colour: String, style: Style = .box) {
        self.label = label; self.colour = colour; self.style = style; seriesIndex = 0
    }

    init(label: String, colour: String, style: Style, seriesIndex: Int) {
        self.label = label; self.colour = colour; self.style = style; self.seriesIndex = seriesIndex
    }
}

/// The parts every chart shares: the `<svg>` frame with its title and description, the legend,
/// and the axis titles.
enum ChartFrame {
    static let width = 940.0
    static let legendHeight = 24.0

    /// Opens the `<svg>` element with `role="img"`, `aria-label`, `<title>` and `<desc>`.
    static func open(_ chart: some Chart, height: Double) -> SVG {
        var svg = SVG()
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("role", "img"),
            ("viewBox", "0 0 \(SVG.n(width)) \(SVG.n(height))"), ("width", SVG.n(width)), ("height", SVG.n(height)),
            ("aria-label", chart.title), ("aria-describedby", "\(chart.id)-desc"),
        ])
        svg.textElement("title", [("id", "\(chart.id)-title")], chart.title)
        svg.textElement("desc", [("id", "\(chart.id)-desc")], chart.summary)
        return svg
    }

    /// Draws the legend in one row from `x`, `y` (top), wrapping when it runs out of width.
    /// - Returns: the height used.
    @discardableResult
    static func legend(_ entries: [LegendEntry], x: Double, y: Double, into svg: inout SVG) -> Double {
        guard !entries.isEmpty else { return 0 }
        svg.open("g", [("class", "legend")])
        var cx = x, cy = y
        for entry in entries {
            let itemWidth = 22 + TextMetrics.width(entry.label) + 16
            if cx + itemWidth > width - 8, cx > x {
                cx = x
                cy += 18
            }
            switch entry.style {
            case .box:
                svg.rect(x: cx, y: cy + 2, width: 12, height: 12, fill: entry.colour)
            case .band:
                svg.rect(x: cx, y: cy + 2, width: 12, height: 12, fill: entry.colour, opacity: 0.3)
            case let .line(dash, marker):
                svg.line(x1: cx - 2, y1: cy + 8, x2: cx + 14, y2: cy + 8, stroke: entry.colour, width: 2, dash: dash)
                if marker {
                    svg.marker(MarkerShape.of(series: entry.seriesIndex), x: cx + 6, y: cy + 8, fill: entry.colour,
                               tooltip: entry.label)
                }
            }
            svg.text(entry.label, x: cx + 20, y: cy + 12, className: "legend-label")
            cx += itemWidth
        }
        svg.close("g")
        return cy - y + 18 + 6
    }

    /// How tall the legend will be.
    static func legendHeight(_ entries: [LegendEntry], x: Double) -> Double {
        var scratch = SVG()
        return legend(entries, x: x, y: 0, into: &scratch)
    }
}
