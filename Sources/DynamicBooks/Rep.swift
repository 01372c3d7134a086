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
    /// The rep's first day: no accounts before it (`start_date`).
    public var startDate: Day?
    /// The day the rep leaves for good: no book from it on (`end_date`).
    public var endDate: Day?
    /// Active, on leave or departed (`status`).
    public var status: RepStatus
    /// Every other column.
    public var attributes: [String: String]

    public init(id: RepID, name: String = "", segment: String, theaters: [String] = [],
                capacity: Double? = nil, ramp: Double = 1, specialties: [String] = [],
                unavailableUntil: Day? = nil, routingWeight: Double = 1, startDate: Day? = nil, endDate: Day? = nil,
                status: RepStatus = .active, attributes: [String: String] = [:]) {
        self.id = id; self.name = name; self.segment = segment; self.theaters = theaters
        self.capacity = capacity; self.ramp = ramp; self.specialties = specialties
        self.unavailableUntil = unavailableUntil; self.routingWeight = routingWeight
        self.startDate = startDate; self.endDate = endDate; self.status = status; self.attributes = attributes
    }

    /// Whether the rep covers `theater` (an empty list covers every theater).
    public func covers(theater: String) -> Bool { theaters.isEmpty || theaters.contains(theater) }

    /// Whether the rep can take new accounts on `day`: started, not ended, not departed, and not
    /// on leave or otherwise unavailable (`unavailable_until`; a leave without an end lasts until
    /// the rep is made active again).
    public func isAvailable(on day: Day) -> Bool {
        guard isEmployed(on: day) else { return false }
        switch status {
        case .departed: return false
        case .leave: return unavailableUntil.map { day >= $0 } ?? false
        case .active: return unavailableUntil.map { day >= $0 } ?? true
        }
    }

    /// Whether the rep is on the team on `day`: not departed, started (or no start date) and not
    /// past its end date.
    public func isEmployed(on day: Day) -> Bool {
        if status == .departed { return false }
        if let startDate, day < startDate { return false }
        if let endDate, day >= endDate { return false }
        return true
    }

    /// Whether the rep's book must be handed to others on `day`: it has left (departed or past its
    /// end date) or is on a leave (`status: leave`) that has not ended.
    public func isAway(on day: Day) -> Bool {
        if status == .departed { return true }
        if let endDate, day >= endDate { return true }
        if status == .leave { return unavailableUntil.map { day < $0 } ?? true }
        return false
    }
}

extension Rep {
    enum CodingKeys: String, CodingKey {
        case id, name, segment, theaters, capacity, ramp, specialties, unavailableUntil, routingWeight
        case startDate, endDate, status, attributes
    }

    /// Decodes a rep; the day-two fields (`startDate`, `endDate`, `status`) may be absent, as in
    /// reps written before they existed.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RepID.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  segment: try c.decode(String.self, forKey: .segment), theaters: try c.decode([String].self, forKey: .theaters),
                  capacity: try c.decodeIfPresent(Double.self, forKey: .capacity), ramp: try c.decode(Double.self, forKey: .ramp),
                  specialties: try c.decode([String].self, forKey: .specialties),
                  unavailableUntil: try c.decodeIfPresent(Day.self, forKey: .unavailableUntil),
                  routingWeight: try c.decode(Double.self, forKey: .routingWeight),
                  startDate: try c.decodeIfPresent(Day.self, forKey: .startDate),
                  endDate: try c.decodeIfPresent(Day.self, forKey: .endDate),
                  status: try c.decodeIfPresent(RepStatus.self, forKey: .status) ?? .active,
                  attributes: try c.decode([String: String].self, forKey: .attributes))
    }
}

/// Where a rep stands (`reps.csv` column `status`).
public enum RepStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Selling (the default).
    case active
    /// On leave: the book was handed to others; no new accounts until `unavailable_until`.
    case leave
    /// Gone for good: owns nothing, takes nothing.
    case departed

    public var description: String { rawValue }
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
