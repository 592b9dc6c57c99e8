import Executor
import Foundation
import RunJournal
import Timekeeping

/// One night of a nightly schedule (`SimulationOptions.nights`): the plan run the way `apply`
/// runs it, through `JournaledApply` and the journal the pipeline host keeps from night to night,
/// so that each night polls with the history the earlier nights left in the journal, read through
/// `JournalStore.refreshHistory` as a real run reads it.
struct NightlyRun {
    let setup: ParticipantSetup
    let runId: String
    let journalPath: String

    func run() async -> RunReport? {
        let clock = setup.clock, setup = self.setup
        do {
            var apply = JournaledApply(journal: try RunJournal(path: journalPath, durable: false))
            apply.emulated = true
            apply.holder = LockHolder(pid: CrashingRun.firstPid + Int32(setup.number), hostname: "sim-nightly-host")
            // Each night's process is gone before the next starts.
            apply.probe = { _ in .dead("the previous night's process exited") }
            apply.now = { clock.nowDate }
            apply.sleep = { try await clock.sleep(for: $0) }
            apply.notice = { text in setup.trace.add("\(clock.now) p\(setup.number): \(text)") }
            let plan = setup.graph.plan
            let result = try await apply.run(planName: plan.name, sandboxId: plan.sandbox.id, proposedRunId: runId) { runId, _ in
                setup.context(runId: runId, process: SimulatedProcess())
            }
            switch result {
            case .finished(let report, _): return report
            case .alreadyRunning: return nil
            }
        } catch {
            setup.monitor.journalError(setup.number, process: 1, error: "\(error)")
            return nil
        }
    }
}
