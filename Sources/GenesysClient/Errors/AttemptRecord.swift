import GenesysWire
import Timekeeping

/// One try of a request: what was sent when, what came back, and how long we waited first.
public struct AttemptRecord: Sendable, Hashable, CustomStringConvertible {
    public var number: Int
    public var startedAt: Moment
    public var duration: Duration
    /// Time spent waiting before this attempt (backoff, Retry-After, rate limiter, breaker).
    public var waitedBefore: Duration
    public var status: Int?
    public var networkError: TransportError.Kind?
    public var correlationId: String?

    public init(number: Int, startedAt: Moment, duration: Duration, waitedBefore: Duration, status: Int?, networkError: TransportError.Kind?, correlationId: String?) {
        self.number = number
        self.startedAt = startedAt
        self.duration = duration
        self.waitedBefore = waitedBefore
        self.status = status
        self.networkError = networkError
        self.correlationId = correlationId
    }

    public var endedAt: Moment { startedAt.advanced(by: duration) }

    public var description: String {
        let outcome = status.map { "HTTP \($0)" } ?? networkError.map { "network error \($0.rawValue)" } ?? "no outcome"
        return "attempt \(number) at \(startedAt): \(outcome)"
    }
}

extension [AttemptRecord] {
    /// "retried 4 times over 2m", "not retried": what the tool did, for people.
    public var retrySummary: String {
        guard let first, let last, count > 1 else { return "not retried" }
        let span = first.startedAt.duration(to: last.endedAt)
        let times = count == 2 ? "once" : count == 3 ? "twice" : "\(count - 1) times"
        return "retried \(times) over \(span.formattedSeconds)"
    }
}
