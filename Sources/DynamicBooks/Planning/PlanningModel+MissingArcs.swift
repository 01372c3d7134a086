import AssignmentEngine
import Foundation

/// What a model built with ``ArcRestriction`` needs to price the eligible arcs it left out, and
/// to be built again with some of them.
struct MissingArcs: Sendable {
    /// The building that made the model, to build it again with more arcs.
    var building: ModelBuilding
    var activity: [Activity]
    /// Arcs added so far, by index among the building's candidate items.
    var extra: [Int: [Int]]
    /// The cells whose items hold only some of their arcs: their bins, increasing.
    var cellBins: [[Int]]
    /// Per model item: its cell, or −1 when it holds every eligible arc.
    var restrictedCell: [Int32]
    /// Per model item: its index among the building's candidate items.
    var sourceIndex: [Int]
    /// Per bin: room for free items.
    var residual: [Double]
    /// Per bin: the aggregate of its book value, or −1.
    var aggregateOfBin: [Int]
    /// Per bin: its move-limit row, or −1.
    var moveRowOfBin: [Int]
}

/// An arc a restricted model leaves out that gains under a solve's prices.
struct MissingArcGain: Sendable {
    /// The largest gain of the item's missing arcs (≤ 0: none gains).
    var gain: Double
    /// The missing bins that gain most, best first.
    var bins: [Int]
}

extension PlanningModel {
    /// Prices every eligible arc that the model leaves out under `certificate` (its value with the
    /// side rows' multipliers, less the capacity price of its workload and its item's price).
    /// - Returns: per model item, the best gain of its missing arcs and the bins that gain most;
    ///   items that hold all their arcs gain 0.
    /// - Complexity: O(restricted items × reps of their cell).
    func priceMissingArcs(_ certificate: DualCertificate) -> [MissingArcGain] {
        guard let missing = missingArcs else { return Array(repeating: MissingArcGain(gain: 0, bins: []), count: model.itemCount) }
        let building = missing.building
        let B = reps.count
        // Industries as small integers and a specialist table, as in the layout.
        var industryCode: [String: Int] = [:]
        for rep in reps { for s in rep.specialties where industryCode[s.lowercased()] == nil { industryCode[s.lowercased()] = industryCode.count } }
        var table = [Bool](repeating: false, count: max(1, industryCode.count) * B)
        for (bin, rep) in reps.enumerated() { for s in rep.specialties { table[industryCode[s.lowercased()]! * B + bin] = true } }
        let specialist = table
        let industry: [Int] = accounts.map { $0.account.industry.flatMap { industryCode[$0.lowercased()] } ?? -1 }
        let available = reps.map { $0.isAvailable(on: asOf) }
        let specialtyFit = policy.assignment.specialtyFit, incumbentFit = policy.assignment.incumbentFit
        let aggregateFactor = (0 ..< B).map { missing.aggregateOfBin[$0] >= 0 ? certificate.aggregateMultiplier[missing.aggregateOfBin[$0]] : 0 }
        let moveFactor = (0 ..< B).map { missing.moveRowOfBin[$0] >= 0 ? certificate.rowMultiplier[missing.moveRowOfBin[$0]] : 0 }
        let keep = (building.restriction ?? ArcRestriction()).addedPerItem

        let chunks = min(64, max(1, model.itemCount / 2048))
        let results = ChunkResults<MissingArcGain>(model.itemCount)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = model.itemCount * c / chunks, upper = model.itemCount * (c + 1) / chunks
            var out: [MissingArcGain] = []
            out.reserveCapacity(upper - lower)
            for i in lower ..< upper {
                let cell = Int(missing.restrictedCell[i])
                guard cell >= 0 else { out.append(MissingArcGain(gain: 0, bins: [])); continue }
                let item = items[i]
                let arcs = model.arcs(ofItem: i)
                let w = item.workload, alpha = certificate.itemPrice[i]
                let barred = item.accounts.contains { building.barredBins[$0] != nil }
                var best = -Double.infinity
                var top: [(gain: Double, bin: Int)] = []
                var cursor = arcs.lowerBound
                for bin in missing.cellBins[cell] {
                    // Arcs the model holds are priced already (their gain is at most 0).
                    while cursor < arcs.upperBound && Int(model.arcBin[cursor]) < bin { cursor += 1 }
                    if cursor < arcs.upperBound && Int(model.arcBin[cursor]) == bin { continue }
                    if w > missing.residual[bin] + 1e-9 { continue }
                    if barred && item.accounts.contains(where: { building.barredBins[$0]?.contains(bin) ?? false }) { continue }
                    var value = 0.0, moves = 0.0, owns = false
                    for a in item.accounts {
                        var v = accounts[a].score
                        if industry[a] >= 0 && specialist[industry[a] * B + bin] { v *= specialtyFit }
                        let owner = ownerBin[a]
                        if owner == Int32(bin) { v *= incumbentFit; owns = true } else if owner >= 0 { moves += 1 }
                        value += v
                    }
                    if !available[bin] && !owns { continue }
                    let gain = value + aggregateFactor[bin] * item.score + moveFactor[bin] * moves
                        - certificate.binPrice[bin] * w - alpha
                    best = max(best, gain)
                    if gain > 0 && (top.count < keep || gain > top[top.count - 1].gain) {
                        top.append((gain, bin))
                        top.sort { ($0.gain, -$0.bin) > ($1.gain, -$1.bin) }
                        if top.count > keep { top.removeLast() }
                    }
                }
                out.append(MissingArcGain(gain: best.isFinite ? best : 0, bins: top.map(\.bin)))
            }
            results.put(lower, out)
        }
        return results.values
    }

    /// Solves a model whose large cells hold only some of their arcs: solve, price the missing
    /// arcs, and either prove the bound over every eligible arc or add the arcs that gain and
    /// solve again (at most ``WorkBudget/pricingRounds`` times).
    /// - Returns: the final model and its solution, whose bound and status hold for the whole
    ///   set of eligible arcs.
    func solveWithPricing(options: SolveOptions,
                          _ run: (AssignmentModel, SolveOptions) throws -> AssignmentSolution) throws -> (PlanningModel, AssignmentSolution) {
        var current = self
        var options = options
        options.certify = true
        var round = 0
        while true {
            var solution = try run(current.model, options)
            guard let missing = current.missingArcs else { return (current, solution) }
            // A solver that prices nothing leaves the trivial bound: every item at its best arc.
            let certificate = solution.certificate ?? .trivial(current.model)
            let gains = current.priceMissingArcs(certificate)
            let scale = max(1, abs(certificate.bound))
            let tolerance = 1e-9 * scale
            // Per component: its own bound where every item holds all its arcs; otherwise the
            // certificate's, raised by what the missing arcs gain.
            var componentOfBin = [Int](repeating: -1, count: current.model.binCount)
            for (c, report) in solution.components.enumerated() { for b in report.binIndices { componentOfBin[b] = c } }
            var raised = [Double](repeating: 0, count: solution.components.count)
            var restricted = [Bool](repeating: false, count: solution.components.count)
            for i in 0 ..< current.model.itemCount {
                let arcs = current.model.arcs(ofItem: i)
                guard !arcs.isEmpty else { continue }
                let c = componentOfBin[Int(current.model.arcBin[arcs.lowerBound])]
                guard c >= 0 else { continue }
                if missing.restrictedCell[i] >= 0 { restricted[c] = true }
                raised[c] += max(0, gains[i].gain)
            }
            var total = 0.0
            var allBounded = true
            for c in solution.components.indices {
                var report = solution.components[c]
                if restricted[c] {
                    if let certified = report.certifiedBound {
                        report.bound = max(report.objective, certified + raised[c])
                        let gap = (report.bound! - report.objective) / max(1e-9, abs(report.bound!))
                        report.status = gap <= 1e-9 ? .optimal
                            : gap <= options.relativeGap ? .withinGap
                            : report.status == .timeLimit ? .timeLimit : .workLimit
                    } else {
                        report.bound = nil
                    }
                    solution.components[c] = report
                }
                if let bound = report.bound { total += bound } else { allBounded = false }
            }
            let fixedOnly = solution.objective - solution.components.reduce(0) { $0 + $1.objective }
            solution.bound = max(solution.objective, allBounded ? total + fixedOnly
                                 : certificate.bound(raisedBy: gains.map(\.gain)))
            solution.status = solution.components.map(\.status).min { $0.rank < $1.rank } ?? solution.status
            let gaining = gains.indices.filter { gains[$0].gain > tolerance && !gains[$0].bins.isEmpty }
            let withinGap = (solution.gap ?? 1) <= options.relativeGap
            guard !gaining.isEmpty, !withinGap, round < options.budget.pricingRounds else { return (current, solution) }
            var extra = missing.extra
            for i in gaining { extra[missing.sourceIndex[i], default: []] += gains[i].bins }
            current = try missing.building.build(activity: missing.activity, extra: extra)
            round += 1
        }
    }
}

/// Per-chunk results of a parallel loop, kept in input order.
final class ChunkResults<T: Sendable>: @unchecked Sendable {
    private var parts: [Int: [T]] = [:]
    private let lock = NSLock()
    private let count: Int
    init(_ count: Int) { self.count = count }
    func put(_ start: Int, _ values: [T]) { lock.lock(); parts[start] = values; lock.unlock() }
    var values: [T] {
        var all: [T] = []
        all.reserveCapacity(count)
        for key in parts.keys.sorted() { all += parts[key]! }
        return all
    }
}
