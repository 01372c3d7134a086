/// An item held by a bin, keyed by what moving it along one edge costs (ties by item); `stamp`
/// recognises entries from an earlier stay.
struct MoveEntry: Comparable {
    var key: Double; var item: Int32; var stamp: Int32
    static func < (a: MoveEntry, b: MoveEntry) -> Bool { a.key != b.key ? a.key < b.key : a.item < b.item }
    static func == (a: MoveEntry, b: MoveEntry) -> Bool { a.key == b.key && a.item == b.item }
}
