import Executor
import Simulation
import Testing

/// A few hundred seeded failure histories: the real executor and client against the emulator,
/// with crash points (a fifth of the plans are killed at a journal write and resumed).
@Suite("simulation swarm")
struct SwarmTests {
    /// Found by the crash points and not fixable in the simulator: a run killed after its
    /// expansion chain was submitted is resumed by walking the plan from the top, so it
    /// validates the primary chain again (while the expansion job may still be running) and can
    /// report success without the expansion job it submitted. Fix belongs in the executor (see
    /// `FlowValidationHandler`: on resume, take the expansion branch the journal shows taken).
    /// Only these violations, in seeds that crashed, are tolerated, and only as a known issue:
    /// once the executor is fixed, `withKnownIssue` fails and this filter must go.
    static func isResumedExpansionBug(_ violation: Violation) -> Bool {
        (violation.invariant == .nothingBeforeCompleted && violation.detail.contains("while this run's refresh"))
            || (violation.invariant == .singleSubmissionPerRun && violation.detail.contains("without knowing its own submission"))
    }

    static func check(_ summary: SimulationSummary, concurrentPlans: Int) {
        let known = summary.failing.filter { $0.setupError == nil && $0.violations.allSatisfy(isResumedExpansionBug) }
        let unexpected = summary.failing.filter { failure in !known.contains { $0.seed == failure.seed } }
        #expect(unexpected.isEmpty, "\(summary.render(planPath: nil, concurrentPlans: concurrentPlans, elapsed: nil))")
        if !known.isEmpty {
            withKnownIssue("resumed runs re-validate the primary chain after the expansion chain was submitted (seeds \(known.map(\.seed)))") {
                Issue.record("\(known.flatMap(\.violations).map(\.description))")
            }
        }
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
