import DynamicBooks

extension WorkspaceReader {
    /// The workspace's current books as one side of a comparison: every account with its owner
    /// and, as its reason, its latest ownership ledger row (`kind: reason`).
    /// - Parameter day: the day availability is judged on; `nil` takes the latest run's as-of day
    ///   (today when there is no run).
    public func booksSide(on day: Day? = nil) throws -> BooksSide {
        let runs = try runs()
        let day = day ?? runs.map(\.asOf).max() ?? .today
        var reasons: [AccountID: String] = [:]
        for entry in try ledger.entries(ownershipOnly: true) {
            reasons[entry.account] = entry.reason.isEmpty ? entry.kind.rawValue : "\(entry.kind.rawValue): \(entry.reason)"
        }
        return BooksSide(label: "workspace \(path)", accounts: try accounts(attributes: false), reps: try reps(),
                         policy: try policy(), day: day, reasons: reasons)
    }
}
