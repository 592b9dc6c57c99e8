import Executor
import Foundation
import PlanGraph

/// `apply` with the journal: take the sandbox's local run lock, resume the plan's unfinished run
/// if there is one (same run id), else start a new one, and run the executor writing ahead into
/// the journal. The CLI and the tests go through this one path.
public struct JournaledApply: Sendable {
    public enum Result: Sendable {
        case finished(RunReport, resumed: Bool)
        /// `--no-wait` and another process holds the sandbox.
        case alreadyRunning(LockRecord)
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notResumable(String)
        public var description: String {
            switch self { case .notResumable(let why): return why }
        }
    }

    public var journal: any JournalStore
    public var emulated = false
    /// The shared emulator a rehearsal runs against, so `status` can say how to resume it.
    public var emulatorURL: String?
    public var holder = LockHolder.current
    /// False for `--no-wait`: a held lock ends the attempt with `alreadyRunning`.
    public var waitForLock = true
    public var retryEvery: Duration = .seconds(5)
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    public var probe: @Sendable (LockHolder) -> LockLiveness = LockHolder.probe
    public var now: @Sendable () -> Date = { Date() }
    /// The holder's heartbeat, on wall time of its own: a virtual run clock must not be driven by it.
    public var heartbeatEvery: Duration = .seconds(30)
    public var heartbeatSleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// Told once per wait for the lock, and when a run is resumed or a dead holder's lock taken.
    public var notice: @Sendable (String) -> Void = { _ in }
    /// Tests wrap the recorder to crash at a chosen write.
    public var wrapRecorder: @Sendable (any RunJournaling) -> any RunJournaling = { $0 }

    public init(journal: any JournalStore) {
        self.journal = journal
        if let interval = journal.heartbeatInterval { heartbeatEvery = interval }
    }

    /// `onlyRunId` is `resume RUN_ID`: that run, unfinished, or nothing. `proposedIsChosen` says the
    /// proposed id came from the user or the CI system rather than being generated: a chosen id the
    /// journal knows from a run that left its refresh running (timed out, API error) is that run
    /// again, so it adopts its own job instead of submitting a second one.
    public func run(
        planName: String, sandboxId: String, proposedRunId: String, proposedIsChosen: Bool = true, onlyRunId: String? = nil,
        makeContext: @Sendable (_ runId: String, _ resume: ResumePoint?) async throws -> RunContext
    ) async throws -> Result {
        var announced = false
        while true {
            let at = now()
            switch try await journal.tryLock(sandboxId: sandboxId, planName: planName, holder: holder, at: at,
                                             heartbeatTimeout: RunJournal.heartbeatTimeout, probe: probe) {
            case .acquired(let previous):
                if let previous {
                    let why = await journal.liveness(of: previous, at: at, probe: probe)
                    notice("the local lock of \(sandboxId) was held by pid \(previous.holder.pid) on \(previous.holder.hostname)\(previous.runId.map { " (run \($0))" } ?? ""), which is dead (\(why)); taken over")
                }
                return try await withHeartbeat(sandboxId: sandboxId) {
                    try await runLocked(planName: planName, sandboxId: sandboxId, proposedRunId: proposedRunId, proposedIsChosen: proposedIsChosen,
                                        onlyRunId: onlyRunId, makeContext: makeContext)
                }
            case .held(let record):
                guard waitForLock else { return .alreadyRunning(record) }
                if !announced {
                    notice("\(sandboxId) is being refreshed by pid \(record.holder.pid) on \(record.holder.hostname)\(record.runId.map { " (run \($0))" } ?? ""); waiting for it to finish")
                    announced = true
                }
                try await sleep(retryEvery)
            }
        }
    }

    /// Runs `body` while a child task refreshes the lock's heartbeat; the heartbeat stops with it.
    private func withHeartbeat<T: Sendable>(sandboxId: String, _ body: () async throws -> T) async throws -> T {
        let beat = Task { [journal, holder, heartbeatEvery, heartbeatSleep, now, notice] in
            var warned = false
            while !Task.isCancelled {
                do { try await heartbeatSleep(heartbeatEvery) } catch { return }
                let stillOurs = (try? await journal.heartbeat(sandboxId: sandboxId, holder: holder, at: now())) ?? true
                if !stillOurs, !warned {
                    notice("the lock of \(sandboxId) is no longer held by this process (forced open with `unlock --force`, or taken over after a stall); a server journal stops the run at its next write (lock-lost), a file journal lets it go on")
                    warned = true
                }
            }
        }
        defer { beat.cancel() }
        return try await body()
    }

    private func runLocked(
        planName: String, sandboxId: String, proposedRunId: String, proposedIsChosen: Bool, onlyRunId: String?,
        makeContext: @Sendable (_ runId: String, _ resume: ResumePoint?) async throws -> RunContext
    ) async throws -> Result {
        let outcome: (result: Result, keepLock: Bool)
        do {
            outcome = try await decideAndRun(planName: planName, sandboxId: sandboxId, proposedRunId: proposedRunId, proposedIsChosen: proposedIsChosen,
                                             onlyRunId: onlyRunId, makeContext: makeContext)
        } catch {
            await release(sandboxId: sandboxId)
            throw error
        }
        if !outcome.keepLock { await release(sandboxId: sandboxId) }
        return outcome.result
    }

    /// In an unstructured task: a cancelled run must still give its lock back.
    private func release(sandboxId: String) async {
        let (journal, holder) = (journal, holder)
        await Task { try? await journal.unlock(sandboxId: sandboxId, holder: holder) }.value
    }

    private func decideAndRun(
        planName: String, sandboxId: String, proposedRunId: String, proposedIsChosen: Bool, onlyRunId: String?,
        makeContext: @Sendable (_ runId: String, _ resume: ResumePoint?) async throws -> RunContext
    ) async throws -> (result: Result, keepLock: Bool) {
        let runId: String
        var resume: ResumePoint?
        var rerun = false
        if let onlyRunId {
            guard let record = try await journal.run(onlyRunId, sandboxId: sandboxId) else {
                throw Failure.notResumable("no run \(onlyRunId) of \(sandboxId) in the journal \(journal.location)")
            }
            guard record.isResumable else {
                throw Failure.notResumable("run \(onlyRunId) already ended: \(record.outcome?.rawValue ?? "?"); nothing to resume")
            }
            runId = onlyRunId
            resume = try await journal.resumePoint(for: record)
        } else if let unfinished = try await journal.unfinishedRun(planName: planName, sandboxId: sandboxId, emulated: emulated) {
            runId = unfinished.id
            resume = try await journal.resumePoint(for: unfinished)
        } else if proposedIsChosen, let earlier = try await journal.run(proposedRunId, sandboxId: sandboxId), earlier.emulated == emulated,
                  let outcome = earlier.outcome, Self.leavesRefreshRunning(outcome) {
            // The same pipeline run again (CI "re-run" after a timeout or an API failure): its
            // refresh may still be running, and it is this run's. Follow it with a fresh wait budget.
            runId = proposedRunId
            var point = try await journal.resumePoint(for: earlier)
            point.pollStartedAt = [:]
            resume = point
            rerun = true
            notice("run \(runId) ended \(outcome.rawValue) earlier; running it again under the same id, following its refresh instead of submitting another")
        } else {
            runId = try await journal.unusedRunId(proposedRunId, sandboxId: sandboxId)
        }
        if let resume, !rerun {
            let lastStep = try await journal.run(runId, sandboxId: sandboxId)?.currentStep ?? "none"
            notice("run \(runId) of \(planName) on \(sandboxId) did not finish (last step \(lastStep)); resuming it, attempt \(resume.attempt)")
        }
        try await journal.assignLock(sandboxId: sandboxId, runId: runId, holder: holder)
        var context = try await makeContext(runId, resume)
        context.journal = wrapRecorder(journal.recorder(sandboxId: sandboxId, hostname: holder.hostname, emulated: emulated, emulatorURL: emulatorURL))
        context.resume = resume
        context.staleRunIds = try await journal.unsuccessfulRunIds(sandboxId: sandboxId, emulated: emulated, limit: 200).subtracting([runId])
        // How long this sandbox's refreshes took before: an aid to polling, never a reason to fail.
        context.refreshHistory = (try? await journal.refreshHistory(planName: planName, sandboxId: sandboxId, emulated: emulated)) ?? [:]
        let report = await Executor.run(context)
        // A run that lost its journal stops as a crashed process would; its lock is left for the
        // stale-lock takeover rather than trusted to a database that just failed.
        return (.finished(report, resumed: resume != nil), keepLock: report.outcome.abandonsRun)
    }

    /// Outcomes after which the run's refresh may still be running on the platform.
    public static func leavesRefreshRunning(_ outcome: RunOutcome) -> Bool {
        outcome == .timedOut || outcome == .apiError
    }
}
