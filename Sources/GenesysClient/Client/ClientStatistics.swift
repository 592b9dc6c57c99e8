import Synchronization

/// Counters of one client's traffic, for run reports ("requests by endpoint") and tests.
public struct ClientStatistics: Sendable, Hashable {
    /// Requests sent, by `APIRequest.operation`, every attempt counted.
    public var requestsByOperation: [String: Int] = [:]
    /// Attempts that were retries of an earlier one (401 re-logins included).
    public var retries = 0
    public var rateLimited429 = 0
    /// Time spent waiting out 429s before retrying.
    public var rateLimitWait: Duration = .zero
    /// Fresh logins after a 401 on a current token.
    public var relogins = 0
    public var breakerOpenings = 0
    /// Successful logins (the first one and every renewal).
    public var logins = 0
    /// Time spent waiting on our own rate limiter.
    public var rateLimiterWait: Duration = .zero

    public init() {}

    public var totalRequests: Int { requestsByOperation.values.reduce(0, +) }
}

/// The shared, lockable counters behind `GenesysClient.statistics`.
final class StatisticsRecorder: Sendable {
    private let state = Mutex(ClientStatistics())

    var snapshot: ClientStatistics { state.withLock { $0 } }

    func update(_ change: (inout ClientStatistics) -> Void) {
        state.withLock { change(&$0) }
    }
}
