/// A growable buffer whose elements can be moved out without copying, so rows parsed in parallel
/// parts become one array with no retain/release of their strings.
final class MoveBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func append(_ element: consuming Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves every element to `destination` (uninitialized memory for `count` elements); the
    /// buffer is empty afterwards.
    func moveAll(to destination: UnsafeMutablePointer<Element>) {
        destination.moveInitialize(from: base, count: count)
        count = 0
    }

    /// The elements of `buffers`, in order, as one array.
    static func joined(_ buffers: [MoveBuffer<Element>]) -> [Element] {
        let total = buffers.reduce(0) { $0 + $1.count }
        return [Element](unsafeUninitializedCapacity: total) { out, initialized in
            var offset = 0
            for buffer in buffers {
                guard let start = out.baseAddress else { break }
                let n = buffer.count
                buffer.moveAll(to: start + offset)
                offset += n
            }
            initialized = offset
        }
    }
}
