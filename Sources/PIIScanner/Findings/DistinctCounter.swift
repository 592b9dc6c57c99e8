#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts distinct fingerprints in bounded memory: exactly up to `exactLimit` values, then
/// with a HyperLogLog sketch (4,096 registers, about 1.6 % standard error), so a file holding
/// a million different card numbers costs 4 KiB here instead of a million strings.
public struct DistinctCounter: Sendable, Hashable, Codable {
    static let exactLimit = 4096
    static let precision = 12

    private var exact: Set<UInt64> = []
    private var registers: [UInt8] = []

    public init() {}

    public var isEstimate: Bool { !registers.isEmpty }

    public mutating func insert(_ fingerprint: String) { insert(key: Self.hash(fingerprint)) }

    /// A 64-bit key that stands for one value (a hash; two values colliding is negligible).
    public mutating func insert(key: UInt64) {
        if registers.isEmpty {
            exact.insert(key)
            if exact.count > Self.exactLimit { spill() }
        } else {
            add(Self.mix(key))
        }
    }

    public mutating func merge(_ other: DistinctCounter) {
        if !registers.isEmpty || !other.registers.isEmpty {
            if registers.isEmpty { spill() }
            for value in other.exact { add(Self.mix(value)) }
            for (index, rank) in other.registers.enumerated() where rank > registers[index] { registers[index] = rank }
        } else {
            exact.formUnion(other.exact)
            if exact.count > Self.exactLimit { spill() }
        }
    }

    public var count: Int {
        guard !registers.isEmpty else { return exact.count }
        let m = Double(registers.count)
        let sum = registers.reduce(0.0) { $0 + 1 / Double(1 << Int($1)) }
        let estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum
        let zeros = registers.filter { $0 == 0 }.count
        // Small-range correction (linear counting), as in the original paper.
        if estimate <= 2.5 * m, zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(estimate.rounded())
    }

    private mutating func spill() {
        registers = Array(repeating: 0, count: 1 << Self.precision)
        for value in exact { add(Self.mix(value)) }
        exact = []
    }

    private mutating func add(_ hash: UInt64) {
        let index = Int(hash >> UInt64(64 - Self.precision))
        let rest = hash << UInt64(Self.precision)
        let rank = UInt8(min(rest.leadingZeroBitCount + 1, 64 - Self.precision + 1))
        if rank > registers[index] { registers[index] = rank }
    }

    /// Fingerprints are keyed hashes already; FNV-1a turns one into a key.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// A final mix so that the sketch's register index and rank are uniform.
    static func mix(_ key: UInt64) -> UInt64 {
        var h = key
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
