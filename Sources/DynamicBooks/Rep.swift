/// A sales rep as read from `reps.csv` (SPEC §2).
public struct Rep: Sendable, Hashable, Codable {
    public var id: RepID
    public var name: String
    /// The segment this rep sells to.
    public var segment: String
    /// Theaters the rep covers; empty = all.
    public var theaters: [String]
    /// Capacity in workload units; `nil` = the policy's capacity model for the segment.
    public var capacity: Double?
    /// Share of capacity while ramping, 0–1.
    public var ramp: Double
    /// Industries the rep specialises in.
    public var specialties: [String]
    /// No new accounts or inbound before this day.
    public var unavailableUntil: Day?
    /// Share of inbound relative to peers.
    public var routingWeight: Double
    /// Every other column.
    public var attributes: [String: String]

    public init(id: RepID, name: String = "", segment: String, theaters: [String] = [],
                capacity: Double? = nil, ramp: Double = 1, specialties: [String] = [],
                unavailableUntil: Day? = nil, routingWeight: Double = 1, attributes: [String: String] = [:]) {
        self.id = id; self.name = name; self.segment = segment; self.theaters = theaters
        self.capacity = capacity; self.ramp = ramp; self.specialties = specialties
        self.unavailableUntil = unavailableUntil; self.routingWeight = routingWeight; self.attributes = attributes
    }

    /// Whether the rep covers `theater` (an empty list covers every theater).
    public func covers(theater: String) -> Bool { theaters.isEmpty || theaters.contains(theater) }

    /// Whether the rep can take new accounts on `day`.
    public func isAvailable(on day: Day) -> Bool { unavailableUntil.map { day >= $0 } ?? true }
}

/// One touch of an account by a rep (`activity.csv`).
public struct Activity: Sendable, Hashable, Codable {
    public var accountID: AccountID
    public var repID: RepID
    public var date: Day
    public var type: String

    public init(accountID: AccountID, repID: RepID, date: Day, type: String) {
        self.accountID = accountID; self.repID = repID; self.date = date; self.type = type
    }
}

/// A rep's request to return an account to the pool (`returns.csv`).
public struct ReturnRequest: Sendable, Hashable, Codable {
    public var accountID: AccountID
    public var repID: RepID
    public var date: Day
    public var reason: String
    public var note: String

    public init(accountID: AccountID, repID: RepID, date: Day, reason: String, note: String = "") {
        self.accountID = accountID; self.repID = repID; self.date = date; self.reason = reason; self.note = note
    }
}
