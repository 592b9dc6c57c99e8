public struct Credentials: Sendable, Hashable, Codable {
    public var clientId: SecretValue
    public var clientSecret: SecretValue

    public init(clientId: SecretValue, clientSecret: SecretValue) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }
}

/// The organization a plan expects a set of credentials to belong to, checked against
/// `GET /api/v2/organizations/me` in preflight. Either key alone pins it.
public struct ExpectedOrganization: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?

    public init(id: String? = nil, name: String? = nil) {
        self.id = id
        self.name = name
    }

    /// "id 1234 (name Acme)"
    public var text: String {
        [id.map { "id \($0)" }, name.map { "name '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
    }
}

/// The production organization the refresh copies from.
public struct OrganizationTarget: Sendable, Hashable, Codable {
    /// A Genesys Cloud domain such as `mypurecloud.com` (region names are normalized to it).
    public var region: String?
    /// Overrides the API host, e.g. `http://127.0.0.1:9080` for the emulator.
    public var apiBase: String?
    public var credentials: Credentials
    /// The organization the credentials must resolve to (`production.organization`).
    public var organization: ExpectedOrganization?

    public init(region: String?, apiBase: String? = nil, credentials: Credentials, organization: ExpectedOrganization? = nil) {
        self.region = region
        self.apiBase = apiBase
        self.credentials = credentials
        self.organization = organization
    }
}

/// The sandbox organization being refreshed.
public struct SandboxTarget: Sendable, Hashable, Codable {
    public var id: String
    /// Domain of the sandbox organization; nil means the production region.
    public var region: String?
    public var apiBase: String?
    public var credentials: Credentials
    /// The organization the credentials must resolve to (`sandbox.organization`).
    public var organization: ExpectedOrganization?

    public init(id: String, region: String? = nil, apiBase: String? = nil, credentials: Credentials, organization: ExpectedOrganization? = nil) {
        self.id = id
        self.region = region
        self.apiBase = apiBase
        self.credentials = credentials
        self.organization = organization
    }
}
