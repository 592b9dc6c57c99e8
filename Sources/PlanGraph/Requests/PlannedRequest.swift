import GenesysWire

/// Where a request goes.
public enum RequestTarget: String, Sendable, Hashable, Codable, CaseIterable {
    /// The production organization's API host.
    case production
    /// The sandbox organization's API host.
    case sandbox
    /// A login host (`POST /oauth/token`).
    case productionLogin = "production-login"
    case sandboxLogin = "sandbox-login"
    /// The plan's failure webhook.
    case webhook
}

/// A request a step sends, as the plan preview shows it and the executor sends it.
public struct PlannedRequest: Sendable, Hashable, Codable {
    public var target: RequestTarget
    public var request: APIRequest
    /// Headers shown in the preview; secrets appear as `(sensitive)`.
    public var displayHeaders: [String]
    /// When and how often: "once per user", "per batch of 100 flows", "only if the job is stale".
    public var repeatNote: String?

    public init(_ target: RequestTarget, _ request: APIRequest, displayHeaders: [String] = [], repeatNote: String? = nil) {
        self.target = target
        self.request = request
        self.displayHeaders = displayHeaders
        self.repeatNote = repeatNote
    }
}
