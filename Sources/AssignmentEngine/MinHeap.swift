/// A binary min-heap; the ordering of `Element` breaks every tie, so results are deterministic.
struct MinHeap<Element: Comparable> {
    private var entries: [Element] = []

    var top: Element? { entries.first }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    mutating func push(_ e: Element) {
        entries.append(e)
        var c = entries.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard e < entries[p] else { break }
            entries[c] = entries[p]; c = p
        }
        entries[c] = e
    }

    @discardableResult
    mutating func pop() -> Element? {
        guard let first = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        var p = 0
        let n = entries.count
        while true {
            let l = 2 * p + 1, r = l + 1
            guard l < n else { break }
            var m = l
            if r < n && entries[r] < entries[l] { m = r }
            guard entries[m] < last else { break }
            entries[p] = entries[m]; p = m
        }
        entries[p] = last
        return first
    }
}
