/// Smooth weighted round robin: picks reps in proportion to their routing weights, interleaved
/// rather than in runs, from a small state that survives restarts.
///
/// This is nginx's algorithm (Maxim Dounin, "Upstream: smooth weighted round-robin balancing",
/// nginx 1.3.1, 2012; `ngx_http_upstream_get_peer` in `src/http/ngx_http_upstream_round_robin.c`).
/// Each rep carries a *current weight*. On every pick, among the reps that can take the account:
///
/// ```
/// for each candidate c:  current[c] += weight[c];  total += weight[c]
/// best = the candidate with the largest current (ties: larger weight, then smaller id)
/// current[best] -= total
/// ```
///
/// Over any run of picks among the same candidates the current weights sum to zero and stay
/// bounded, so after `n` picks each candidate has been picked `n·w/W` times give or take a
/// bounded error (for weights 5, 1, 1 the sequence is a a b a c a a). Shares are therefore
/// exactly proportional to the weights over time.
///
/// A rep that cannot take the account (unavailable, barred from it, full) is skipped: its current
/// weight is neither increased nor decreased, so it earns no credit while away and — keeping its
/// place in the rotation — neither catches up in a burst nor starts behind when it is back. The
/// others absorb its share in proportion to their own weights.
///
/// Weights are kept as integers (thousandths of a routing weight), so the arithmetic is exact and
/// the same history always gives the same state.
public struct SmoothWeightedRoundRobin: Sendable, Hashable, Codable {
    /// Current weight per rep, in thousandths of a routing weight. Reps never picked or skipped
    /// so far are absent (current weight 0).
    public var current: [RepID: Int64]

    public init(current: [RepID: Int64] = [:]) { self.current = current }

    /// Thousandths of a routing weight; weights that are negative, not finite or absurdly large
    /// are clamped (0 takes no turn).
    public static func units(_ weight: Double) -> Int64 {
        guard weight.isFinite, weight > 0 else { return 0 }
        return Int64((min(weight, 1e9) * 1000).rounded())
    }

    /// Picks one of `candidates` and advances the state.
    /// - Parameter candidates: the reps that can take the account and their routing weights;
    ///   reps with a weight of 0 (in units) take no turn.
    /// - Returns: the rep picked, nil when no candidate has a positive weight (the state is then unchanged).
    /// - Complexity: O(candidates).
    public mutating func pick(among candidates: [(rep: RepID, weight: Double)]) -> RepID? {
        let weighted = candidates.map { (rep: $0.rep, units: Self.units($0.weight)) }
            .filter { $0.units > 0 }
            .sorted { ($0.units, $1.rep) > ($1.units, $0.rep) }
        guard !weighted.isEmpty else { return nil }
        var total: Int64 = 0
        var best: (rep: RepID, current: Int64)?
        for candidate in weighted {
            let updated = current[candidate.rep, default: 0] + candidate.units
            current[candidate.rep] = updated
            total += candidate.units
            if best == nil || updated > best?.current ?? .min { best = (candidate.rep, updated) }
        }
        guard let best else { return nil }
        current[best.rep] = best.current - total
        return best.rep
    }
}
