import Foundation

/// Random numbers keyed by what they are about (seed, run, purpose, account, rep, week) rather
/// than drawn from one sequence: every arm of a simulation sees the same number for the same
/// account in the same week, whatever else differs between the arms and whatever the thread
/// order (common random numbers).
///
/// Each number is SplitMix64's finaliser over the key's words, combined in order.
struct CommonRandom: Sendable {
    let seed: UInt64

    enum Purpose: UInt64 { case diligence = 1, view, opportunity, conversion, returns, inbound, inboundPick, workFraction }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit key for an id (FNV-1a of its UTF-8 bytes): the same id, the same key.
    static func key(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// A uniform number in 0..<1 for the key.
    func uniform(_ purpose: Purpose, run: Int, _ a: UInt64, _ b: UInt64 = 0, week: Int = 0) -> Double {
        var h = Self.mix(seed ^ purpose.rawValue &* 0xD6E8_FEB8_6659_FD93)
        h = Self.mix(h ^ UInt64(truncatingIfNeeded: run))
        h = Self.mix(h ^ a)
        h = Self.mix(h ^ b)
        h = Self.mix(h ^ UInt64(truncatingIfNeeded: week))
        return Double(h >> 11) * 0x1.0p-53
    }

    /// A standard normal number for the key (Box–Muller on two keyed uniforms).
    func normal(_ purpose: Purpose, run: Int, _ a: UInt64, _ b: UInt64, week: Int) -> Double {
        let u1 = max(uniform(purpose, run: run, a, b, week: week), 1e-300)
        let u2 = uniform(purpose, run: run, a, b ^ 0x5555_5555_5555_5555, week: week)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
