extension Generator {
    /// Reps for every segment × theater cell, in proportion to the cell's demand in rep-sized units.
    func makeReps(accounts: [Account], plan: SegmentPlan, policy: Policy,
                  using rng: inout some RandomNumberGenerator) -> [Rep] {
        let theaters = policy.theaters.map(\.name)
        let map = TheaterMap(policy.theaters)
        let theaterIndex = Dictionary(uniqueKeysWithValues: theaters.enumerated().map { ($1, $0) })
        let cellCount = plan.names.count * theaters.count
        var demand = [Double](repeating: 0, count: cellCount)
        for account in accounts {
            guard let t = map.theater(country: account.country, state: account.state).flatMap({ theaterIndex[$0] })
            else { continue }
            let s = plan.segment(employees: account.employees ?? 0)
            demand[s * theaters.count + t] += plan.workloads[s] / plan.repUnits[s]
        }
        let counts = Generator.apportion(configuration.reps, weights: demand)
        let specialtyPool = Vocabulary.industries.filter { $0.name != "Government" }
        let width = max(3, String(configuration.reps).count)
        var reps: [Rep] = []
        for cell in 0 ..< cellCount {
            let s = cell / theaters.count, t = cell % theaters.count
            for _ in 0 ..< counts[cell] {
                let id = RepID("R" + zeroPadded(reps.count + 1, width))
                var rep = Rep(id: id, name: rng.pick(Vocabulary.firstNames) + " " + rng.pick(Vocabulary.lastNames),
                              segment: plan.names[s], theaters: [theaters[t]])
                if theaters.count > 1 && rng.chance(0.06) {
                    rep.theaters.append(theaters[(t + 1) % theaters.count])
                } else if theaters.count == 1 && rng.chance(0.5) {
                    rep.theaters = []
                }
                if rng.chance(0.55) {
                    let first = specialtyPool[rng.weightedIndex(specialtyPool.map(\.share))].name
                    rep.specialties = [first]
                    if rng.chance(0.3) {
                        let second = specialtyPool[rng.weightedIndex(specialtyPool.map(\.share))].name
                        if second != first { rep.specialties.append(second) }
                    }
                }
                if rng.chance(0.05) { rep.capacity = (plan.repUnits[s] * 0.8).rounded() }
                if rng.chance(0.1) { rep.ramp = rng.pick([0.25, 0.5, 0.75]) }
                if rng.chance(0.05) { rep.unavailableUntil = configuration.asOf + rng.int(in: 3 ... 40) }
                if rng.chance(0.1) { rep.routingWeight = rng.pick([0.5, 1.5, 2]) }
                reps.append(rep)
            }
        }
        return reps
    }

    /// Splits `total` over cells in proportion to `weights`: one each to cells with demand (as
    /// far as `total` goes, heaviest first), the rest by largest remainder; ties by cell order.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: weights.count)
        let live = weights.indices.filter { weights[$0] > 0 }
            .sorted { (weights[$0], -$0) > (weights[$1], -$1) }
        guard !live.isEmpty else {
            if !counts.isEmpty { counts[0] = total }
            return counts
        }
        var left = total
        for cell in live where left > 0 { counts[cell] = 1; left -= 1 }
        guard left > 0 else { return counts }
        let sum = live.reduce(0) { $0 + weights[$1] }
        var remainders: [(Double, Int)] = []
        var given = 0
        for cell in live {
            let exact = Double(left) * weights[cell] / sum
            let whole = Int(exact.rounded(.down))
            counts[cell] += whole
            given += whole
            remainders.append((exact - Double(whole), cell))
        }
        remainders.sort { ($0.0, -$0.1) > ($1.0, -$1.1) }
        for i in 0 ..< (left - given) { counts[remainders[i % remainders.count].1] += 1 }
        return counts
    }
}
