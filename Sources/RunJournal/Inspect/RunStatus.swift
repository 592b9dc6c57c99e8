import Executor
import Foundation

/// Where a run stands, for `status`: its step, its refresh, and what happens next.
public struct RunStatus: Sendable, Hashable, Codable {
    public enum Liveness: String, Sendable, Hashable, Codable {
        /// A live process holds the sandbox's lock for this run.
        case running
        /// No outcome and no live holder: the process died; the next `apply` resumes it.
        case abandoned
        case finished
    }

    public var run: RunRecord
    public var liveness: Liveness
    public var holder: LockHolder?
    public var refreshIds: [String]
    public var lastRefreshId: String?
    public var lastStatus: String?
    public var lastProgress: Int?
    public var lastObservedAt: Date?
    public var elapsedSeconds: Double
    public var nextAction: String
}

extension RunJournal {
    public func status(runId: String, now: Date = Date(), isAlive: (LockHolder) -> Bool = LockHolder.isAlive) throws -> RunStatus? {
        guard let run = try run(runId) else { return nil }
        let entries = try entries(runId: runId)
        var lastId: String?
        var lastStatus: String?
        var lastProgress: Int?
        var lastAt: Date?
        for stored in entries {
            switch stored.entry {
            case .refreshIdReceived(_, let id, _, _):
                lastId = id
            case .statusObserved(_, let id, let status, let progress, _):
                lastId = id
                lastStatus = status
                lastProgress = progress
                lastAt = stored.at
            default:
                break
            }
        }
        let lock = try lock(sandboxId: run.sandboxId)
        let holder = lock.flatMap { $0.runId == runId ? $0.holder : nil }
        let liveness: RunStatus.Liveness
        if !run.isResumable || (run.outcome == .interrupted && holder == nil) {
            liveness = run.outcome == .interrupted ? .abandoned : .finished
        } else if let holder, isAlive(holder) {
            liveness = .running
        } else {
            liveness = .abandoned
        }
        let next: String
        switch liveness {
        case .finished:
            next = "none: the run ended \(run.outcome?.rawValue ?? "?") (exit \(run.exitCode.map(String.init) ?? "?"))"
        case .running:
            if run.currentStep?.hasPrefix("poll.") == true {
                next = "polling refresh \(lastId ?? "?") until COMPLETED or FAILED"
            } else {
                next = "running step \(run.currentStep ?? "?")"
            }
        case .abandoned:
            next = "resume: `sandbox-refresh resume \(runId)` (or the next `apply` of \(run.planName)) picks it up\(lastId.map { " and follows refresh \($0)" } ?? "") without resubmitting"
        }
        let end = run.finishedAt ?? now
        return RunStatus(run: run, liveness: liveness, holder: holder, refreshIds: try refreshIds(runId: runId), lastRefreshId: lastId,
                         lastStatus: lastStatus, lastProgress: lastProgress, lastObservedAt: lastAt,
                         elapsedSeconds: max(0, end.timeIntervalSince(run.startedAt)), nextAction: next)
    }
}
