/// How one client paces, retries and protects itself. Defaults follow the Platform API's
/// published limits and the official SDKs' retry practice.
public struct ClientConfiguration: Sendable, Hashable {
    /// The per-token budget of the Platform API (300/min by default; some orgs differ).
    public var requestsPerMinute: Int
    /// Requests that may leave at once before pacing starts. The steady rate is lowered by the
    /// same amount so that no 60-second window ever exceeds `requestsPerMinute`.
    public var burst: Int
    public var retry: RetryConfiguration
    public var circuitBreaker: CircuitBreakerConfiguration
    public var connectTimeout: Duration
    /// The longest one request may take from send to last byte.
    public var readTimeout: Duration
    /// Pages of a listing fetched at once by `fetchAll` (all still pass the rate limiter).
    public var pagingConcurrency: Int
    /// Seeds the backoff jitter so that runs (and tests) are reproducible.
    public var jitterSeed: UInt64

    public init(
        requestsPerMinute: Int = 300,
        burst: Int = 10,
        retry: RetryConfiguration = RetryConfiguration(),
        circuitBreaker: CircuitBreakerConfiguration = CircuitBreakerConfiguration(),
        connectTimeout: Duration = .seconds(10),
        readTimeout: Duration = .seconds(60),
        pagingConcurrency: Int = 4,
        jitterSeed: UInt64 = 0x5EED_CAFE
    ) {
        self.requestsPerMinute = requestsPerMinute
        self.burst = burst
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.pagingConcurrency = pagingConcurrency
        self.jitterSeed = jitterSeed
    }
}

public struct RetryConfiguration: Sendable, Hashable {
    /// Attempts in total, the first one included (5 = "retried 4 times").
    public var maxAttempts: Int
    /// Server statuses answered with exponential backoff (idempotent requests only).
    /// 429 is always handled through `Retry-After`; statuses in `RetryStateMachine.neverRetried`
    /// are never retried even if listed here.
    public var retryableStatuses: Set<Int>
    /// Whether transport failures (reset, timeout, refused) are retried.
    public var retriesNetworkErrors: Bool
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A 429 asking for a longer wait than this is given up on (the SDKs use 180 s).
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 5,
        retryableStatuses: Set<Int> = [502, 503, 504],
        retriesNetworkErrors: Bool = true,
        baseDelay: Duration = .seconds(1),
        maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(180)
    ) {
        self.maxAttempts = maxAttempts
        self.retryableStatuses = retryableStatuses
        self.retriesNetworkErrors = retriesNetworkErrors
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }
}

public struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// Consecutive 503s from one host that open the breaker.
    public var consecutive503: Int
    /// How long every caller holds off once it is open (the guide: thirty seconds).
    public var pause: Duration

    public init(consecutive503: Int = 3, pause: Duration = .seconds(30)) {
        self.consecutive503 = consecutive503
        self.pause = pause
    }
}
