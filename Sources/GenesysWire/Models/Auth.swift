/// `POST /oauth/token` (client credentials) answer.
public struct TokenResponse: Sendable, Hashable, Codable {
    public var accessToken: String
    public var tokenType: String
    public var expiresIn: Int

    public init(accessToken: String, tokenType: String = "bearer", expiresIn: Int) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

/// `GET /api/v2/tokens/me`.
public struct TokenInfo: Sendable, Hashable, Codable {
    public struct NamedEntity: Sendable, Hashable, Codable {
        public var id: String
        public var name: String?

        public init(id: String, name: String?) {
            self.id = id
            self.name = name
        }
    }

    public struct OAuthClient: Sendable, Hashable, Codable {
        public var id: String
        public var name: String?
        public var authorizedGrantType: String?
        public var scope: [String]?
        public var organization: NamedEntity?

        public init(id: String, name: String?, authorizedGrantType: String?, scope: [String]?, organization: NamedEntity? = nil) {
            self.id = id
            self.name = name
            self.authorizedGrantType = authorizedGrantType
            self.scope = scope
            self.organization = organization
        }
    }

    /// Reference model `TokenInfoClonedUser`: sent only for a token of a cloned user.
    public struct ClonedUser: Sendable, Hashable, Codable {
        public struct OrganizationRef: Sendable, Hashable, Codable {
            public var id: String?
        }

        public var id: String?
        public var organization: OrganizationRef?

        public init(id: String?, organizationId: String?) {
            self.id = id
            self.organization = organizationId.map { OrganizationRef(id: $0) }
        }
    }

    public var organization: NamedEntity?
    public var homeOrganization: NamedEntity?
    public var authorizedScope: [String]?
    /// Absent unless the token belongs to a cloned user (an object, never a boolean).
    public var clonedUser: ClonedUser?
    public var oAuthClient: OAuthClient?

    public init(organization: NamedEntity?, authorizedScope: [String], oAuthClient: OAuthClient?, clonedUser: ClonedUser? = nil) {
        self.organization = organization
        self.homeOrganization = organization
        self.authorizedScope = authorizedScope
        self.clonedUser = clonedUser
        self.oAuthClient = oAuthClient
    }

    enum CodingKeys: String, CodingKey {
        case organization, homeOrganization, authorizedScope, clonedUser
        case oAuthClient = "OAuthClient"
    }
}
