import EmulatorCore
import Executor
import RefreshPlan

/// How seeds are turned into scenarios and run.
public struct SimulationOptions: Sendable {
    /// Plans run at once in one simulated process, sharing one emulator and one clock.
    public var concurrentPlans: Int
    /// The plan to simulate as written (retargeted at the emulator); nil: a built-in plan whose
    /// policies each seed varies.
    public var basePlan: Plan?
    /// Chance that a seed's world has each kind of trouble at all (0: no faults).
    public var faultIntensity: Double
    /// Chance that each plan's process is killed at a journal write and restarted from the
    /// journal (up to three times); 0 runs every plan in one process without a journal.
    public var crashProbability: Double
    /// A fixed world size instead of the seed's draw (the seed still seeds it).
    public var worldOverride: WorldSpec?
    /// Replaces every plan's polling policy (polling report).
    public var pollingOverride: PollingPolicy?
    /// The poll machine's prediction; nil keeps its default.
    public var prediction: PollMachine.Prediction?
    /// The emulator's progress curves (one for all jobs, or a seeded draw per job); nil: standard.
    public var progressProfiles: [ProgressProfile]?
    /// A deliberate bug below the client, to show the invariants catch it.
    public var sabotage: Sabotage?
    /// Keep every log line, event and request of each seed for printing.
    public var trace: Bool
    /// Runs of the plan on one sandbox, a day apart, through one journal (a nightly schedule):
    /// job durations vary from night to night (`NightlyVariation`) and each night polls with the
    /// history of the earlier ones. 1: a single run, no journal, no variation (as before).
    public var nights: Int = 1
    /// Keep the emulated world in each seed's result, for tests that inspect the sandbox after.
    public var keepWorld = false
    /// Seeds run at once (each in its own world; the history of a seed does not depend on it).
    public var parallelism: Int

    public init(concurrentPlans: Int = 1, basePlan: Plan? = nil, faultIntensity: Double = 0.3, crashProbability: Double = 0.2, worldOverride: WorldSpec? = nil,
                pollingOverride: PollingPolicy? = nil, prediction: PollMachine.Prediction? = nil, sabotage: Sabotage? = nil,
                trace: Bool = false, parallelism: Int = 2) {
        self.concurrentPlans = concurrentPlans
        self.basePlan = basePlan
        self.faultIntensity = faultIntensity
        self.crashProbability = crashProbability
        self.worldOverride = worldOverride
        self.pollingOverride = pollingOverride
        self.prediction = prediction
        self.sabotage = sabotage
        self.trace = trace
        self.parallelism = parallelism
    }
}
