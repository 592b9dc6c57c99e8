/// The API client's retry and circuit-breaker policy (`refresh.retry`, `refresh.circuitBreaker`).
public struct ClientPolicy: Sendable, Hashable, Codable {
    public var maxAttempts: Int
    /// Statuses retried (429 is always honoured through Retry-After, listed or not).
    public var retryStatuses: [Int]
    public var retriesNetworkErrors: Bool
    public var consecutive503: Int
    public var pause: Duration

    public init(maxAttempts: Int, retryStatuses: [Int], retriesNetworkErrors: Bool, consecutive503: Int, pause: Duration) {
        self.maxAttempts = maxAttempts
        self.retryStatuses = retryStatuses
        self.retriesNetworkErrors = retriesNetworkErrors
        self.consecutive503 = consecutive503
        self.pause = pause
    }
}

/// What holds for the whole run rather than one step: names, where artifacts go, and how the
/// clients retry.
public struct RunSettings: Sendable, Hashable, Codable {
    public var planName: String
    public var sandboxId: String
    /// The scope as the plan wrote it (`refresh.scope`): what the run starts from.
    public var scope: RefreshScope
    /// `artifacts.directory`: runs write under `<directory>/<sandbox id>/<run id>/`.
    public var artifactsDirectory: String
    public var client: ClientPolicy

    public init(planName: String, sandboxId: String, scope: RefreshScope, artifactsDirectory: String, client: ClientPolicy) {
        self.planName = planName
        self.sandboxId = sandboxId
        self.scope = scope
        self.artifactsDirectory = artifactsDirectory
        self.client = client
    }
}
