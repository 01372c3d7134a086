/// Each rep's diligence estimated from the activity log: the distinct accounts it worked per
/// week over the last four weeks, as a share of what a fully diligent rep works
/// (`work_rate × capacity`), clamped to 0…1.
public struct DiligenceEstimate: Sendable, Equatable {
    /// Per rep with capacity.
    public var diligence: [RepID: Double]
    /// Weeks of activity the estimate rests on.
    public var weeks: Int
    public var through: Day

    public init(activity: [Activity], reps: [Rep], policy: Policy, workRate: Double, through end: Day, weeks: Int = 4) {
        self.weeks = weeks; through = end
        let types = Set(policy.coverage.activityTypes.map { $0.lowercased() })
        let first = end - 7 * weeks + 1
        var worked: [RepID: Set<String>] = [:]   // "account week"
        for entry in activity where entry.date >= first && entry.date <= end
            && (types.isEmpty || types.contains(entry.type.lowercased())) {
            worked[entry.repID, default: []].insert("\(entry.accountID.rawValue)\u{1}\((entry.date - first) / 7)")
        }
        var diligence: [RepID: Double] = [:]
        for rep in reps {
            let full = workRate * policy.plannedCapacity(of: rep)
            guard full > 0 else { continue }
            diligence[rep.id] = min(1, max(0, Double(worked[rep.id]?.count ?? 0) / Double(weeks) / full))
        }
        self.diligence = diligence
    }

    /// One line for the terminal: mean, lowest and highest estimate.
    public var text: String {
        let values = diligence.values.sorted()
        guard let low = values.first, let high = values.last else { return "calibration: no rep with capacity to estimate" }
        let mean = values.reduce(0, +) / Double(values.count)
        let f = { (x: Double) in String(Int((x * 100).rounded())) + "%" }
        return "calibration from the workspace's activity (\(weeks) weeks through \(through)): diligence of \(values.count) reps "
            + "mean \(f(mean)), lowest \(f(low)), highest \(f(high))"
    }
}
