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
    /// Why an unfinished run counts as abandoned: no lock, or why its holder is dead.
    public var livenessReason: String?
    public var holder: LockHolder?
    public var heartbeatAt: Date?
    /// The CI job of the process holding the run (a server journal records it).
    public var jobURL: String?
    public var refreshIds: [String]
    public var lastRefreshId: String?
    public var lastStatus: String?
    public var lastProgress: Int?
    public var lastObservedAt: Date?
    public var elapsedSeconds: Double
    public var nextAction: String
}

extension JournalStore {
    public func status(runId: String, sandboxId: String? = nil, now: Date = Date(),
                       probe: @escaping @Sendable (LockHolder) -> LockLiveness = LockHolder.probe) async throws -> RunStatus? {
        guard let run = try await run(runId, sandboxId: sandboxId) else { return nil }
        let entries = try await entries(runId: runId, sandboxId: run.sandboxId)
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
        let lock = try await lock(sandboxId: run.sandboxId).flatMap { $0.runId == runId ? $0 : nil }
        let state: RunStatus.Liveness
        var reason: String?
        if !run.isResumable {
            state = .finished
        } else if let lock {
            switch await liveness(of: lock, at: now, probe: probe) {
            case .alive:
                state = .running
            case .dead(let why):
                state = .abandoned
                reason = why
            }
        } else {
            state = .abandoned
            reason = run.outcome.map { "it was stopped (\($0.rawValue))" } ?? "no process holds the sandbox's lock for it"
        }
        let next: String
        switch state {
        case .finished:
            next = "none: the run ended \(run.outcome?.rawValue ?? "?") (exit \(run.exitCode.map(String.init) ?? "?"))"
        case .running:
            if run.currentStep?.hasPrefix("poll.") == true {
                next = "polling refresh \(lastId ?? "?") until COMPLETED or FAILED"
            } else {
                next = "running step \(run.currentStep ?? "?")"
            }
        case .abandoned:
            next = Self.resumeAdvice(run, lastRefreshId: lastId)
        }
        let end = run.finishedAt ?? now
        return RunStatus(run: run, liveness: state, livenessReason: reason, holder: lock?.holder, heartbeatAt: lock?.heartbeatAt, jobURL: lock?.jobURL,
                         refreshIds: try await refreshIds(runId: runId, sandboxId: run.sandboxId), lastRefreshId: lastId,
                         lastStatus: lastStatus, lastProgress: lastProgress, lastObservedAt: lastAt,
                         elapsedSeconds: max(0, end.timeIntervalSince(run.startedAt)), nextAction: next)
    }

    /// The command that picks the run up, with what it needs to reach the same platform: the
    /// shared emulator's URL for a rehearsal against one; a private `--emulate` emulator is gone.
    static func resumeAdvice(_ run: RunRecord, lastRefreshId: String?) -> String {
        let follows = lastRefreshId.map { " and follows refresh \($0)" } ?? ""
        let sandbox = " --sandbox \(run.sandboxId)"
        if run.emulated, let url = run.emulatorURL {
            return "resume: `sandbox-refresh resume \(run.id)\(sandbox) --emulator \(url)` picks it up\(follows) without resubmitting, while that emulator still runs"
        }
        if run.emulated {
            return "none that can follow its refresh: it was rehearsed on a private emulator (--emulate) that ended with its process; `sandbox-refresh resume \(run.id)\(sandbox)` continues the rehearsal on a new one"
        }
        return "resume: `sandbox-refresh resume \(run.id)\(sandbox)` (or the next `apply` of \(run.planName)) picks it up\(follows) without resubmitting"
    }
}
