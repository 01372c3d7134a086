import DynamicBooks

/// The page of `books report --compare A B`: book value per rep on each side, the moves between
/// reps (and the pool) as a matrix, the pool by tier on each side, and the tables of
/// ``BooksComparison``. Self-contained like the report; the same inputs give the same bytes.
public enum ComparisonPage {
    public static func render(_ comparison: BooksComparison, a sideA: BooksSide, b sideB: BooksSide) -> String {
        let colourA = ChartPalette.blue, colourB = ChartPalette.orange
        let legend = [LegendEntry(label: "A", colour: colourA), LegendEntry(label: "B", colour: colourB)]
        let repsA = Dictionary(sideA.reps.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let repsB = Dictionary(sideB.reps.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let repIDs = Set(repsA.keys).union(repsB.keys).sorted()
        let value = BarChart(
            id: "value-per-rep", title: "Book value per rep, A and B",
            summary: "Each rep's book value Σ v(a, r) in A (first bar) and B (second bar).",
            axisTitle: "Book value (fit-weighted score)", format: .integer,
            bars: repIDs.flatMap { id in
                [BarChart.Bar(label: "A", value: repsA[id]?.value ?? 0, colour: colourA, group: id.rawValue),
                 BarChart.Bar(label: "B", value: repsB[id]?.value ?? 0, colour: colourB, group: id.rawValue)]
            }, legend: legend)
        func poolBars(_ side: BooksSide, _ name: String, _ colour: String) -> [BarChart.Bar] {
            Tier.allCases.map { tier in
                BarChart.Bar(label: name, value: Double(side.accounts.values.filter { $0.owner == nil && $0.tier == tier }.count),
                             colour: colour, group: "tier \(tier.rawValue)")
            }
        }
        let pool = BarChart(
            id: "pool-by-tier", title: "The pool by tier, A and B",
            summary: "Accounts in no book per tier in A (first bar) and B (second bar).",
            axisTitle: "Accounts in the pool", format: .integer,
            bars: zip(poolBars(sideA, "A", colourA), poolBars(sideB, "B", colourB)).flatMap { [$0, $1] }, legend: legend)

        // Moves matrix: rows = owner in A, columns = owner in B ("pool" for none).
        func key(_ rep: RepID?) -> String { rep?.rawValue ?? "pool" }
        var matrix: [String: [String: Int]] = [:]
        for move in comparison.moves { matrix[key(move.fromRep), default: [:]][key(move.toRep), default: 0] += 1 }
        let from = matrix.keys.sorted { ($0 == "pool" ? 1 : 0, $0) < ($1 == "pool" ? 1 : 0, $1) }
        let to = Set(matrix.values.flatMap(\.keys)).sorted { ($0 == "pool" ? 1 : 0, $0) < ($1 == "pool" ? 1 : 0, $1) }
        let matrixTable: HTML = comparison.moves.isEmpty ? .el("p", text: "No account changes hands.") : .el("table", [:], [
            .el("caption", text: "Accounts moving from their owner in A (rows) to their owner in B (columns)"),
            .el("thead", [:], [.el("tr", [:], [.el("th", ["scope": "col"], text: "A \\ B")] + to.map { .el("th", ["scope": "col"], text: $0) })]),
            .el("tbody", [:], from.map { row in
                .el("tr", [:], [.el("th", ["scope": "row"], text: row)] + to.map { column in
                    .el("td", [:], text: matrix[row]?[column].map(String.init) ?? "")
                })
            }),
        ])

        func number(_ x: Double?) -> String { x.map { NumberFormat.number(decimals: 2).string($0) } ?? "–" }
        func signed(_ x: Double?) -> String { x.map { ($0 > 0 ? "+" : "") + number($0) } ?? "–" }
        let t = comparison.totals
        let totals: [(String, Double?, Double?)] = [
            ("objective", t.a.objective, t.b.objective), ("book value", t.a.bookValue, t.b.bookValue),
            ("accounts in books", Double(t.a.inBooks), Double(t.b.inBooks)), ("accounts in the pool", Double(t.a.pooled), Double(t.b.pooled)),
            ("A/B accounts in books", Double(t.a.abInBooks), Double(t.b.abInBooks)),
            ("A/B accounts waiting", Double(t.a.abWaiting), Double(t.b.abWaiting)),
        ]
        let totalsTable = HTML.el("table", [:], [
            .el("thead", [:], [.el("tr", [:], ["total", "A", "B", "B − A"].map { .el("th", ["scope": "col"], text: $0) })]),
            .el("tbody", [:], totals.map { name, a, b in
                .el("tr", [:], [.el("th", ["scope": "row"], text: name), .el("td", [:], text: number(a)), .el("td", [:], text: number(b)),
                                .el("td", [:], text: signed(a.flatMap { x in b.map { $0 - x } }))])
            }),
        ])
        let repTable = HTML.el("table", [:], [
            .el("thead", [:], [.el("tr", [:], ["rep", "accounts Δ", "load Δ", "value Δ", "A/B/C/D Δ", "fairness ratio Δ", "moves in"]
                .map { .el("th", ["scope": "col"], text: $0) })]),
            .el("tbody", [:], comparison.reps.map { r in
                .el("tr", [:], [
                    .el("th", ["scope": "row"], text: r.id.rawValue), .el("td", [:], text: signed(Double(r.accounts))),
                    .el("td", [:], text: signed(r.load)), .el("td", [:], text: signed(r.value)),
                    .el("td", [:], text: Tier.allCases.map { String(r.tiers[$0.rawValue] ?? 0) }.joined(separator: "/")),
                    .el("td", [:], text: signed(r.fairnessRatio)), .el("td", [:], text: String(r.movesIn)),
                ])
            }),
        ])
        let title = "Comparison of two books"
        let body: [HTML] = [
            .el("header", [:], [
                .el("h1", text: title),
                .el("p", ["class": "meta"], [.text("A: \(comparison.a) · B: \(comparison.b) · differences are B − A · "
                                                   + "\(comparison.moves.count) accounts change hands, moves per rep max "
                                                   + "\(t.movesPerRepMax), mean \(number(t.movesPerRepMean))")]),
            ]),
            .el("section", ["id": "totals"], [.el("h2", text: "Totals"), totalsTable]),
            .el("section", ["id": "value"], [.el("h2", text: "Book value per rep"), .el("figure", [:], [.raw(value.svg())])]),
            .el("section", ["id": "moves"], [.el("h2", text: "Moves between reps"), matrixTable]),
            .el("section", ["id": "pool"], [.el("h2", text: "The pool by tier"), .el("figure", [:], [.raw(pool.svg())])]),
            .el("section", ["id": "reps"], [.el("h2", text: "Reps that differ"),
                                            comparison.reps.isEmpty ? .el("p", text: "No rep differs.") : repTable]),
            .el("footer", [:], [.text("Made by books report --compare. One self-contained file: no script, nothing loaded from the network.")]),
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
}
