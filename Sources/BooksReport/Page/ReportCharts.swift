import DynamicBooks

/// The report's charts, built from ``ReportData``. Each returns `nil` when there is nothing to draw.
public enum ReportCharts {
    /// Tier colours: A to D.
    static let tierColours = [ChartPalette.blue, ChartPalette.bluishGreen, ChartPalette.orange, ChartPalette.reddishPurple]

    /// Book value `V(r)` per rep against its group's fairness band, grouped by fairness group.
    public static func fairness(_ data: ReportData) -> BarChart? {
        guard !data.reps.isEmpty else { return nil }
        let band = NumberFormat.percent(decimals: 0).string(data.fairness.band)
        let bars = orderedByGroup(data.reps).map { rep -> BarChart.Bar in
            let range = data.fairnessBand(of: rep)
            let colour: String
            if let range, rep.score < range.lowerBound - 1e-9 { colour = ChartPalette.vermillion }
            else if let range, rep.score > range.upperBound + 1e-9 { colour = ChartPalette.orange }
            else { colour = ChartPalette.blue }
            return BarChart.Bar(label: rep.label, value: rep.score, colour: colour, range: range, group: rep.group)
        }
        return BarChart(
            id: "chart-fairness", title: "Book value per rep against the fairness band",
            summary: "For each rep, the summed score of its book V(r), in score points, drawn over the band "
                + "(1 ± \(band)) × C(r)/C(G) × V(G) that a capacity-proportional share of its group's value allows.",
            axisTitle: "Book value V(r) (summed account score, points)", format: .number(decimals: 0), bars: bars,
            legend: [
                LegendEntry(label: "fair band ±\(band)", colour: ChartPalette.band, style: .band),
                LegendEntry(label: "within band", colour: ChartPalette.blue),
                LegendEntry(label: "below band", colour: ChartPalette.vermillion),
                LegendEntry(label: "above band", colour: ChartPalette.orange),
            ])
    }

    /// Load over capacity per rep, with the 100% line.
    public static func utilisation(_ data: ReportData) -> BarChart? {
        guard !data.reps.isEmpty else { return nil }
        let bars = orderedByGroup(data.reps).map { rep -> BarChart.Bar in
            let share = rep.utilisation ?? 0
            let text = rep.utilisation.map { NumberFormat.percent(decimals: 0).string($0) } ?? "no capacity"
            let colour = share > 1 + 1e-9 ? ChartPalette.vermillion : ChartPalette.blue
            return BarChart.Bar(label: rep.label, value: share, colour: colour, group: rep.group,
                                valueText: "\(text) (\(NumberFormat.number(decimals: 1).string(rep.load))/\(NumberFormat.number(decimals: 1).string(rep.capacity)))")
        }
        return BarChart(
            id: "chart-utilisation", title: "Capacity utilisation per rep",
            summary: "For each rep, the workload units of its book as a share of its capacity (capacity × ramp); "
                + "the dashed line is full capacity.",
            axisTitle: "Utilisation (% of capacity, workload units)", format: .percent(decimals: 0), bars: bars,
            reference: BarChart.Reference(value: 1, label: "capacity"),
            legend: [LegendEntry(label: "within capacity", colour: ChartPalette.blue),
                     LegendEntry(label: "over capacity", colour: ChartPalette.vermillion)],
            domainAtLeast: 1)
    }

    /// Accounts per tier in each rep's book.
    public static func tierMix(_ data: ReportData) -> StackedBarChart? {
        guard !data.reps.isEmpty else { return nil }
        return StackedBarChart(
            id: "chart-tiers", title: "Tier mix per rep",
            summary: "For each rep, the accounts of its book by tier, A (best fit) to D.",
            axisTitle: "Accounts in the book", format: .integer,
            series: Tier.allCases.sorted(by: >).enumerated().map { StackedBarChart.Series(name: "Tier \($1.rawValue)", colour: tierColours[$0]) },
            rows: orderedByGroup(data.reps).map { rep in
                StackedBarChart.Row(label: rep.label, values: rep.tiers.inOrder.map(Double.init), group: rep.group)
            })
    }

    /// Pooled accounts by reason, stacked by tier when tiers are known.
    public static func pool(_ data: ReportData) -> (any Chart)? {
        guard !data.pool.isEmpty else { return nil }
        let reasons = poolReasons(data)
        let summary = "Accounts in the ready pool by the reason they are there"
        if data.pool.allSatisfy({ $0.tier != nil }) {
            return StackedBarChart(
                id: "chart-pool", title: "The pool by reason and tier", summary: summary + ", split by tier.",
                axisTitle: "Accounts in the pool", format: .integer,
                series: Tier.allCases.sorted(by: >).enumerated().map { StackedBarChart.Series(name: "Tier \($1.rawValue)", colour: tierColours[$0]) },
                rows: reasons.map { reason in
                    StackedBarChart.Row(label: reason, values: Tier.allCases.sorted(by: >).map { tier in
                        Double(data.pool.filter { $0.reason == reason && $0.tier == tier }.reduce(0) { $0 + $1.count })
                    })
                })
        }
        return BarChart(
            id: "chart-pool", title: "The pool by reason", summary: summary + ".",
            axisTitle: "Accounts in the pool", format: .integer,
            bars: reasons.map { reason in
                BarChart.Bar(label: reason, value: Double(data.pool.filter { $0.reason == reason }.reduce(0) { $0 + $1.count }))
            })
    }

    /// Coverage share per rep against `coverage.min_rep_coverage`.
    public static func coverage(_ data: ReportData) -> BarChart? {
        guard let coverage = data.coverage, !coverage.reps.isEmpty else { return nil }
        let percent = NumberFormat.percent(decimals: 0)
        let bars = coverage.reps.map { line -> BarChart.Bar in
            let label = line.name.isEmpty || line.name == line.rep.rawValue ? line.rep.rawValue : "\(line.rep.rawValue) (\(line.name))"
            let text = line.share.map { "\(percent.string($0)) (\(line.worked)/\(line.counted))" } ?? "nothing counted yet"
            return BarChart.Bar(label: label, value: line.share ?? 0,
                                colour: line.belowMinimum ? ChartPalette.vermillion : ChartPalette.blue, valueText: text)
        }
        return BarChart(
            id: "chart-coverage", title: "Coverage per rep against the policy threshold",
            summary: "For each rep, the share of its book (past the \(coverage.graceDays)-day grace period) with at least "
                + "\(coverage.minActivities) qualifying activities in the last \(coverage.windowDays) days; the dashed line is "
                + "coverage.min_rep_coverage, \(percent.string(coverage.minimum)).",
            axisTitle: "Worked share of the book (%)", format: .percent(decimals: 0), bars: bars,
            reference: BarChart.Reference(value: coverage.minimum, label: "minimum \(percent.string(coverage.minimum))"),
            legend: [LegendEntry(label: "at or above the minimum", colour: ChartPalette.blue),
                     LegendEntry(label: "below the minimum", colour: ChartPalette.vermillion)],
            domainAtLeast: 1)
    }

    /// Rows of the last run per kind.
    public static func changes(_ data: ReportData) -> BarChart? {
        let counts = data.changes.countsByKind
        guard !counts.isEmpty else { return nil }
        return BarChart(
            id: "chart-changes", title: "Changes of the last run by kind",
            summary: "\(data.changes.title): the number of changes of each kind.",
            axisTitle: "Accounts", format: .integer,
            bars: counts.map { BarChart.Bar(label: $0.kind, value: Double($0.count), colour: ChartPalette.blue) })
    }

    /// Weekly pool size.
    public static func trendPool(_ data: ReportData) -> LineChart? {
        guard !data.trend.isEmpty else { return nil }
        return LineChart(
            id: "chart-trend-pool", title: "Pool size by week",
            summary: "Accounts in no book at the end of each week that had runs.",
            categoryTitle: "Week (starting Monday)", axisTitle: "Accounts in the pool", format: .integer,
            categories: data.trend.map { $0.week.description },
            series: [LineChart.Series(name: "pool size", colour: ChartPalette.blue, values: data.trend.map { Double($0.poolSize) })])
    }

    /// Weekly coverage against the threshold.
    public static func trendCoverage(_ data: ReportData) -> LineChart? {
        guard !data.trend.isEmpty else { return nil }
        let minimum = data.coverage?.minimum
        return LineChart(
            id: "chart-trend-coverage", title: "Coverage by week",
            summary: "Worked accounts over counted accounts, over every rep, at the end of each week"
                + (minimum.map { "; the dashed line is coverage.min_rep_coverage, \(NumberFormat.percent(decimals: 0).string($0))." } ?? "."),
            categoryTitle: "Week (starting Monday)", axisTitle: "Worked share (%)", format: .percent(decimals: 0),
            categories: data.trend.map { $0.week.description },
            series: [LineChart.Series(name: "coverage", colour: ChartPalette.bluishGreen, values: data.trend.map(\.coverage))],
            reference: minimum.map { BarChart.Reference(value: $0, label: "minimum \(NumberFormat.percent(decimals: 0).string($0))") },
            domainAtLeast: 1)
    }

    /// Weekly returns, retrievals and top-offs.
    public static func trendFlows(_ data: ReportData) -> LineChart? {
        guard !data.trend.isEmpty else { return nil }
        return LineChart(
            id: "chart-trend-returns", title: "Returns, retrievals and top-offs by week",
            summary: "Accounts returned by reps, retrieved for lack of coverage, and topped off from the pool, per week.",
            categoryTitle: "Week (starting Monday)", axisTitle: "Accounts per week", format: .integer,
            categories: data.trend.map { $0.week.description },
            series: [
                LineChart.Series(name: "returns", colour: ChartPalette.vermillion, values: data.trend.map { Double($0.returns) }),
                LineChart.Series(name: "retrievals", colour: ChartPalette.orange, values: data.trend.map { Double($0.retrievals) }),
                LineChart.Series(name: "top-offs", colour: ChartPalette.blue, values: data.trend.map { Double($0.toppedOff) }),
            ])
    }

    /// Reps in group order (by group name), then by id.
    static func orderedByGroup(_ reps: [ReportRep]) -> [ReportRep] {
        reps.sorted { ($0.group, $0.id) < ($1.group, $1.id) }
    }

    /// Pool reasons, largest first, ties by name.
    static func poolReasons(_ data: ReportData) -> [String] {
        var totals: [String: Int] = [:]
        for count in data.pool { totals[count.reason, default: 0] += count.count }
        return totals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }
}
