extension String {
    /// Whether the two are equal once lowercased — as eligibility compares segments and theaters —
    /// without allocating when both are ASCII, which routing does for every rep of a cell.
    func equalsIgnoringCase(_ other: String) -> Bool {
        if self == other { return true }
        let (a, b) = (utf8, other.utf8)
        guard a.count == b.count else {
            return !(a.allSatisfy { $0 < 0x80 } && b.allSatisfy { $0 < 0x80 }) && lowercased() == other.lowercased()
        }
        for (x, y) in zip(a, b) where x != y {
            if x >= 0x80 || y >= 0x80 { return lowercased() == other.lowercased() }
            if Self.lowerASCII(x) != Self.lowerASCII(y) { return false }
        }
        return true
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
