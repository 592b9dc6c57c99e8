import Executor
import Simulation
import Testing

/// A few hundred seeded failure histories: the real executor and client against the emulator,
/// with crash points (a fifth of the plans are killed at a journal write and resumed).
@Suite("simulation swarm")
struct SwarmTests {
    static func check(_ summary: SimulationSummary, concurrentPlans: Int) {
        #expect(summary.failing.isEmpty, "\(summary.render(planPath: nil, concurrentPlans: concurrentPlans, elapsed: nil))")
    }

    /// Seeds the crash points once failed on, kept as regressions. A resumed run walked the plan
    /// from the top and judged finished steps again: (1) killed after its expansion refresh was
    /// submitted, it validated the first refresh again while its own second refresh was still
    /// rewriting the sandbox (173) or ended without knowing it (123, 705); (2) restarted after
    /// the poll's maxWait had elapsed, it reported `timed-out` for a job that had COMPLETED
    /// (514; 55 and 4813 with three plans) without asking the platform once.
    @Test(arguments: [(123, 1), (173, 1), (514, 1), (705, 1), (4813, 1), (55, 3)])
    func resumeRegressionSeeds(seed: Int, concurrentPlans: Int) async {
        let summary = await Simulator.run(seeds: UInt64(seed)..<UInt64(seed + 1), options: SimulationOptions(concurrentPlans: concurrentPlans))
        #expect(summary.crashesInjected > 0, "seed \(seed) no longer crashes: pick the regression again")
        Self.check(summary, concurrentPlans: concurrentPlans)
    }

    @Test func singlePlanSeedsKeepEveryInvariant() async {
        let summary = await Simulator.run(seeds: 1..<201, options: SimulationOptions())
        #expect(summary.seeds == 200)
        Self.check(summary, concurrentPlans: 1)
        // The swarm is worth something only if the trouble really happens.
        for kind in ["rateLimitBurst", "serviceUnavailableRun", "latency", "jobFails", "jobStuck", "manualRefresh", "tokenExpiry", "productionDrift", "sandboxMissingQueue", "staleManualRefresh"] {
            #expect(summary.faultsFired[kind, default: 0] > 0, "\(kind) never fired")
        }
        for outcome in [RunOutcome.success, .lockNotAcquired, .refreshFailed, .timedOut, .validationGateFailed] {
            #expect(summary.outcomes[outcome.rawValue, default: 0] > 0, "no run ended \(outcome.rawValue)")
        }
        #expect(summary.crashesInjected > 20 && summary.resumes > 20, "crashes \(summary.crashesInjected), resumed \(summary.resumes)")
        #expect(summary.restartsAfterPolling > 0, "no restart came after a status request")
    }

    @Test func concurrentPlansSharingOneEmulatorKeepEveryInvariant() async {
        let summary = await Simulator.run(seeds: 1..<61, options: SimulationOptions(concurrentPlans: 3))
        #expect(summary.runs == 180)
        Self.check(summary, concurrentPlans: 3)
        #expect(summary.outcomes[RunOutcome.lockNotAcquired.rawValue, default: 0] > 0, "plans on one sandbox never contended")
        #expect(summary.crashesInjected > 0)
    }
}
