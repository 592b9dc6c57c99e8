/// SplitMix64: a tiny, well-mixed generator whose whole state is one integer. Everything that
/// draws at random (backoff and polling jitter, world generation, fault draws, the simulation
/// swarm) is seeded through it, so a seed replays the same history; `SystemRandomNumberGenerator`
/// never could. It lives beside the clocks because both are what a simulation injects.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
