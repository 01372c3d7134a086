/// The Lagrangian relaxation of the capacity constraints of a dense cost table: prices `u_b ≥ 0`
/// per unit of each bin's capacity, and the lower bound they prove on the minimum cost.
///
/// ```
/// L(u) = Σ_j min_b (c_jb + u_b·w_jb)  −  Σ_b u_b·C_b
/// ```
///
/// Every `L(u)` bounds the minimum cost of the table's assignments from below, and its maximum
/// over `u` is the LP bound (M. L. Fisher, "The Lagrangian relaxation method for solving integer
/// programming problems", *Management Science* 27, 1981). The prices follow the subgradient
/// method with Polyak's step towards a target (an upper bound when one is known).
/// ``EjectionChainSearch`` ranks each item's bins by the reduced costs `c_jb + u_b·w_jb`.
struct CapacityRelaxation: Sendable {
    /// `u_b`, per column of the table (the pseudo-bin of unassigned items, if any, keeps 0).
    var prices: [Double]
    /// The best `L(u)` found: a lower bound on the minimum cost.
    var bound: Double
    /// Whether the relaxed answer at `prices` respects every capacity with complementary slack,
    /// so that `bound` is the optimum itself.
    var exact: Bool

    /// Maximises `L(u)` by at most `iterations` subgradient steps, starting from `start` prices.
    ///
    /// - Parameters:
    ///   - table: the costs, weights and capacities (columns of infinite cost are not allowed).
    ///   - target: an upper bound on the minimum cost, when known; without one the step aims a
    ///     little above the best bound.
    /// - Returns: the prices of the best bound found and that bound.
    /// - Complexity: O(iterations · items · columns).
    static func solve(_ table: CostTable, target: Double?, iterations: Int, start: [Double]? = nil) -> CapacityRelaxation {
        let n = table.items, width = table.width
        var u = start ?? [Double](repeating: 0, count: width)
        var best = CapacityRelaxation(prices: u, bound: -.infinity, exact: false)
        var theta = 2.0, sinceProgress = 0
        var g = [Double](repeating: 0, count: width)
        for _ in 0 ..< max(1, iterations) {
            for b in 0 ..< width { g[b] = table.capacity[b].isFinite ? -table.capacity[b] : 0 }
            var value = 0.0
            for j in 0 ..< n {
                let row = j * width
                var bestColumn = -1, bestCost = Double.infinity
                for b in 0 ..< width {
                    let c = table.cost[row + b]
                    guard c.isFinite else { continue }
                    let r = c + u[b] * table.weight[row + b]
                    if r < bestCost { bestCost = r; bestColumn = b }
                }
                guard bestColumn >= 0 else { return best }
                value += bestCost
                if table.capacity[bestColumn].isFinite { g[bestColumn] += table.weight[row + bestColumn] }
            }
            for b in 0 ..< width where table.capacity[b].isFinite { value -= u[b] * table.capacity[b] }
            if value > best.bound + 1e-12 * max(1, abs(value)) {
                best = CapacityRelaxation(prices: u, bound: value, exact: false)
                sinceProgress = 0
            } else {
                sinceProgress += 1
                if sinceProgress >= 15 { theta /= 2; sinceProgress = 0 }
            }
            // Projected subgradient: prices at zero do not move down.
            var norm = 0.0
            for b in 0 ..< width {
                if u[b] <= 0 && g[b] < 0 { g[b] = 0 }
                norm += g[b] * g[b]
            }
            // Every capacity kept and every priced bin full: L(u) is the optimum.
            let slack = (0 ..< width).allSatisfy { g[$0] <= 0 && (u[$0] == 0 || abs(g[$0]) < 1e-9) }
            if norm < 1e-18 || slack {
                if slack && value >= best.bound - 1e-12 * max(1, abs(value)) {
                    best = CapacityRelaxation(prices: u, bound: value, exact: true)
                }
                break
            }
            if theta < 1e-5 { break }
            let aim = target.map { max($0, value + 1e-9 * max(1, abs(value))) } ?? (best.bound + 0.02 * max(1, abs(best.bound)))
            let step = theta * (aim - value) / norm
            for b in 0 ..< width { u[b] = max(0, u[b] + step * g[b]) }
        }
        return best
    }
}
