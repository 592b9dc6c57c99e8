/// `GET/PUT /api/v2/integrations/credentials/{credentialId}` (reference model `Credential`).
/// It has no `version`, and GET returns `credentialFields` redacted, so a write cannot be
/// compared with what is there.
public struct Credential: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    /// `CredentialType`: only its name is read (`basicAuth`, `userDefinedOAuth`, ...).
    public var type: CredentialTypeRef?
    public var credentialFields: [String: String]?
    public var selfUri: String?

    public init(id: String?, name: String?, type: CredentialTypeRef?, credentialFields: [String: String]?) {
        self.id = id
        self.name = name
        self.type = type
        self.credentialFields = credentialFields
        self.selfUri = id.map { "/api/v2/integrations/credentials/\($0)" }
    }
}

/// The reference's `CredentialType`, its identifying fields only.
public struct CredentialTypeRef: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?

    public init(id: String? = nil, name: String?) {
        self.id = id
        self.name = name
    }
}

/// A credential without its fields: the listing's entries and the PUT's answer (`CredentialInfo`).
public struct CredentialInfo: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var createdDate: String?
    public var modifiedDate: String?
    public var type: CredentialTypeRef?
    public var selfUri: String?

    public init(id: String?, name: String?, createdDate: String? = nil, modifiedDate: String? = nil, type: CredentialTypeRef?) {
        self.id = id
        self.name = name
        self.createdDate = createdDate
        self.modifiedDate = modifiedDate
        self.type = type
        self.selfUri = id.map { "/api/v2/integrations/credentials/\($0)" }
    }
}
