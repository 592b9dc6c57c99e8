import Timekeeping
/// Xoshiro256** seeded through SplitMix64: the same seed gives the same world, ids and fault
/// draws on every platform, which `SystemRandomNumberGenerator` never could.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `0..<bound` without the modulo bias that matters for small worlds.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next(upperBound: UInt64(bound)))
    }

    public mutating func chance(_ probability: Double) -> Bool {
        if probability >= 1 { return true }
        if probability <= 0 { return false }
        return Double(next() >> 11) / Double(1 << 53) < probability
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A version-4-shaped UUID string; deterministic, so ids are stable across runs.
    public mutating func uuid() -> String {
        let a = next(), b = next()
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        let timeLow = hex(a >> 32, 8)
        let timeMid = hex((a >> 16) & 0xffff, 4)
        let timeHi = hex(0x4000 | (a & 0x0fff), 4)
        let clock = hex(0x8000 | ((b >> 48) & 0x3fff), 4)
        let node = hex(b & 0xffff_ffff_ffff, 12)
        return "\(timeLow)-\(timeMid)-\(timeHi)-\(clock)-\(node)"
    }

    /// Lowercase hex of `count` random bytes (tokens, secrets).
    public mutating func hexString(bytes count: Int) -> String {
        var text = ""
        while text.count < count * 2 {
            let chunk = String(next(), radix: 16)
            text += String(repeating: "0", count: 16 - chunk.count) + chunk
        }
        return String(text.prefix(count * 2))
    }
}

/// FNV-1a 64, keyed: a stable, dependency-free digest for the `hash`/`tokenize` masking
/// actions (EmulatorCore cannot use swift-crypto). Not a cryptographic hash.
enum StableHash {
    static func fnv1a(_ text: String, key: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = key
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ text: String, key: UInt64 = 0xcbf2_9ce4_8422_2325) -> String {
        let value = String(fnv1a(text, key: key), radix: 16)
        return String(repeating: "0", count: 16 - value.count) + value
    }
}
