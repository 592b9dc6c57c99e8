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
        let setup = self.setup
        do {
            // Each night's process is gone before the next starts.
            let apply = try setup.journaledApply(journalPath: journalPath, pid: CrashingRun.firstPid + Int32(setup.number), hostname: "sim-nightly-host",
                                                 deadBecause: "the previous night's process exited", noticePrefix: "p\(setup.number)")
            let plan = setup.plan
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
