/// How many accounts fall in each tier, per segment × theater (SPEC §5, `books score`).
public struct TierSummary: Sendable, Equatable, Codable {
    /// One segment × theater cell (or the totals).
    public struct Cell: Sendable, Equatable, Codable {
        public var segment: String
        /// `nil` for unmapped accounts (and for the totals row).
        public var theater: String?
        public var accounts = 0
        /// Accounts per tier, excluded accounts not counted.
        public var a = 0, b = 0, c = 0, d = 0
        /// Accounts an exclusion rule keeps from ever being assigned.
        public var excluded = 0

        public init(segment: String, theater: String?) { self.segment = segment; self.theater = theater }

        mutating func add(tier: Tier, excluded isExcluded: Bool) {
            accounts += 1
            guard !isExcluded else { excluded += 1; return }
            switch tier {
            case .a: a += 1
            case .b: b += 1
            case .c: c += 1
            case .d: d += 1
            }
        }

        /// Accounts of `tier` in this cell.
        public func count(_ tier: Tier) -> Int {
            switch tier { case .a: a; case .b: b; case .c: c; case .d: d }
        }
    }

    /// Cells in policy order: segments, then theaters (the policy's first, others by name, unmapped last).
    public var cells: [Cell]
    public var totals: Cell
    public var unmapped: UnmappedReport

    public init(_ scored: [ScoredAccount], policy: Policy) {
        // Few cells, many accounts: a linear search over the cells seen beats hashing two strings per account.
        var found: [Cell] = []
        var totals = Cell(segment: "all", theater: nil)
        for index in scored.indices {
            let segment = scored[index].segment, theater = scored[index].theater
            let tier = scored[index].tier, excluded = scored[index].excludedBy != nil
            if let i = found.firstIndex(where: { $0.segment == segment && $0.theater == theater }) {
                found[i].add(tier: tier, excluded: excluded)
            } else {
                var cell = Cell(segment: segment, theater: theater)
                cell.add(tier: tier, excluded: excluded)
                found.append(cell)
            }
            totals.add(tier: tier, excluded: excluded)
        }
        let order = CellOrder(policy: policy)
        cells = found.sorted { order.precedes($0.segment, $0.theater, $1.segment, $1.theater) }
        self.totals = totals
        unmapped = UnmappedReport(scored)
    }
}

/// Orders segment × theater cells: the policy's segments and theaters in policy order, other
/// names after them alphabetically, no theater last.
struct CellOrder {
    private let segmentRank: [String: Int]
    private let theaterRank: [String: Int]

    init(policy: Policy) {
        segmentRank = Dictionary(policy.segments.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        theaterRank = Dictionary(policy.theaters.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func precedes(_ s1: String, _ t1: String?, _ s2: String, _ t2: String?) -> Bool {
        let r1 = segmentRank[s1] ?? Int.max, r2 = segmentRank[s2] ?? Int.max
        if r1 != r2 { return r1 < r2 }
        if s1 != s2 { return s1 < s2 }
        switch (t1, t2) {
        case (nil, nil): return false
        case (nil, _): return false
        case (_, nil): return true
        case let (x?, y?):
            let q1 = theaterRank[x] ?? Int.max, q2 = theaterRank[y] ?? Int.max
            return q1 != q2 ? q1 < q2 : x < y
        }
    }
}

/// Accounts that no theater maps, by where they are: they are never assigned until the policy
/// maps their place (or the data gives them a theater).
public struct UnmappedReport: Sendable, Equatable, Codable {
    public struct Place: Sendable, Equatable, Codable {
        /// The country (`BR`), country and state (`US-TX`), the state alone (`state TX`), or
        /// `no country or state`.
        public var place: String
        public var count: Int
        /// Up to three account ids, in file order.
        public var examples: [AccountID]
    }

    public var count: Int
    /// Most accounts first, then by place.
    public var places: [Place]

    public init(_ scored: [ScoredAccount]) {
        var byPlace: [String: Place] = [:]
        var count = 0
        for index in scored.indices where scored[index].theater == nil {
            count += 1
            let a = scored[index].account
            let place: String
            switch (a.country, a.state) {
            case let (country?, state?): place = "\(country)-\(state)"
            case let (country?, nil): place = country
            case let (nil, state?): place = "state \(state)"
            case (nil, nil): place = "no country or state"
            }
            var entry = byPlace[place] ?? Place(place: place, count: 0, examples: [])
            entry.count += 1
            if entry.examples.count < 3 { entry.examples.append(a.id) }
            byPlace[place] = entry
        }
        self.count = count
        places = byPlace.values.sorted { ($1.count, $0.place) < ($0.count, $1.place) }
    }
}
