/// Checks policy text before the YAML parser sees it, so that no policy can make loading slow
/// or deep: YAML aliases are refused, and so are files above ``maximumBytes`` and flow
/// collections nested deeper than ``maximumFlowDepth``.
///
/// Aliases are what make a "billion laughs" file: a few hundred bytes of nested aliases expand
/// to a tree of billions of nodes, which the parser hashes whole when an alias is a mapping key.
/// A policy has no use for them (every value is a name or a number), so any `*name` in a
/// position where YAML reads an alias is refused with its line and column, before parsing.
///
/// The check is lexical and errs towards refusing: it does not know about quotes or comments,
/// so a comment like `# *important*` is refused too (the message says to add a space after the
/// `*`). It never misses an alias: YAML reads `*` as an alias only when it starts a node, that
/// is after a space, a tab, a line break, the start of the file, `[`, `{`, `,` or `:`, and only
/// when a name character follows.
enum PolicyTextGuard {
    /// The largest policy file: 1 MiB (a policy is a few kilobytes).
    static let maximumBytes = 1 << 20
    /// The deepest nesting of `[` and `{`.
    static let maximumFlowDepth = 64
    /// The most block indicators (`- `, `? `, `: `) before a line's first value, which bounds
    /// how deep one line nests block collections.
    static let maximumIndicatorsPerLine = 64

    /// - Throws: ``InputError`` naming the file, line and column of the first alias, or the
    ///   file when it is too large or too deeply nested.
    static func check(_ text: String, file: String) throws(InputError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else {
            throw InputError(file: file, problem: "is \(bytes.count) bytes; a policy may be at most \(maximumBytes) bytes (1 MiB)")
        }
        var line = 1, column = 1
        var depth = 0
        var indicators = 0, leading = true
        // The byte before, as far as starting a node goes: a line break for the start of the
        // file, a byte order mark and YAML 1.1's other line breaks (NEL, LS, PS).
        var previous: UInt8 = 0x0A
        for (i, byte) in bytes.enumerated() {
            let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0x0A
            if leading && !isSpace(byte) && !(isIndicator(byte) && isSpace(next)) { leading = false }
            switch byte {
            case UInt8(ascii: "*") where startsNode(after: previous) && isAnchorCharacter(next):
                let name = anchorName(bytes, from: i + 1)
                throw InputError(file: file, line: line, column: column, value: "*" + name,
                                 problem: "is a YAML alias; a policy may not use aliases (write the value out; in a comment or text, put a space after \"*\")")
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maximumFlowDepth else {
                    throw InputError(file: file, line: line, column: column,
                                     problem: "nests [ and { deeper than \(maximumFlowDepth) levels")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                // An indicator opens a collection only before a space, where a node may start.
                guard leading && isSpace(next) else { break }
                indicators += 1
                guard indicators <= maximumIndicatorsPerLine else {
                    throw InputError(file: file, line: line, column: column,
                                     problem: "nests more than \(maximumIndicatorsPerLine) collections on one line")
                }
            default:
                break
            }
            if byte == 0x0A {
                line += 1
                column = 1
                indicators = 0
                leading = true
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = endsBreak(bytes, at: i) ? 0x0A : byte
        }
    }

    /// Whether the character ending at `i` is a byte order mark or a YAML 1.1 line break
    /// beyond CR and LF: U+FEFF, U+0085, U+2028, U+2029.
    private static func endsBreak(_ bytes: [UInt8], at i: Int) -> Bool {
        switch bytes[i] {
        case 0x85: return i >= 1 && bytes[i - 1] == 0xC2
        case 0xA8, 0xA9: return i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80
        case 0xBF: return i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBB
        default: return false
        }
    }

    private static func isIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":")
    }

    /// Whether a node may start right after `byte` (the byte before a `*`).
    private static func startsNode(after byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"): true
        default: false
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// YAML's ns-anchor-char: any non-space character except the flow indicators.
    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"): false
        default: true
        }
    }

    private static func anchorName(_ bytes: [UInt8], from start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 40, isAnchorCharacter(bytes[end]) { end += 1 }
        return String(decoding: bytes[start ..< end], as: UTF8.self)
    }
}
