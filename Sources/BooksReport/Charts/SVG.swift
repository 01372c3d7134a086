/// A writer of SVG markup: shapes and text with every attribute and text escaped, coordinates
/// printed with at most one decimal so the same chart is always the same bytes.
struct SVG {
    private(set) var markup = ""

    /// A coordinate or length.
    static func n(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 1, trimZeros: true) }

    /// ` name="value"` for each pair whose value is not nil.
    private static func attributes(_ pairs: [(String, String?)]) -> String {
        var out = ""
        for (name, value) in pairs {
            guard let value else { continue }
            out += " \(name)=\"\(Escape.attribute(value))\""
        }
        return out
    }

    mutating func open(_ name: String, _ pairs: [(String, String?)] = []) {
        markup += "<\(name)\(Self.attributes(pairs))>"
    }

    mutating func close(_ name: String) { markup += "</\(name)>" }

    /// An empty element.
    mutating func leaf(_ name: String, _ pairs: [(String, String?)]) {
        markup += "<\(name)\(Self.attributes(pairs))/>"
    }

    /// An element holding text only.
    mutating func textElement(_ name: String, _ pairs: [(String, String?)], _ text: String) {
        markup += "<\(name)\(Self.attributes(pairs))>\(Escape.text(text))</\(name)>"
    }

    /// A rectangle; `tooltip` becomes its `<title>`, which browsers show on hover.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, opacity: Double? = nil, className: String? = nil, tooltip: String? = nil) {
        let pairs: [(String, String?)] = [
            ("x", Self.n(x)), ("y", Self.n(y)), ("width", Self.n(max(0, width))), ("height", Self.n(max(0, height))),
            ("fill", fill), ("stroke", stroke), ("fill-opacity", opacity.map(Self.n2)), ("class", className),
        ]
        if let tooltip {
            open("rect", pairs)
            textElement("title", [], tooltip)
            close("rect")
        } else {
            leaf("rect", pairs)
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                       dash: String? = nil, className: String? = nil) {
        leaf("line", [("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2)),
                      ("stroke", stroke), ("stroke-width", Self.n(width)), ("stroke-dasharray", dash), ("class", className)])
    }

    /// Text; `anchor` is `start`, `middle` or `end`.
    mutating func text(_ string: String, x: Double, y: Double, anchor: String = "start", className: String? = nil,
                       weight: String? = nil, rotate: Double? = nil) {
        let transform = rotate.map { "rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))" }
        textElement("text", [("x", Self.n(x)), ("y", Self.n(y)), ("text-anchor", anchor == "start" ? nil : anchor),
                             ("class", className), ("font-weight", weight), ("transform", transform)], string)
    }

    /// A polyline through `points`.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        leaf("polyline", [("points", list), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.n(width)),
                          ("stroke-dasharray", dash), ("stroke-linejoin", "round")])
    }

    /// A point marker of the given shape, with a tooltip.
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, fill: String, tooltip: String) {
        let r = 3.5
        switch shape {
        case .circle:
            open("circle", [("cx", Self.n(x)), ("cy", Self.n(y)), ("r", Self.n(r)), ("fill", fill)])
        case .square:
            open("rect", [("x", Self.n(x - r)), ("y", Self.n(y - r)), ("width", Self.n(2 * r)), ("height", Self.n(2 * r)),
                          ("fill", fill)])
        case .diamond:
            let d = r * 1.3
            open("polygon", [("points", "\(Self.n(x)),\(Self.n(y - d)) \(Self.n(x + d)),\(Self.n(y)) \(Self.n(x)),\(Self.n(y + d)) \(Self.n(x - d)),\(Self.n(y))"),
                             ("fill", fill)])
        case .triangle:
            let d = r * 1.3
            open("polygon", [("points", "\(Self.n(x)),\(Self.n(y - d)) \(Self.n(x + d)),\(Self.n(y + d)) \(Self.n(x - d)),\(Self.n(y + d))"),
                             ("fill", fill)])
        }
        textElement("title", [], tooltip)
        close(shape.element)
    }

    private static func n2(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 2, trimZeros: true) }
}

/// Marker shapes, so series differ by more than colour.
enum MarkerShape: CaseIterable {
    case circle, square, diamond, triangle

    var element: String {
        switch self {
        case .circle: "circle"
        case .square: "rect"
        case .diamond, .triangle: "polygon"
        }
    }

    static func of(series index: Int) -> MarkerShape { allCases[index % allCases.count] }
}

/// Rough text metrics for layout: the report's sans-serif at 12 px averages about 6.6 px a character.
enum TextMetrics {
    static let characterWidth = 6.6

    static func width(_ text: String, size: Double = 12) -> Double {
        Double(text.count) * characterWidth * size / 12
    }

    /// `text` cut to fit `width` pixels, with an ellipsis when cut.
    static func fitted(_ text: String, width: Double) -> String {
        let limit = max(1, Int(width / characterWidth))
        guard text.count > limit else { return text }
        return String(text.prefix(max(1, limit - 1))) + "…"
    }
}
