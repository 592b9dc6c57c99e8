import Executor
import Foundation

/// Totals over many seeds, and the seeds that broke something.
public struct SimulationSummary: Sendable {
    public struct Failure: Sendable, Hashable {
        public var seed: UInt64
        public var violations: [Violation]
        public var setupError: String?
    }

    public var seeds = 0
    public var runs = 0
    public var requests = 0
    public var faultsFired: [String: Int] = [:]
    /// Seeds in which each kind fired at least once.
    public var seedsWithFault: [String: Int] = [:]
    public var outcomes: [String: Int] = [:]
    public var violationsByInvariant: [String: Int] = [:]
    public var failing: [Failure] = []
    public var simulatedSeconds = 0.0
    /// Processes killed at a journal write, restarts that resumed their run, seeds with a kill.
    public var crashesInjected = 0
    public var resumes = 0
    public var seedsWithCrash = 0
    /// The closest a restarted process came to the dead one's last status request, and how
    /// many restarts had one to compare with.
    public var minRestartPollGap: Double?
    public var restartsAfterPolling = 0

    public init() {}

    public var invariantFailures: Int { violationsByInvariant.values.reduce(0, +) }

    mutating func add(_ result: SeedResult) {
        seeds += 1
        requests += result.requests
        for (kind, count) in result.faultsFired {
            faultsFired[kind, default: 0] += count
            seedsWithFault[kind, default: 0] += 1
        }
        for run in result.runs {
            runs += 1
            outcomes[run.outcome.rawValue, default: 0] += 1
            simulatedSeconds += run.simulatedSeconds
        }
        crashesInjected += result.crashesInjected
        resumes += result.resumes
        if result.crashesInjected > 0 { seedsWithCrash += 1 }
        restartsAfterPolling += result.restartPollGaps.count
        if let gap = result.restartPollGaps.min() { minRestartPollGap = min(minRestartPollGap ?? gap, gap) }
        for violation in result.violations { violationsByInvariant[violation.invariant.rawValue, default: 0] += 1 }
        if !result.passed { failing.append(Failure(seed: result.seed, violations: result.violations, setupError: result.setupError)) }
    }

    /// The one-line command that replays `seed` with a full trace.
    public static func replayCommand(seed: UInt64, planPath: String?, concurrentPlans: Int) -> String {
        var command = "swift run sandbox-refresh simulate --seeds 1 --from \(seed)"
        if let planPath { command += " --plan \(planPath)" }
        if concurrentPlans > 1 { command += " --concurrent-plans \(concurrentPlans)" }
        return command + " --trace"
    }

    public func render(planPath: String?, concurrentPlans: Int, elapsed: Duration?) -> String {
        var lines: [String] = []
        let wall = elapsed.map { String(format: " in %.1f s", Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) } ?? ""
        lines.append("Simulated \(seeds) seeds (\(runs) runs, \(requests) API requests, \(String(format: "%.0f", simulatedSeconds / 3600)) h of refresh time)\(wall)")
        lines.append("")
        lines.append("Faults fired (count, seeds):")
        for (kind, count) in faultsFired.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(kind.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(count).leftPadded(7))  \(String(seedsWithFault[kind] ?? 0).leftPadded(6))")
        }
        lines.append("")
        lines.append("Crash points: crashes injected \(crashesInjected), resumed \(resumes) (in \(seedsWithCrash) seeds; a process killed before its first journal write restarts afresh)")
        if let gap = minRestartPollGap {
            lines.append(String(format: "  first status request after a restart: at least %.1f s after the dead process's last (floor 15 s; %d restarts)", gap, restartsAfterPolling))
        }
        lines.append("")
        lines.append("Outcomes:")
        for outcome in RunOutcome.allCases where outcomes[outcome.rawValue] != nil {
            lines.append("  \(outcome.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(outcomes[outcome.rawValue]!).leftPadded(7))  (exit \(outcome.exitCode))")
        }
        lines.append("")
        if failing.isEmpty {
            lines.append("Invariant failures: 0 (\(Invariant.allCases.count) invariants checked: \(Invariant.allCases.map(\.rawValue).joined(separator: ", ")))")
        } else {
            lines.append("Invariant failures: \(invariantFailures) in \(failing.count) seeds")
            for (name, count) in violationsByInvariant.sorted(by: { $0.key < $1.key }) { lines.append("  \(name): \(count)") }
            for failure in failing.prefix(10) {
                lines.append("seed \(failure.seed):")
                if let error = failure.setupError { lines.append("  setup: \(error)") }
                for violation in failure.violations.prefix(5) { lines.append("  \(violation)") }
                lines.append("  replay: \(Self.replayCommand(seed: failure.seed, planPath: planPath, concurrentPlans: concurrentPlans))")
            }
            if failing.count > 10 { lines.append("... and \(failing.count - 10) more failing seeds") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
