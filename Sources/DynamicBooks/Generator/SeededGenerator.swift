/// A small, fast, seeded random number generator: xoshiro256** seeded through SplitMix64.
///
/// Same seed, same sequence, on every platform and Swift version: the generator and the
/// helpers in `RandomNumberGenerator+Draws.swift` use no standard-library algorithm whose
/// output could change between releases. Use it wherever DynamicBooks needs reproducible
/// randomness (generated data, tests, fuzzing).
///
/// Algorithms by David Blackman and Sebastiano Vigna, "Scrambled linear pseudorandom number
/// generators" (2018), <https://prng.di.unimi.it>.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Creates a generator whose state is expanded from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
