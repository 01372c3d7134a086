/// Items that share one value over one set of bins, joined through hub nodes.
///
/// In a dynamic-books cell most accounts are worth the same to every rep that may take them
/// (the score), a little more to the reps with the account's industry as a specialty and to its
/// owner; spelling out every (item, bin) edge makes each shortest-path search cost O(bins²).
/// Instead, for each value x an item has (its **classes**), the bins where the item is worth at
/// least x form a set; items with the same set share one hub node. The item enters the hub at
/// value x and the hub reaches each of its bins at no cost. A class whose set is not shared, or
/// too small, stays explicit edges. The network with hubs has the same optimum: every hub route
/// is a real arc worth at least what the route charges, and a bin where the item is worth more is
/// reached more cheaply through that value's own hub or explicit edge, which a shortest path
/// prefers.
///
/// A bin that is alone at its value above x (an account's owner) is left out of x's set: its
/// explicit edge reaches it at its own value, and the set stays the one the item's neighbours
/// share — without it, every owned account would have a set of its own and no hub.
struct ItemHubs {
    /// Per item: its memberships `memberStart[i] ..< memberStart[i + 1]` in `memberHub` and
    /// `memberValue` (the class value), by increasing value.
    var memberStart: [Int]
    var memberHub: [Int32]
    var memberValue: [Double]
    /// Per item: its lowest class is a hub holding all of its arcs.
    var onlyInHub: [Bool]
    /// Per hub: its bins `binStart[h] ..< binStart[h + 1]` in `binList`, increasing.
    var binStart: [Int]
    var binList: [Int32]

    var count: Int { binStart.count - 1 }

    /// A class needs at least this many bins to become a hub by default: a hub node costs a
    /// search one relaxation per bin, explicit edges only their pushes, so small sets stay explicit.
    static let defaultMinimumBins = 4
    /// A set needs this many items to become a hub. Every hub is one more node in every
    /// search (its way in from the source is queued each time), while it saves only its members'
    /// edges: in a large cell with restricted arcs (``ArcRestriction`` in the planner) hubs of a
    /// few items each made the searches three times slower (1M accounts, SMB: 80,000 hubs of 7.8
    /// members on average; 6,000 with this floor).
    static let defaultMinimumMembers = 16
    /// Items with more distinct values than this keep every arc explicit.
    static let maximumClasses = 8

    init(_ model: AssignmentModel, active: [Bool], minimumBins: Int = defaultMinimumBins,
         minimumMembers: Int = defaultMinimumMembers) {
        let n = model.itemCount
        var index: [[Int32]: Int32] = [:]
        var sets: [[Int32]] = []
        var members: [Int] = []
        // Memberships before hubs of one item are dropped: (item, hub, value).
        var raw: [(item: Int32, hub: Int32, value: Double)] = []
        // Per item: its lowest class's set, when that set holds all of its arcs.
        var lowest = [Int32](repeating: -1, count: n)
        var values: [Double] = []
        var counts: [Int] = []
        var scratch: [Int32] = []
        for i in 0 ..< n where active[i] {
            let range = model.arcs(ofItem: i)
            guard range.count >= minimumBins else { continue }
            values.removeAll(keepingCapacity: true)
            var tooMany = false
            for k in range where !values.contains(model.arcValue[k]) {
                values.append(model.arcValue[k])
                if values.count > Self.maximumClasses { tooMany = true; break }
            }
            guard !tooMany else { continue }
            values.sort()
            counts.removeAll(keepingCapacity: true)
            for x in values { counts.append(range.reduce(0) { $0 + (model.arcValue[$1] == x ? 1 : 0) }) }
            for (c, x) in values.enumerated() {
                scratch.removeAll(keepingCapacity: true)
                for k in range {
                    let v = model.arcValue[k]
                    guard v >= x else { continue }
                    // A bin alone at a higher value keeps its explicit edge.
                    if v > x, let d = values.firstIndex(of: v), counts[d] == 1 { continue }
                    scratch.append(model.arcBin[k])
                }
                guard scratch.count >= minimumBins else { continue }
                let h: Int32
                if let known = index[scratch] { h = known } else {
                    h = Int32(sets.count)
                    index[scratch] = h
                    sets.append(scratch)
                    members.append(0)
                }
                members[Int(h)] += 1
                if c == 0 && scratch.count == range.count { lowest[i] = h }
                raw.append((Int32(i), h, x))
            }
        }
        // A set of few items stays explicit edges. Hubs are numbered in order of creation, so
        // the network does not depend on hashing.
        var renumber = [Int32](repeating: -1, count: sets.count)
        binStart = [0]
        binList = []
        for h in sets.indices where members[h] >= max(2, minimumMembers) && sets[h].count >= minimumBins {
            renumber[h] = Int32(binStart.count - 1)
            binList += sets[h]
            binStart.append(binList.count)
        }
        memberStart = Array(repeating: 0, count: n + 1)
        memberHub = []
        memberValue = []
        onlyInHub = Array(repeating: false, count: n)
        var r = 0
        for i in 0 ..< n {
            while r < raw.count && Int(raw[r].item) == i {
                let h = renumber[Int(raw[r].hub)]
                if h >= 0 { memberHub.append(h); memberValue.append(raw[r].value) }
                r += 1
            }
            memberStart[i + 1] = memberHub.count
            if lowest[i] >= 0 && renumber[Int(lowest[i])] >= 0 { onlyInHub[i] = true }
        }
    }

    /// Item i's memberships as a range into `memberHub` and `memberValue`.
    @inline(__always) func members(of i: Int) -> Range<Int> { memberStart[i] ..< memberStart[i + 1] }

    /// Hub h's bins as a range into `binList`.
    @inline(__always) func bins(of h: Int) -> Range<Int> { binStart[h] ..< binStart[h + 1] }

    /// Whether arc k of item i is an explicit edge (no hub of the item carries its value).
    @inline(__always) func isExplicit(arc k: Int, item i: Int, _ model: AssignmentModel) -> Bool {
        let v = model.arcValue[k]
        for m in members(of: i) where memberValue[m] == v { return false }
        return true
    }

    /// The value of item i's lowest class when that class's hub holds all of its arcs.
    func lowestHub(of i: Int) -> (hub: Int, value: Double)? {
        guard onlyInHub[i], let m = members(of: i).first else { return nil }
        return (Int(memberHub[m]), memberValue[m])
    }
}
