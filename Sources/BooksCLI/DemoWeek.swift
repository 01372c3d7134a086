import DynamicBooks

/// One week of the demo, for `--format json|csv`.
struct DemoWeek: Encodable {
    var week: Int
    var asOf: Day
    var inBooks: Int
    var pool: Int
    var inbound: Int
    var returnsAccepted: Int
    var returnsRejected: Int
    var retrieved: Int
    var toppedOff: Int
    var filledNewReps: Int
    var coverage: Double?
    var fairnessSpread: Double?
    var people: String

    static func table(_ weeks: [DemoWeek]) -> TextTable {
        TextTable(columns: ["week", "as_of", "in_books", "pool", "inbound", "returns_accepted", "returns_rejected", "retrieved",
                            "topped_off", "filled_new_reps", "coverage", "fairness_spread", "people"].map { TextTable.Column($0) },
                  rows: weeks.map { w in
                      ["\(w.week)", w.asOf.description, "\(w.inBooks)", "\(w.pool)", "\(w.inbound)", "\(w.returnsAccepted)",
                       "\(w.returnsRejected)", "\(w.retrieved)", "\(w.toppedOff)", "\(w.filledNewReps)",
                       w.coverage.map { PlanNumberText.text($0) } ?? "", w.fairnessSpread.map { PlanNumberText.text($0) } ?? "", w.people]
                  })
    }
}

/// The demo's result, for `--format json`.
struct DemoOutput: Encodable {
    var workspace: String
    var report: String
    var weeks: [DemoWeek]
    /// The closing simulation's one line: static against the sample policy.
    var simulation: String
}
