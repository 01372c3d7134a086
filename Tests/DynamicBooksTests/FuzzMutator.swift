import Foundation
@testable import DynamicBooks

/// Mutations of valid inputs, biased towards what breaks readers: hostile numbers and dates,
/// structure characters, alias syntax, long and control-laden text.
enum FuzzMutator {
    static let hostileTokens = [
        "1e19", "9223372036854775807", "-9223372036854775808", "9e18", "1e300", "-1e300", "1e-300", "1e-20", "0", "-0",
        "-1", "0.0001", "NaN", "nan", "inf", "-inf", "0x10", "1,5", "١٢", "9999-12-31", "9999-12-01", "0000-01-01",
        "10007-11-30", "2026-02-30", "2026-13-01", "*a", "&a *a", "[", "{", "\"", "'", ",", "\n", "\r\n", "\u{2028}", "\u{0}",
        "\u{FEFF}", "\u{7}", "é", "true", "yes", "null", "~", "", " ", String(repeating: "x", count: 5000),
        String(repeating: "9", count: 400),
    ]

    /// Values a valid file could hold, so that some mutated inputs load and go further.
    static let benignTokens = ["1", "2.5", "100", "0.5", "12", "2026-06-01", "SMB", "ENT", "US", "NY", "R1", "R2", "A2", "Software", "yes"]

    /// `bytes` with 1 to `maximum` random byte edits (replace, delete, insert from `alphabet`).
    static func bytes(_ bytes: [UInt8], alphabet: [UInt8], maximum: Int = 6, using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0 ..< rng.int(in: 1 ... maximum) {
            guard !bytes.isEmpty else { bytes.append(rng.pick(alphabet)); continue }
            let at = rng.below(bytes.count)
            switch rng.below(3) {
            case 0: bytes[at] = rng.pick(alphabet)
            case 1: bytes.remove(at: at)
            default: bytes.insert(rng.pick(alphabet), at: at)
            }
        }
        return bytes
    }

    /// CSV `text` with one to three fields (header included, rarely) replaced by hostile tokens
    /// or random edits, written back quoted or not at random.
    static func csvFields(_ text: String, using rng: inout SeededGenerator) -> String {
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for _ in 0 ..< rng.int(in: 1 ... 3) {
            let r = rng.chance(0.05) ? 0 : rng.int(in: min(1, rows.count - 1) ... rows.count - 1)
            guard !rows[r].isEmpty else { continue }
            let c = rng.below(rows[r].count)
            let token = rng.chance(0.35) ? rng.pick(benignTokens) : rng.chance(0.8) ? rng.pick(hostileTokens)
                : String(decoding: bytes(Array(rows[r][c].utf8), alphabet: Array("09.-e+\",; ".utf8), using: &rng), as: UTF8.self)
            rows[r][c] = rng.chance(0.3) ? "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : token
        }
        return rows.map { $0.joined(separator: ",") }.joined(separator: "\n")
    }

    /// YAML `text` with one to three plain values (after ": " or in a flow list) replaced by
    /// hostile tokens, or with alias, anchor and nesting syntax spliced in.
    static func yamlValues(_ text: String, using rng: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        for _ in 0 ..< rng.int(in: 1 ... 3) {
            let starts = bytes.indices.filter { i in i > 0 && (bytes[i - 1] == UInt8(ascii: " ") || bytes[i - 1] == UInt8(ascii: "["))
                && bytes[i] != UInt8(ascii: " ") && bytes[i] != UInt8(ascii: "\n") }
            guard let start = starts.isEmpty ? nil : rng.pick(starts) else { break }
            var end = start
            while end < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "\n"), UInt8(ascii: " ")].contains(bytes[end]) {
                end += 1
            }
            let splices = ["&a ", "*a", "[*a, *a]", "{ *a: 1 }", "!!binary x", "<<: *a", String(repeating: "[", count: 70),
                           "\"a\\u0000\"", "'it''s'"]
            let token = rng.chance(0.7) ? rng.pick(hostileTokens) : rng.pick(splices)
            bytes.replaceSubrange(start ..< end, with: Array(token.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
