import Foundation

/// What the journal knew about a run that did not finish, handed to the executor that picks it
/// up. The walk starts again from the top; these facts keep it from repeating side effects.
public struct ResumePoint: Sendable, Hashable {
    /// 2 for the first resume.
    public var attempt: Int
    /// When the run first started (wall time), for its duration.
    public var originallyStartedAt: Date
    /// Submissions journaled as about to be sent, by description tag, with the refresh id when
    /// one came back. A tag without an id may or may not have reached the platform.
    public var submits: [String: String?]
    /// When each poll step first started, so the maxWait budget is not granted twice.
    public var pollStartedAt: [String: Date]
    /// Credentials (by step and name, `harden.primary/Billing REST credential`) whose write a
    /// previous attempt completed: they cannot be compared, so they are not written again.
    public var hardenedCredentials: Set<String> = []

    public init(attempt: Int, originallyStartedAt: Date, submits: [String: String?] = [:], pollStartedAt: [String: Date] = [:]) {
        self.attempt = attempt
        self.originallyStartedAt = originallyStartedAt
        self.submits = submits
        self.pollStartedAt = pollStartedAt
    }

    /// True when a submission with this tag may have reached the platform.
    public func mayHaveSubmitted(tag: String) -> Bool { submits[tag] != nil }

    public func refreshId(tag: String) -> String? { submits[tag] ?? nil }
}

/// Raised when the journal cannot be written: the run stops before the side effect it guarded.
public struct JournalWriteFailed: Error, Sendable, CustomStringConvertible {
    public var underlying: String
    public init(_ underlying: any Error) { self.underlying = "\(underlying)" }
    public var description: String { "the run journal could not be written (\(underlying)); stopping before the next side effect" }
}

/// A journal write refused because the run no longer holds the sandbox: its lease was taken over
/// (a newer fencing token is on the lock), or the session that held its lock was ended (`unlock
/// --force`, a lost connection). Thrown by the server journal; the run stops with `lock-lost`
/// (exit 13) before anything else is written or sent.
public struct JournalLockLost: Error, Sendable, CustomStringConvertible {
    public var sandboxId: String
    /// The run's fencing token and the lock's (lease locks); nil for a session lock.
    public var fence: Int64?
    public var current: Int64?

    public init(sandboxId: String, fence: Int64?, current: Int64?) {
        self.sandboxId = sandboxId
        self.fence = fence
        self.current = current
    }

    public var description: String {
        let why = fence.map { "its lease was taken over: this run's fencing token \($0), the lock's \(current.map(String.init) ?? "none")" }
            ?? "the database session holding its lock was ended"
        return "the lock on \(sandboxId) is no longer this run's (\(why)); stopped before the next journal write or request"
    }
}
