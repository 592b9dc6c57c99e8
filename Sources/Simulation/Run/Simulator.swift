import Executor
import Foundation

/// Runs a range of seeds, `parallelism` at a time (each seed in its own world and clock, so
/// running them side by side does not change any seed's history), and sums them up.
public enum Simulator {
    public static func run(seeds: Range<UInt64>, options: SimulationOptions,
                           onResult: @Sendable (SeedResult) -> Void = { _ in }) async -> SimulationSummary {
        var summary = SimulationSummary()
        let width = max(1, options.parallelism)
        await withTaskGroup(of: SeedResult.self) { group in
            var next = seeds.lowerBound
            func enqueue() {
                let seed = next
                next += 1
                group.addTask { await ArtifactWriter.$durable.withValue(false) { await SeedRunner.run(seed: seed, options: options) } }
            }
            while next < seeds.upperBound, next - seeds.lowerBound < UInt64(width) { enqueue() }
            for await result in group {
                summary.add(result)
                onResult(result)
                if next < seeds.upperBound { enqueue() }
            }
        }
        summary.failing.sort { $0.seed < $1.seed }
        return summary
    }
}
