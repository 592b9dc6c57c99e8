import Timekeeping

/// A token bucket driven by the instants it is given, never by a clock of its own.
///
/// Callers *reserve* rather than poll: the bucket may go into debt, and each reservation is
/// told how long to wait for its token. Concurrent callers are thereby queued in arrival order
/// at evenly spaced instants, with no wake-ups and no thundering herd.
public struct TokenBucket: Sendable, Hashable {
    public let capacity: Double
    public let tokensPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Moment

    public init(capacity: Double, tokensPerSecond: Double, now: Moment) {
        precondition(capacity >= 1 && tokensPerSecond > 0, "a token bucket needs room for one token and a positive rate")
        self.capacity = capacity
        self.tokensPerSecond = tokensPerSecond
        tokens = capacity
        updatedAt = now
    }

    /// A budget of `requestsPerMinute` of which `burst` may leave at once. The refill rate is
    /// `(requestsPerMinute - burst) / 60` so that any 60-second window holds at most
    /// `burst + rate·60 = requestsPerMinute` requests, which is what the platform counts.
    public init(requestsPerMinute: Int, burst: Int, now: Moment) {
        let perMinute = max(1, requestsPerMinute)
        let burst = min(max(1, burst), perMinute)
        let refill = perMinute > burst ? Double(perMinute - burst) : Double(perMinute)
        self.init(capacity: Double(burst), tokensPerSecond: refill / 60, now: now)
    }

    /// Takes one token and returns how long the caller must wait before using it (zero when
    /// one was in the bucket).
    public mutating func reserve(now: Moment) -> Duration {
        refill(now: now)
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .seconds(-tokens / tokensPerSecond)
    }

    /// The wait a reservation made now would get, without making it.
    public func wait(now: Moment) -> Duration {
        var copy = self
        return copy.reserve(now: now)
    }

    /// Returns a token a caller reserved but did not use (cancelled, or gave up before sending).
    public mutating func refund(now: Moment) {
        refill(now: now)
        tokens = min(capacity, tokens + 1)
    }

    private mutating func refill(now: Moment) {
        let elapsed = updatedAt.duration(to: now)
        guard elapsed > .zero else { return }
        tokens = min(capacity, tokens + elapsed.seconds * tokensPerSecond)
        updatedAt = now
    }
}
