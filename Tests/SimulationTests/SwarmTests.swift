import Executor
import Simulation
import Testing

/// A few hundred seeded failure histories: the real executor and client against the emulator.
@Suite("simulation swarm")
struct SwarmTests {
    @Test func singlePlanSeedsKeepEveryInvariant() async {
        let summary = await Simulator.run(seeds: 1..<201, options: SimulationOptions())
        #expect(summary.seeds == 200)
        #expect(summary.failing.isEmpty, "\(summary.render(planPath: nil, concurrentPlans: 1, elapsed: nil))")
        // The swarm is worth something only if the trouble really happens.
        for kind in ["rateLimitBurst", "serviceUnavailableRun", "latency", "jobFails", "jobStuck", "manualRefresh", "tokenExpiry", "productionDrift", "sandboxMissingQueue", "staleManualRefresh"] {
            #expect(summary.faultsFired[kind, default: 0] > 0, "\(kind) never fired")
        }
        for outcome in [RunOutcome.success, .lockNotAcquired, .refreshFailed, .timedOut, .validationGateFailed] {
            #expect(summary.outcomes[outcome.rawValue, default: 0] > 0, "no run ended \(outcome.rawValue)")
        }
    }

    @Test func concurrentPlansSharingOneEmulatorKeepEveryInvariant() async {
        let summary = await Simulator.run(seeds: 1..<61, options: SimulationOptions(concurrentPlans: 3))
        #expect(summary.runs == 180)
        #expect(summary.failing.isEmpty, "\(summary.render(planPath: nil, concurrentPlans: 3, elapsed: nil))")
        #expect(summary.outcomes[RunOutcome.lockNotAcquired.rawValue, default: 0] > 0, "plans on one sandbox never contended")
    }
}
