import Executor
import Simulation
import Testing

/// Crash points: a plan's process is killed at a journal write and a new process (new clients,
/// new executor, same emulator, same SQLite file) resumes it.
@Suite("crash points")
struct CrashTests {
    /// A scenario of `seed` with no faults, whose only plan is killed where `crashes` says.
    static func scenario(seed: UInt64, _ crashes: [Crash]) -> (Scenario, SimulationOptions) {
        let options = SimulationOptions(faultIntensity: 0, crashProbability: 0)
        var scenario = Scenario.make(seed: seed, options: options)
        scenario.participants[0].crashes = CrashPlan(crashes)
        return (scenario, options)
    }

    /// The submission left (its about-to-send entry landed, the platform accepted it), and the
    /// process died writing the refresh id it got back. The restart must find the job by its run
    /// tag instead of sending a second one.
    @Test(arguments: [UInt64(7), 42, 1234])
    func killedBetweenAboutToSendAndRefreshIdResumesWithOneSubmission(seed: UInt64) async throws {
        let (scenario, options) = Self.scenario(seed: seed, [Crash(point: .entry(kind: "refresh.id", occurrence: 1), restartAfter: .seconds(3))])
        let result = await SeedRunner.run(scenario, options: options)
        let run = try #require(result.runs.first)
        #expect(run.deaths.count == 1 && run.deaths[0].hasSuffix("(refresh.id)"), "killed at \(run.deaths)")
        #expect(result.crashesInjected == 1 && result.resumes == 1)
        #expect(run.runId == scenario.participants[0].runId, "the resumed run keeps its run id")
        #expect(run.submissions >= 1 && run.submissions <= 2, "\(run.submissions) submissions")
        #expect(run.outcome == .success || run.outcome == .validationGateFailed, "\(run.outcome.rawValue): \(run.message ?? "")")
        #expect(result.passed, "\(result.violations)")
        // Without expansion the run has one chain; with it, one job per chain.
        let uninterrupted = await SeedRunner.run(Self.scenario(seed: seed, []).0, options: options)
        #expect(run.submissions == uninterrupted.runs[0].submissions)
        #expect(run.outcome == uninterrupted.runs[0].outcome, "the same outcome as without the crash")
    }

    /// Killed three times (at the submission, during the resume's first write, while polling),
    /// restarted at once each time: still one job, one outcome, the polling floor kept.
    @Test func killedRepeatedlyAndRestartedAtOnce() async {
        let (scenario, options) = Self.scenario(seed: 42, [
            Crash(point: .entry(kind: "request.about-to-send", occurrence: 1), restartAfter: .zero),
            Crash(point: .write(1), restartAfter: .milliseconds(10)),
            Crash(point: .entry(kind: "status", occurrence: 2), restartAfter: .seconds(1)),
        ])
        let result = await SeedRunner.run(scenario, options: options)
        #expect(result.crashesInjected == 3)
        #expect(result.resumes == 3, "every restart finds the run in the journal")
        #expect(result.passed, "\(result.violations)")
        #expect(result.runs.first?.submissions ?? 0 >= 1)
        #expect(result.restartPollGaps.allSatisfy { $0 >= 15 }, "\(result.restartPollGaps)")
    }

    /// Killed before its first journal write, a process leaves nothing to resume: the next one
    /// starts the run afresh, under the same proposed id.
    @Test func killedBeforeTheFirstWriteStartsAfresh() async {
        let (scenario, options) = Self.scenario(seed: 7, [Crash(point: .write(1), restartAfter: .seconds(30))])
        let result = await SeedRunner.run(scenario, options: options)
        #expect(result.crashesInjected == 1 && result.resumes == 0)
        #expect(result.runs.first?.runId == scenario.participants[0].runId)
        #expect(result.passed, "\(result.violations)")
    }

    /// Same seed, same history, crashes included (the kill points, the restarts, the journal).
    @Test func crashSeedsReplayIdentically() async {
        var checked = 0
        for plans in [1, 3] {
            let options = SimulationOptions(concurrentPlans: plans, crashProbability: 0.8)
            var seed: UInt64 = 1
            var found = 0
            while found < 2, seed < 40 {
                let first = await SeedRunner.run(seed: seed, options: options)
                if first.crashesInjected > 0 {
                    found += 1
                    let second = await SeedRunner.run(seed: seed, options: options)
                    #expect(first.digest == second.digest, "seed \(seed) with \(plans) plans replayed differently")
                    #expect(first.runs == second.runs)
                    #expect(first.crashesInjected == second.crashesInjected && first.resumes == second.resumes)
                    #expect(first.restartPollGaps == second.restartPollGaps)
                }
                seed += 1
            }
            checked += found
        }
        #expect(checked == 4)
    }

    /// Crash points draw from their own stream: switching them off leaves every seed's world,
    /// faults and plans as they were.
    @Test func crashPointsDoNotShiftTheRestOfTheScenario() {
        for seed in UInt64(1)...50 {
            var with = Scenario.make(seed: seed, options: SimulationOptions(crashProbability: 1))
            let without = Scenario.make(seed: seed, options: SimulationOptions(crashProbability: 0))
            #expect(with.participants[0].crashes != nil)
            with.participants[0].crashes = nil
            #expect(with == without)
        }
    }
}
