import Foundation

/// The bottom-up capacity analysis of `books capacity` (SPEC §3): each rep's capacity, and per
/// segment × theater the team's capacity against the assignable accounts per tier — how many
/// tier A/B accounts go uncovered and how many reps it would take to cover them.
///
/// A rep covering several theaters (or all, with an empty list) counts in each of them with an
/// equal share of its capacity, so a cell's `reps` can be fractional. Assignable accounts are
/// those mapped to a theater and not excluded. Tier A/B accounts are covered best score first
/// (ties by id) while the cell's capacity lasts; the rest are uncovered, and the reps needed are
/// their workload divided by the cell's average rep capacity, rounded up (the segment's model
/// when the cell has no reps).
public struct CapacityAnalysis: Sendable, Equatable, Codable {
    /// One rep's capacity.
    public struct RepCapacity: Sendable, Equatable, Codable {
        public var id: RepID
        public var name: String
        public var segment: String
        /// Empty = every theater.
        public var theaters: [String]
        /// Capacity before ramp; where it came from is `source`.
        public var baseCapacity: Double
        /// `reps.csv` when the rep's row gives it, else `policy`.
        public var source: String
        public var ramp: Double
        /// C(r) = base capacity × ramp.
        public var capacity: Double
        /// The rep takes no new accounts before this day (after the as-of day).
        public var unavailableUntil: Day?
    }

    /// One segment × theater cell.
    public struct Cell: Sendable, Equatable, Codable {
        public var segment: String
        public var theater: String
        /// Reps covering the cell (fractional for reps shared between theaters).
        public var reps: Double
        /// The team's capacity in the cell, in workload units.
        public var capacity: Double
        /// Assignable accounts per tier (A, B, C, D) and their workload units.
        public var accounts: [Int]
        public var units: [Double]
        /// Tier A/B accounts (and their units) the capacity does not reach.
        public var uncoveredAB: Int
        public var uncoveredABUnits: Double
        /// Reps it would take to cover them; `nil` when no capacity model says how big a rep is.
        public var repsNeeded: Int?

        /// Workload units of tiers at or above `tier`.
        public func units(atLeast tier: Tier) -> Double {
            Tier.allCases.enumerated().filter { $0.element >= tier }.reduce(0) { $0 + units[$1.offset] }
        }
    }

    public var reps: [RepCapacity]
    public var cells: [Cell]
    /// Accounts no theater maps (never assigned).
    public var unmapped: Int
    /// Accounts an exclusion rule keeps out.
    public var excluded: Int

    /// - Parameters:
    ///   - accounts: scored accounts (``Scorer/score(_:)-([Account])``).
    ///   - reps: the team.
    ///   - policy: capacity models and theaters.
    ///   - asOf: reps unavailable on this day are flagged (their capacity still counts).
    public init(accounts: [ScoredAccount], reps: [Rep], policy: Policy, asOf: Day) {
        self.reps = reps.map { rep in
            RepCapacity(id: rep.id, name: rep.name, segment: rep.segment, theaters: rep.theaters,
                        baseCapacity: rep.baseCapacity(under: policy) ?? 0,
                        source: rep.capacity == nil ? "policy" : "reps.csv", ramp: rep.ramp,
                        capacity: rep.capacity(under: policy),
                        unavailableUntil: rep.isAvailable(on: asOf) ? nil : rep.unavailableUntil)
        }
        var theaterNames = policy.theaters.map(\.name)
        var extra = Set<String>()
        for account in accounts { if let t = account.theater, !theaterNames.contains(t) { extra.insert(t) } }
        for rep in reps { for t in rep.theaters where !theaterNames.contains(t) { extra.insert(t) } }
        theaterNames += extra.sorted()

        struct Key: Hashable { var segment: String; var theater: String }
        var team: [Key: (reps: Double, capacity: Double)] = [:]
        for rep in reps {
            let covered = rep.theaters.isEmpty ? theaterNames : rep.theaters
            guard !covered.isEmpty else { continue }
            let share = 1 / Double(covered.count)
            for theater in covered {
                let key = Key(segment: rep.segment, theater: theater)
                let current = team[key] ?? (0, 0)
                team[key] = (current.reps + share, current.capacity + rep.capacity(under: policy) * share)
            }
        }
        var byCell: [Key: [Int]] = [:]
        var unmapped = 0, excluded = 0
        for index in accounts.indices {
            guard accounts[index].excludedBy == nil else { excluded += 1; continue }
            guard let theater = accounts[index].theater else { unmapped += 1; continue }
            byCell[Key(segment: accounts[index].segment, theater: theater), default: []].append(index)
        }
        self.unmapped = unmapped
        self.excluded = excluded

        var keys = Set(team.keys).union(byCell.keys)
        for segment in policy.segments { for theater in policy.theaters { keys.insert(Key(segment: segment.name, theater: theater.name)) } }
        let order = CellOrder(policy: policy)
        cells = keys.sorted { order.precedes($0.segment, $0.theater, $1.segment, $1.theater) }.map { key in
            let members = byCell[key] ?? []
            let (repCount, capacity) = team[key] ?? (0, 0)
            var counts = [0, 0, 0, 0], units = [0.0, 0, 0, 0]
            for index in members {
                let t = Tier.allCases.firstIndex(of: accounts[index].tier) ?? 3
                counts[t] += 1
                units[t] += accounts[index].workload
            }
            // Cover A/B accounts best first (ties by id) while capacity lasts.
            let ab = members.filter { accounts[$0].tier >= .b }.sorted {
                (accounts[$1].score, accounts[$0].id) < (accounts[$0].score, accounts[$1].id)
            }
            var left = capacity, coveredCount = 0
            for index in ab {
                guard accounts[index].workload <= left + 1e-9 else { break }
                left -= accounts[index].workload
                coveredCount += 1
            }
            let uncoveredUnits = ab[coveredCount...].reduce(0) { $0 + accounts[$1].workload }
            let averageRep = repCount > 0 && capacity > 0 ? capacity / repCount : policy.capacity[key.segment]?.units
            let needed: Int? = uncoveredUnits == 0 ? 0 : averageRep.flatMap { $0 > 0 ? Int(saturating: (uncoveredUnits / $0).rounded(.up)) : nil }
            return Cell(segment: key.segment, theater: key.theater, reps: repCount, capacity: capacity,
                        accounts: counts, units: units, uncoveredAB: ab.count - coveredCount,
                        uncoveredABUnits: uncoveredUnits, repsNeeded: needed)
        }
    }
}
