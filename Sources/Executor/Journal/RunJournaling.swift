import Foundation

/// Where a run writes ahead of itself. The executor calls it before every side effect and after
/// everything it learns, so that a process killed at any instant can be resumed without sending a
/// request twice. The executor does not know how entries are stored (the `RunJournal` module
/// keeps them in SQLite); a write that throws ends the run before the side effect it guards.
public protocol RunJournaling: Sendable {
    func record(_ entry: JournalEntry, runId: String, at: Date) async throws
}

/// Journals nothing: runs outside `apply` (tests, previews) keep working without a database.
public struct NoJournal: RunJournaling {
    public init() {}
    public func record(_ entry: JournalEntry, runId: String, at: Date) async throws {}
}

/// One journaled fact about a run.
public enum JournalEntry: Sendable, Hashable, Codable {
    case runStarted(RunStart)
    /// A run found unfinished in the journal was picked up again (`attempt` counts from 1).
    case runResumed(attempt: Int, pid: Int32)
    case stepStarted(step: String)
    /// `result` is `success`, `branch:<rule>` or `failure:<outcome>`.
    case stepFinished(step: String, result: String)
    /// Written before the request leaves: a crash after this and before `refreshIdReceived`
    /// means the platform may or may not have it, so resume looks before resending.
    case aboutToSend(step: String, effect: SideEffect)
    case refreshIdReceived(step: String, refreshId: String, tag: String, adopted: Bool)
    case statusObserved(step: String, refreshId: String, status: String, progress: Int, errorMessage: String?)
    case gateResult(gate: String, passed: Bool, detail: String)
    case outcome(RunOutcome, message: String?, refreshIds: [String], scope: String)

    /// A short stable name, stored with each entry.
    public var kind: String {
        switch self {
        case .runStarted: return "run.started"
        case .runResumed: return "run.resumed"
        case .stepStarted: return "step.started"
        case .stepFinished: return "step.finished"
        case .aboutToSend: return "request.about-to-send"
        case .refreshIdReceived: return "refresh.id"
        case .statusObserved: return "status"
        case .gateResult: return "gate"
        case .outcome: return "outcome"
        }
    }
}

/// What identifies a run when it starts: enough to find it again for resume and history.
public struct RunStart: Sendable, Hashable, Codable {
    public var planName: String
    public var planPath: String
    public var sandboxId: String
    public var scope: String
    public var pid: Int32
    public var artifactsDirectory: String

    public init(planName: String, planPath: String, sandboxId: String, scope: String, pid: Int32, artifactsDirectory: String) {
        self.planName = planName
        self.planPath = planPath
        self.sandboxId = sandboxId
        self.scope = scope
        self.pid = pid
        self.artifactsDirectory = artifactsDirectory
    }
}

/// A request that changes something on the platform.
public enum SideEffect: Sendable, Hashable, Codable {
    /// `tag` is the run id written into the refresh description (the expansion chain has its own).
    case submit(tag: String, scope: String)
    case abort(refreshId: String)
    /// Revoking sandbox users' tokens before a full refresh.
    case revokeTokens(sandboxId: String)
    /// A write that puts a preserved object back (`POST`, `PUT`, `IMPORT`).
    case restore(kind: String, name: String, method: String)
    /// A hardening write (`campaign`, `trigger`, `integration`, `credential`, `trunkBase`) about
    /// to be sent. Names only: never a value.
    case harden(kind: String, name: String)
    /// A hardening write answered with success; a credential with `harden` but not this was
    /// interrupted and is written again on resume.
    case hardened(kind: String, name: String)
}
