import DynamicBooks

/// The sections of the page: a chart (or two) and the table with the exact numbers.
extension ReportPage {
    static func fairnessSection(_ data: ReportData) -> Section {
        let band = NumberFormat.percent(decimals: 0).string(data.fairness.band)
        let groups = ReportTable(
            id: "groups", caption: "Fairness groups (same segment and theaters)",
            columns: [.init("Group"), .init("Reps", numeric: true), .init("Capacity C(G)", numeric: true),
                      .init("Load", numeric: true), .init("Value V(G)", numeric: true), .init("Lowest ratio", numeric: true),
                      .init("Highest ratio", numeric: true), .init("Gini", numeric: true), .init("Within ±\(band)")],
            rows: data.groups.map { g in
                [g.name, "\(g.reps)", number(g.capacity), number(g.load), number(g.score), ratio(g.minRatio), ratio(g.maxRatio),
                 g.gini.map { NumberFormat.number(decimals: 3).string($0) } ?? "–", g.minRatio == nil ? "–" : (g.withinBand ? "yes" : "no")]
            })
        let mode = "Fairness mode \(data.fairness.mode), band ±\(band)\(data.fairness.bandAssumed ? " (policy default, assumed)" : ""). "
            + "A rep's ratio V(r)·C(G) / (C(r)·V(G)) is 1 when its book holds exactly its capacity's share of the group's value."
        return Section(id: "fairness", title: "Book value and fairness",
                       content: [.el("p", text: mode)] + figure(ReportCharts.fairness(data), empty: "No reps.") + [groups.html()])
    }

    static func utilisationSection(_ data: ReportData) -> Section {
        let columns: [ReportTable.Column] = [
            .init("Rep"), .init("Name"), .init("Group"), .init("Capacity", numeric: true), .init("Load", numeric: true),
            .init("Utilisation", numeric: true), .init("Accounts", numeric: true), .init("Value Σv", numeric: true),
            .init("Score V(r)", numeric: true), .init("Fairness ratio", numeric: true), .init("Available"),
        ]
        func table(_ id: String, _ caption: String, _ reps: [ReportRep]) -> ReportTable {
            ReportTable(id: id, caption: caption, columns: columns, rows: reps.map { r in
                [r.id.rawValue, r.name, r.group, number(r.capacity), number(r.load), percent(r.utilisation), "\(r.accounts)",
                 number(r.value), number(r.score), ratio(r.fairnessRatio), r.available ? "yes" : "no"]
            })
        }
        let byValue = data.reps.sorted { ($1.value, $0.id) < ($0.value, $1.id) }
        let byName = data.reps.sorted { ($0.id, $0.name) < ($1.id, $1.name) }
        let byUse = data.reps.sorted { ($1.utilisation ?? -1, $0.id) < ($0.utilisation ?? -1, $1.id) }
        let tables = SortedTables(id: "reps", orders: [
            ("value", table("reps-by-value", "Reps by book value, highest first", byValue)),
            ("rep", table("reps-by-name", "Reps by id", byName)),
            ("utilisation", table("reps-by-utilisation", "Reps by utilisation, highest first", byUse)),
        ])
        return Section(id: "utilisation", title: "Capacity utilisation",
                       content: figure(ReportCharts.utilisation(data), empty: "No reps.") + [tables.html()])
    }

    static func tierSection(_ data: ReportData) -> Section {
        let table = ReportTable(
            id: "tiers", caption: "Accounts per tier in each book",
            columns: [.init("Rep"), .init("Group"), .init("A", numeric: true), .init("B", numeric: true),
                      .init("C", numeric: true), .init("D", numeric: true), .init("Total", numeric: true)],
            rows: ReportCharts.orderedByGroup(data.reps).map { r in
                [r.id.rawValue, r.group] + r.tiers.inOrder.map(String.init) + ["\(r.tiers.total)"]
            })
        return Section(id: "tiers", title: "Tier mix", content: figure(ReportCharts.tierMix(data), empty: "No reps.") + [table.html()])
    }

    static func poolSection(_ data: ReportData) -> Section {
        let reasons = ReportCharts.poolReasons(data)
        let tiered = !data.pool.isEmpty && data.pool.allSatisfy { $0.tier != nil }
        func count(_ reason: String, _ tier: Tier?) -> Int {
            data.pool.filter { $0.reason == reason && (tier == nil || $0.tier == tier) }.reduce(0) { $0 + $1.count }
        }
        let tiers = Tier.allCases.sorted(by: >)
        let table = ReportTable(
            id: "pool", caption: "Pooled accounts by reason",
            columns: [.init("Reason")] + (tiered ? tiers.map { .init($0.rawValue, numeric: true) } : []) + [.init("Total", numeric: true)],
            rows: reasons.map { reason in
                [reason] + (tiered ? tiers.map { "\(count(reason, $0))" } : []) + ["\(count(reason, nil))"]
            })
        let intro = data.source == .workspace
            ? "Accounts in no book, by the rule that keeps them out; ready accounts wait for the next top-off."
            : "Accounts the plan left in the pool, by the reason it gives."
        return Section(id: "pool", title: "The ready pool",
                       content: [.el("p", text: intro)] + figure(ReportCharts.pool(data), empty: "The pool is empty.")
                           + (reasons.isEmpty ? [] : [table.html()]))
    }

    static func coverageSection(_ data: ReportData) -> Section {
        guard let coverage = data.coverage else {
            return Section(id: "coverage", title: "Coverage", content: [.el("p", ["class": "empty"], text:
                "Coverage needs the activity log and the books over time: run books report on a workspace (--db).")])
        }
        let columns: [ReportTable.Column] = [.init("Rep"), .init("Name"), .init("Worked", numeric: true),
                                             .init("Counted", numeric: true), .init("Share", numeric: true),
                                             .init("In grace", numeric: true), .init("Below minimum")]
        func table(_ id: String, _ caption: String, _ lines: [ReportRepCoverage]) -> ReportTable {
            ReportTable(id: id, caption: caption, columns: columns, rows: lines.map { c in
                [c.rep.rawValue, c.name, "\(c.worked)", "\(c.counted)", percent(c.share), "\(c.inGrace)", c.belowMinimum ? "yes" : "no"]
            })
        }
        let byShare = coverage.reps.sorted { ($0.share ?? 2, $0.rep) < ($1.share ?? 2, $1.rep) }
        let tables = SortedTables(id: "coverage-tables", orders: [
            ("share", table("coverage-by-share", "Coverage by share, lowest first", byShare)),
            ("rep", table("coverage-by-rep", "Coverage by rep id", coverage.reps.sorted { $0.rep < $1.rep })),
        ])
        return Section(id: "coverage", title: "Coverage",
                       content: figure(ReportCharts.coverage(data), empty: "No reps.") + [tables.html()])
    }

    static func changesSection(_ data: ReportData) -> Section {
        let changes = data.changes
        var content: [HTML] = [.el("p", text: changes.title + (changes.unchanged > 0 ? " — \(changes.unchanged) accounts stayed with their owner." : ""))]
        guard !changes.rows.isEmpty else {
            content.append(.el("p", ["class": "empty"], text: "No changes."))
            return Section(id: "changes", title: "Changes of the last run", content: content)
        }
        content += figure(ReportCharts.changes(data), empty: "")
        let columns: [ReportTable.Column] = [.init("Account"), .init("Name"), .init("Kind"), .init("From"), .init("To"),
                                             .init("Reason"), .init("Detail")]
        func table(_ id: String, _ caption: String, _ rows: [ReportChange]) -> ReportTable {
            let shown = rows.prefix(maxChangeRows)
            return ReportTable(id: id, caption: caption, columns: columns, rows: shown.map { c in
                // Rows that move nothing (a rest, a disqualification) have neither end.
                let moves = c.from != nil || c.to != nil
                return [c.account.rawValue, c.name, c.kind, c.from?.rawValue ?? (moves ? "pool" : "–"),
                        c.to?.rawValue ?? (moves ? "pool" : "–"), c.reason, c.detail]
            }, omitted: rows.count - shown.count)
        }
        // Rare kinds (moves, returns, retrievals) first, so the cut never hides them behind top-offs.
        var perKind: [String: Int] = [:]
        for row in changes.rows { perKind[row.kind, default: 0] += 1 }
        let byKind = changes.rows.sorted {
            (perKind[$0.kind] ?? 0, $0.kind, $0.account) < (perKind[$1.kind] ?? 0, $1.kind, $1.account)
        }
        let byAccount = changes.rows.sorted { ($0.account, $0.kind) < ($1.account, $1.kind) }
        let byRep = changes.rows.sorted {
            (($0.from ?? $0.to)?.rawValue ?? "", $0.account) < (($1.from ?? $1.to)?.rawValue ?? "", $1.account)
        }
        content.append(SortedTables(id: "changes-tables", orders: [
            ("kind", table("changes-by-kind", "Changes by kind, the rarest kinds first", byKind)),
            ("account", table("changes-by-account", "Changes by account", byAccount)),
            ("rep", table("changes-by-rep", "Changes by rep (the one it came from, else the one it went to)", byRep)),
        ]).html())
        return Section(id: "changes", title: "Changes of the last run", content: content)
    }

    static func trendSection(_ data: ReportData) -> Section {
        guard !data.trend.isEmpty else {
            return Section(id: "trend", title: "Weekly trend", content: [.el("p", ["class": "empty"], text:
                data.source == .plan ? "The weekly trend needs a workspace's history (--db)." : "No runs yet.")])
        }
        let table = ReportTable(
            id: "trend", caption: "Per week (the numbers describe the day of the week's last run)",
            columns: [.init("Week"), .init("Day"), .init("Runs", numeric: true), .init("Pool", numeric: true),
                      .init("Coverage", numeric: true), .init("Returns", numeric: true), .init("Retrievals", numeric: true),
                      .init("Top-offs", numeric: true)],
            rows: data.trend.map { p in
                [p.week.description, p.day.description, "\(p.runs)", "\(p.poolSize)", percent(p.coverage), "\(p.returns)",
                 "\(p.retrievals)", "\(p.toppedOff)"]
            })
        return Section(id: "trend", title: "Weekly trend",
                       content: figure(ReportCharts.trendPool(data), empty: "") + figure(ReportCharts.trendCoverage(data), empty: "")
                           + figure(ReportCharts.trendFlows(data), empty: "") + [table.html()])
    }

    static func solverSection(_ data: ReportData) -> Section {
        guard let solve = data.solve else {
            return Section(id: "solver", title: "Solver", content: [.el("p", ["class": "empty"], text:
                "No solver answer recorded: only plans and top-offs solve the assignment model.")])
        }
        let facts: [(String, String)] = [
            ("Solver", solve.solver), ("Status", solve.status.rawValue),
            ("Objective", number(solve.objective)), ("Best bound", solve.bound.map(number) ?? "none proved"),
            ("Gap", solve.gap.map { NumberFormat.percent(decimals: 3).string($0) } ?? "unknown (no bound)"),
        ]
        let table = ReportTable(
            id: "components", caption: "Independent components of the model",
            columns: [.init("Component"), .init("Groups"), .init("Items", numeric: true), .init("Reps", numeric: true),
                      .init("Solver"), .init("Status"), .init("Objective", numeric: true), .init("Gap", numeric: true),
                      .init("Note")],
            rows: solve.components.map { c in
                ["\(c.index)", c.groups.joined(separator: ", "), "\(c.items)", "\(c.bins)", c.solver, c.status.rawValue, number(c.objective),
                 c.gap.map { NumberFormat.percent(decimals: 3).string($0) } ?? "–", c.note ?? ""]
            })
        return Section(id: "solver", title: "Solver", content: [
            .el("p", text: "The answer of the assignment model, from \(solve.origin)."),
            .el("dl", ["class": "kpis"], facts.map { .el("div", ["class": "kpi"], [.el("dt", text: $0.0), .el("dd", text: $0.1)]) }),
            table.html(),
        ])
    }
}
