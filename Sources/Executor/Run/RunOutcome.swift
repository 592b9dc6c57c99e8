/// How a run ended. Each outcome has its own documented exit code, which cron mail and CI
/// wrappers act on.
public enum RunOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case success
    case invalidPlan = "invalid-plan"
    case preflightFailed = "preflight-failed"
    case lockNotAcquired = "lock-not-acquired"
    case refreshFailed = "refresh-failed"
    case timedOut = "timed-out"
    case validationGateFailed = "validation-gate-failed"
    case piiGateFailed = "pii-gate-failed"
    /// Sandbox work at risk and `protection.onRisk: refuse` (exit 9): nothing was submitted.
    case impactRefused = "impact-refused"
    case apiError = "api-error"
    /// The refresh is done and its gates passed, but preserved objects could not all be put back (exit 12).
    case restoreIncomplete = "restore-incomplete"
    case journalFailed = "journal-failed"
    /// The run's lease on the sandbox was taken over (its heartbeat stopped past the expiry): it
    /// stopped before its next journal write or request to the platform (exit 13).
    case lockLost = "lock-lost"
    /// SIGINT (exit 130).
    case interrupted
    /// SIGTERM (exit 143): what CI systems and container runtimes send on cancel or timeout.
    case terminated
    case alreadyRunning = "already-running"
    /// The walk of the plan graph went wrong (a step with no edge for its result, or more steps
    /// than the graph allows): a defect of the tool, never reported as success.
    case internalError = "internal-error"

    public var exitCode: Int32 {
        switch self {
        case .success: return 0
        case .invalidPlan: return 2
        case .preflightFailed: return 3
        case .lockNotAcquired: return 4
        case .refreshFailed: return 5
        case .timedOut: return 6
        case .validationGateFailed: return 7
        case .piiGateFailed: return 8
        case .impactRefused: return 9
        case .apiError: return 10
        case .restoreIncomplete: return 12
        case .journalFailed: return 11
        case .lockLost: return 13
        case .interrupted: return 130
        case .terminated: return 143
        // EX_TEMPFAIL: cron wrappers treat it as "try again later", not as a failure.
        case .alreadyRunning: return 75
        // EX_SOFTWARE: an internal software error.
        case .internalError: return 70
        }
    }

    /// The run stopped at once, writing nothing more: its journal cannot be written, or is no
    /// longer its own to write (the lock was taken over).
    public var abandonsRun: Bool { self == .journalFailed || self == .lockLost }

    /// Stopped by a signal: the run is resumable and its platform job was left running.
    public var isInterruption: Bool { self == .interrupted || self == .terminated }

    public var meaning: String {
        switch self {
        case .success: return "the sandbox was refreshed and every gate passed"
        case .invalidPlan: return "the plan has errors (or a secret could not be resolved); nothing was sent"
        case .preflightFailed: return "a login failed or a token lacks required scopes; nothing was changed"
        case .lockNotAcquired: return "another refresh holds the sandbox and the lock policy did not allow taking it"
        case .refreshFailed: return "the platform reported FAILED (its errorMessage is in the log and artifacts)"
        case .timedOut: return "the refresh did not finish within maxWait; it was left running"
        case .validationGateFailed: return "flows fail validation (or trunks would register) after the refresh"
        case .piiGateFailed: return "customer data in the sandbox fails the PII gate, or the scan could not run"
        case .impactRefused: return "the refresh would delete or overwrite sandbox work and protection.onRisk is 'refuse'; nothing was submitted (the objects are listed in the log and impact.json)"
        case .restoreIncomplete: return "the refresh is done, but preserved objects could not all be put back from the snapshot (each is listed with the reason; `sandbox-refresh restore` can retry)"
        case .apiError: return "the API failed in a way retries could not fix (endpoint, status and correlation id logged)"
        case .journalFailed: return "the run journal could not be written; the run stopped before its next side effect (resume it once the journal is writable)"
        case .lockLost: return "another runner took the sandbox's lease over after this run's heartbeat stopped past its expiry; this run stopped before its next journal write or request, and the new holder carries the run on"
        case .interrupted: return "stopped by SIGINT; artifacts written, the platform job, if any, left running for the next apply to adopt"
        case .terminated: return "stopped by SIGTERM; artifacts written, the platform job, if any, left running for the next apply to adopt"
        case .alreadyRunning: return "another sandbox-refresh process holds this sandbox's local run lock (--no-wait); nothing was sent"
        case .internalError: return "the tool's walk of the plan graph went wrong (a defect: please report it); the outcome is journaled and the artifacts written, the platform job, if any, left running"
        }
    }
}

/// What ended a step: the outcome it forces on the run and why.
public struct StepFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var outcome: RunOutcome
    public var message: String

    public init(_ outcome: RunOutcome, _ message: String) {
        self.outcome = outcome
        self.message = message
    }

    public var description: String { message }
}
