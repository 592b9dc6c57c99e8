public struct Credentials: Sendable, Hashable, Codable {
    public var clientId: SecretValue
    public var clientSecret: SecretValue

    public init(clientId: SecretValue, clientSecret: SecretValue) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }
}

/// The production organization the refresh copies from.
public struct OrganizationTarget: Sendable, Hashable, Codable {
    /// A Genesys Cloud domain such as `mypurecloud.com` (region names are normalized to it).
    public var region: String?
    /// Overrides the API host, e.g. `http://127.0.0.1:9080` for the emulator.
    public var apiBase: String?
    public var credentials: Credentials

    public init(region: String?, apiBase: String? = nil, credentials: Credentials) {
        self.region = region
        self.apiBase = apiBase
        self.credentials = credentials
    }
}

/// The sandbox organization being refreshed.
public struct SandboxTarget: Sendable, Hashable, Codable {
    public var id: String
    /// Domain of the sandbox organization; nil means the production region.
    public var region: String?
    public var apiBase: String?
    public var credentials: Credentials

    public init(id: String, region: String? = nil, apiBase: String? = nil, credentials: Credentials) {
        self.id = id
        self.region = region
        self.apiBase = apiBase
        self.credentials = credentials
    }
}
