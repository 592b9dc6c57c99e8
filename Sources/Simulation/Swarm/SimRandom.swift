import Timekeeping
import Executor

/// The seed's only source of choices. Every draw happens in a fixed order while the scenario is
/// built, before anything runs, so adding a draw to one fault never shifts another seed's world.
public struct SimRandom: Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64, stream: UInt64 = 0) {
        // SplitMix64 walks its state by a constant, so neighbouring raw seeds would give shifted
        // copies of one sequence: scramble the seed through one output first.
        var scrambler = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        generator = SplitMix64(seed: scrambler.next())
    }

    public mutating func next() -> UInt64 { generator.next() }

    public mutating func unit() -> Double { generator.nextUnit() }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    public mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    public mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
}
