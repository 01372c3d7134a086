/// What changes from books A to books B (SPEC §8 "Compare"): per rep the numbers on each side
/// and the difference, every account that changes hands with both sides' reasons, and the
/// totals a RevOps lead weighs.
///
/// ```swift
/// let comparison = try BooksComparison(BooksSide(planFolder: before), BooksSide(planFolder: after))
/// for move in comparison.moves { print(move.accountID, move.fromRep ?? "pool", "→", move.toRep ?? "pool") }
/// ```
///
/// Every difference is B − A. Reps and groups whose numbers are the same on both sides are left
/// out, so comparing books with themselves gives no rep, group or move lines.
public struct BooksComparison: Sendable, Equatable, Codable {
    /// The first side's label.
    public var a: String
    /// The second side's label.
    public var b: String
    /// Reps whose numbers differ, sorted by id.
    public var reps: [RepDelta]
    /// Accounts whose owner differs, sorted by account id.
    public var moves: [AccountMove]
    /// Fairness groups whose spread or Gini differ, sorted by name.
    public var groups: [GroupDelta]
    public var totals: ComparisonTotals

    /// Whether the two sides are the same books.
    public var isEmpty: Bool { reps.isEmpty && moves.isEmpty && groups.isEmpty }

    /// Compares two sides.
    /// - Throws: ``ScenarioError/differentData(a:b:onlyInA:onlyInB:example:)`` when the sides do
    ///   not hold the same accounts.
    /// - Complexity: O(accounts · log accounts + reps).
    public init(_ sideA: BooksSide, _ sideB: BooksSide) throws {
        let onlyA = sideA.accounts.keys.filter { sideB.accounts[$0] == nil }
        let onlyB = sideB.accounts.keys.filter { sideA.accounts[$0] == nil }
        if let example = (onlyA + onlyB).min() {
            throw ScenarioError.differentData(a: sideA.label, b: sideB.label, onlyInA: onlyA.count, onlyInB: onlyB.count,
                                              example: example)
        }
        a = sideA.label
        b = sideB.label

        var moves: [AccountMove] = []
        var gained: [RepID: Int] = [:]
        for id in sideA.accounts.keys.sorted() {
            guard let pa = sideA.accounts[id], let pb = sideB.accounts[id], pa.owner != pb.owner else { continue }
            let kind: AccountMove.Kind = pa.owner == nil ? .outOfPool : pb.owner == nil ? .intoPool : .repToRep
            if kind == .repToRep, let to = pb.owner { gained[to, default: 0] += 1 }
            moves.append(AccountMove(accountID: id, tier: pb.tier ?? pa.tier, kind: kind, fromRep: pa.owner, toRep: pb.owner,
                                     reasonA: pa.reason, reasonB: pb.reason))
        }
        self.moves = moves

        let repsA = Dictionary(sideA.reps.map { ($0.id, RepNumbers($0)) }, uniquingKeysWith: { x, _ in x })
        let repsB = Dictionary(sideB.reps.map { ($0.id, RepNumbers($0)) }, uniquingKeysWith: { x, _ in x })
        let repIDs = Set(repsA.keys).union(repsB.keys).sorted()
        reps = repIDs.compactMap { id in
            let delta = RepDelta(id: id, a: repsA[id], b: repsB[id], movesIn: gained[id] ?? 0)
            return delta.a == delta.b ? nil : delta
        }

        let groupsA = Dictionary(sideA.groups.map { ($0.name, GroupNumbers($0)) }, uniquingKeysWith: { x, _ in x })
        let groupsB = Dictionary(sideB.groups.map { ($0.name, GroupNumbers($0)) }, uniquingKeysWith: { x, _ in x })
        groups = Set(groupsA.keys).union(groupsB.keys).sorted().compactMap { name in
            groupsA[name] == groupsB[name] ? nil : GroupDelta(name: name, a: groupsA[name], b: groupsB[name])
        }

        let perRep = repIDs.map { Double(gained[$0] ?? 0) }
        totals = ComparisonTotals(
            a: SideTotals(sideA), b: SideTotals(sideB),
            repToRep: moves.filter { $0.kind == .repToRep }.count, intoPool: moves.filter { $0.kind == .intoPool }.count,
            outOfPool: moves.filter { $0.kind == .outOfPool }.count,
            movesPerRepMax: Int(perRep.max() ?? 0), movesPerRepMean: perRep.isEmpty ? 0 : perRep.reduce(0, +) / Double(perRep.count))
    }
}

/// One rep's numbers on one side.
public struct RepNumbers: Sendable, Equatable, Codable {
    public var capacity: Double
    public var load: Double
    public var accounts: Int
    /// `Σ v(a, r)`: the book's fit value.
    public var value: Double
    /// `V(r)`: the book's summed score.
    public var score: Double
    /// Accounts per tier, every tier present.
    public var tiers: [String: Int]
    public var fairnessRatio: Double?

    public init(_ rep: RepSummary) {
        capacity = rep.capacity; load = rep.load; accounts = rep.accounts; value = rep.value; score = rep.score
        tiers = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0.rawValue, rep.tiers[$0.rawValue] ?? 0) })
        fairnessRatio = rep.fairnessRatio
    }
}

/// One rep on both sides (a side without the rep has `nil`) and the differences B − A.
public struct RepDelta: Sendable, Equatable, Codable {
    public var id: RepID
    public var a: RepNumbers?
    public var b: RepNumbers?
    public var load: Double
    public var capacity: Double
    public var accounts: Int
    public var value: Double
    /// Per tier, B − A.
    public var tiers: [String: Int]
    /// B − A when both sides compare the rep.
    public var fairnessRatio: Double?
    /// Accounts that come to this rep from another rep's book.
    public var movesIn: Int

    init(id: RepID, a: RepNumbers?, b: RepNumbers?, movesIn: Int) {
        self.id = id; self.a = a; self.b = b; self.movesIn = movesIn
        load = (b?.load ?? 0) - (a?.load ?? 0)
        capacity = (b?.capacity ?? 0) - (a?.capacity ?? 0)
        accounts = (b?.accounts ?? 0) - (a?.accounts ?? 0)
        value = (b?.value ?? 0) - (a?.value ?? 0)
        tiers = Dictionary(uniqueKeysWithValues: Tier.allCases.map {
            ($0.rawValue, (b?.tiers[$0.rawValue] ?? 0) - (a?.tiers[$0.rawValue] ?? 0))
        })
        if let ra = a?.fairnessRatio, let rb = b?.fairnessRatio { fairnessRatio = rb - ra }
    }
}

/// An account whose owner differs between the sides, with each side's reason.
public struct AccountMove: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable {
        case repToRep = "rep_to_rep", intoPool = "into_pool", outOfPool = "out_of_pool"
    }
    public var accountID: AccountID
    public var tier: Tier?
    public var kind: Kind
    /// Owner in A (`nil` = pool).
    public var fromRep: RepID?
    /// Owner in B (`nil` = pool).
    public var toRep: RepID?
    public var reasonA: String
    public var reasonB: String
}

/// A fairness group's spread on one side.
public struct GroupNumbers: Sendable, Equatable, Codable {
    public var reps: Int
    public var minRatio: Double?
    public var maxRatio: Double?
    /// `maxRatio − minRatio`.
    public var spread: Double?
    /// Gini of value per capacity unit over the compared reps.
    public var gini: Double

    public init(_ group: GroupSummary) {
        reps = group.reps; minRatio = group.minRatio; maxRatio = group.maxRatio; gini = group.gini
        if let low = group.minRatio, let high = group.maxRatio { spread = high - low }
    }
}

/// A fairness group on both sides and the differences B − A.
public struct GroupDelta: Sendable, Equatable, Codable {
    public var name: String
    public var a: GroupNumbers?
    public var b: GroupNumbers?
    public var spread: Double?
    public var gini: Double

    init(name: String, a: GroupNumbers?, b: GroupNumbers?) {
        self.name = name; self.a = a; self.b = b
        if let sa = a?.spread, let sb = b?.spread { spread = sb - sa }
        gini = (b?.gini ?? 0) - (a?.gini ?? 0)
    }
}

/// Totals of one side.
public struct SideTotals: Sendable, Equatable, Codable {
    /// The solver's objective (`nil` for current books, which no solver made).
    public var objective: Double?
    /// `Σ v(a, r)` over every book.
    public var bookValue: Double
    public var accounts: Int
    public var inBooks: Int
    public var pooled: Int
    /// Tier A and B accounts with an owner.
    public var abInBooks: Int
    /// Tier A and B accounts in the pool.
    public var abWaiting: Int

    public init(_ side: BooksSide) {
        objective = side.objective
        bookValue = side.reps.reduce(0) { $0 + $1.value }
        accounts = side.accounts.count
        inBooks = side.accounts.values.filter { $0.owner != nil }.count
        pooled = accounts - inBooks
        let ab = side.accounts.values.filter { $0.tier == .a || $0.tier == .b }
        abInBooks = ab.filter { $0.owner != nil }.count
        abWaiting = ab.count - abInBooks
    }
}

/// The totals of both sides and of the moves between them.
public struct ComparisonTotals: Sendable, Equatable, Codable {
    public var a: SideTotals
    public var b: SideTotals
    public var repToRep: Int
    public var intoPool: Int
    public var outOfPool: Int
    /// Most accounts one rep gains from other reps' books.
    public var movesPerRepMax: Int
    /// Accounts gained from other reps' books, per rep (every rep of either side counted).
    public var movesPerRepMean: Double
}
