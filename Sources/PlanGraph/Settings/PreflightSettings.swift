/// The organization a set of credentials must resolve to (`production.organization`,
/// `sandbox.organization`). Either key alone pins it.
public struct OrganizationPin: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?

    public init(id: String? = nil, name: String? = nil) {
        self.id = id
        self.name = name
    }

    /// "id 1234, name 'Acme'"
    public var text: String {
        [id.map { "id \($0)" }, name.map { "name '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
    }
}

/// A preflight node's settings: which organization, the scopes its token needs, and the pins
/// its identity is checked against.
public struct PreflightSettings: Sendable, Hashable, Codable {
    public var organization: Organization
    public var requiredScopes: [String]
    /// The pin of this organization's credentials.
    public var expected: OrganizationPin?
    /// Production's pin: the sandbox's preflight refuses credentials that resolve to it.
    public var productionPin: OrganizationPin?

    public init(_ organization: Organization, requiredScopes: [String], expected: OrganizationPin? = nil, productionPin: OrganizationPin? = nil) {
        self.organization = organization
        self.requiredScopes = requiredScopes
        self.expected = expected
        self.productionPin = productionPin
    }
}
