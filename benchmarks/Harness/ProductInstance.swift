import AssignmentEngine
import DynamicBooks
import Foundation

/// A product instance: the assignment model the planner builds from a data directory and a policy,
/// as `books plan --data DIR --policy FILE --as-of DAY` would solve it.
///
/// In a large segment × theater cell (more eligible reps than 48) the planner gives an item arcs
/// to only a few of its eligible reps and prices the rest after each solve. A peer solving that
/// model would solve a smaller problem, and its bound would not hold for the plan. So
/// ``fullEligible(_:)`` puts back every eligible (account, rep) arc, from the planner's public
/// model and the rules of SPEC §4 (same segment, theater covered, rep available or the owner,
/// room next to the kept book), and checks itself against the planner: every item that kept all
/// its arcs must get exactly the arcs and values the planner gave it, every restricted item a
/// superset of them, every book-score aggregate and move limit the planner wrote must be the
/// same row over more arcs. Any difference is an error, never a silent model change.
struct ProductInstance {
    var model: AssignmentModel
    /// `full` (every eligible arc) or `planner` (the arcs the planner's model holds).
    var arcs: String
    /// Arcs in the planner's own model.
    var plannerArcs: Int
    /// Items given back the eligible arcs the planner left out.
    var expandedItems: Int

    /// Reads `data` (accounts.csv, reps.csv, activity.csv, policy.yaml) as `books plan` does and
    /// builds the planning model of a rebalance on `asOf`.
    static func planningModel(data: String, policy: String?, asOf: Day) throws -> PlanningModel {
        let files = InputFiles(directory: data, policy: policy)
        let loaded = try DataSet.load(files, required: [.accounts, .reps], departures: true)
        let scored = Scorer(policy: loaded.policy, attributeColumns: loaded.accountAttributeColumns).score(loaded.accounts)
        let reps = loaded.reps.filter { $0.isEmployed(on: asOf) }.map { $0.ramped(on: asOf, policy: loaded.policy.assignment) }
        return try Planner().buildModel(accounts: scored, reps: reps, policy: loaded.policy, activity: loaded.activity,
                                        asOf: asOf, mode: .rebalance)
    }

    /// The planner's model with every eligible arc (see the type's description).
    /// - Throws: ``ExpansionMismatch`` when the rebuilt model disagrees with the planner's.
    /// - Complexity: O(items × reps of their cell + side-row terms).
    static func fullEligible(_ planning: PlanningModel) throws -> ProductInstance {
        let m = planning.model
        let reps = planning.reps, accounts = planning.accounts, items = planning.items
        let B = m.binCount
        let fit = planning.policy.assignment
        var binOfRep: [String: Int] = [:]
        for (bin, rep) in reps.enumerated() { binOfRep[rep.id.rawValue] = bin }
        let ownerBin: [Int] = accounts.map { $0.account.owner.flatMap { binOfRep[$0.rawValue] } ?? -1 }
        let available = reps.map { $0.isAvailable(on: planning.asOf) }
        var isFixed = [Bool](repeating: false, count: m.arcCount)
        var fixedLoad = [Double](repeating: 0, count: B)
        for k in m.fixedArcs {
            isFixed[k] = true
            fixedLoad[Int(m.arcBin[k])] += m.arcWeight[k]
        }
        let residual = (0 ..< B).map { max(0, m.capacities[$0] - fixedLoad[$0]) }
        var bySegment: [String: [Int]] = [:]
        for (bin, rep) in reps.enumerated() { bySegment[rep.segment.lowercased(), default: []].append(bin) }
        var cellCache: [String: [Int]] = [:]

        func value(_ item: PlanningItem, _ bin: Int) -> Double {
            item.accounts.reduce(0.0) { $0 + planning.value(ofAccount: $1, bin: bin) }
        }
        func moves(_ item: PlanningItem, _ bin: Int) -> Int {
            item.accounts.reduce(0) { $0 + (ownerBin[$1] >= 0 && ownerBin[$1] != bin ? 1 : 0) }
        }
        func eligible(_ item: PlanningItem) -> [Int] {
            let segment = item.segment.lowercased(), theater = (item.theater ?? "").lowercased()
            let key = segment + "\u{1}" + theater
            let cell = cellCache[key] ?? (bySegment[segment] ?? []).filter { bin in
                reps[bin].theaters.isEmpty || reps[bin].theaters.contains { $0.lowercased() == theater }
            }
            cellCache[key] = cell
            return cell.filter { bin in
                (available[bin] || item.accounts.contains { ownerBin[$0] == bin }) && item.workload <= residual[bin] + 1e-9
            }
        }
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

        // Arcs, item by item, bins increasing.
        var arcStart = [0], arcBin: [Int32] = [], arcValue: [Double] = [], arcWeight: [Double] = []
        var fixedArcs: [Int] = []
        var newIndex = [Int](repeating: -1, count: m.arcCount)
        var expanded = 0
        arcBin.reserveCapacity(m.arcCount); arcValue.reserveCapacity(m.arcCount); arcWeight.reserveCapacity(m.arcCount)
        for (i, item) in items.enumerated() {
            let old = m.arcs(ofItem: i)
            let oldBins = old.map { Int(m.arcBin[$0]) }
            for k in old where !same(m.arcValue[k], value(item, Int(m.arcBin[k]))) || m.arcWeight[k] != item.workload {
                throw ExpansionMismatch("item \(m.itemName(i)), rep \(m.binName(Int(m.arcBin[k]))): the planner's value "
                                        + "\(m.arcValue[k]) or weight \(m.arcWeight[k]) is not v(a, r) = \(value(item, Int(m.arcBin[k]))), w = \(item.workload)")
            }
            var bins = oldBins
            if item.fixedBin == nil {
                let all = eligible(item)
                if all != oldBins {
                    guard !item.mustAssign, all.count > 48, Set(oldBins).isSubset(of: all) else {
                        throw ExpansionMismatch("item \(m.itemName(i)): the planner gave arcs to \(oldBins.count) reps, "
                                                + "\(all.count) are eligible by SPEC §4, and the item is not one the planner restricts")
                    }
                    bins = all
                    expanded += 1
                }
            }
            var cursor = old.lowerBound
            for bin in bins {
                let k = arcBin.count
                if cursor < old.upperBound && Int(m.arcBin[cursor]) == bin {
                    newIndex[cursor] = k
                    if isFixed[cursor] { fixedArcs.append(k) }
                    cursor += 1
                }
                arcBin.append(Int32(bin)); arcValue.append(value(item, bin)); arcWeight.append(item.workload)
            }
            arcStart.append(arcBin.count)
        }
        let itemOfArc: [Int] = {
            var out = [Int](repeating: 0, count: arcBin.count)
            for i in 0 ..< items.count { for k in arcStart[i] ..< arcStart[i + 1] { out[k] = i } }
            return out
        }()

        // Book-score aggregates: the same reps, over every arc of theirs.
        var arcsAtBin = [[Int]](repeating: [], count: B)
        for k in arcBin.indices where items[itemOfArc[k]].score != 0 { arcsAtBin[Int(arcBin[k])].append(k) }
        var aggregates: [Aggregate] = []
        for aggregate in m.aggregates {
            let bins = Set(aggregate.arcs.map { Int(m.arcBin[$0]) })
            let named = aggregate.name.hasPrefix("book score of rep ")
                ? binOfRep[String(aggregate.name.dropFirst("book score of rep ".count))] : nil
            guard let bin = bins.count == 1 ? bins.first : named, bins.isSubset(of: [bin]) else {
                throw ExpansionMismatch("aggregate '\(aggregate.name)' is not one rep's book score")
            }
            for (k, c) in zip(aggregate.arcs, aggregate.coefficients) where !same(c, items[itemOfArc[newIndex[k]]].score) {
                throw ExpansionMismatch("aggregate '\(aggregate.name)': coefficient \(c) is not the item's score")
            }
            aggregates.append(Aggregate(arcs: arcsAtBin[bin], coefficients: arcsAtBin[bin].map { items[itemOfArc[$0]].score },
                                        name: aggregate.name))
        }

        // Side rows: fairness rows (over aggregates) as they are; move limits rebuilt over every arc.
        var rows: [SideRow] = []
        var oldMoveRows: [Int: SideRow] = [:]
        for row in m.sideRows {
            if row.arcs.isEmpty && !row.aggregates.isEmpty {
                guard oldMoveRows.isEmpty else { throw ExpansionMismatch("row '\(row.name)' follows the move limits") }
                rows.append(row)
            } else if row.aggregates.isEmpty, row.name.hasPrefix("move limit (rep "), row.name.hasSuffix(")"),
                      let bin = binOfRep[String(row.name.dropFirst("move limit (rep ".count).dropLast())] {
                oldMoveRows[bin] = row
            } else {
                throw ExpansionMismatch("row '\(row.name)' is neither a fairness row nor a move limit")
            }
        }
        if let limit = fit.maxMovesPerRep {
            let fixedSet = Set(fixedArcs)
            var forced = [Int](repeating: 0, count: B)
            for k in fixedArcs { forced[Int(arcBin[k])] += moves(items[itemOfArc[k]], Int(arcBin[k])) }
            var moveArcs = [[Int]](repeating: [], count: B), moveCoefficients = [[Double]](repeating: [], count: B)
            for k in arcBin.indices where !fixedSet.contains(k) {
                let count = moves(items[itemOfArc[k]], Int(arcBin[k]))
                if count > 0 { moveArcs[Int(arcBin[k])].append(k); moveCoefficients[Int(arcBin[k])].append(Double(count)) }
            }
            for bin in 0 ..< B {
                let allowed = max(0, limit - forced[bin])
                let possible = moveCoefficients[bin].reduce(0, +)
                if let old = oldMoveRows[bin] {
                    guard old.upper == Double(allowed) else {
                        throw ExpansionMismatch("'\(old.name)': the planner allows \(old.upper ?? -1) moves, the rule gives \(allowed)")
                    }
                    let rebuilt = Dictionary(uniqueKeysWithValues: zip(moveArcs[bin], moveCoefficients[bin]))
                    for (k, c) in zip(old.arcs, old.coefficients) where rebuilt[newIndex[k]] != c {
                        throw ExpansionMismatch("'\(old.name)': arc \(k) counts \(c) moves, the rule gives \(rebuilt[newIndex[k]] ?? 0)")
                    }
                }
                guard possible > Double(allowed) else {
                    if oldMoveRows[bin] != nil { throw ExpansionMismatch("a move limit the planner wrote cannot bind") }
                    continue
                }
                rows.append(SideRow(arcs: moveArcs[bin], coefficients: moveCoefficients[bin], upper: Double(allowed),
                                    name: "move limit (rep \(reps[bin].id.rawValue))"))
            }
        } else if !oldMoveRows.isEmpty {
            throw ExpansionMismatch("the planner wrote move limits without assignment.continuity.max_moves_per_rep")
        }

        let full = AssignmentModel(itemCount: m.itemCount, capacities: m.capacities, mustAssign: m.mustAssign,
                                   arcStart: arcStart, arcBin: arcBin, arcValue: arcValue, arcWeight: arcWeight,
                                   fixedArcs: fixedArcs, sideRows: rows, aggregates: aggregates,
                                   itemNames: m.itemNames, binNames: m.binNames)
        return ProductInstance(model: full, arcs: "full", plannerArcs: m.arcCount, expandedItems: expanded)
    }
}

/// The model rebuilt with every eligible arc disagrees with the planner's own.
struct ExpansionMismatch: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = "cannot rebuild the full eligible model: " + description }
}
