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
