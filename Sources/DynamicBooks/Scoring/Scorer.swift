import Foundation

/// Scores, tiers, segments and places accounts as the policy says (SPEC §3).
///
/// - Score: the sum of the points of every matching rule plus each signal's points (value ×
///   `per_unit`, at most `max`), clamped to 0…100. When the policy has neither rules nor
///   signals, the account's `score` column is the score (0 when empty).
/// - Tier: A, B or C when the score reaches that tier's threshold, else D.
/// - Segment: the `segment` column, else the first segment whose `max_employees` admits the
///   account's employees (an account without employees falls in the first segment).
/// - Theater: the `theater` column, else the policy's map by country, then state; `nil` when
///   unmapped (such accounts are never assigned).
/// - Workload: the `workload` column, else the segment's workload, else 1.
/// - Exclusion: the first exclusion condition the account matches.
///
/// Conditions are compiled once: each field a rule names is resolved to an accessor, each
/// account's fields are read once into a small table, and rules test the table.
public struct Scorer: Sendable {
    public let policy: Policy
    private let slots: [FieldAccessor]
    private let rules: [(condition: CompiledCondition, points: Double)]
    private let signals: [(slot: Int, perUnit: Double, max: Double?)]
    private let excludes: [(condition: CompiledCondition, text: String)]
    private let theaterMap: TheaterMap
    private let segmentNames: [String: String]
    private let segmentWorkload: [String: Double]
    private let usesScoreColumn: Bool

    /// - Parameters:
    ///   - policy: the rules.
    ///   - attributeColumns: the accounts' attribute headers (``DataSet/accountAttributeColumns``),
    ///     so that fields resolve to them once instead of per account.
    public init(policy: Policy, attributeColumns: [String] = []) {
        self.policy = policy
        var slots: [FieldAccessor] = []
        var slotOf: [FieldAccessor: Int] = [:]
        func slot(_ field: String) -> Int {
            let accessor = FieldAccessor(field: field, attributeColumns: attributeColumns)
            if let index = slotOf[accessor] { return index }
            slots.append(accessor)
            slotOf[accessor] = slots.count - 1
            return slots.count - 1
        }
        rules = policy.scoring.rules.map { (CompiledCondition($0.when, slot: slot), $0.points) }
        signals = policy.scoring.signals.map { (slot($0.field), $0.perUnit, $0.max) }
        excludes = policy.scoring.exclude.map { (CompiledCondition($0, slot: slot), YAMLText.condition($0)) }
        self.slots = slots
        theaterMap = TheaterMap(policy.theaters)
        segmentNames = Dictionary(policy.segments.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { a, _ in a })
        segmentWorkload = Dictionary(policy.segments.map { ($0.name, $0.workload) }, uniquingKeysWith: { a, _ in a })
        usesScoreColumn = policy.scoring.rules.isEmpty && policy.scoring.signals.isEmpty
    }

    // MARK: - Derived facts

    /// The account's segment: its column (in the policy's spelling), else by employees.
    public func segment(of account: Account) -> String {
        if let segment = account.segment, !segment.isEmpty {
            return segmentNames[segment.lowercased()] ?? segment
        }
        let employees = account.employees ?? 0
        for rule in policy.segments where rule.maxEmployees.map({ employees <= $0 }) ?? true { return rule.name }
        return policy.segments.last?.name ?? ""
    }

    /// The account's theater: its column, else the map; `nil` when unmapped.
    public func theater(of account: Account) -> String? {
        if let theater = account.theater, !theater.isEmpty { return theater }
        return theaterMap.theater(country: account.country, state: account.state)
    }

    /// The tier of a score.
    public func tier(for score: Double) -> Tier {
        let t = policy.tiers
        return score >= t.a ? .a : score >= t.b ? .b : score >= t.c ? .c : .d
    }

    // MARK: - Scoring

    /// Scores one account.
    public func score(_ account: Account) -> ScoredAccount {
        withUnsafeTemporaryAllocation(of: FieldValue.self, capacity: max(1, slots.count)) { table in
            score(account, table: table)
        }
    }

    /// Scores accounts, in parallel over the machine's cores; the result keeps their order.
    ///
    /// - Complexity: O(accounts × fields named by the policy).
    public func score(_ accounts: [Account]) -> [ScoredAccount] {
        let chunk = 16_384
        let chunks = (accounts.count + chunk - 1) / chunk
        guard chunks > 1 else { return accounts.map { score($0) } }
        return [ScoredAccount](unsafeUninitializedCapacity: accounts.count) { buffer, count in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                withUnsafeTemporaryAllocation(of: FieldValue.self, capacity: max(1, slots.count)) { table in
                    for i in c * chunk ..< min(accounts.count, (c + 1) * chunk) {
                        (out.baseAddress! + i).initialize(to: score(accounts[i], table: table))
                    }
                }
            }
            count = accounts.count
        }
    }

    private func score(_ account: Account, table: UnsafeMutableBufferPointer<FieldValue>) -> ScoredAccount {
        let segment = segment(of: account)
        let theater = theater(of: account)
        for (i, accessor) in slots.enumerated() {
            (table.baseAddress! + i).initialize(to: accessor.value(of: account, segment: segment, theater: theater))
        }
        defer { _ = table.baseAddress.map { $0.deinitialize(count: slots.count) } }
        let values = UnsafeBufferPointer(table)

        var points: Double
        if usesScoreColumn {
            points = account.score ?? 0
        } else {
            points = 0
            for rule in rules where rule.condition.matches(values) { points += rule.points }
            for signal in signals {
                guard let x = values[signal.slot].number else { continue }
                let p = x * signal.perUnit
                points += signal.max.map { Swift.min(p, $0) } ?? p
            }
        }
        let score = Swift.min(100, Swift.max(0, points))
        var excludedBy: String?
        for exclusion in excludes where exclusion.condition.matches(values) {
            excludedBy = exclusion.text
            break
        }
        return ScoredAccount(account: account, score: score, tier: tier(for: score), segment: segment, theater: theater,
                             workload: account.workload ?? segmentWorkload[segment] ?? 1, excludedBy: excludedBy)
    }
}
