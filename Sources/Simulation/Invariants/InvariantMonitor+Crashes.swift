import EmulatorCore
import Executor
import Foundation
import GenesysWire
import PlanGraph
import Timekeeping

/// Crash points: a run's process is killed at a journal write and a new one resumes it. What
/// must survive the kill is checked here; the polling floor and the rate budget need nothing
/// extra, because a restarted process's clients report under the same source as the dead one's,
/// so a status request right after a restart is measured against the last one before the kill.
extension InvariantMonitor {
    /// The process died at `death`; `report` is what its executor returned on the way out (no
    /// one would see it in a real crash, but it shows whether the executor stopped at the write).
    func processKilled(_ participant: Int, process: Int, death: SimulatedProcess.Death, report: RunReport) {
        state.withLock { state in
            state.runs[participant]?.deaths.append(death)
            // Only the last write (the outcome) is allowed to fail without ending the run there:
            // by then everything is done and `finish` reports the outcome it could not journal.
            if death.kind != "outcome", !report.outcome.abandonsRun {
                violate(&state, .crashResume, participant, "process \(process) killed at write \(death.write) (\(death.kind)) but its executor carried on to \(report.outcome.rawValue)")
            }
        }
    }

    /// A dead process tried to send: the executor went on after the journal write that killed it.
    func requestAfterDeath(_ source: Source, method: String, path: String) {
        state.withLock { state in
            violate(&state, .crashResume, source.participant, "\(method) \(path) sent by \(source) after its process was killed", key: "after-death \(method) \(path)")
        }
    }

    /// A new process is about to start for the run, `after` the previous one died.
    func processRestarted(_ participant: Int, after: Duration) {
        state.withLock { state in
            state.runs[participant]?.downtime += after
            state.runs[participant]?.lockEntries += 1
            for source in state.sources.keys where source.participant == participant { state.restartedSources.insert(source) }
        }
    }

    /// What `JournaledApply` made of the restart. The run is in the journal once its first write
    /// (`run.started`) landed, i.e. unless every earlier process died at its very first write;
    /// from then on every restart must resume it, under its own run id.
    func processStarted(_ participant: Int, process: Int, runId: String, resumed: Bool) {
        state.withLock { $0.runs[participant]?.snapshotPending = false }
        state.withLock { state in
            guard let run = state.runs[participant] else { return }
            if runId != run.runId {
                violate(&state, .crashResume, participant, "process \(process) ran as \(runId), the run is \(run.runId)")
            }
            let journaled = run.deaths.contains { $0.write > 1 } || run.reran
            if run.reran, !resumed {
                violate(&state, .crashResume, participant, "the rerun of \(run.runId) (process \(process)) started afresh instead of following the run's refresh")
            }
            if resumed != journaled {
                violate(&state, .crashResume, participant, resumed ? "process \(process) resumed a run that was never journaled" : "process \(process) started afresh although the journal holds the unfinished run")
            }
            if resumed { state.runs[participant]?.resumes += 1 }
            state.runs[participant]?.processStartedAt = clock.now
        }
    }

    /// The platform's own record of accepted submissions (not the run's, not the journal's): at
    /// most one job per chain tag of the run, and when the run says it followed a job to its end,
    /// every job carrying its tags is one it knows (none orphaned by a kill).
    func checkSubmissions(_ state: inout State, _ participant: Int, _ report: RunReport) {
        guard let run = state.runs[participant] else { return }
        let tags = Self.chainTags(run.runId)
        let submitted = emulator.submissions(sandboxId: run.plan.sandbox.id).filter { RunTag.runId(in: $0.description).map(tags.contains) == true }
        // A run id the tool renamed (`ID-2`) is a second run: for a rerun that must follow its
        // own refresh, any submission under such a name is a second refresh for the same run.
        if run.reran {
            let renamed = emulator.submissions(sandboxId: run.plan.sandbox.id).compactMap { RunTag.runId(in: $0.description) }
                .filter { $0.hasPrefix(run.runId + "-") && !tags.contains($0) }
            if !renamed.isEmpty {
                violate(&state, .singleSubmissionPerRun, participant, "the rerun of \(run.runId) submitted again as \(renamed.joined(separator: ", "))", key: "rerun")
            }
        }
        for tag in tags {
            let count = submitted.filter { RunTag.runId(in: $0.description) == tag }.count
            if count > 1 {
                violate(&state, .singleSubmissionPerRun, participant, "the platform accepted \(count) submissions tagged \(tag)\(run.deaths.isEmpty ? "" : " across \(run.deaths.count) crash(es)")", key: "submissions \(tag)")
            }
        }
        // A process cannot time out on a job that had already ended before it started: one status
        // request would have shown it (only a restart can get here; a first process starts
        // before its job exists).
        if report.outcome == .timedOut, let id = report.state.currentRefresh?.id ?? report.state.refreshIds.last,
           let job = emulator.refreshes(sandboxId: run.plan.sandbox.id).first(where: { $0.id == id }), !job.status.isActive,
           let ended = job.completedDate, ended < clock.date(at: run.processStartedAt) {
            violate(&state, .oneDocumentedOutcome, participant, "ended timed-out on refresh \(id), which was \(job.status.wireValue) at \(job.completedDate.map(WireCoding.timestamp) ?? "?"), before process \(run.deaths.count + 1) started", key: "timed-out-finished")
        }
        let followed: Set<RunOutcome> = [.success, .refreshFailed, .timedOut, .validationGateFailed, .piiGateFailed]
        let unknown = submitted.filter { !report.state.refreshIds.contains($0.id) }
        if followed.contains(report.outcome), !unknown.isEmpty {
            violate(&state, .singleSubmissionPerRun, participant, "ended \(report.outcome.rawValue) without knowing its own submission(s) \(unknown.map(\.id).joined(separator: ", "))", key: "orphan")
        }
    }

    /// A finished run is applied again under its run id: the first run was judged, the rerun
    /// is judged as the run from here on.
    func rerunStarted(_ participant: Int, after first: RunReport) {
        state.withLock { state in
            state.runs[participant]?.reran = true
            state.runs[participant]?.finished = []
            state.runs[participant]?.processStartedAt = clock.now
        }
    }

    /// The journal itself failed (could not be opened, locked or read): no run to judge.
    func journalError(_ participant: Int, process: Int, error: String) {
        state.withLock { state in
            violate(&state, .crashResume, participant, "process \(process) could not use its journal: \(error)")
        }
    }

    func deaths(participant: Int) -> [SimulatedProcess.Death] { state.withLock { $0.runs[participant]?.deaths ?? [] } }

    var restartPollGaps: [Duration] { state.withLock { $0.restartPollGaps } }

    var crashCounts: (kills: Int, resumes: Int) {
        state.withLock { state in
            state.runs.values.reduce((0, 0)) { ($0.0 + $1.deaths.count, $0.1 + $1.resumes) }
        }
    }
}
