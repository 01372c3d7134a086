import Foundation

/// A small line chart (log-scaled time against instance size, one line per solver) as SVG.
enum SVGChart {
    static func lines(title: String, rows: [ResultRow]) -> String {
        let width = 720.0, height = 420.0, left = 70.0, right = 150.0, top = 40.0, bottom = 50.0
        let points = rows.filter { $0.median.objective != nil }
        let methods = Array(Set(points.map(\.method))).sorted()
        let sizes = points.map { Double($0.size) }, times = points.map { max(1e-4, $0.median.seconds) }
        guard let minX = sizes.min(), let maxX = sizes.max(), let minT = times.min(), let maxT = times.max() else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"60\"><text x=\"10\" y=\"30\">\(title): no data</text></svg>\n"
        }
        let lx0 = log10(minX), lx1 = max(lx0 + 1e-9, log10(maxX))
        let ly0 = floor(log10(minT)), ly1 = max(ly0 + 1, ceil(log10(maxT)))
        func x(_ v: Double) -> Double { left + (log10(v) - lx0) / (lx1 - lx0) * (width - left - right) }
        func y(_ v: Double) -> Double { height - bottom - (log10(max(1e-4, v)) - ly0) / (ly1 - ly0) * (height - top - bottom) }
        // Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
        let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <title>\(title)</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Int(width / 2))" y="22" text-anchor="middle" font-size="15">\(title)</text>
        <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
        <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
        <text x="\((left + width - right) / 2)" y="\(height - 12)" text-anchor="middle">items (log scale)</text>
        <text x="18" y="\((top + height - bottom) / 2)" text-anchor="middle" transform="rotate(-90 18 \((top + height - bottom) / 2))">median seconds (log scale)</text>

        """
        var decade = ly0
        while decade <= ly1 {
            let v = pow(10, decade)
            svg += "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(width - right)\" y2=\"\(y(v))\" stroke=\"#ddd\"/><text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\">\(v >= 1 ? String(format: "%.0f", v) : String(format: "%g", v)) s</text>\n"
            decade += 1
        }
        for size in Set(sizes).sorted() {
            svg += "<text x=\"\(x(size))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(Int(size))</text>\n"
        }
        for (index, method) in methods.enumerated() {
            let colour = palette[index % palette.count]
            // Median time per size (several suites may share a size).
            let series = Dictionary(grouping: points.filter { $0.method == method }, by: \.size)
                .map { (Double($0.key), $0.value.map(\.median.seconds).sorted()[$0.value.count / 2]) }
                .sorted { $0.0 < $1.0 }
            let path = series.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            for p in series { svg += "<circle cx=\"\(x(p.0))\" cy=\"\(y(p.1))\" r=\"3\" fill=\"\(colour)\"/>\n" }
            let ly = top + 20 + Double(index) * 18
            svg += "<line x1=\"\(width - right + 12)\" y1=\"\(ly - 4)\" x2=\"\(width - right + 32)\" y2=\"\(ly - 4)\" stroke=\"\(colour)\" stroke-width=\"2\"/><text x=\"\(width - right + 38)\" y=\"\(ly)\">\(method)</text>\n"
        }
        return svg + "</svg>\n"
    }
}
