/// Which plan to make.
public enum PlanMode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The quarterly rebalance: every account may move, within continuity (`max_moves_per_rep`)
    /// and except locked accounts, customers kept by `lock_customers` and, with `keep_worked`,
    /// accounts their owner works.
    case rebalance
    /// The weekly top-off: every current book is kept and only free capacity is filled, best
    /// first, from the pool. Hard fairness is applied as soft, since kept books may already lie
    /// outside the band.
    case topoff

    public var description: String { rawValue }
}
