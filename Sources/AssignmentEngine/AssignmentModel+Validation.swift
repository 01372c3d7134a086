extension AssignmentModel {
    /// Checks the model before any solver sees it (GLPK aborts on malformed input).
    ///
    /// - Throws: ``AssignmentError/invalidModel(_:)`` naming the first fault: a negative, NaN or
    ///   infinite capacity; an arc to an unknown bin; a NaN or infinite value; a negative or NaN
    ///   weight; a duplicated (item, bin) arc; a fixed arc or side-row term that is not an arc;
    ///   a side row with mismatched terms, NaN bounds or `lower > upper`.
    /// - Complexity: O(arcs + side-row terms).
    public func validate() throws {
        guard itemCount >= 0, arcStart.count == itemCount + 1, mustAssign.count == itemCount else {
            throw AssignmentError.invalidModel("item arrays disagree: \(itemCount) items, \(arcStart.count) arc offsets, \(mustAssign.count) must-assign flags")
        }
        guard arcBin.count == arcValue.count, arcBin.count == arcWeight.count, arcStart.last == arcBin.count else {
            throw AssignmentError.invalidModel("arc arrays disagree in length")
        }
        if let names = itemNames, names.count != itemCount {
            throw AssignmentError.invalidModel("\(names.count) item names for \(itemCount) items")
        }
        if let names = binNames, names.count != binCount {
            throw AssignmentError.invalidModel("\(names.count) bin names for \(binCount) bins")
        }
        for (b, c) in capacities.enumerated() where !(c.isFinite && c >= 0) {
            throw AssignmentError.invalidModel("\(binName(b)) has capacity \(c); capacities must be finite and ≥ 0")
        }
        for i in 0 ..< itemCount {
            let range = arcs(ofItem: i)
            guard range.lowerBound <= range.upperBound else {
                throw AssignmentError.invalidModel("arc offsets of \(itemName(i)) decrease")
            }
            var previous: Int32 = -1
            for k in range {
                let b = arcBin[k]
                guard b >= 0, Int(b) < binCount else {
                    throw AssignmentError.invalidModel("arc \(k) of \(itemName(i)) goes to unknown bin \(b) (there are \(binCount) bins)")
                }
                guard b != previous else {
                    throw AssignmentError.invalidModel("\(itemName(i)) has two arcs to \(binName(Int(b)))")
                }
                guard b > previous else {
                    throw AssignmentError.invalidModel("arcs of \(itemName(i)) are not sorted by bin")
                }
                previous = b
                guard arcValue[k].isFinite else {
                    throw AssignmentError.invalidModel("arc \(itemName(i)) → \(binName(Int(b))) has value \(arcValue[k])")
                }
                guard arcWeight[k].isFinite, arcWeight[k] >= 0 else {
                    throw AssignmentError.invalidModel("arc \(itemName(i)) → \(binName(Int(b))) has weight \(arcWeight[k]); weights must be finite and ≥ 0")
                }
            }
        }
        var fixedItems = Set<Int>()
        for k in fixedArcs {
            guard k >= 0, k < arcCount else { throw AssignmentError.invalidModel("fixed arc \(k) does not exist") }
            let i = item(ofArc: k)
            guard fixedItems.insert(i).inserted else {
                throw AssignmentError.invalidModel("\(itemName(i)) is fixed to more than one bin")
            }
        }
        for aggregate in aggregates {
            guard aggregate.arcs.count == aggregate.coefficients.count else {
                throw AssignmentError.invalidModel("aggregate \"\(aggregate.name)\" has \(aggregate.arcs.count) arcs but \(aggregate.coefficients.count) coefficients")
            }
            for (k, c) in zip(aggregate.arcs, aggregate.coefficients) {
                guard k >= 0, k < arcCount else { throw AssignmentError.invalidModel("aggregate \"\(aggregate.name)\" refers to arc \(k), which does not exist") }
                guard c.isFinite else { throw AssignmentError.invalidModel("aggregate \"\(aggregate.name)\" has coefficient \(c)") }
            }
            if Self.repeats(aggregate.arcs) {
                throw AssignmentError.invalidModel("aggregate \"\(aggregate.name)\" names an arc twice")
            }
        }
        for row in sideRows {
            guard row.aggregates.count == row.aggregateCoefficients.count else {
                throw AssignmentError.invalidModel("side row \"\(row.name)\" has \(row.aggregates.count) aggregates but \(row.aggregateCoefficients.count) coefficients")
            }
            for (g, c) in zip(row.aggregates, row.aggregateCoefficients) {
                guard g >= 0, g < aggregates.count else { throw AssignmentError.invalidModel("side row \"\(row.name)\" refers to aggregate \(g), which does not exist") }
                guard c.isFinite else { throw AssignmentError.invalidModel("side row \"\(row.name)\" has aggregate coefficient \(c)") }
            }
            if Self.repeats(row.aggregates) {
                throw AssignmentError.invalidModel("side row \"\(row.name)\" names an aggregate twice")
            }
            guard row.arcs.count == row.coefficients.count else {
                throw AssignmentError.invalidModel("side row \"\(row.name)\" has \(row.arcs.count) arcs but \(row.coefficients.count) coefficients")
            }
            for (k, c) in zip(row.arcs, row.coefficients) {
                guard k >= 0, k < arcCount else { throw AssignmentError.invalidModel("side row \"\(row.name)\" refers to arc \(k), which does not exist") }
                guard c.isFinite else { throw AssignmentError.invalidModel("side row \"\(row.name)\" has coefficient \(c)") }
            }
            if Self.repeats(row.arcs) {
                throw AssignmentError.invalidModel("side row \"\(row.name)\" names an arc twice")
            }
            for bound in [row.lower, row.upper].compactMap({ $0 }) where !bound.isFinite {
                throw AssignmentError.invalidModel("side row \"\(row.name)\" has bound \(bound)")
            }
            if let lo = row.lower, let hi = row.upper, lo > hi {
                throw AssignmentError.invalidModel("side row \"\(row.name)\" has lower bound \(lo) above upper bound \(hi)")
            }
            if let p = row.deviationPenalty {
                guard p.isFinite, p >= 0, row.lower != nil else {
                    throw AssignmentError.invalidModel("side row \"\(row.name)\" has deviation penalty \(p); it needs a lower bound and a finite penalty ≥ 0")
                }
            }
        }
    }

    /// Whether an index occurs twice: a linear check for increasing lists (as models are built),
    /// a sorted copy otherwise.
    static func repeats(_ indices: [Int]) -> Bool {
        if zip(indices, indices.dropFirst()).allSatisfy({ $0 < $1 }) { return false }
        let sorted = indices.sorted()
        return zip(sorted, sorted.dropFirst()).contains { $0 == $1 }
    }

    /// The item an arc belongs to.
    /// - Complexity: O(log items).
    public func item(ofArc k: Int) -> Int {
        // Last item whose first arc is ≤ k, skipping items without arcs.
        var lo = 0, hi = itemCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if arcStart[mid] <= k { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The item of every arc, in arc order.
    /// - Complexity: O(arcs).
    public func arcItems() -> [Int32] {
        var items = [Int32](repeating: 0, count: arcCount)
        for i in 0 ..< itemCount { for k in arcs(ofItem: i) { items[k] = Int32(i) } }
        return items
    }
}
