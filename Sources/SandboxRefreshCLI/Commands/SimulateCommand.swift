import ArgumentParser
import Executor
import Foundation
import Timekeeping
import RefreshPlan
import Simulation

/// `simulate`: seeded failure histories of whole refreshes, on a virtual clock, with invariants.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the real executor against the emulator under seeded faults, thousands of times, and check its invariants.",
        discussion: """
            Each seed fixes a world, a fault mix and a plan variant; the same seed always replays the same history. \
            With --crash-probability, a plan's process may be killed at a journal write and restarted from its journal \
            (new clients and executor, same platform and SQLite file), up to three times. \
            Exit 0 when no invariant failed, 1 otherwise; a failing seed is printed with the command that replays it with a trace.
            """)

    @Option(help: "Number of seeds to run.")
    var seeds: UInt64 = 100

    @Option(help: "First seed.")
    var from: UInt64 = 1

    @Option(help: "Simulate this plan as written (retargeted at the emulator) instead of varying a built-in one.", completion: .file(extensions: ["yaml", "yml"]))
    var plan: String?

    @Option(help: "Plans run at once in one simulated process sharing one emulator (same sandbox or different ones, by seed).")
    var concurrentPlans: Int = 1

    @Option(help: "Chance that each kind of fault is present in a seed's world (0 disables faults).")
    var faultIntensity: Double = 0.3

    @Option(help: "Chance that each plan's process is killed at a journal write and restarted from the journal, up to three times (0 disables crash points).")
    var crashProbability: Double = 0.2

    @Option(help: "Seeds simulated side by side (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print every log line, event and request of each seed (use with --seeds 1).")
    var trace = false

    @Flag(help: "Compare polling strategies (default policy, fixed 15 s, progress prediction, history prediction) over the seeds instead.")
    var pollingReport = false

    @Option(help: "With --polling-report: nightly runs per seed on one sandbox and journal (history for the later nights).")
    var nights: Int = PollingReport.defaultNights

    func validate() throws {
        guard (1...366).contains(nights) else { throw ValidationError("--nights must be between 1 and 366 (a year of nightly refreshes); got \(nights)") }
        guard (1...1000).contains(concurrentPlans) else { throw ValidationError("--concurrent-plans must be between 1 and 1000; got \(concurrentPlans)") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256; got \(jobs)") }
        guard (0...1).contains(faultIntensity) else { throw ValidationError("--fault-intensity is a chance between 0 and 1; got \(faultIntensity)") }
        guard (0...1).contains(crashProbability) else { throw ValidationError("--crash-probability is a chance between 0 and 1; got \(crashProbability)") }
        guard seeds <= UInt64.max - from else { throw ValidationError("--from \(from) with --seeds \(seeds) runs past the last seed") }
    }

    func run() async throws {
        let range = from..<(from + max(seeds, 1))
        let start = ContinuousClock.now
        if pollingReport {
            let report = await PollingReport.measure(seeds: range, nights: nights, parallelism: jobs)
            Terminal.write(report.render())
            Terminal.line(String(format: "(%.1f s)", (ContinuousClock.now - start).seconds))
            return
        }
        var basePlan: Plan?
        if let plan {
            let result = PlanLoader(environment: ProcessInfo.processInfo.environment).load(path: plan)
            guard let loaded = result.plan, !result.hasErrors else {
                Terminal.error("error: \(plan) has errors; run `sandbox-refresh validate \(plan)`")
                throw ExitCode(RunOutcome.invalidPlan.exitCode)
            }
            basePlan = loaded
        }
        let options = SimulationOptions(concurrentPlans: concurrentPlans, basePlan: basePlan, faultIntensity: faultIntensity, crashProbability: crashProbability, trace: trace, parallelism: trace ? 1 : jobs)
        let trace = self.trace
        let summary = await Simulator.run(seeds: range, options: options) { result in
            guard trace else { return }
            var text = "=== seed \(result.seed): \(result.scenario.participants.map { "plan \($0.index + 1) \($0.runId) on \($0.sandboxId) \($0.variant?.description ?? "as written")" }.joined(separator: "; "))\n"
            text += "faults: \(result.scenario.faults.rules.map(\.kind.description) + result.scenario.faults.actions.map(\.description))\n"
            for participant in result.scenario.participants {
                if let crashes = participant.crashes { text += "crash points of plan \(participant.index + 1): \(crashes)\n" }
            }
            text += result.trace.joined(separator: "\n") + "\n"
            text += "outcomes: \(result.runs.map { "\($0.runId) \($0.outcome.rawValue) (exit \($0.outcome.exitCode))\($0.message.map { ": \($0)" } ?? "")" }.joined(separator: "; "))\n"
            if result.crashesInjected > 0 { text += "crashes injected \(result.crashesInjected), resumed \(result.resumes)\n" }
            text += "history digest \(result.digest)\n"
            Terminal.line(text)
        }
        Terminal.write(summary.render(planPath: plan, concurrentPlans: concurrentPlans, elapsed: ContinuousClock.now - start))
        if !summary.failing.isEmpty { throw ExitCode(1) }
    }
}
