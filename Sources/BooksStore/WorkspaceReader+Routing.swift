import DynamicBooks
import GRDB

/// A rep's book as the routing service shows it.
public struct RepBook: Sendable, Hashable, Codable {
    public var rep: RepID
    public var name: String
    public var segment: String
    public var theaters: [String]
    /// Capacity × ramp, in workload units.
    public var capacity: Double
    /// Workload units in the book.
    public var load: Double
    public var routingWeight: Double
    public var unavailableUntil: Day?
    public var accounts: [BookAccount]

    /// One account in a book.
    public struct BookAccount: Sendable, Hashable, Codable {
        public var account: AccountID
        public var name: String
        public var score: Double
        public var tier: Tier
        public var theater: String?
        public var workload: Double
        public var ownedSince: Day
        /// How it got there: the ledger kind of the row that put it in the book (`routed` for inbound).
        public var via: LedgerKind
    }
}

/// A rep's load against its capacity.
public struct RepUtilisation: Sendable, Hashable, Codable {
    public var rep: RepID
    public var load: Double
    public var capacity: Double

    public init(rep: RepID, load: Double, capacity: Double) { self.rep = rep; self.load = load; self.capacity = capacity }
}

extension WorkspaceReader {
    /// The book of one rep, accounts by id; nil for an unknown rep.
    public func book(of id: RepID) throws -> RepBook? {
        guard let rep = try rep(id) else { return nil }
        let policy = try policy()
        let rows = try Row.fetchAll(db, sql: """
            SELECT accounts.id, accounts.name, accounts.score, accounts.tier, accounts.theater, accounts.workload,
                   books.owned_since, ledger.kind
            FROM books JOIN accounts ON accounts.id = books.account_id JOIN ledger ON ledger.seq = books.seq
            WHERE books.rep_id = ? ORDER BY accounts.id
            """, arguments: [id])
        var accounts: [RepBook.BookAccount] = []
        for row in rows {
            let tierText: String = row["tier"]
            let dayText: String = row["owned_since"]
            let kindText: String = row["kind"]
            guard let tier = Tier(rawValue: tierText), let since = Day(iso: dayText) ?? Day(beyondFourDigitYears: dayText), let kind = LedgerKind(rawValue: kindText) else {
                throw WorkspaceError.corrupt(path: path, detail: "book of \(id): account \(row["id"] as String? ?? "?")")
            }
            accounts.append(RepBook.BookAccount(account: row["id"], name: row["name"], score: row["score"], tier: tier,
                                                theater: row["theater"], workload: row["workload"], ownedSince: since, via: kind))
        }
        return RepBook(rep: rep.id, name: rep.name, segment: rep.segment, theaters: rep.theaters,
                       capacity: policy.plannedCapacity(of: rep), load: accounts.reduce(0) { $0 + $1.workload },
                       routingWeight: rep.routingWeight, unavailableUntil: rep.unavailableUntil, accounts: accounts)
    }

    /// Every rep's load against its capacity, by rep id.
    public func utilisation() throws -> [RepUtilisation] {
        let policy = try policy()
        let loads = try keptLoads()
        return try reps().map { RepUtilisation(rep: $0.id, load: loads[$0.id] ?? 0, capacity: policy.plannedCapacity(of: $0)) }
    }

    /// Workload units each rep holds from inbound routing: accounts whose current book entry was
    /// made by a `routed` ledger row. A plan made from an account list taken before those
    /// decisions passes this as ``PlanningState/inboundLoad`` so the top-off leaves room for them.
    public func inboundLoads() throws -> [RepID: Double] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT books.rep_id AS rep, SUM(accounts.workload) AS load
            FROM books JOIN ledger ON ledger.seq = books.seq JOIN accounts ON accounts.id = books.account_id
            WHERE ledger.kind = 'routed' GROUP BY books.rep_id
            """)
        var loads: [RepID: Double] = [:]
        for row in rows { loads[row["rep"]] = row["load"] }
        return loads
    }

    /// The weighted round robin's state of one segment × theater cell.
    public func rotation(segment: String, theater: String) throws -> SmoothWeightedRoundRobin {
        var current: [RepID: Int64] = [:]
        let key = RoutingRule.rotationKey(segment: segment, theater: theater)
        for row in try Row.fetchAll(db, sql: "SELECT rep_id, current FROM routing_rotation WHERE rotation = ?", arguments: [key]) {
            current[row["rep_id"]] = row["current"]
        }
        return SmoothWeightedRoundRobin(current: current)
    }

    /// Each rep's load as `rep_loads` keeps it (the sum of its book's workloads).
    func keptLoads() throws -> [RepID: Double] {
        var loads: [RepID: Double] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rep_id, units FROM rep_loads") {
            let units: Int64 = row["units"]
            loads[row["rep_id"]] = Double(units) / Double(Workspace.loadUnitsPerWorkload)
        }
        return loads
    }
}

extension Workspace {
    /// Routes inbound accounts in a run of their own (see ``RunTransaction/route(_:scorer:)``).
    public func route(_ inbound: [InboundAccount], asOf: Day, scorer: InboundScorer,
                      cache: RoutingCache = RoutingCache()) throws -> [RouteOutcome] {
        try perform(.route, asOf: asOf) { tx in try tx.route(inbound, scorer: scorer, cache: cache) }
    }
}
