import Foundation
import Timekeeping

/// Why a runner is waiting for the journal rather than using it. Each is a refusal that proves
/// the statement never ran, so trying again can neither lose nor double a write.
public enum ConnectionWaitReason: String, Sendable, Hashable, CaseIterable {
    /// The server refused the session: SQLSTATE 53300, "sorry, too many clients already", or
    /// PgBouncer's "no more connections allowed".
    case tooManyClients = "too-many-clients"
    /// The pool could not get a connection (its connection attempts kept failing, or PgBouncer
    /// queued the client past its `query_wait_timeout`).
    case poolExhausted = "pool-exhausted"
    /// The server is starting or shutting down (SQLSTATE 57P03): it takes sessions again soon.
    case serverNotReady = "server-not-ready"
}

/// The wait for a journal connection, free of I/O: given that an attempt was refused, wait a
/// jittered, growing delay, or give up once the whole wait would pass `limit`. A fleet whose
/// runners are refused together must not come back together, hence full jitter (as the
/// platform client's `RetryStateMachine` has it); the cap keeps a runner that waits minutes
/// from sleeping through the moment a slot frees.
public struct ConnectionWait: Sendable {
    public enum Decision: Sendable, Hashable {
        /// Try again after `delay`; `waited` is the wait so far.
        case retry(after: Duration, waited: Duration)
        /// The wait is over: `waited` reached the limit.
        case exhausted(waited: Duration)
    }

    public let limit: Duration
    public let baseDelay: Duration
    public let maxDelay: Duration
    private var generator: SplitMix64
    /// When the current wait started: the first refusal since the last success.
    private(set) var startedAt: Moment?
    private(set) var attempts = 0

    public init(limit: Duration, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10), seed: UInt64) {
        self.limit = limit
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        generator = SplitMix64(seed: seed)
    }

    /// An attempt at `now` was refused for `reason`.
    public mutating func refused(_ reason: ConnectionWaitReason, at now: Moment) -> Decision {
        let started = startedAt ?? now
        startedAt = started
        attempts += 1
        let waited = started.duration(to: now)
        if waited >= limit { return .exhausted(waited: waited) }
        // Never sleep past the limit: the last attempt is made as the wait runs out.
        let delay = min(backoff(), limit - waited)
        return .retry(after: max(delay, .milliseconds(1)), waited: waited)
    }

    /// An attempt succeeded: the next refusal starts a new wait.
    public mutating func succeeded() {
        startedAt = nil
        attempts = 0
    }

    /// Anywhere in [cap/2, cap], cap = min(maxDelay, base·2^(attempt-1)): the lower half keeps
    /// a runner from hammering a full server, the upper half spreads a fleet out.
    private mutating func backoff() -> Duration {
        let doublings = Swift.min(attempts - 1, 30)
        let cap = Swift.min(baseDelay * (1 << doublings), maxDelay)
        let capNanos = cap.components.seconds * 1_000_000_000 + cap.components.attoseconds / 1_000_000_000
        guard capNanos > 1 else { return cap }
        let half = capNanos / 2
        let pick = half + Int64(generator.next() % UInt64(capNanos - half + 1))
        return .nanoseconds(pick)
    }
}

/// One refused attempt as an operator reads it: in the log as `journal.waiting`, and in
/// `status` while the wait lasts.
public struct JournalWaitEvent: Sendable, Hashable {
    public var reason: ConnectionWaitReason
    /// PostgreSQL's (or PgBouncer's) own words.
    public var detail: String
    public var waited: Duration
    public var retryIn: Duration
    public var limit: Duration
    /// The journal URL without credentials.
    public var location: String

    public var message: String {
        "waiting for a journal connection (\(reason.rawValue): \(detail)); waited \(waited.formattedSeconds) of \(limit.formattedSeconds), next try in \(retryIn.formattedSeconds)"
    }
}

/// A wait for a connection that ran out: the one line an exhausted runner ends with (exit 11).
public struct ConnectionWaitExhausted: Error, CustomStringConvertible, Sendable {
    public var reason: ConnectionWaitReason
    public var detail: String
    public var waited: Duration
    public var location: String

    public var description: String {
        "no connection to the journal at \(location) within \(waited.formattedSeconds) (\(reason.rawValue): \(detail)); raise connectWait in the journal URL, or the server's max_connections"
    }
}
