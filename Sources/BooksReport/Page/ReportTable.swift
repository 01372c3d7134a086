/// A data table: a caption, column headings (numeric columns right-aligned) and text cells.
struct ReportTable {
    struct Column {
        var title: String
        var numeric: Bool
        init(_ title: String, numeric: Bool = false) { self.title = title; self.numeric = numeric }
    }

    var id: String
    var caption: String
    var columns: [Column]
    var rows: [[String]]
    /// Rows left out (the full list is in the source's CSV).
    var omitted = 0

    /// Columns after the first whose every cell is empty (names a plan folder does not have)
    /// are left out.
    func html() -> HTML {
        let kept = columns.indices.filter { c in c == 0 || rows.isEmpty || rows.contains { c < $0.count && !$0[c].isEmpty } }
        let columns = kept.map { self.columns[$0] }
        var body: [HTML] = []
        for row in rows {
            body.append(.el("tr", [:], kept.enumerated().map { position, c in
                let cell = c < row.count ? row[c] : ""
                return position == 0 ? .el("th", ["scope": "row"], text: cell)
                    : .el("td", self.columns[c].numeric ? ["class": "num"] : [:], text: cell)
            }))
        }
        var children: [HTML] = [
            .el("caption", text: caption),
            .el("thead", [:], [.el("tr", [:], columns.map {
                .el("th", $0.numeric ? ["scope": "col", "class": "num"] : ["scope": "col"], text: $0.title)
            })]),
            .el("tbody", [:], body),
        ]
        if omitted > 0 {
            children.append(.el("tfoot", [:], [.el("tr", [:], [
                .element("td", attributes: [.init("colspan", String(columns.count))],
                         children: [.text("… and \(omitted) more rows, left out of this page")]),
            ])]))
        }
        return .el("div", ["class": "table-wrap"], [.el("table", ["id": id], children)])
    }
}

/// The same table in several orders, switched by radio buttons and CSS alone (no script): the
/// first order shows by default, and print shows the order chosen.
struct SortedTables {
    /// Unique within the page; names the radio group.
    var id: String
    /// (what the order is by, the table in that order); at most ``maxOrders``.
    var orders: [(label: String, table: ReportTable)]

    static let maxOrders = 4

    func html() -> HTML {
        let orders = Array(self.orders.prefix(Self.maxOrders))
        guard orders.count > 1 else { return orders.first?.table.html() ?? .text("") }
        var children: [HTML] = orders.indices.map { i in
            var attributes: [HTML.Attribute] = [.init("type", "radio"), .init("name", id), .init("id", "\(id)-\(i + 1)"),
                                                .init("class", "sort-choice")]
            if i == 0 { attributes.append(.init("checked", nil)) }
            return .element("input", attributes: attributes, children: [])
        }
        var labels: [HTML] = [.text("Sort by: ")]
        for (i, order) in orders.enumerated() {
            if i > 0 { labels.append(.text(" · ")) }
            labels.append(.el("label", ["for": "\(id)-\(i + 1)"], text: order.label))
        }
        children.append(.el("p", ["class": "sort-by"], labels))
        for order in orders { children.append(.el("div", ["class": "sorted"], [order.table.html()])) }
        return .el("div", ["class": "sortable", "id": id], children)
    }
}
