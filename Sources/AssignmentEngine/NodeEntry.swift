/// Dijkstra's queue entry: a node at a distance (ties by node), deleted lazily.
struct NodeEntry: Comparable {
    var dist: LexCost; var node: Int32
    static func < (a: NodeEntry, b: NodeEntry) -> Bool { a.dist != b.dist ? a.dist < b.dist : a.node < b.node }
}
