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

    public var journal: RunJournal
    public var emulated = false
    public var holder = LockHolder.current
    /// False for `--no-wait`: a held lock ends the attempt with `alreadyRunning`.
    public var waitForLock = true
    public var retryEvery: Duration = .seconds(5)
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    public var isAlive: @Sendable (LockHolder) -> Bool = LockHolder.isAlive
    public var now: @Sendable () -> Date = { Date() }
    /// Told once per wait for the lock, and when a run is resumed or a dead holder's lock taken.
    public var notice: @Sendable (String) -> Void = { _ in }
    /// Tests wrap the recorder to crash at a chosen write.
    public var wrapRecorder: @Sendable (any RunJournaling) -> any RunJournaling = { $0 }

    public init(journal: RunJournal) {
        self.journal = journal
    }

    /// `onlyRunId` is `resume RUN_ID`: that run, unfinished, or nothing.
    public func run(
        planName: String, sandboxId: String, proposedRunId: String, onlyRunId: String? = nil,
        makeContext: @Sendable (_ runId: String, _ resume: ResumePoint?) async throws -> RunContext
    ) async throws -> Result {
        var announced = false
        while true {
            switch try journal.tryLock(sandboxId: sandboxId, planName: planName, holder: holder, at: now(), isAlive: isAlive) {
            case .acquired(let previous):
                if let previous {
                    notice("the local lock of \(sandboxId) was held by pid \(previous.holder.pid) on \(previous.holder.hostname)\(previous.runId.map { " (run \($0))" } ?? ""), which is gone; taken over")
                }
                return try await runLocked(planName: planName, sandboxId: sandboxId, proposedRunId: proposedRunId, onlyRunId: onlyRunId, makeContext: makeContext)
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

    private func runLocked(
        planName: String, sandboxId: String, proposedRunId: String, onlyRunId: String?,
        makeContext: @Sendable (_ runId: String, _ resume: ResumePoint?) async throws -> RunContext
    ) async throws -> Result {
        var keepLock = false
        defer { if !keepLock { try? journal.unlock(sandboxId: sandboxId, holder: holder) } }
        let runId: String
        var resume: ResumePoint?
        if let onlyRunId {
            guard let record = try journal.run(onlyRunId) else { throw Failure.notResumable("no run \(onlyRunId) in the journal \(journal.path)") }
            guard record.isResumable else {
                throw Failure.notResumable("run \(onlyRunId) already ended: \(record.outcome?.rawValue ?? "?"); nothing to resume")
            }
            runId = onlyRunId
            resume = try journal.resumePoint(for: record)
        } else if let unfinished = try journal.unfinishedRun(planName: planName, sandboxId: sandboxId, emulated: emulated) {
            runId = unfinished.id
            resume = try journal.resumePoint(for: unfinished)
        } else {
            runId = try journal.unusedRunId(proposedRunId)
        }
        if let resume {
            notice("run \(runId) of \(planName) on \(sandboxId) did not finish (last step \(try journal.run(runId)?.currentStep ?? "none")); resuming it, attempt \(resume.attempt)")
        }
        try journal.assignLock(sandboxId: sandboxId, runId: runId, holder: holder)
        var context = try await makeContext(runId, resume)
        context.journal = wrapRecorder(journal.recorder(hostname: holder.hostname, emulated: emulated))
        context.resume = resume
        let report = await Executor.run(context)
        // A run that lost its journal stops as a crashed process would; its lock is left for the
        // stale-lock takeover rather than trusted to a database that just failed.
        keepLock = report.outcome == .journalFailed
        return .finished(report, resumed: resume != nil)
    }
}
