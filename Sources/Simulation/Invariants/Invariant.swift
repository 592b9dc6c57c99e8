import Timekeeping

/// The properties every simulated history must have, each with a stable name for reports.
public enum Invariant: String, CaseIterable, Sendable, Hashable, Codable {
    case singleActiveRefresh = "single-active-refresh"
    case singleSubmissionPerRun = "single-submission-per-run"
    case nothingBeforeCompleted = "nothing-before-completed"
    case pollingFloor = "polling-floor"
    case rateBudget = "rate-budget"
    case noRetryOfNonRetryable = "no-retry-of-non-retryable"
    case oneDocumentedOutcome = "one-documented-outcome"
    case boundedDuration = "bounded-duration"
    case foreignAbortAllowed = "foreign-abort-allowed"
    case noSecretOrPII = "no-secret-or-pii"
    case crashResume = "crash-resume"
    case productionReadOnly = "production-read-only"
    case snapshotBeforeSubmission = "snapshot-before-submission"
    case noDuplicateCreate = "no-duplicate-create"

    public var summary: String {
        switch self {
        case .singleActiveRefresh: return "at most one refresh of ours active per sandbox"
        case .singleSubmissionPerRun: return "never a second submission for one run (one more only for the expansion chain)"
        case .nothingBeforeCompleted: return "no validation, gate or success before the platform said COMPLETED"
        case .pollingFloor: return "never a status request faster than the 15 s polling floor"
        case .rateBudget: return "never more API requests than the client's budget in any 60 s window"
        case .noRetryOfNonRetryable: return "never a retry of 400, 403, 404, 409, 501, or of a 401 after the one re-login"
        case .oneDocumentedOutcome: return "every run ends in exactly one documented outcome, and its exit code matches"
        case .boundedDuration: return "every run ends within its lock wait and maxWait budgets plus a bounded slack"
        case .foreignAbortAllowed: return "a foreign refresh is aborted only when the plan allows it and it is stale and untagged"
        case .noSecretOrPII: return "no secret, token or raw customer PII in any log line, event or artifact"
        case .crashResume: return "a process killed at a journal write stops there, and its restart resumes the same run id from the journal"
        case .productionReadOnly: return "nothing but GET and the logins ever reaches the production organization, on any path"
        case .snapshotBeforeSubmission: return "a run that found sandbox work at risk submits only after its snapshot is complete"
        case .noDuplicateCreate: return "a restore, crashed and resumed, never creates a second object of one name in the sandbox"
        }
    }
}

/// One broken invariant, with where and when it broke.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var invariant: Invariant
    /// 1-based plan number in the scenario; nil for world-wide properties.
    public var participant: Int?
    public var moment: Moment
    public var detail: String

    public var description: String {
        "\(invariant.rawValue) at \(moment)\(participant.map { " (plan \($0))" } ?? ""): \(detail)"
    }
}
