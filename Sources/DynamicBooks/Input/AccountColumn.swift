/// The standard columns of `accounts.csv` (SPEC §2), by their canonical header.
public enum AccountColumn: String, CaseIterable, Sendable {
    case id, name, segment, theater, country, state, industry, employees
    case annualRevenue = "annual_revenue"
    case score, owner
    case ownedSince = "owned_since"
    case lastActivity = "last_activity"
    case customer, locked
    case parentID = "parent_id"
    case workload

    /// Columns by normalised header (see ``HeaderName``).
    static let byNormalizedName: [String: AccountColumn] =
        Dictionary(uniqueKeysWithValues: allCases.map { (HeaderName.normalized($0.rawValue), $0) })
}

/// The standard columns of `reps.csv` (SPEC §2).
public enum RepColumn: String, CaseIterable, Sendable {
    case id, name, segment, theaters, capacity, ramp, specialties
    case unavailableUntil = "unavailable_until"
    case routingWeight = "routing_weight"
    case startDate = "start_date"
    case endDate = "end_date"
    case status

    /// The day-two columns (joining and leaving), written only when some rep uses them.
    static let dayTwo: [RepColumn] = [.startDate, .endDate, .status]

    static let byNormalizedName: [String: RepColumn] =
        Dictionary(uniqueKeysWithValues: allCases.map { (HeaderName.normalized($0.rawValue), $0) })
}
