import Timekeeping

/// How long the same refresh takes from one night to the next.
///
/// Without it every job of a sandbox and scope takes exactly what `JobTimeline` computes from the
/// production org's size. A platform does not: the same nightly ARCHITECT,ROUTING refresh of one
/// sandbox takes a similar time each night, never exactly the same. With a variation, the n-th job
/// of a sandbox and scope (a "night") is drawn from a generator seeded by the world seed, the
/// sandbox, the scope and n (never by what the client does), and gets:
///
/// - a night factor on its whole working time, uniform in `1 ± spread` (±20 % by default);
/// - with `outlierChance` (5 %), a slow night instead: a factor uniform in `outlierRange`
///   (1.5x to 2.5x), as when the platform is busy;
/// - for the `standard` curve, an independent factor of `1 ± phaseSpread` (±10 %) on each domain
///   phase and on finalisation, so the split between the fast domain phase and the crawl of
///   finalisation shifts from night to night;
/// - for the other curves, a warp of the time axis: progress reads `profile(f^w)` with `w`
///   uniform in `1 ± warpSpread` (±10 %), so the shape is the sandbox's own but not identical.
///
/// The curve itself (`ProgressProfile`) is a property of the sandbox and scope: with a variation
/// and several profiles, each sandbox+scope draws one (seeded) and keeps it every night, as a
/// job that copies the same domains in the same order reads alike every night. Without a
/// variation every job draws its curve, as before. None of these numbers is read by the poller:
/// it learns what it knows of a sandbox from its own journal.
public struct NightlyVariation: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var spread: Double
    public var outlierChance: Double
    public var outlierRange: ClosedRange<Double>
    public var phaseSpread: Double
    public var warpSpread: Double

    public init(seed: UInt64, spread: Double = 0.2, outlierChance: Double = 0.05, outlierRange: ClosedRange<Double> = 1.5...2.5,
                phaseSpread: Double = 0.1, warpSpread: Double = 0.1) {
        self.seed = seed
        self.spread = spread
        self.outlierChance = outlierChance
        self.outlierRange = outlierRange
        self.phaseSpread = phaseSpread
        self.warpSpread = warpSpread
    }

    /// The generator of one night of one sandbox and scope (stable across processes: no `Hasher`).
    func generator(sandboxId: String, scope: String, night: Int) -> SeededGenerator {
        SeededGenerator(seed: Self.stableHash(seed, "\(sandboxId)|\(scope)|\(night)"))
    }

    /// The curve of a sandbox and scope, the same every night.
    func profile(sandboxId: String, scope: String, from profiles: [ProgressProfile]) -> ProgressProfile {
        guard profiles.count > 1 else { return profiles.first ?? .standard }
        var random = SeededGenerator(seed: Self.stableHash(seed, "\(sandboxId)|\(scope)|profile"))
        return profiles[random.below(profiles.count)]
    }

    /// `timeline` as night `night` of this sandbox and scope runs it.
    func apply(to timeline: JobTimeline, sandboxId: String, scope: String, night: Int) -> JobTimeline {
        var random = generator(sandboxId: sandboxId, scope: scope, night: night)
        func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + (range.upperBound - range.lowerBound) * (Double(random.next() >> 11) / Double(1 << 53))
        }
        var factor = uniform((1 - spread)...(1 + spread))
        if random.chance(outlierChance) { factor = uniform(outlierRange) }
        var varied = timeline
        for index in varied.phases.indices {
            varied.phases[index].duration = varied.phases[index].duration * (factor * uniform((1 - phaseSpread)...(1 + phaseSpread)))
        }
        varied.finalization = varied.finalization * (factor * uniform((1 - phaseSpread)...(1 + phaseSpread)))
        varied.warp = uniform((1 - warpSpread)...(1 + warpSpread))
        return varied
    }

    /// FNV-1a over the seed's bytes and the text, then mixed.
    static func stableHash(_ seed: UInt64, _ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in withUnsafeBytes(of: seed.littleEndian, Array.init) + Array(text.utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var mixer = SplitMix64(seed: hash)
        return mixer.next()
    }
}
