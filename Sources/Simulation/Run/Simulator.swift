import Executor
import Foundation

/// Runs a range of seeds, `parallelism` at a time (each seed in its own world and clock, so
/// running them side by side does not change any seed's history), and sums them up. Each of
/// the `parallelism` slots runs its seeds on a thread of its own (`SeedThread`).
public enum Simulator {
    public static func run(seeds: Range<UInt64>, options: SimulationOptions,
                           onResult: @Sendable (SeedResult) -> Void = { _ in }) async -> SimulationSummary {
        var summary = SimulationSummary()
        ScratchDirectories.removeLeftovers()
        let width = max(1, options.parallelism)
        let threads = (0..<width).map { SeedThread(name: "simulate-\($0)") }
        defer { threads.forEach { $0.stop() } }
        await withTaskGroup(of: (Int, SeedResult).self) { group in
            var next = seeds.lowerBound
            func enqueue(slot: Int) {
                let seed = next
                next += 1
                group.addTask(executorPreference: threads[slot]) {
                    (slot, await ArtifactWriter.$durable.withValue(false) { await SeedRunner.run(seed: seed, options: options) })
                }
            }
            for slot in 0..<width where next < seeds.upperBound { enqueue(slot: slot) }
            for await (slot, result) in group {
                summary.add(result)
                onResult(result)
                if next < seeds.upperBound { enqueue(slot: slot) }
            }
        }
        summary.failing.sort { $0.seed < $1.seed }
        return summary
    }
}
