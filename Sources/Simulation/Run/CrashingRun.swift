import Executor
import Foundation
import RunJournal
import Timekeeping

/// One plan run the way `apply` runs it, through `JournaledApply` and a SQLite journal of its own
/// (each plan of a scenario stands for a separate pipeline host), with its process killed at the
/// crash plan's journal writes and restarted: a new process, new clients, a new executor, the
/// same emulator and the same journal file. The last process runs to the end; its report is the
/// run's.
struct CrashingRun {
    let setup: ParticipantSetup
    /// The id the first process proposes; every later one must resume under it.
    let runId: String
    let crashes: CrashPlan
    let journalPath: String

    /// Fake pids: a dead process's lock row must name a holder that is gone, and the simulator,
    /// not `kill(pid, 0)`, decides which of its processes are alive.
    static let firstPid: Int32 = 2_100_000_000

    func run() async -> RunReport? {
        let monitor = setup.monitor, clock = setup.clock, number = setup.number
        for index in 0...crashes.crashes.count {
            let crash = index < crashes.crashes.count ? crashes.crashes[index] : nil
            let process = SimulatedProcess(number: index + 1)
            let report: RunReport
            do {
                // Its own task, as a process has its own: the kill cancels it, not the participant.
                report = try await Task { try await self.start(process, crash: crash) }.value
            } catch {
                monitor.journalError(number, process: process.number, error: "\(error)")
                return nil
            }
            if let death = process.death {
                setup.trace.add("\(clock.now) p\(number) KILLED process \(process.number) at journal write \(death.write) (\(death.kind)); restart in \(crash!.restartAfter.formattedSeconds)")
                monitor.processKilled(number, process: process.number, death: death, report: report)
                try? await clock.sleep(for: crash!.restartAfter)
                monitor.processRestarted(number, after: crash!.restartAfter)
                continue
            }
            // The crash point lay past this process's last write: it finished, nothing to restart.
            return await rerunIfLeftRunning(report, processNumber: index + 2)
        }
        return nil
    }

    /// The CI "re-run" of a run that gave up on a refresh still running: the same run id again,
    /// in a new process. Its report stands for the run.
    private func rerunIfLeftRunning(_ report: RunReport, processNumber: Int) async -> RunReport? {
        guard let after = crashes.rerunAfter, JournaledApply.leavesRefreshRunning(report.outcome) else { return report }
        let monitor = setup.monitor, clock = setup.clock, number = setup.number
        monitor.runFinished(report, participant: number)
        try? await clock.sleep(for: after)
        setup.trace.add("\(clock.now) p\(number) RERUN of \(runId) after it ended \(report.outcome.rawValue)")
        monitor.rerunStarted(number, after: report)
        let process = SimulatedProcess(number: processNumber)
        do {
            return try await Task { try await self.start(process, crash: nil) }.value
        } catch {
            monitor.journalError(number, process: process.number, error: "\(error)")
            return nil
        }
    }

    /// One process: `apply` with a fresh journal connection on the same file.
    private func start(_ process: SimulatedProcess, crash: Crash?) async throws -> RunReport {
        let setup = self.setup
        // Only one process of this plan is ever alive, and it is the one asking.
        var apply = try setup.journaledApply(journalPath: journalPath, pid: Self.firstPid + Int32(process.number), hostname: "sim-host-p\(setup.number)",
                                             deadBecause: "simulated crash", noticePrefix: "p\(setup.number) process \(process.number)")
        apply.wrapRecorder = { KillSwitch($0, point: crash?.point, process: process) }
        let plan = setup.plan
        let result = try await apply.run(planName: plan.name, sandboxId: plan.sandbox.id, proposedRunId: runId) { runId, resume in
            setup.monitor.processStarted(setup.number, process: process.number, runId: runId, resumed: resume != nil)
            return setup.context(runId: runId, process: process)
        }
        switch result {
        case .finished(let report, _):
            return report
        case .alreadyRunning(let record):
            // Cannot happen: every earlier holder is dead. Reported as a broken resume.
            throw SetupError("process \(process.number) found the sandbox locked by pid \(record.holder.pid)")
        }
    }
}
