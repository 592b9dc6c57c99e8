import EmulatorCore
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
        public var profile: String
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
        Strategy(name: "fixed 30 s (SF CLI default)", policy: PollingPolicy(initialInterval: .seconds(30), multiplier: 1, maxInterval: .seconds(30), jitter: .none), prediction: .off),
        Strategy(name: "default policy + progress prediction", policy: PollingPolicy(), prediction: .progress),
        Strategy(name: "default policy + history prediction (shipped)", policy: PollingPolicy(), prediction: .history),
    ]

    /// Nights each seed runs by default: the first has no history, the next ones read the
    /// journal the earlier ones wrote.
    public static let defaultNights = 8

    public var seeds: Range<UInt64>
    public var nights: Int = 1
    public var rows: [Row]

    /// Each strategy on the same seeds, once per progress profile (the emulator's curves) and
    /// once over all of them together.
    public static func measure(seeds: Range<UInt64>, nights: Int = defaultNights, parallelism: Int = 2, profiles: [ProgressProfile] = ProgressProfile.allCases,
                               strategies: [Strategy] = strategies) async -> PollingReport {
        var rows: [Row] = []
        let groups: [(String, [ProgressProfile])] = profiles.map { ($0.rawValue, [$0]) } + (profiles.count > 1 ? [("all profiles", profiles)] : [])
        for (profileName, group) in groups {
            for strategy in strategies {
                var options = SimulationOptions(faultIntensity: 0, crashProbability: 0, pollingOverride: strategy.policy, prediction: strategy.prediction, parallelism: parallelism)
                options.progressProfiles = group
                options.nights = nights
                let samples = Samples()
                _ = await Simulator.run(seeds: seeds, options: options) { result in
                    for run in result.runs {
                        guard let lag = run.detectionLag, let requests = run.statusRequests.last else { continue }
                        samples.add(requests: requests, lag: lag)
                    }
                }
                let (requests, lags) = samples.values
                rows.append(Row(profile: profileName, strategy: strategy.name, refreshes: requests.count, meanRequests: mean(requests.map(Double.init)),
                                medianRequests: percentile(requests.map(Double.init), 0.5), medianLag: percentile(lags, 0.5),
                                p99Lag: percentile(lags, 0.99), meanLag: mean(lags)))
            }
        }
        return PollingReport(seeds: seeds, nights: nights, rows: rows)
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
        var lines = ["Polling efficiency over seeds \(seeds.lowerBound)..<\(seeds.upperBound) (refreshes detected as COMPLETED, no faults), per progress profile of the emulator:", ""]
        if nights > 1 {
            lines.append("Each seed is a nightly schedule: \(nights) runs of its plan on one sandbox, a day apart, through one journal (the first night has no history). "
                + "Durations vary from night to night (NightlyVariation: working time x U(0.8, 1.2), 5 % slow nights x U(1.5, 2.5), each phase a further x U(0.9, 1.1), "
                + "curves warped f^U(0.9, 1.1)); each sandbox+scope keeps its curve. Every strategy runs the same nights; only history prediction reads the journal.")
            lines.append("")
        }
        lines.append("| profile | strategy | refreshes | status requests per refresh (mean / median) | vs fixed 15 s | detection lag median | vs fixed 15 s | p99 | mean |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for row in rows {
            let fixed = rows.first { $0.profile == row.profile && $0.strategy == "fixed 15 s" }
            let requestRatio = fixed.map { $0.meanRequests > 0 ? row.meanRequests / $0.meanRequests : 0 } ?? 0
            let lagRatio = fixed.map { $0.medianLag > 0 ? row.medianLag / $0.medianLag : 0 } ?? 0
            lines.append(String(format: "| %@ | %@ | %d | %.1f / %.0f | %.3fx | %.1f s | %.2fx | %.1f s | %.1f s |", row.profile, row.strategy, row.refreshes,
                                row.meanRequests, row.medianRequests, requestRatio, row.medianLag, lagRatio, row.p99Lag, row.meanLag))
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
