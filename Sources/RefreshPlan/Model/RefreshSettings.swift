/// Why a full (`ALL`) refresh is allowed; the guide reserves `ALL` for these cases.
public enum Justification: String, Sendable, Hashable, Codable, CaseIterable {
    case complianceAudit = "compliance-audit"
    case disasterRecovery = "disaster-recovery"
    case preReleaseValidation = "pre-release-validation"
}

public enum Jitter: String, Sendable, Hashable, Codable, CaseIterable {
    case none, full, equal
}

/// Exponential backoff for status polling.
public struct PollingPolicy: Sendable, Hashable, Codable {
    @DurationString public var initialInterval: Duration
    public var multiplier: Double
    @DurationString public var maxInterval: Duration
    public var jitter: Jitter

    public init(initialInterval: Duration = .seconds(15), multiplier: Double = 2, maxInterval: Duration = .seconds(120), jitter: Jitter = .full) {
        self.initialInterval = initialInterval
        self.multiplier = multiplier
        self.maxInterval = maxInterval
        self.jitter = jitter
    }
}

/// Pause after a run of 503s so the tool does not amplify platform instability.
public struct CircuitBreakerPolicy: Sendable, Hashable, Codable {
    public var consecutive503: Int
    @DurationString public var pause: Duration

    public init(consecutive503: Int = 3, pause: Duration = .seconds(30)) {
        self.consecutive503 = consecutive503
        self.pause = pause
    }
}

public enum RetryCondition: Sendable, Hashable, Codable, CustomStringConvertible {
    case status(Int)
    case network

    /// What the official SDKs retry; everything else is a client or permanent error.
    public static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    public var description: String {
        switch self {
        case .status(let code): return String(code)
        case .network: return "network"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let code = try? container.decode(Int.self) { self = .status(code) } else {
            let text = try container.decode(String.self)
            guard text == "network" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown retry condition '\(text)'")
            }
            self = .network
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .status(let code): try container.encode(code)
        case .network: try container.encode("network")
        }
    }
}

public struct RetryPolicy: Sendable, Hashable, Codable {
    public var maxAttempts: Int
    public var on: [RetryCondition]

    public init(maxAttempts: Int = 5, on: [RetryCondition] = [.status(429), .status(502), .status(503), .status(504), .network]) {
        self.maxAttempts = maxAttempts
        self.on = on
    }
}

public struct RefreshSettings: Sendable, Hashable, Codable {
    public var scope: Scope
    public var preserveSandboxUsers: Bool
    public var description: String
    public var justification: Justification?
    public var preClearSessions: Bool
    @DurationString public var maxWait: Duration
    public var polling: PollingPolicy
    public var circuitBreaker: CircuitBreakerPolicy
    public var retry: RetryPolicy

    public init(
        scope: Scope, preserveSandboxUsers: Bool = true, description: String = "Automated sandbox refresh",
        justification: Justification? = nil, preClearSessions: Bool = false, maxWait: Duration = .seconds(4 * 3600),
        polling: PollingPolicy = PollingPolicy(), circuitBreaker: CircuitBreakerPolicy = CircuitBreakerPolicy(),
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.scope = scope
        self.preserveSandboxUsers = preserveSandboxUsers
        self.description = description
        self.justification = justification
        self.preClearSessions = preClearSessions
        self.maxWait = maxWait
        self.polling = polling
        self.circuitBreaker = circuitBreaker
        self.retry = retry
    }
}
