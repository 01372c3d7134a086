/// Which of its eligible reps an item of a large cell holds arcs to.
///
/// With coarse theaters a cell has hundreds of reps, every one eligible for every account of it,
/// but an account's value takes only a few distinct values across them (score × specialty ×
/// incumbent). So an item holds arcs only to its owners and to a few reps spread evenly over the
/// cell, with and without its specialty; the solve prices every other eligible rep afterwards
/// (``PlanningModel/priceMissingArcs(_:)``), adds the arcs that would gain and solves again, or
/// raises the bound by what they would gain. The model then grows with accounts, not with
/// accounts × reps, and the bound stays valid for the whole set of eligible pairs. Must-assign
/// items (unowned customers) keep every eligible arc, so restricting never makes a plan
/// infeasible.
struct ArcRestriction: Sendable, Equatable {
    /// Items with more eligible reps than this hold only their candidates.
    var eligibleLimit = 48
    /// Reps spread over the whole cell.
    var spreadCandidates = 12
    /// Reps spread over those with the item's specialty.
    var specialtyCandidates = 6
    /// Arcs added per item that gains after a solve.
    var addedPerItem = 3

    /// The candidate bins of item `item` among `eligible` (increasing): the owners of its
    /// accounts, `specialtyCandidates` of the eligible `specialists` and `spreadCandidates` of
    /// all, each picked at even steps from an offset that depends on the item only.
    /// - Parameter specialists: the bins, increasing, with one of the item's industries as a
    ///   specialty (eligible or not).
    /// - Returns: bins, increasing, without repeats.
    func candidates(eligible: [Int], item: Int, owners: [Int], specialists: [Int]) -> [Int] {
        var chosen: [Int] = []
        chosen.reserveCapacity(spreadCandidates + specialtyCandidates + owners.count)
        for owner in owners where Self.contains(eligible, owner) { chosen.append(owner) }
        let seed = Self.mix(UInt64(item))
        if specialtyCandidates > 0 {
            Self.spread(specialists.filter { Self.contains(eligible, $0) }, count: specialtyCandidates, seed: seed, into: &chosen)
        }
        Self.spread(eligible, count: spreadCandidates, seed: seed >> 17, into: &chosen)
        chosen.sort()
        var unique: [Int] = []
        unique.reserveCapacity(chosen.count)
        for bin in chosen where unique.last != bin { unique.append(bin) }
        return unique
    }

    /// Appends `count` of `bins` at even steps from an offset given by `seed` (all of them when
    /// there are no more).
    static func spread(_ bins: [Int], count: Int, seed: UInt64, into chosen: inout [Int]) {
        guard bins.count > count else { chosen += bins; return }
        let offset = Int(seed % UInt64(bins.count))
        for t in 0 ..< count { chosen.append(bins[(offset + t * bins.count / count) % bins.count]) }
    }

    /// Whether the increasing array `bins` holds `bin`.
    static func contains(_ bins: [Int], _ bin: Int) -> Bool {
        var low = 0, high = bins.count
        while low < high {
            let mid = (low + high) / 2
            if bins[mid] < bin { low = mid + 1 } else { high = mid }
        }
        return low < bins.count && bins[low] == bin
    }

    /// SplitMix64's finaliser (Steele, Lea & Flood, "Fast splittable pseudorandom number
    /// generators", OOPSLA 2014): a well-mixed offset for each item.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
