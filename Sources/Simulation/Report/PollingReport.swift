import Executor
import Foundation
import RefreshPlan
import Synchronization

/// Status requests per refresh and completion-detection lag, for several polling strategies
/// run on the same seeds (same worlds, same job durations, no faults).
public struct PollingReport: Sendable {
    public struct Strategy: Sendable, Hashable {
        public var name: String
        public var policy: PollingPolicy
        public var prediction: PollMachine.Prediction
    }

    public struct Row: Sendable, Hashable {
        public var strategy: String
        public var refreshes: Int
        public var meanRequests: Double
        public var medianRequests: Double
        public var medianLag: Double
        public var p99Lag: Double
        public var meanLag: Double
    }

    public static let strategies = [
        Strategy(name: "default policy (15 s, x2, cap 2 m, full jitter)", policy: PollingPolicy(), prediction: .off),
        Strategy(name: "fixed 15 s", policy: PollingPolicy(initialInterval: .seconds(15), multiplier: 1, maxInterval: .seconds(15), jitter: .none), prediction: .off),
        Strategy(name: "default policy + progress prediction", policy: PollingPolicy(), prediction: .progress),
    ]

    public var seeds: Range<UInt64>
    public var rows: [Row]

    public static func measure(seeds: Range<UInt64>, parallelism: Int = 2) async -> PollingReport {
        var rows: [Row] = []
        for strategy in strategies {
            let options = SimulationOptions(faultIntensity: 0, crashProbability: 0, pollingOverride: strategy.policy, prediction: strategy.prediction, parallelism: parallelism)
            let samples = Samples()
            _ = await Simulator.run(seeds: seeds, options: options) { result in
                for run in result.runs {
                    guard let lag = run.detectionLag, let requests = run.statusRequests.last else { continue }
                    samples.add(requests: requests, lag: lag)
                }
            }
            let (requests, lags) = samples.values
            rows.append(Row(strategy: strategy.name, refreshes: requests.count, meanRequests: mean(requests.map(Double.init)),
                            medianRequests: percentile(requests.map(Double.init), 0.5), medianLag: percentile(lags, 0.5),
                            p99Lag: percentile(lags, 0.99), meanLag: mean(lags)))
        }
        return PollingReport(seeds: seeds, rows: rows)
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    /// Nearest-rank percentile.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    public func render() -> String {
        var lines = ["Polling efficiency over seeds \(seeds.lowerBound)..<\(seeds.upperBound) (refreshes detected as COMPLETED, no faults):", ""]
        lines.append("| strategy | refreshes | status requests per refresh (mean / median) | detection lag median | p99 | mean |")
        lines.append("|---|---|---|---|---|---|")
        for row in rows {
            lines.append(String(format: "| %@ | %d | %.1f / %.0f | %.1f s | %.1f s | %.1f s |", row.strategy, row.refreshes, row.meanRequests, row.medianRequests, row.medianLag, row.p99Lag, row.meanLag))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Collects samples from concurrently finishing seeds.
final class Samples: Sendable {
    private let storage = Mutex<([Int], [Double])>(([], []))
    func add(requests: Int, lag: Double) { storage.withLock { $0.0.append(requests); $0.1.append(lag) } }
    var values: ([Int], [Double]) { storage.withLock { $0 } }
}
