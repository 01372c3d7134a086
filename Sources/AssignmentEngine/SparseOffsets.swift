/// The offsets of a compressed sparse layout: column k's entries are `range(k)`. 32-bit, and
/// nothing at all when there are no entries (a model without aggregates pays nothing per arc).
struct SparseOffsets {
    private let offsets: [Int32]
    init(_ offsets: [Int32] = []) { self.offsets = offsets }
    @inline(__always) func range(_ k: Int) -> Range<Int> {
        offsets.isEmpty ? 0 ..< 0 : Int(offsets[k]) ..< Int(offsets[k + 1])
    }
}
