import Foundation
import GenesysWire
import Timekeeping

/// The retry policy, free of I/O: given how an attempt ended, decide to try again after a
/// delay or to give up, and why. The only state is the jitter generator, seeded, so that the
/// same inputs always give the same decisions.
public struct RetryStateMachine: Sendable {
    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        case giveUp(GiveUpReason)
    }

    /// Statuses whose answer is final whatever the configuration says: the request itself is
    /// wrong (400), the token (401, handled by one re-login before this policy), the permissions
    /// (403), the target (404), the platform's state (409), or the method (501).
    public static let neverRetried: Set<Int> = [400, 401, 403, 404, 409, 501]

    public let configuration: RetryConfiguration
    private var generator: SplitMix64

    public init(configuration: RetryConfiguration, seed: UInt64) {
        self.configuration = configuration
        generator = SplitMix64(seed: seed)
    }

    /// - Parameters:
    ///   - attempt: the number of the attempt that just ended, from 1.
    ///   - now: when it ended; the retry would start at `now + delay`.
    public mutating func decide(outcome: AttemptOutcome, attempt: Int, isIdempotent: Bool, now: Moment, deadline: Moment?) -> Decision {
        let delay: Duration
        switch outcome {
        case .response(let status, _) where status < 400:
            // Callers never ask about successes; answering keeps the function total.
            return .giveUp(.notRetryable(status: status))
        case .response(401, _):
            return .giveUp(.unauthorized)
        case .response(429, let headers):
            // The server refused the request before acting on it, so any method may be resent,
            // but exactly when the server says: earlier earns another 429.
            if let retryAfter = Self.retryAfter(headers) {
                if retryAfter > configuration.maxRetryAfter { return .giveUp(.retryAfterTooLong(retryAfter)) }
                delay = retryAfter
            } else {
                delay = backoff(attempt: attempt)
            }
        case .response(let status, _):
            guard !Self.neverRetried.contains(status), configuration.retryableStatuses.contains(status) else {
                return .giveUp(.notRetryable(status: status))
            }
            guard isIdempotent else { return .giveUp(.ambiguousNonIdempotent) }
            delay = backoff(attempt: attempt)
        case .networkError:
            guard configuration.retriesNetworkErrors else { return .giveUp(.attemptsExhausted(attempts: attempt)) }
            guard isIdempotent || outcome.certainlyNotDelivered else { return .giveUp(.ambiguousNonIdempotent) }
            delay = backoff(attempt: attempt)
        }
        if attempt >= configuration.maxAttempts { return .giveUp(.attemptsExhausted(attempts: attempt)) }
        if let deadline, now.advanced(by: delay) > deadline { return .giveUp(.deadlineExceeded) }
        return .retry(after: delay)
    }

    /// Full jitter: uniformly anywhere in [0, min(maxDelay, base·2^(attempt-1))], so that many
    /// clients failing together do not come back together.
    public mutating func backoff(attempt: Int) -> Duration {
        let cap = Self.exponentialCap(base: configuration.baseDelay, max: configuration.maxDelay, attempt: attempt)
        let capNanos = UInt64(max(0, cap.nanoseconds))
        guard capNanos > 0 else { return .zero }
        let pick = generator.next() % (capNanos + 1)
        return .nanoseconds(Int64(pick))
    }

    public static func exponentialCap(base: Duration, max maxDelay: Duration, attempt: Int) -> Duration {
        let doublings = Swift.max(0, Swift.min(attempt - 1, 40))
        let scaled = base.nanoseconds.multipliedReportingOverflow(by: Int64(1) << doublings)
        if scaled.overflow { return maxDelay }
        return Swift.min(.nanoseconds(scaled.partialValue), maxDelay)
    }

    /// `Retry-After: 42` (seconds). The HTTP-date form is not used by the Platform API; when it
    /// or garbage appears, the caller falls back to backoff.
    public static func retryAfter(_ headers: WireHeaders) -> Duration? {
        guard let raw = headers[WireHeader.retryAfter]?.trimmingCharacters(in: .whitespaces), let seconds = Double(raw), seconds >= 0, seconds.isFinite else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        let (whole, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return parts.seconds < 0 ? .min : .max }
        return whole + parts.attoseconds / 1_000_000_000
    }
}
