/// The generator every sampler in this library draws from: xoshiro256** (Blackman & Vigna, 2018),
/// seeded through SplitMix64, so that a seed gives the same samples on every machine and in every
/// run. The system generator is not used: a result that cannot be reproduced cannot be audited.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var state = seed
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A double uniform on [0, 1): the top 53 bits of one draw.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A double uniform on (0, 1]: never 0, so its logarithm is finite.
    @inline(__always)
    public mutating func positiveUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// An integer uniform on 0..<bound (Lemire's method, no modulo bias).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next(upperBound: UInt64(bound)))
    }
}
