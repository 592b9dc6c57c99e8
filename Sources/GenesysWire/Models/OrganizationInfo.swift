/// `GET /api/v2/organizations/me` (reference model `Organization`; named apart from the plan
/// graph's production/sandbox `Organization`): who a token belongs to.
public struct OrganizationInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var domain: String?
    public var thirdPartyOrgName: String?
    public var defaultCountryCode: String?
    public var defaultLanguage: String?
    /// `active`, `inactive` or `deleted`.
    public var state: String?
    public var productPlatform: String?
    public var version: Int?
    public var selfUri: String?

    public init(id: String, name: String?, domain: String? = nil, thirdPartyOrgName: String? = nil, defaultCountryCode: String? = "US",
                defaultLanguage: String? = "en-us", state: String? = "active", productPlatform: String? = "GenesysCloud", version: Int? = 1) {
        self.id = id
        self.name = name
        self.domain = domain
        self.thirdPartyOrgName = thirdPartyOrgName
        self.defaultCountryCode = defaultCountryCode
        self.defaultLanguage = defaultLanguage
        self.state = state
        self.productPlatform = productPlatform
        self.version = version
        self.selfUri = "/api/v2/organizations/\(id)"
    }
}
